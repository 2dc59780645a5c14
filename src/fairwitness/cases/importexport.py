"""Import and export in the case format, and verifying an exported file on its own.

An export is the case file exactly as stored (unknown fields included) plus one extra top-level
field, ``ledger``: this case's ledger entries, the chain head when it was exported, a signed
checkpoint naming that head and this case's own last entry (the family's receipt), the key that
signed it, and the documents' metadata. ``verify_export`` needs nothing else: it checks the
per-case chain and the receipt, then that every event, child, person, document and the case
header match what the ledger recorded.

On import, a ``ledger`` block in the file is not kept: the new case gets its own entries.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from fairwitness import crypto
from fairwitness.cases.integrity import records_for
from fairwitness.cases.models import Case, ChildRecord, Event, EventVersion, PersonRecord
from fairwitness.law import validation
from fairwitness.law.caseformat import FORMAT_ID, CaseFileError, Problem, parse_case, read_case_json
from fairwitness.ledger import chain, keys
from fairwitness.ledger import checkpoint as signed
from fairwitness.ledger.exportcheck import LEDGER_FORMAT, LEDGER_KEY, ExportCheck, verify_export  # noqa: F401
from fairwitness.ledger.records import record_many, recording
from fairwitness.ledger.store import BULK_BATCH, UK, Append, case_checkpoint, entries_for_case


def import_case(owner: Any, data: Any, *, title: str | None = None) -> Case:
    from fairwitness.cases import actions

    if not isinstance(data, dict):
        raise CaseFileError("case file", [Problem("file", "", "a case file is a JSON object")])
    data = {k: v for k, v in data.items() if k != LEDGER_KEY}
    data.setdefault("format", FORMAT_ID)
    events = data.get("events")
    if isinstance(events, list):
        limit = validation.event_limit_problems(len(events))
        if limit:
            raise CaseFileError("case file", limit)
    parse_case(data, source="case file", today=timezone.localdate())  # every problem, before anything is stored
    header = {k: v for k, v in data.items() if k not in actions.CASE_FILE_PARTS}
    name = title or (data.get("title") if isinstance(data.get("title"), str) else None) or "Imported case"
    with transaction.atomic():
        case = actions.create_case(owner, name, header.get("local_authority"), header=header)
        # create_case wrote "case_created"; the import is the same act, named for what it was.
        closing = Append(action="case_imported", case=str(case.public_id), actor_id=owner.pk, actor_role="owner",
                         content_sha256=chain.content_hash(header),
                         objects={"children": len(data.get("children") or []), "people": len(data.get("people") or []),
                                  "events": len(data.get("events") or [])})
        _store_rows(case, owner, data.get("children") or [], data.get("people") or [], data.get("events") or [],
                    closing)
    return case


def _store_rows(case: Case, owner: Any, children: list[dict[str, Any]], people: list[dict[str, Any]],
                events: list[dict[str, Any]], closing: Append) -> None:
    """Store a new case's children, people and events, each with the ledger entry ``record`` gives
    one row added by hand (``child_added``, ``person_added``, ``event_recorded``, in that order,
    then ``closing``), in a few multi-row INSERTs rather than a dozen round trips a row: a
    10,000-event file would otherwise outlast the web's request timeout. Inside the caller's
    transaction, so a failure anywhere leaves nothing behind."""
    from fairwitness.cases import actions

    case_id, actor_id, role = str(case.public_id), actions._actor_id(owner), actions._role(owner, case)
    sealed_rows: list[tuple[str, Any, list[dict[str, Any]], str]] = [
        ("child", ChildRecord, children, "child_id"), ("person", PersonRecord, people, "person_id")]
    recordings: list[Append] = []
    for kind, model, items, id_field in sealed_rows:
        rows = []
        for position, data in enumerate(items, start=1):
            row = model(case=case, position=position, content_sha256=chain.content_hash(data), **{id_field: data["id"]})
            row.content_sealed = case.seal(data, f"{kind}:{data['id']}")
            rows.append(row)
        model.objects.bulk_create(rows, batch_size=BULK_BATCH)  # sets each row's created_at, as save() does
        recordings += [recording(action=f"{kind}_added", case=case_id, actor_id=actor_id, actor_role=role,
                                 content_sha256=row.content_sha256, objects={kind: getattr(row, id_field)},
                                 subjects=records_for((kind, row))) for row in rows]

    stored = Event.objects.bulk_create(
        [Event(case=case, event_id=data["id"], position=position) for position, data in enumerate(events, start=1)],
        batch_size=BULK_BATCH)
    # One time for the whole import: each version carries its entry's time, so verify can compare them.
    now = timezone.now()
    versions = []
    for event, data in zip(stored, events, strict=True):
        day = actions._event_day(data)
        version = EventVersion(event=event, number=1, content_sha256=chain.content_hash(data), created_by=owner,
                               created_at=now, entered_after_fact=chain.entered_after_fact(day, now.astimezone(UK)))
        version.content_sealed = case.seal(data, version._aad("content"))
        versions.append(version)
        recordings.append(recording(action="event_recorded", case=case_id, actor_id=actor_id, actor_role=role,
                                    content_sha256=version.content_sha256, event_at=day, at=now,
                                    objects={"event": event.event_id, "version": 1},
                                    subjects=records_for(("version", version), ("event", event))))
    entries = record_many([*recordings, closing])
    first = len(recordings) - len(versions)  # the events' entries follow the children's and people's
    for version, entry in zip(versions, entries[first:first + len(versions)], strict=True):
        version.ledger_seq = entry.seq
    EventVersion.objects.bulk_create(versions, batch_size=BULK_BATCH)
    # Event.current is a pointer, not the record: verify checks it names the latest version.
    Event.objects.filter(case=case).update(
        current=Subquery(EventVersion.objects.filter(event=OuterRef("pk"), number=1).values("pk")[:1]))


def import_case_file(owner: Any, raw: bytes, *, title: str | None = None) -> Case:
    """Import a case file's bytes as uploaded (the web form, the API): every problem named, never
    an exception other than CaseFileError."""
    return import_case(owner, read_case_json(raw), title=title)


def export_case(case: Case) -> dict[str, Any]:
    if case.is_erased:
        raise crypto.ContentUnavailable("this case was erased")
    from fairwitness.cases.actions import stored_case_dict

    doc = stored_case_dict(case)
    case_id = str(case.public_id)
    with transaction.atomic():  # one consistent view: the entries and the receipt that names them
        entries = entries_for_case(case_id)
        note = case_checkpoint(case_id, entries)
    point = signed.open_note(note, keys.public_key())
    doc[LEDGER_KEY] = {
        "format": LEDGER_FORMAT,
        "case": case_id,
        "exported_at": timezone.now().isoformat(),
        "chain_head": {"seq": point.last_seq, "hash": point.head},
        "checkpoint": note,
        "public_key": keys.public_key_line(),
        "documents": [
            {"id": str(d.public_id), "event": d.event.event_id if d.event else None, "sha256": d.sha256,
             "size": d.size, "content_type": d.content_type, "filename": d.filename}
            for d in case.documents.select_related("event").all()
        ],
        "entries": entries,
    }
    return doc
