"""Verifying an exported case file on its own: pure, no database, no Django.

The file's ``ledger`` block carries the case's entries, the chain head when it was exported, and a
signed checkpoint (the family's receipt) naming the whole chain's head and this case's own head.
The checks, in order, each naming the entry or item at fault:

1. the block is well formed (a clear message, never a traceback, for anything else);
2. the per-case chain verifies (every hash, every link from the first entry);
3. the signed checkpoint verifies, with the body's published key when one is given, and agrees
   with the file: the chain head, and this case's entry count and last hash, so entries cut off
   the end (with the events they record) or a chain rewritten with fresh hashes are caught;
4. the case header, every child, person and event hash to what the newest ledger entry for it
   recorded, in the order the ledger recorded the events, and nothing recorded is missing;
5. every document's metadata (its event, content type, size, fingerprint, filename) matches the
   entry that recorded it, and every recorded document is listed.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fairwitness.ledger import chain
from fairwitness.ledger import checkpoint as signed
from fairwitness.ledger.records import records_of

LEDGER_FORMAT = "fairwitness-ledger/1"
LEDGER_KEY = "ledger"
EVENT_ACTIONS = ("event_recorded", "event_corrected")
HEADER_ACTIONS = ("case_created", "case_imported", "case_updated")
DOCUMENT_ACTION = "document_attached"


@dataclass
class ExportCheck:
    ok: bool
    problems: list[str] = field(default_factory=list)
    entries: int = 0
    first_bad_entry: int | None = None
    checkpoint: signed.Checkpoint | None = None
    key_trusted: bool = False  # True when the signature was checked with a key the caller gave

    def __bool__(self) -> bool:
        return self.ok


def parse_public_key(text: str) -> bytes:
    """A verifier key as the transparency page shows it (``name+id+base64``), or bare base64."""
    parts = text.strip().split("+", 2)  # the name has no "+", the id is hex; base64 may hold "+"
    blob_text = parts[2] if len(parts) == 3 else text.strip()
    try:
        blob = base64.b64decode(blob_text, validate=True)
    except ValueError:
        raise signed.CheckpointError("the public key is not base64") from None
    if len(blob) == 33 and blob[:1] == signed.ED25519_ALGORITHM:
        blob = blob[1:]
    if len(blob) != 32:
        raise signed.CheckpointError("the public key is not an Ed25519 key")
    return blob


def verify_export(doc: Any, public_key: bytes | None = None) -> ExportCheck:
    """Check an exported case file against the ledger entries and receipt it carries. Pure."""
    if not isinstance(doc, dict):
        return ExportCheck(False, ["this file is not a case file (it is not a JSON object)"])
    ledger = doc.get(LEDGER_KEY)
    if not isinstance(ledger, dict):
        return ExportCheck(False, ["this file carries no ledger: it is not a Fair Witness export"])
    entries = ledger.get("entries")
    if not isinstance(entries, list) or not entries:
        return ExportCheck(False, ["the ledger in this file has no entries"])
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            return ExportCheck(False, [f"ledger entry number {index + 1} in the file is not a ledger entry"], len(entries))
        if not isinstance(entry.get("seq"), int) or isinstance(entry.get("seq"), bool):
            return ExportCheck(False, [f"ledger entry number {index + 1} in the file has no whole-number seq"], len(entries))
    result = chain.verify_case_chain(entries)
    if not result.ok:
        bad = entries[result.first_bad_index or 0].get("seq")
        return ExportCheck(False, [f"ledger {result.reason}"], len(entries), bad)

    check = ExportCheck(True, [], len(entries))
    problems = check.problems
    bad_seqs: list[int] = []

    def problem(message: str, seq: Any = None) -> None:
        problems.append(message)
        if isinstance(seq, int):
            bad_seqs.append(seq)

    case_id = ledger.get("case")
    for entry in entries:
        if entry.get("case") != case_id:
            problem(f"ledger entry {entry['seq']} belongs to another case", entry["seq"])
    _check_receipt(ledger, entries, public_key, check, problem)
    _check_content(doc, entries, problem)
    _check_documents(ledger, entries, problem)
    check.ok = not problems
    check.first_bad_entry = min(bad_seqs) if bad_seqs else None
    return check


def _check_receipt(ledger: Mapping[str, Any], entries: list[dict[str, Any]], public_key: bytes | None,
                   check: ExportCheck, problem: Any) -> None:
    last = entries[-1]
    head = ledger.get("chain_head")
    if not isinstance(head, dict) or not isinstance(head.get("seq"), int) or not isinstance(head.get("hash"), str):
        problem("the file has no chain head (ledger.chain_head with seq and hash): it cannot show it is complete", last["seq"])
        head = None
    elif head["seq"] < last["seq"]:
        problem(f"the chain head (entry {head['seq']}) is before the file's last entry {last['seq']}", last["seq"])
    elif head["seq"] == last["seq"] and head["hash"] != last["hash"]:
        problem(f"the chain head does not match the file's last entry {last['seq']}", last["seq"])
    note = ledger.get("checkpoint")
    if not isinstance(note, str):
        problem("the file has no signed checkpoint (ledger.checkpoint): nothing proves its last entries were not cut off",
                last["seq"])
        return
    key = public_key
    if key is None:
        try:
            key = parse_public_key(str(ledger.get("public_key", "")))
        except signed.CheckpointError as exc:
            problem(f"the signed checkpoint cannot be checked: {exc}", last["seq"])
            return
    try:
        point = signed.open_note(note, key)
    except signed.CheckpointError as exc:
        problem(f"the signed checkpoint: {exc}", last["seq"])
        return
    check.checkpoint = point
    check.key_trusted = public_key is not None
    if head is not None and (point.last_seq != head["seq"] or point.head != head["hash"]):
        problem(f"the chain head (entry {head['seq']}) differs from the signed checkpoint's (entry {point.last_seq})",
                last["seq"])
    if point.case is None or point.case.case != ledger.get("case"):
        problem("the signed checkpoint does not name this case's head", last["seq"])
        return
    if point.case.count != len(entries) or point.case.hash != last["hash"]:
        if point.case.count > len(entries):
            what = f"the file has {len(entries)} of the case's {point.case.count} entries: the last were cut off"
        else:
            what = "the case's entries differ from those it signed: the ledger in the file was rewritten"
        problem(f"the signed checkpoint (signed {point.time or 'undated'}) says {what}", last["seq"])


def _check_content(doc: Mapping[str, Any], entries: list[dict[str, Any]], problem: Any) -> None:
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    recorded_order: list[str] = []
    for entry in entries:
        objects = _objects(entry)
        action = entry.get("action")
        if action in EVENT_ACTIONS:
            ident = str(objects.get("event"))
            if ("event", ident) not in latest:
                recorded_order.append(ident)
            latest[("event", ident)] = entry
        elif action == "child_added":
            latest[("child", str(objects.get("child")))] = entry
        elif action == "person_added":
            latest[("person", str(objects.get("person")))] = entry
        elif action in HEADER_ACTIONS:
            latest[("header", "")] = entry

    def compare(kind: str, ident: str, content: Any) -> None:
        entry = latest.pop((kind, ident), None)
        name = "the case header" if kind == "header" else f"{kind} {ident}"
        if entry is None:
            problem(f"{name} is in the file but the ledger never recorded it")
        elif chain.content_hash(content) != entry.get("content_sha256"):
            problem(f"{name} does not match what ledger entry {entry['seq']} recorded: it was changed after it was recorded",
                    entry["seq"])

    header = {k: v for k, v in doc.items() if k not in ("children", "people", "events", LEDGER_KEY)}
    compare("header", "", header)
    file_order: list[str] = []
    for kind, key in (("child", "children"), ("person", "people"), ("event", "events")):
        items = doc.get(key) or []
        if not isinstance(items, list):
            problem(f"{key} is not a list")
            continue
        for item in items:
            ident = str(item.get("id")) if isinstance(item, dict) else "without an id"
            if kind == "event":
                file_order.append(ident)
            compare(kind, ident, item)
    for (kind, ident), entry in latest.items():
        name = "the case header" if kind == "header" else f"{kind} {ident}"
        problem(f"{name} was recorded in ledger entry {entry['seq']} but is missing from the file", entry["seq"])
    kept = [e for e in file_order if e in recorded_order]
    expected = [e for e in recorded_order if e in kept]
    if kept != expected:
        moved = next(a for a, b in zip(kept, expected, strict=True) if a != b)
        problem(f"the events are not in the order the ledger recorded them (event {moved} was moved)")


def _check_documents(ledger: Mapping[str, Any], entries: list[dict[str, Any]], problem: Any) -> None:
    recorded: dict[str, dict[str, Any]] = {}
    for entry in entries:
        objects = _objects(entry)
        if entry.get("action") == DOCUMENT_ACTION:
            recorded[str(objects.get("document"))] = entry
    listed = ledger.get("documents", [])
    if not isinstance(listed, list):
        problem("ledger.documents is not a list")
        return
    for item in listed:
        if not isinstance(item, dict):
            problem("an item of ledger.documents is not a document")
            continue
        ident = str(item.get("id"))
        found = recorded.pop(ident, None)
        if found is None:
            problem(f"document {ident} is listed but the ledger never recorded it")
            continue
        entry = found
        objects = _objects(entry)
        record = records_of(entry).get(f"document:{ident}") or {}
        wrong = []
        if item.get("sha256") != entry.get("content_sha256"):
            wrong.append("fingerprint")
        if item.get("event") != objects.get("event"):
            wrong.append("event")
        for name in ("content_type", "size"):
            if name in record and item.get(name) != record[name]:
                wrong.append(name.replace("_", " "))
        filename = item.get("filename")
        if "filename_sha256" in objects and (not isinstance(filename, str)
                                            or hashlib.sha256(filename.encode()).hexdigest() != objects["filename_sha256"]):
            wrong.append("filename")
        if wrong:
            problem(f"document {ident}: its {', '.join(wrong)} differ from what ledger entry {entry['seq']} recorded",
                    entry["seq"])
    for ident, entry in recorded.items():
        problem(f"document {ident} was recorded in ledger entry {entry['seq']} but is missing from the file", entry["seq"])


def _objects(entry: Mapping[str, Any]) -> dict[str, Any]:
    objects = entry.get("objects")
    return objects if isinstance(objects, dict) else {}
