"""Issue 10, finding 7: tampers with an exported case file, as a table.

``verify FILE`` must fail and say what is wrong (naming the entry or item), for a tail cut off
with the events it records, a chain head zeroed or removed, one byte changed anywhere that carries
meaning, and a full rewrite with recomputed hashes (caught by the signed receipt). Malformed files
get a clear error, never a traceback. Harmless changes (JSON key order, spacing, the order of the
documents list) still verify, and the table says why.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
import typer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from typer.testing import CliRunner

from fairwitness.cases import actions
from fairwitness.cases.commands import register
from fairwitness.ledger import chain, keys
from fairwitness.ledger import checkpoint as signed
from fairwitness.ledger.exportcheck import verify_export

pytestmark = pytest.mark.django_db
Doc = dict[str, Any]


@pytest.fixture
def exported(family, other_family) -> tuple[Doc, Doc]:
    """The family's export (a correction, a document, the newest entries at the end), and another's."""
    user, case = family
    event = actions.record_event(case, user, {"kind": "complaint_made", "at": "2024-02-01", "stage": 1})
    actions.attach_document(case, user, event, ("complaint.pdf", b"%PDF-1.4\n%Complaint\n%%EOF\n"))
    actions.attach_document(case, user, None, ("notes.pdf", b"%PDF-1.4\n%Notes\n%%EOF\n"))
    actions.correct_event(case, user, "e1", {"kind": "assessment_started", "at": "2024-01-11", "basis": "s17"}, "day")
    actions.record_event(case, user, {"kind": "complaint_response", "at": "2024-02-20", "stage": 1})
    other_user, other_case = other_family
    return actions.export_case(case, user), actions.export_case(other_case, other_user)


def _entries(doc: Doc) -> list[Doc]:
    return doc["ledger"]["entries"]


def _rehash(doc: Doc) -> None:
    """Recompute every entry's hash and per-case link, as a careful forger would."""
    renamed: dict[str, str] = {}
    for entry in _entries(doc):
        entry["case_prev"] = renamed.get(entry["case_prev"], entry["case_prev"])
        old = entry.pop("hash")
        entry["hash"] = chain.entry_hash(entry["prev_hash"], entry)
        renamed[old] = entry["hash"]


def cut_tail(doc: Doc, other: Doc) -> None:
    last = _entries(doc).pop()
    doc["events"] = [e for e in doc["events"] if e["id"] != last["objects"]["event"]]


def cut_tail_and_chain_head(doc: Doc, other: Doc) -> None:
    cut_tail(doc, other)
    doc["ledger"]["chain_head"] = {"seq": _entries(doc)[-1]["seq"], "hash": _entries(doc)[-1]["hash"]}


def cut_tail_and_receipt(doc: Doc, other: Doc) -> None:
    cut_tail_and_chain_head(doc, other)
    del doc["ledger"]["checkpoint"]


def chain_head_removed(doc: Doc, other: Doc) -> None:
    del doc["ledger"]["chain_head"]


def chain_head_zeroed(doc: Doc, other: Doc) -> None:
    doc["ledger"]["chain_head"] = {"seq": 0, "hash": "0" * 64}


def chain_head_hash_changed(doc: Doc, other: Doc) -> None:
    head = doc["ledger"]["chain_head"]
    head["hash"] = ("1" if head["hash"][0] != "1" else "2") + head["hash"][1:]


def receipt_removed(doc: Doc, other: Doc) -> None:
    del doc["ledger"]["checkpoint"]


def receipt_one_byte(doc: Doc, other: Doc) -> None:
    note = doc["ledger"]["checkpoint"]
    lines = note.split("\n")
    lines[1] = str(int(lines[1]) + 1)
    doc["ledger"]["checkpoint"] = "\n".join(lines)


def receipt_signature_byte(doc: Doc, other: Doc) -> None:
    note = doc["ledger"]["checkpoint"].rstrip("\n")
    doc["ledger"]["checkpoint"] = note[:-3] + ("A" if note[-3] != "A" else "B") + note[-2:] + "\n"


def receipt_from_another_case(doc: Doc, other: Doc) -> None:
    doc["ledger"]["checkpoint"] = other["ledger"]["checkpoint"]


def event_one_byte(doc: Doc, other: Doc) -> None:
    doc["events"][0]["at"] = doc["events"][0]["at"].replace("2024", "2023")


def child_one_byte(doc: Doc, other: Doc) -> None:
    doc["children"][0]["date_of_birth"] = "2015-04-02"


def person_one_byte(doc: Doc, other: Doc) -> None:
    doc["people"][0]["parental_responsibility"] = False


