"""Issue 10, finding 6: the database tampers an intruder with the data directory tried, as a table.

Each tamper is done the way an intruder would do it: SQL against the tables (with the master key
where they re-seal content, since it sits beside the database in the demo). ``verify`` must fail
and name the row or entry. A full rewrite of the ledger with recomputed hashes is caught by the
signed checkpoints: the stored ones, or (when those are deleted too) a receipt the family kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
import typer
from django.db import connection
from typer.testing import CliRunner

from fairwitness.cases import actions
from fairwitness.cases.commands import register
from fairwitness.cases.integrity import verify_database
from fairwitness.cases.models import Case, Document, Event, EventVersion, Membership
from fairwitness.ledger import chain
from fairwitness.ledger.models import LedgerEntry
from fairwitness.ledger.store import latest_checkpoint
from fairwitness.oversight import actions as oversight
from fairwitness.oversight.access import record_access
from fairwitness.oversight.models import Concern

pytestmark = pytest.mark.django_db


def _sql(statement: str, *params: Any) -> None:
    with connection.cursor() as cur:
        cur.execute(statement, params)


@pytest.fixture
def scene(family, other_family, make_user) -> dict[str, Any]:
    """A case with everything the intruder changed: a correction with its reason, a document on an
    event, a second member, consent given for chosen events and withdrawn, and looks at the file
    by the body (the newest entries: "who has seen my file")."""
    user, case = family
    actions.correct_event(case, user, "e1", {"kind": "assessment_started", "at": "2024-01-11", "basis": "s17"},
                          "It started a day later")
    event = Event.objects.get(case=case, event_id="e2")
    document = actions.attach_document(case, user, event, ("minutes.pdf", b"%PDF-1.4\n%Minutes\n%%EOF\n"))
    invitation = actions.invite_member(case, user, "gran@example.org")
    gran = make_user("gran@example.org")
    actions.accept_invitation(invitation.token, gran)
    concern = oversight.share_case(case, user, what_to_look_at="The assessment", urgency="soon", scope="chosen",
                                   event_ids=["e1"])
    oversight.withdraw(concern, user)
    reviewer = make_user("reviewer@example.org")
    receipt_before_looks = latest_checkpoint().note
    record_access(reviewer, case, what="event", why="triage", object_id="e1")
    record_access(reviewer, case, what="document", why="triage", object_id=str(document.public_id))
    return {"user": user, "case": case, "other": other_family[1], "document": document, "gran": gran,
            "concern": concern, "receipt": latest_checkpoint().note, "receipt_before_looks": receipt_before_looks}


def _version(case: Case, event_id: str, number: int) -> EventVersion:
    return EventVersion.objects.select_related("event__case").get(event__case=case, event__event_id=event_id, number=number)


# --- the tampers -------------------------------------------------------------------------------

def delete_whole_case(s: dict[str, Any]) -> None:
    case = s["case"]
    concerns = list(Concern.objects.filter(case=case).values_list("pk", flat=True))
    for pk in concerns:
        _sql("DELETE FROM oversight_concern_shared_documents WHERE concern_id = %s", pk)
        _sql("DELETE FROM oversight_concern WHERE id = %s", pk)
    _sql("DELETE FROM cases_document WHERE case_id = %s", case.pk)
    _sql("UPDATE cases_event SET current_id = NULL WHERE case_id = %s", case.pk)
    _sql("DELETE FROM cases_eventversion WHERE event_id IN (SELECT id FROM cases_event WHERE case_id = %s)", case.pk)
    for table in ("cases_event", "cases_childrecord", "cases_personrecord", "cases_membership", "cases_invitation"):
        _sql(f"DELETE FROM {table} WHERE case_id = %s", case.pk)  # noqa: S608 (fixed table names)
    _sql("DELETE FROM cases_case WHERE id = %s", case.pk)


def _cut_tail(count: int, *, drop_checkpoints: bool) -> None:
    last = LedgerEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    keep = last - count
    _sql("DELETE FROM ledger_ledgerentry WHERE seq > %s", keep)
    new_head = LedgerEntry.objects.get(seq=keep)
    _sql("UPDATE ledger_ledgerhead SET seq = %s, hash = %s WHERE id = 1", keep, new_head.hash)
    if drop_checkpoints:
        _sql("DELETE FROM ledger_checkpoint WHERE seq > %s", keep)


def cut_looks_head_moved_back(s: dict[str, Any]) -> None:
    _cut_tail(2, drop_checkpoints=False)


def cut_looks_head_and_checkpoints_moved_back(s: dict[str, Any]) -> None:
    _cut_tail(2, drop_checkpoints=True)


def version_created_by(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_eventversion SET created_by_id = %s WHERE id = %s", s["gran"].pk, _version(s["case"], "e1", 2).pk)


def version_created_at(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_eventversion SET created_at = %s WHERE id = %s", "2023-01-01 09:00:00", _version(s["case"], "e2", 1).pk)


def case_created_by(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_case SET created_by_id = %s WHERE id = %s", s["gran"].pk, s["case"].pk)


def case_created_at(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_case SET created_at = %s WHERE id = %s", "2020-06-01 09:00:00", s["case"].pk)


def document_created_by(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_document SET created_by_id = %s WHERE id = %s", s["gran"].pk, s["document"].pk)


def entered_after_fact(s: dict[str, Any]) -> None:
    version = _version(s["case"], "e2", 1)
    _sql("UPDATE cases_eventversion SET entered_after_fact = %s WHERE id = %s", not version.entered_after_fact, version.pk)


def correction_reason_resealed(s: dict[str, Any]) -> None:
    version = _version(s["case"], "e1", 2)
    _sql("UPDATE cases_eventversion SET reason_sealed = %s WHERE id = %s",
         s["case"].seal("The family asked us to change it", version._aad("reason")), version.pk)


def correction_reason_removed(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_eventversion SET reason_sealed = NULL WHERE id = %s", _version(s["case"], "e1", 2).pk)


def event_order_swapped(s: dict[str, Any]) -> None:
    e1, e2 = (Event.objects.get(case=s["case"], event_id=i) for i in ("e1", "e2"))
    _sql("UPDATE cases_event SET position = %s WHERE id = %s", e2.position, e1.pk)
    _sql("UPDATE cases_event SET position = %s WHERE id = %s", e1.position, e2.pk)


def case_title_resealed(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_case SET title_sealed = %s WHERE id = %s", s["case"].seal("Another family", "title"), s["case"].pk)


def case_council_changed(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_case SET local_authority_id = %s WHERE id = %s", s["other"].local_authority_id, s["case"].pk)


def case_header_resealed(s: dict[str, Any]) -> None:
    header = {**s["case"].header, "local_authority": "Leeds City Council"}
    _sql("UPDATE cases_case SET header_sealed = %s WHERE id = %s", s["case"].seal(header, "header"), s["case"].pk)


def document_event_changed(s: dict[str, Any]) -> None:
    e1 = Event.objects.get(case=s["case"], event_id="e1")
    _sql("UPDATE cases_document SET event_id = %s WHERE id = %s", e1.pk, s["document"].pk)


def document_content_type_changed(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_document SET content_type = %s WHERE id = %s", "image/png", s["document"].pk)


def document_filename_resealed(s: dict[str, Any]) -> None:
    document = s["document"]
    _sql("UPDATE cases_document SET filename_sealed = %s WHERE id = %s",
         s["case"].seal("court-order.pdf", f"document:{document.public_id}:name"), document.pk)


def document_size_changed(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_document SET size = size + 1 WHERE id = %s", s["document"].pk)


def document_row_deleted(s: dict[str, Any]) -> None:
    _sql("DELETE FROM oversight_concern_shared_documents WHERE document_id = %s", s["document"].pk)
    _sql("DELETE FROM cases_document WHERE id = %s", s["document"].pk)


def consent_widened_to_all(s: dict[str, Any]) -> None:
    _sql("UPDATE oversight_concern SET scope = 'all' WHERE id = %s", s["concern"].pk)


def consent_more_events(s: dict[str, Any]) -> None:
    _sql("UPDATE oversight_concern SET shared_event_ids = %s WHERE id = %s", json.dumps(["e1", "e2"]), s["concern"].pk)


def consent_document_added(s: dict[str, Any]) -> None:
    _sql("INSERT INTO oversight_concern_shared_documents (concern_id, document_id) VALUES (%s, %s)",
         s["concern"].pk, s["document"].pk)


def withdrawal_undone(s: dict[str, Any]) -> None:
    _sql("UPDATE oversight_concern SET withdrawn_at = NULL, withdrawn_by_id = NULL WHERE id = %s", s["concern"].pk)


def membership_added(s: dict[str, Any]) -> None:
    intruder = s["other"].created_by
    _sql("INSERT INTO cases_membership (case_id, user_id, role, created_at) VALUES (%s, %s, 'member', %s)",
         s["case"].pk, intruder.pk, "2024-05-01 10:00:00")


def membership_role_raised(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_membership SET role = 'owner' WHERE user_id = %s", s["gran"].pk)


def membership_deleted(s: dict[str, Any]) -> None:
    _sql("DELETE FROM cases_membership WHERE user_id = %s", s["gran"].pk)


def child_position_changed(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_childrecord SET position = 7 WHERE case_id = %s", s["case"].pk)


def person_deleted(s: dict[str, Any]) -> None:
    _sql("DELETE FROM cases_personrecord WHERE case_id = %s AND person_id = 'p2'", s["case"].pk)


def event_deleted(s: dict[str, Any]) -> None:
    event = Event.objects.get(case=s["case"], event_id="e1")
    _sql("UPDATE cases_event SET current_id = NULL WHERE id = %s", event.pk)
    _sql("DELETE FROM cases_eventversion WHERE event_id = %s", event.pk)
    _sql("DELETE FROM cases_event WHERE id = %s", event.pk)


def event_current_moved_back(s: dict[str, Any]) -> None:
    _sql("UPDATE cases_event SET current_id = %s WHERE case_id = %s AND event_id = 'e1'",
         _version(s["case"], "e1", 1).pk, s["case"].pk)


def version_content_resealed(s: dict[str, Any]) -> None:
    version = _version(s["case"], "e2", 1)
    data = {**version.data, "decision": "refused"}
    _sql("UPDATE cases_eventversion SET content_sealed = %s WHERE id = %s",
         s["case"].seal(data, version._aad("content")), version.pk)


def ledger_entry_changed(s: dict[str, Any]) -> None:
    _sql("UPDATE ledger_ledgerentry SET body = REPLACE(body, '\"owner\"', '\"member\"') WHERE seq = 2")


def ledger_entry_deleted_in_middle(s: dict[str, Any]) -> None:
    _sql("DELETE FROM ledger_ledgerentry WHERE seq = 5")


def checkpoint_forged(s: dict[str, Any]) -> None:
    newest = latest_checkpoint()
    note = newest.note.replace(f"\n{newest.size}\n", f"\n{newest.size + 5}\n", 1)
    _sql("UPDATE ledger_checkpoint SET note = %s WHERE id = %s", note, newest.pk)


def _rewrite_ledger(change: Callable[[dict[str, Any]], bool]) -> None:
    """What a careful intruder does: change entries, then recompute every hash and link after them."""
    renamed: dict[str, str] = {}
    prev = chain.GENESIS
    for row in list(LedgerEntry.objects.order_by("seq")):
        entry = json.loads(row.body)
        changed = change(entry)
        entry["prev_hash"] = prev
        entry["case_prev"] = renamed.get(entry["case_prev"], entry["case_prev"])
        if changed or entry["hash"] != chain.entry_hash(prev, entry) or renamed:
            old = entry.pop("hash")
            entry["hash"] = chain.entry_hash(prev, entry)
            renamed[old] = entry["hash"]
            _sql("UPDATE ledger_ledgerentry SET body = %s, hash = %s WHERE seq = %s",
                 chain.canonical(entry).decode(), entry["hash"], row.seq)
        prev = entry["hash"]
    _sql("UPDATE ledger_ledgerhead SET hash = %s WHERE id = 1", prev)


def _rewrite_consent(s: dict[str, Any]) -> None:
    """Widen consent and rewrite every record of it, with fresh hashes all the way to the head."""
    _sql("UPDATE oversight_concern SET scope = 'all' WHERE id = %s", s["concern"].pk)
    key = f"concern:{s['concern'].public_id}"

    def change(entry: dict[str, Any]) -> bool:
        records = (entry.get("objects") or {}).get("records") or {}
        if key in records:
            records[key]["scope"] = "all"
            return True
        return False

    _rewrite_ledger(change)


def full_rewrite_recomputed_hashes(s: dict[str, Any]) -> None:
    _rewrite_consent(s)


def full_rewrite_and_checkpoints_deleted(s: dict[str, Any]) -> None:
    _rewrite_consent(s)
    _sql("DELETE FROM ledger_checkpoint")


# name, tamper, words the report must contain, receipt handed to verify (a key of the scene)
TAMPERS: list[tuple[str, Callable[[dict[str, Any]], None], str, str | None]] = [
    ("whole case deleted", delete_whole_case, "is not stored: it was deleted outside the ledger", None),
    ("newest entries cut, head moved back", cut_looks_head_moved_back, "were cut off", None),
    ("newest entries cut, head and checkpoints moved back", cut_looks_head_and_checkpoints_moved_back,
     "were cut off", "receipt"),
    ("version created_by", version_created_by, ":e1:2: its created_by differ", None),
    ("version created_at", version_created_at, ":e2:1: its created_at differ", None),
    ("case created_by", case_created_by, "case: its created_by differ", None),
    ("case created_at", case_created_at, "case: its created_at differ", None),
    ("document created_by", document_created_by, "its created_by differ", None),
    ("entered_after_fact", entered_after_fact, "its entered_after_fact differ", None),
    ("correction's reason re-sealed", correction_reason_resealed, ":e1:2: its reason differ", None),
    ("correction's reason removed", correction_reason_removed, ":e1:2: its reason differ", None),
    ("event order", event_order_swapped, "event:e1: its position differ", None),
    ("case title", case_title_resealed, "case: its title differ", None),
    ("case council", case_council_changed, "case: its local_authority differ", None),
    ("case header", case_header_resealed, "case: its header differ", None),
    ("document's event", document_event_changed, "differ", None),
    ("document's content type", document_content_type_changed, "its content_type differ", None),
    ("document's filename", document_filename_resealed, "its filename differ", None),
    ("document's size", document_size_changed, "its size differ", None),
    ("document row deleted", document_row_deleted, "is missing", None),
    ("consent widened from chosen to all", consent_widened_to_all, "its scope differ", None),
    ("consent: more events", consent_more_events, "its events differ", None),
    ("consent: a document added", consent_document_added, "its documents differ", None),
    ("withdrawal undone", withdrawal_undone, "withdrawn_at, withdrawn_by differ", None),
    ("membership added", membership_added, "is stored but no ledger entry records it", None),
    ("membership role raised", membership_role_raised, "its role differ", None),
    ("membership deleted", membership_deleted, "is missing", None),
    ("child's position", child_position_changed, "child:c1: its position differ", None),
    ("person deleted", person_deleted, "person:p2", None),
    ("event deleted", event_deleted, "event:e1 was recorded in ledger entry", None),
    ("event shows an older version", event_current_moved_back, "does not show its latest version", None),
    ("event content re-sealed", version_content_resealed, "its content differs", None),
    ("ledger entry changed", ledger_entry_changed, "entry 2:", None),
    ("ledger entry deleted in the middle", ledger_entry_deleted_in_middle, "entry 6", None),
    ("stored checkpoint forged", checkpoint_forged, "signature does not verify", None),
    ("full rewrite with recomputed hashes", full_rewrite_recomputed_hashes, "the chain was rewritten", None),
    ("full rewrite, checkpoints deleted", full_rewrite_and_checkpoints_deleted, "the chain was rewritten", "receipt"),
]


def test_untouched_scene_verifies(scene):
    report = verify_database([scene["receipt"], scene["receipt_before_looks"]])
    assert report.ok, report.problems


@pytest.mark.parametrize(("name", "tamper", "named", "receipt"), TAMPERS, ids=[t[0] for t in TAMPERS])
def test_tamper_is_detected_and_named(scene, name, tamper, named, receipt):
    tamper(scene)
    report = verify_database([scene[receipt]] if receipt else [])
    assert not report.ok, f"{name}: verify said OK"
    assert any(named in problem for problem in report.problems), report.problems
    assert report.first_bad_entry is not None


def test_a_receipt_alone_catches_a_tail_cut_that_left_no_other_trace(scene):
    """With the newest checkpoints deleted as well, only the family's receipt shows the cut."""
    cut_looks_head_and_checkpoints_moved_back(scene)
    assert verify_database().ok  # nothing inside the database contradicts it any more
    report = verify_database([scene["receipt"]])
    assert not report.ok and "says the chain had" in report.problems[0]


