"""Issue 11: importing a case file stores its rows in a few round trips, not a dozen an event, and
the ledger still holds one hash-chained entry per row that names it, so ``fairwitness verify``
catches a change, a deletion or a cut in an imported case exactly as in one built by hand.

Before, every event cost its own head lock, case-head query, entry, checkpoint, event, version and
pointer update (about 10 ms an event): a 10,000-event file, which the limit allows, outlasted the
web's 60 s request timeout. ``bench/import_bench.py`` measures it; here the round trips are counted.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairwitness.cases import actions
from fairwitness.cases.integrity import verify_database
from fairwitness.cases.models import Case, ChildRecord, Event, EventVersion, PersonRecord
from fairwitness.ledger import chain
from fairwitness.ledger.exportcheck import verify_export
from fairwitness.ledger.models import Checkpoint, LedgerEntry, LedgerHead
from fairwitness.ledger.records import records_of
from fairwitness.ledger.store import head, latest_checkpoint

pytestmark = pytest.mark.django_db
START = date(2023, 1, 2)


def case_file(events: int) -> dict[str, Any]:
    """A valid case file of ``events`` events of several kinds, three children and two parents."""
    made: list[dict[str, Any]] = []
    for i in range(events):
        at = (START + timedelta(days=i // 3)).isoformat()
        kind = ("assessment_started", "consent", "complaint_made")[i % 3]
        event: dict[str, Any] = {"id": f"e{i + 1}", "kind": kind, "at": at, "note": f"Note {i + 1}"}
        if kind == "assessment_started":
            event["basis"] = "s17"
        elif kind == "consent":
            event.update(person="p1", activity="assessment", decision="given", informed=bool(i % 2))
        else:
            event.update(stage=1, subject=f"Complaint {i + 1}")
        made.append(event)
    return {
        "format": "fairwitness-case/1",
        "jurisdiction": "england",
        "local_authority": "Exampleshire County Council",
        "children": [{"id": f"c{n}", "name": f"Child {n}", "date_of_birth": "2015-03-02"} for n in (1, 2, 3)],
        "people": [{"id": "p1", "name": "Jo", "role": "mother", "parental_responsibility": True},
                   {"id": "p2", "name": "Sam", "role": "father", "parental_responsibility": True}],
        "events": made,
    }


def _sql(statement: str, *params: Any) -> None:
    with connection.cursor() as cur:
        cur.execute(statement, params)


def _import_queries(owner: Any, events: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        actions.import_case(owner, case_file(events), title=f"{events} events")
    return len(queries.captured_queries)


def test_import_round_trips_do_not_grow_with_the_events(make_user):
    """The defect: every event cost about ten queries, so a 10,000-event file took minutes."""
    owner = make_user("counts@example.org")
    _import_queries(owner, 1)  # the first write of all also creates the ledger's head row
    small = _import_queries(owner, 30)
    large = _import_queries(owner, 300)
    # Rows go in multi-row INSERTs (SQLite takes about 150 rows a statement): a few more statements
    # for ten times the events, where there were about ten more for every event.
    assert large - small <= (300 - 30) // 50, f"{small} queries for 30 events but {large} for 300"


def test_an_imported_case_verifies_and_each_row_has_its_own_entry(make_user):
    owner = make_user("imported@example.org")
    case = actions.import_case(owner, case_file(120), title="Imported")
    report = verify_database()
    assert report.ok, report.problems

    entries = [json.loads(body) for body in
               LedgerEntry.objects.filter(case=str(case.public_id)).order_by("seq").values_list("body", flat=True)]
    actions_in_order = [e["action"] for e in entries]
    assert actions_in_order == (["case_created"] + ["child_added"] * 3 + ["person_added"] * 2
                                + ["event_recorded"] * 120 + ["case_imported"])
    # Each entry names its own row and is chained to the one before it, globally and in the case.
    assert chain.verify_case_chain(entries).ok
    for number, entry in enumerate(entries[6:126], start=1):
        assert entry["objects"]["event"] == f"e{number}"
        assert set(records_of(entry)) == {f"event:e{number}", f"version:e{number}:1"}
    for version in EventVersion.objects.filter(event__case=case).select_related("event"):
        assert LedgerEntry.objects.get(seq=version.ledger_seq).entry["objects"]["event"] == version.event.event_id
    # The signed checkpoint covers the new head, as after any write.
    assert (latest_checkpoint().seq, latest_checkpoint().hash) == head()
    # The family's export of it verifies on its own.
    assert verify_export(actions.export_case(case, owner)).ok


def test_imported_content_reads_back_as_given(make_user):
    owner = make_user("reads@example.org")
    data = case_file(40)
    case = actions.import_case(owner, data, title="Reads back")
    assert [e.data for e in Event.objects.filter(case=case).select_related("current").order_by("position")] \
        == data["events"]
    assert [c.data for c in case.children.all()] == data["children"]
    assert [p.data for p in case.people.all()] == data["people"]


# --- tampers with an imported case, done with SQL as an intruder would ------------------------------

@pytest.fixture
def imported(make_user) -> dict[str, Any]:
    owner = make_user("tampered@example.org")
    case = actions.import_case(owner, case_file(90), title="To tamper with")
    return {"owner": owner, "case": case, "receipt": latest_checkpoint().note}


def _version(case: Case, event_id: str) -> EventVersion:
    return EventVersion.objects.select_related("event__case").get(event__case=case, event__event_id=event_id, number=1)


def event_deleted(s: dict[str, Any]) -> None:
    event = Event.objects.get(case=s["case"], event_id="e45")
    _sql("UPDATE cases_event SET current_id = NULL WHERE id = %s", event.pk)
    _sql("DELETE FROM cases_eventversion WHERE event_id = %s", event.pk)
    _sql("DELETE FROM cases_event WHERE id = %s", event.pk)


def version_content_resealed(s: dict[str, Any]) -> None:
    version = _version(s["case"], "e44")
    data = {**version.data, "decision": "refused"}
    _sql("UPDATE cases_eventversion SET content_sealed = %s WHERE id = %s",
         s["case"].seal(data, version._aad("content")), version.pk)


def version_fingerprint_changed(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_eventversion SET content_sha256 = %s WHERE id = %s", "0" * 64, _version(s["case"], "e30").pk)


def version_created_at_changed(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_eventversion SET created_at = %s WHERE id = %s", "2023-01-01 09:00:00", _version(s["case"], "e7").pk)


def event_order_swapped(s: dict[str, Any]) -> None:
    first, second = (Event.objects.get(case=s["case"], event_id=i) for i in ("e10", "e11"))
    _sql("UPDATE cases_event SET position = %s WHERE id = %s", second.position, first.pk)
    _sql("UPDATE cases_event SET position = %s WHERE id = %s", first.position, second.pk)


def event_added(s: dict[str, Any]) -> None:
    _sql("INSERT INTO cases_event (case_id, event_id, position, created_at) VALUES (%s, 'e999', 999, %s)",
         s["case"].pk, "2024-05-01 10:00:00")


def person_deleted(s: dict[str, Any]) -> None:
    _sql("DELETE FROM cases_personrecord WHERE case_id = %s AND person_id = 'p2'", s["case"].pk)


def child_content_resealed(s: dict[str, Any]) -> None:
    child = ChildRecord.objects.get(case=s["case"], child_id="c2")
    _sql("UPDATE cases_childrecord SET content_sealed = %s WHERE id = %s",
         s["case"].seal({"id": "c2", "name": "Someone else"}, "child:c2"), child.pk)


def _entry_seq(case: Case, event_id: str) -> int:
    return int(_version(case, event_id).ledger_seq)


def ledger_entry_changed(s: dict[str, Any]) -> None:
    seq = _entry_seq(s["case"], "e50")
    _sql("UPDATE ledger_ledgerentry SET body = REPLACE(body, '\"event_recorded\"', '\"event_corrected\"') WHERE seq = %s", seq)


def ledger_entry_deleted(s: dict[str, Any]) -> None:
    _sql("DELETE FROM ledger_ledgerentry WHERE seq = %s", _entry_seq(s["case"], "e60"))


def import_cut_short(s: dict[str, Any]) -> None:
    """Cut the last 40 events' entries and their rows, move the head back, drop the checkpoints."""
    keep = _entry_seq(s["case"], "e50")
    doomed = list(Event.objects.filter(case=s["case"], position__gt=50).values_list("pk", flat=True))
    for pk in doomed:
        _sql("UPDATE cases_event SET current_id = NULL WHERE id = %s", pk)
        _sql("DELETE FROM cases_eventversion WHERE event_id = %s", pk)
        _sql("DELETE FROM cases_event WHERE id = %s", pk)
    _sql("DELETE FROM ledger_ledgerentry WHERE seq > %s", keep)
    _sql("UPDATE ledger_ledgerhead SET seq = %s, hash = %s WHERE id = 1", keep, LedgerEntry.objects.get(seq=keep).hash)
    _sql("DELETE FROM ledger_checkpoint WHERE seq > %s", keep)


