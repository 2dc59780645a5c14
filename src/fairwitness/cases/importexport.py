"""Import and export in the case format, and verifying an exported file on its own.

An export is the case file exactly as stored (unknown fields included) plus one extra top-level
field, ``ledger``: this case's ledger entries, the chain head when it was exported, and the
documents' fingerprints. ``verify_export`` needs nothing else: it checks the per-case chain,
then that every event, child, person and the case header hash to what the ledger recorded.

On import, a ``ledger`` block in the file is not kept: the new case gets its own entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from fairwitness import crypto
from fairwitness.cases.models import Case, Event
from fairwitness.law.caseformat import FORMAT_ID, CaseFileError, Problem, parse_case
from fairwitness.ledger import chain
from fairwitness.ledger.store import append, entries_for_case, head

LEDGER_FORMAT = "fairwitness-ledger/1"
LEDGER_KEY = "ledger"
EVENT_ACTIONS = ("event_recorded", "event_corrected")
HEADER_ACTIONS = ("case_created", "case_imported", "case_updated")


def import_case(owner: Any, data: Any, *, title: str | None = None) -> Case:
    from fairwitness.cases import actions

    if not isinstance(data, dict):
        raise CaseFileError("case file", [Problem("file", "", "a case file is a JSON object")])
    data = {k: v for k, v in data.items() if k != LEDGER_KEY}
    data.setdefault("format", FORMAT_ID)
    parse_case(data, source="case file")  # every problem, before anything is stored
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


def export_case(case: Case) -> dict[str, Any]:
    if case.is_erased:
        raise crypto.ContentUnavailable("this case was erased")
    from fairwitness.cases.actions import stored_case_dict

    doc = stored_case_dict(case)
    head_seq, head_hash = head()
    doc[LEDGER_KEY] = {
        "format": LEDGER_FORMAT,
        "case": str(case.public_id),
        "exported_at": timezone.now().isoformat(),
        "chain_head": {"seq": head_seq, "hash": head_hash},
        "documents": [
            {"id": str(d.public_id), "event": d.event.event_id if d.event else None, "sha256": d.sha256,
             "size": d.size, "content_type": d.content_type}
            for d in case.documents.select_related("event").all()
        ],
        "entries": entries_for_case(str(case.public_id)),
    }
    return doc


@dataclass
class ExportCheck:
    ok: bool
    problems: list[str] = field(default_factory=list)
    entries: int = 0
    first_bad_entry: int | None = None

    def __bool__(self) -> bool:
        return self.ok


def verify_export(doc: Any) -> ExportCheck:
    """Check an exported case file against the ledger entries it carries. Pure: no database."""
    if not isinstance(doc, dict) or not isinstance(doc.get(LEDGER_KEY), dict):
        return ExportCheck(False, ["this file carries no ledger: it is not a Fair Witness export"])
    ledger = doc[LEDGER_KEY]
    entries = ledger.get("entries")
    if not isinstance(entries, list) or not entries:
        return ExportCheck(False, ["the ledger in this file has no entries"])
    result = chain.verify_case_chain(entries)
    if not result.ok:
        return ExportCheck(False, [f"ledger {result.reason}"], len(entries), entries[result.first_bad_index or 0].get("seq"))
    case_id = ledger.get("case")
    problems: list[str] = []
    bad_seq: int | None = None
    if any(e.get("case") != case_id for e in entries):
        problems.append("the ledger holds entries of another case")

    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        objects = entry.get("objects") or {}
        action = entry.get("action")
        if action in EVENT_ACTIONS:
            latest[("event", objects.get("event"))] = entry
        elif action == "child_added":
            latest[("child", objects.get("child"))] = entry
        elif action == "person_added":
            latest[("person", objects.get("person"))] = entry
        elif action in HEADER_ACTIONS:
            latest[("header", "")] = entry

    def compare(kind: str, ident: str, content: Any) -> None:
        nonlocal bad_seq
        entry = latest.pop((kind, ident), None)
        if entry is None:
            problems.append(f"{kind} {ident} is in the file but the ledger never recorded it")
        elif chain.content_hash(content) != entry.get("content_sha256"):
            problems.append(f"{kind} {ident} does not match what ledger entry {entry.get('seq')} recorded: it was changed after it was recorded")
            bad_seq = entry.get("seq") if bad_seq is None else bad_seq

    header = {k: v for k, v in doc.items() if k not in ("children", "people", "events", LEDGER_KEY)}
    compare("header", "", header)
    for kind, key in (("child", "children"), ("person", "people"), ("event", "events")):
        items = doc.get(key) or []
        if not isinstance(items, list):
            problems.append(f"{key} is not a list")
            continue
        for item in items:
            ident = item.get("id") if isinstance(item, dict) else None
            compare(kind, str(ident), item)
    for (kind, ident), entry in latest.items():
        problems.append(f"{kind} {ident} was recorded in ledger entry {entry.get('seq')} but is missing from the file")
        bad_seq = entry.get("seq") if bad_seq is None else bad_seq
    return ExportCheck(not problems, problems, len(entries), bad_seq)