def test_cli_names_the_problem_and_takes_a_receipt(scene, tmp_path):
    app = typer.Typer()
    register(app)
    receipt = tmp_path / "receipt.txt"
    receipt.write_text(scene["receipt"])
    assert CliRunner().invoke(app, ["verify", "--checkpoint", str(receipt)]).exit_code == 0
    cut_looks_head_and_checkpoints_moved_back(scene)
    result = CliRunner().invoke(app, ["verify", "--checkpoint", str(receipt)])
    assert result.exit_code == 1 and "were cut off" in result.output


def test_an_erased_case_still_verifies(scene):
    actions.erase_case(scene["case"], scene["user"])
    report = verify_database([scene["receipt"]])
    assert report.ok, report.problems


def test_every_write_signs_a_checkpoint_of_the_new_head(family):
    newest = latest_checkpoint()
    last = LedgerEntry.objects.order_by("-seq").first()
    assert (newest.seq, newest.hash) == (last.seq, last.hash)
    assert "\u2014 " in newest.note


def test_membership_and_documents_are_recorded_when_written(scene):
    assert Membership.objects.filter(case=scene["case"]).count() == 2
    assert Document.objects.filter(case=scene["case"]).count() == 1
    assert verify_database().ok


def _upgrade() -> None:
    import importlib

    from django.apps import apps

    importlib.import_module("fairwitness.ledger.migrations.0004_attest_existing_records").attest(apps, None)


def test_data_written_before_records_verifies_after_the_ledgered_upgrade(make_user, monkeypatch):
    """Rows from before this change have entries without records; the upgrade records them, once,
    in a ledger entry of its own, and from then on a change to them is caught like any other."""
    monkeypatch.setattr(actions, "records_for", lambda *rows: {})
    user = make_user("legacy@example.org")
    case = actions.create_case(user, "Legacy case", "Leeds")
    actions.add_child(case, user, "Legacy child", "2015-01-01")
    actions.record_event(case, user, {"kind": "referral_received", "at": "2024-02-01"})
    monkeypatch.undo()
    before = verify_database()
    assert not before.ok and any("no ledger entry records it" in p for p in before.problems)
    _upgrade()
    assert verify_database().ok
    attested = LedgerEntry.objects.filter(case=str(case.public_id), action="records_attested")
    assert attested.count() == 1
    _sql("UPDATE cases_childrecord SET position = 9 WHERE case_id = %s", case.pk)
    assert not verify_database().ok


def test_the_upgrade_refuses_to_record_a_ledger_that_does_not_verify(family):
    ledger_entry_changed({})
    with pytest.raises(RuntimeError, match="does not verify"):
        _upgrade()
