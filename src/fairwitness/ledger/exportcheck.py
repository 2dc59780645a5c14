"""Verifying an exported case file on its own: pure, no database, no Django.

The file's ``ledger`` block carries the case's entries. The per-case chain must verify; then the
case header, every child, person and event in the file must hash to what the latest ledger entry
for it recorded, and nothing the ledger recorded may be missing from the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fairwitness.ledger import chain

LEDGER_FORMAT = "fairwitness-ledger/1"
LEDGER_KEY = "ledger"
EVENT_ACTIONS = ("event_recorded", "event_corrected")
HEADER_ACTIONS = ("case_created", "case_imported", "case_updated")


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

    latest: dict[tuple[str, Any], dict[str, Any]] = {}
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