def header_one_byte(doc: Doc, other: Doc) -> None:
    doc["local_authority"] = doc["local_authority"] + "."


def entry_hash_byte(doc: Doc, other: Doc) -> None:
    entry = _entries(doc)[2]
    entry["hash"] = ("a" if entry["hash"][0] != "a" else "b") + entry["hash"][1:]


def entry_role_changed(doc: Doc, other: Doc) -> None:
    _entries(doc)[1]["actor_role"] = "advocate"


def entry_time_changed(doc: Doc, other: Doc) -> None:
    _entries(doc)[3]["recorded_at"] = "2024-01-10T09:00:00+00:00"


def entries_reordered(doc: Doc, other: Doc) -> None:
    entries = _entries(doc)
    entries[2], entries[3] = entries[3], entries[2]


def middle_entry_removed(doc: Doc, other: Doc) -> None:
    del _entries(doc)[3]


def entry_duplicated(doc: Doc, other: Doc) -> None:
    _entries(doc).append(copy.deepcopy(_entries(doc)[-1]))


def entry_of_another_case(doc: Doc, other: Doc) -> None:
    _entries(doc).append(copy.deepcopy(_entries(other)[-1]))


def event_removed(doc: Doc, other: Doc) -> None:
    doc["events"].pop(1)


def event_added(doc: Doc, other: Doc) -> None:
    doc["events"].append({"id": "e99", "kind": "meeting", "at": "2024-03-01", "meeting_type": "other"})


def events_reordered(doc: Doc, other: Doc) -> None:
    doc["events"][0], doc["events"][1] = doc["events"][1], doc["events"][0]


def document_content_type(doc: Doc, other: Doc) -> None:
    doc["ledger"]["documents"][0]["content_type"] = "image/png"


def document_event(doc: Doc, other: Doc) -> None:
    doc["ledger"]["documents"][1]["event"] = "e1"


def document_filename(doc: Doc, other: Doc) -> None:
    doc["ledger"]["documents"][0]["filename"] = "court-order.pdf"


def document_fingerprint(doc: Doc, other: Doc) -> None:
    doc["ledger"]["documents"][0]["sha256"] = "0" * 64


def document_dropped(doc: Doc, other: Doc) -> None:
    doc["ledger"]["documents"].pop()


def full_rewrite(doc: Doc, other: Doc) -> None:
    """Change an event and recompute its entry's content hash and every hash after it."""
    doc["events"][0]["basis"] = "s47"
    for entry in _entries(doc):
        if (entry["objects"] or {}).get("event") == doc["events"][0]["id"]:
            entry["content_sha256"] = chain.content_hash(doc["events"][0])
    _rehash(doc)


def full_rewrite_resigned(doc: Doc, other: Doc) -> None:
    """The same, with a fresh receipt signed by the forger's own key put in the file."""
    full_rewrite(doc, other)
    forger = Ed25519PrivateKey.generate()
    point = signed.open_note(doc["ledger"]["checkpoint"], None)
    last = _entries(doc)[-1]
    head = doc["ledger"]["chain_head"]
    if head["seq"] == last["seq"]:
        head["hash"] = last["hash"]
    forged = signed.Checkpoint(point.origin, point.size, head["hash"], point.time,
                               signed.CaseHead(point.case.case, len(_entries(doc)), last["hash"]))
    doc["ledger"]["checkpoint"] = signed.sign(forged, forger)
    doc["ledger"]["public_key"] = signed.verifier_key(point.origin, signed.public_bytes(forger))


# name, tamper, words a problem must contain
TAMPERS: list[tuple[str, Callable[[Doc, Doc], None], str]] = [
    ("tail and its event cut off", cut_tail, "the last were cut off"),
    ("tail cut, chain head moved back", cut_tail_and_chain_head, "the last were cut off"),
    ("tail cut, chain head moved back, receipt removed", cut_tail_and_receipt, "no signed checkpoint"),
    ("chain head removed", chain_head_removed, "no chain head"),
    ("chain head zeroed", chain_head_zeroed, "is before the file's last entry"),
    ("chain head hash changed", chain_head_hash_changed, "differs from the signed checkpoint"),
    ("receipt removed", receipt_removed, "no signed checkpoint"),
    ("receipt's size changed", receipt_one_byte, "signature does not verify"),
    ("receipt's signature changed", receipt_signature_byte, "signature does not verify"),
    ("receipt of another case", receipt_from_another_case, "does not name this case's head"),
    ("event: one byte", event_one_byte, "event e1 does not match"),
    ("child: one byte", child_one_byte, "child c1 does not match"),
    ("person: one byte", person_one_byte, "person p1 does not match"),
    ("case header: one byte", header_one_byte, "the case header does not match"),
    ("entry hash: one byte", entry_hash_byte, "entry"),
    ("entry's actor role", entry_role_changed, "entry 1:"),
    ("entry's time", entry_time_changed, "its content does not match its hash"),
    ("entries reordered", entries_reordered, "entry"),
    ("an entry removed from the middle", middle_entry_removed, "entry"),
    ("an entry duplicated", entry_duplicated, "entry"),
    ("an entry of another case added", entry_of_another_case, "entry"),
    ("an event removed", event_removed, "is missing from the file"),
    ("an event added", event_added, "event e99 is in the file but the ledger never recorded it"),
    ("events reordered", events_reordered, "not in the order the ledger recorded them"),
    ("document's content type", document_content_type, "its content type differ"),
    ("document's event", document_event, "its event differ"),
    ("document's filename", document_filename, "its filename differ"),
    ("document's fingerprint", document_fingerprint, "its fingerprint differ"),
    ("a document dropped from the list", document_dropped, "is missing from the file"),
    ("full rewrite with recomputed hashes", full_rewrite, "the ledger in the file was rewritten"),
    ("full rewrite, re-signed with another key", full_rewrite_resigned, "not signed by this ledger's key"),
]


