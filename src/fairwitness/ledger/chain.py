"""The hash chain, as pure functions (no Django): canonical JSON, entry hashes, verification.

An entry is a JSON object. Its hash is ``sha256(prev_hash + canonical(entry without "hash"))``,
hex-encoded, where ``prev_hash`` is the previous entry's hash (``GENESIS`` for the first) and is
itself one of the hashed fields. Changing any field of any entry, removing one or reordering them
breaks every hash from there on, so ``verify`` names the first entry that does not fit.

Entries also carry ``case_prev``: the hash of the previous entry *for the same case*. That second
chain lets one family's export carry only its own entries and still be verified by anyone.

Entries commit to content only by its SHA-256 (``content_sha256``), never the content itself, so
erasing a case's content (crypto-shredding) leaves the chain intact.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq", "prev_hash", "case_prev", "recorded_at", "actor_id", "actor_role", "action", "case",
    "objects", "content_sha256", "event_at", "entered_after_fact",
)


def canonical(value: Any) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8 (not ASCII-escaped)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def content_hash(value: Any) -> str:
    """SHA-256 of JSON content in canonical form (bytes are hashed as they are)."""
    data = value if isinstance(value, bytes | bytearray) else canonical(value)
    return hashlib.sha256(data).hexdigest()


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(prev_hash.encode("ascii") + canonical(body)).hexdigest()


def entered_after_fact(event_at: str | date | datetime | None, recorded_at: str | datetime) -> bool:
    """True when the event happened on a day before the day it was recorded."""
    if event_at is None:
        return False
    event_day = _day(event_at)
    recorded_day = _day(recorded_at)
    return event_day is not None and recorded_day is not None and event_day < recorded_day


def _day(value: str | date | datetime) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except (ValueError, TypeError):
        return None


def make_entry(prev_hash: str, case_prev: str, seq: int, **fields: Any) -> dict[str, Any]:
    """Build a complete entry (with its hash) from the fields in HASHED_FIELDS."""
    entry = {"seq": seq, "prev_hash": prev_hash, "case_prev": case_prev, **fields}
    unknown = set(entry) - set(HASHED_FIELDS)
    if unknown:
        raise ValueError(f"unknown ledger fields: {sorted(unknown)}")
    entry["hash"] = entry_hash(prev_hash, entry)
    return entry


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    first_bad_index: int | None = None
    reason: str = ""
    head: str = GENESIS
    count: int = 0

    def __bool__(self) -> bool:
        return self.ok


def verify(entries: Sequence[Mapping[str, Any]], start_prev: str = GENESIS) -> VerifyResult:
    """Check a whole chain in order: each entry's hash, and each link to the one before."""
    prev = start_prev
    for i, entry in enumerate(entries):
        problem = _check_entry(entry, prev, "prev_hash")
        if problem:
            return VerifyResult(False, i, f"entry {entry.get('seq', i)}: {problem}", prev, i)
        prev = entry["hash"]
    return VerifyResult(True, None, "", prev, len(entries))


def verify_case_chain(entries: Sequence[Mapping[str, Any]]) -> VerifyResult:
    """Check one case's entries (from an export): each hash, and the per-case links from GENESIS.

    The global links (``prev_hash``) point at other families' entries and cannot be followed
    here; they are inside each hash all the same, so they cannot be changed unnoticed.
    """
    prev = GENESIS
    last_seq = -1
    for i, entry in enumerate(entries):
        problem = _check_entry(entry, prev, "case_prev")
        if not problem and int(entry.get("seq", -1)) <= last_seq:
            problem = "entries are out of order"
        if problem:
            return VerifyResult(False, i, f"entry {entry.get('seq', i)}: {problem}", prev, i)
        prev = entry["hash"]
        last_seq = int(entry["seq"])
    return VerifyResult(True, None, "", prev, len(entries))


def _check_entry(entry: Mapping[str, Any], expected_prev: str, link: str) -> str:
    if not isinstance(entry, Mapping) or "hash" not in entry:
        return "not a ledger entry"
    missing = [f for f in HASHED_FIELDS if f not in entry]
    if missing:
        return f"missing fields {', '.join(missing)}"
    if entry[link] != expected_prev:
        return f"{link} does not match the hash of the entry before it (an entry was changed, removed or inserted)"
    try:
        recomputed = entry_hash(str(entry["prev_hash"]), entry)
    except (TypeError, ValueError):
        return "not valid JSON content"
    if recomputed != entry["hash"]:
        return "its content does not match its hash (it was changed after it was recorded)"
    return ""
