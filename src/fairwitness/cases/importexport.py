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
from django.utils import timezone

from fairwitness import crypto
from fairwitness.cases.models import Case, Event
from fairwitness.law import validation
from fairwitness.law.caseformat import FORMAT_ID, CaseFileError, Problem, parse_case, read_case_json
from fairwitness.ledger import chain, keys
from fairwitness.ledger import checkpoint as signed
from fairwitness.ledger.exportcheck import LEDGER_FORMAT, LEDGER_KEY, ExportCheck, verify_export  # noqa: F401
from fairwitness.ledger.store import append, case_checkpoint, entries_for_case


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
        for child in data.get("children") or []:
            actions._store_child(case, owner, child)
        for person in data.get("people") or []:
            actions._store_person(case, owner, person)
        for position, event_data in enumerate(data.get("events") or [], start=1):
            event = Event.objects.create(case=case, event_id=event_data["id"], position=position)
            actions._new_version(case, event, owner, event_data, number=1, reason=None, action="event_recorded")
        append(action="case_imported", case=str(case.public_id), actor_id=owner.pk, actor_role="owner",
               content_sha256=chain.content_hash(header),
               objects={"children": len(data.get("children") or []), "people": len(data.get("people") or []),
                        "events": len(data.get("events") or [])})
    return case


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