# name, tamper, words the report must contain, whether the family's receipt is handed to verify
TAMPERS = [
    ("an imported event deleted", event_deleted, "event:e45 was recorded in ledger entry", False),
    ("an imported event's content re-sealed", version_content_resealed, "event e44 version 1: its content differs", False),
    ("an imported event's fingerprint changed", version_fingerprint_changed, "event e30 version 1: its fingerprint differs", False),
    ("an imported event's time changed", version_created_at_changed, "version:e7:1: its created_at differ", False),
    ("two imported events swapped", event_order_swapped, "event:e10: its position differ", False),
    ("an event slipped in", event_added, "event:e999 is stored but no ledger entry records it", False),
    ("an imported person deleted", person_deleted, "person:p2", False),
    ("an imported child re-sealed", child_content_resealed, "child c2: its content differs", False),
    ("an import entry changed", ledger_entry_changed, "its content does not match its hash", False),
    ("an import entry deleted", ledger_entry_deleted, "does not match the hash of the entry before it", False),
    ("the import cut short, head and checkpoints moved back", import_cut_short, "were cut off", True),
]


def test_an_untouched_import_verifies_with_the_receipt(imported):
    report = verify_database([imported["receipt"]])
    assert report.ok, report.problems


@pytest.mark.parametrize(("name", "tamper", "named", "receipt"), TAMPERS, ids=[t[0] for t in TAMPERS])
def test_a_tamper_with_an_imported_case_is_caught(imported, name, tamper, named, receipt):
    tamper(imported)
    report = verify_database([imported["receipt"]] if receipt else [])
    assert not report.ok, f"{name} was not caught"
    assert any(named in problem for problem in report.problems), report.problems