def test_untouched_export_verifies(exported):
    result = verify_export(copy.deepcopy(exported[0]), keys.public_key())
    assert result.ok and result.key_trusted, result.problems
    assert result.checkpoint.case.count == len(exported[0]["ledger"]["entries"])


@pytest.mark.parametrize(("name", "tamper", "named"), TAMPERS, ids=[t[0] for t in TAMPERS])
def test_export_tamper_is_detected_and_named(exported, name, tamper, named):
    doc, other = copy.deepcopy(exported[0]), exported[1]
    tamper(doc, other)
    result = verify_export(json.loads(json.dumps(doc)), keys.public_key())
    assert not result.ok, f"{name}: verify said OK"
    assert any(named in problem for problem in result.problems), result.problems


HARMLESS = [
    ("keys in another order", lambda d: dict(reversed(list(d.items()))),
     "JSON objects have no order: every hash is taken over canonical JSON (sorted keys)"),
    ("documents listed in another order", lambda d: {**d, "ledger": {**d["ledger"], "documents": d["ledger"]["documents"][::-1]}},
     "each document is matched to its own ledger entry by id; the list's order carries no meaning"),
]


@pytest.mark.parametrize(("name", "reorder", "why"), HARMLESS, ids=[h[0] for h in HARMLESS])
def test_harmless_reorder_still_verifies(exported, name, reorder, why):
    assert verify_export(reorder(copy.deepcopy(exported[0])), keys.public_key()).ok, why


def _cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


MALFORMED = [
    ("not JSON", b"{not json"),
    ("not UTF-8", b"\xff\xfe{}"),
    ("a list", b"[]"),
    ("ledger is a list", b'{"ledger": []}'),
    ("entries not a list", b'{"ledger": {"entries": {"seq": 0}}}'),
    ("an entry is a number", b'{"ledger": {"entries": [5]}}'),
    ("seq is text", b'{"ledger": {"entries": [{"seq": "x", "hash": "y"}]}}'),
    ("hash is not text", b'{"ledger": {"entries": [{"seq": 0, "hash": 5, "prev_hash": [], "case_prev": {}}]}}'),
    ("nested too deep", b"[" * 100000 + b"]" * 100000),
]


@pytest.mark.parametrize(("name", "content"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_export_gives_a_clear_error(tmp_path, name, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    result = CliRunner().invoke(_cli(), ["verify", str(path)])
    assert result.exit_code in (1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and result.output.strip()


def test_malformed_entries_fields_give_a_clear_error(exported):
    doc = copy.deepcopy(exported[0])
    doc["ledger"]["entries"][1]["objects"] = "not a mapping"
    doc["ledger"]["documents"] = [1, None]
    result = verify_export(doc)
    assert not result.ok and result.problems


def test_cli_checks_the_receipt_with_the_published_key(exported, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(exported[0]))
    result = CliRunner().invoke(_cli(), ["verify", str(path), "--key", keys.public_key_line()])
    assert result.exit_code == 0, result.output
    doc = copy.deepcopy(exported[0])
    full_rewrite_resigned(doc, exported[1])
    path.write_text(json.dumps(doc))
    without_key = CliRunner().invoke(_cli(), ["verify", str(path)])
    assert without_key.exit_code == 0 and "check that it is the key the body publishes" in without_key.output
    with_key = CliRunner().invoke(_cli(), ["verify", str(path), "--key", keys.public_key_line()])
    assert with_key.exit_code == 1 and "not signed by this ledger's key" in with_key.output