# --- all or nothing -----------------------------------------------------------------------------------

class Boom(Exception):
    pass


def _fail_at_event(monkeypatch: pytest.MonkeyPatch, failing: int) -> None:
    """Encryption fails on the ``failing``-th event (the disk full, the key gone): half-way."""
    real_seal = Case.seal
    calls = {"events": 0}

    def seal(self: Case, value: Any, aad: str) -> bytes:
        if aad.startswith("event:"):
            calls["events"] += 1
            if calls["events"] == failing:
                raise Boom("failed half-way")
        return real_seal(self, value, aad)

    monkeypatch.setattr(Case, "seal", seal)


def _fail_after_the_ledger(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ledger's entries are written, then storing the versions fails."""
    manager = type(EventVersion.objects)

    def bulk_create(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise Boom("failed after the ledger entries were written")

    monkeypatch.setattr(manager, "bulk_create", bulk_create)


@pytest.mark.parametrize("failure", ["half-way through the events", "after the ledger entries"])
def test_an_import_that_fails_half_way_leaves_nothing_behind(make_user, monkeypatch, failure):
    owner = make_user("all-or-nothing@example.org")
    actions.import_case(owner, case_file(5), title="Already there")
    before = {model.__name__: model._base_manager.count()
              for model in (Case, Event, EventVersion, ChildRecord, PersonRecord, LedgerEntry, Checkpoint)}
    head_before = LedgerHead.objects.values_list("seq", "hash").get()
    if failure == "half-way through the events":
        _fail_at_event(monkeypatch, 60)
    else:
        _fail_after_the_ledger(monkeypatch)
    with pytest.raises(Boom):
        actions.import_case(owner, case_file(120), title="Fails")
    monkeypatch.undo()
    after = {model.__name__: model._base_manager.count()
             for model in (Case, Event, EventVersion, ChildRecord, PersonRecord, LedgerEntry, Checkpoint)}
    assert after == before
    assert LedgerHead.objects.values_list("seq", "hash").get() == head_before
    report = verify_database()
    assert report.ok, report.problems
