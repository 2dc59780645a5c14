"""Appending to and verifying the stored chain."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from fairwitness.ledger import chain
from fairwitness.ledger import checkpoint as signed
from fairwitness.ledger.models import Checkpoint, LedgerEntry, LedgerHead, VerificationRun

UK = ZoneInfo("Europe/London")


@dataclass(frozen=True, slots=True)
class Append:
    """One entry to add: the fields of ``append``, for ``append_many``."""

    action: str
    case: str = ""
    actor_id: int | str | None = None
    actor_role: str = "system"
    objects: dict[str, Any] = field(default_factory=dict)
    content_sha256: str | None = None
    event_at: str | date | datetime | None = None
    at: datetime | None = None


# Rows per INSERT: well under SQLite's 32,766 bound variables (six columns a row) and small enough
# that PostgreSQL's statement timeout never sees one statement of a whole import.
BULK_BATCH = 500


def append(
    *,
    action: str,
    case: str = "",
    actor_id: int | str | None = None,
    actor_role: str = "system",
    objects: dict[str, Any] | None = None,
    content_sha256: str | None = None,
    event_at: str | date | datetime | None = None,
    at: datetime | None = None,
) -> LedgerEntry:
    """Add one entry at the end of the chain, and a signed checkpoint of the new head.

    Runs in (or opens) a transaction holding the head lock. ``at`` lets a caller stamp a row it
    writes with exactly the entry's time (so verify can compare them); it defaults to now."""
    return append_many([Append(action=action, case=case, actor_id=actor_id, actor_role=actor_role,
                               objects=objects or {}, content_sha256=content_sha256, event_at=event_at, at=at)])[0]


def append_many(appends: Sequence[Append]) -> list[LedgerEntry]:
    """Add entries at the end of the chain, in order, and one signed checkpoint of the new head.

    Each entry is exactly what ``append`` would have written, one after the other: its own seq,
    chained by ``prev_hash`` to the entry before it and by ``case_prev`` to its case's previous
    entry, so verify treats them no differently. What is saved is the round trips: the head is
    locked and each case's head read once, the rows go in a few multi-row INSERTs, and one
    checkpoint is signed (the heads in between never exist outside this transaction, so nobody
    could hold a receipt for them). Runs in (or opens) one transaction: all the entries or none."""
    if not appends:
        return []
    with transaction.atomic():
        head, _ = LedgerHead.objects.select_for_update().get_or_create(id=1)
        prev_hash, seq = head.hash, head.seq
        case_heads: dict[str, str] = {}
        rows: list[LedgerEntry] = []
        for item in appends:
            if item.case and item.case not in case_heads:
                case_heads[item.case] = case_head(item.case)
            now = item.at or timezone.now()
            event_at_text = item.event_at.isoformat() if isinstance(item.event_at, date | datetime) else item.event_at
            seq += 1
            entry = chain.make_entry(
                prev_hash,
                case_heads.get(item.case, chain.GENESIS),
                seq,
                recorded_at=now.isoformat(),
                actor_id=None if item.actor_id is None else str(item.actor_id),
                actor_role=item.actor_role,
                action=item.action,
                case=item.case,
                objects=item.objects,
                content_sha256=item.content_sha256,
                event_at=event_at_text,
                entered_after_fact=chain.entered_after_fact(event_at_text, now.astimezone(UK)),
            )
            prev_hash = entry["hash"]
            if item.case:
                case_heads[item.case] = prev_hash
            rows.append(LedgerEntry(seq=seq, hash=prev_hash, case=item.case, action=item.action, recorded_at=now,
                                    body=chain.canonical(entry).decode("utf-8")))
        LedgerEntry.objects.bulk_create(rows, batch_size=BULK_BATCH)
        # The head row is not part of the append-only record: it is a lock and a pointer.
        LedgerHead.objects.filter(id=1).update(seq=seq, hash=prev_hash)
        write_checkpoint(seq, prev_hash)
        return rows


def write_checkpoint(seq: int, head_hash: str) -> Checkpoint:
    """Sign "the chain has seq + 1 entries and ends in head_hash" and keep it."""
    from fairwitness.ledger import keys

    now = timezone.now()
    # The published checkpoint names the day only: it is shown to the public, and a time to the
    # second would let a family find its own write among everyone's (and watch others' habits).
    # The row keeps the exact moment for the body's own checks.
    note = signed.sign(signed.Checkpoint(keys.origin(), seq + 1, head_hash, timezone.localdate(now).isoformat()),
                       keys.signing_key())
    return Checkpoint.objects.create(seq=seq, hash=head_hash, signed_at=now, note=note)


def case_checkpoint(case: str, entries: Sequence[dict[str, Any]]) -> str:
    """A fresh signed checkpoint of the whole chain that also names this case's own head (its
    ``entries``, as read for an export): the receipt an export carries, so a copy with entries cut
    off its end no longer matches."""
    from fairwitness.ledger import keys

    head_seq, head_hash = head()
    last = entries[-1]["hash"] if entries else chain.GENESIS
    return signed.sign(
        signed.Checkpoint(keys.origin(), head_seq + 1, head_hash, timezone.now().isoformat(timespec="seconds"),
                          signed.CaseHead(case, len(entries), last)),
        keys.signing_key(),
    )


def latest_checkpoint() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-seq", "-pk").first()


def head() -> tuple[int, str]:
    row = LedgerHead.objects.filter(id=1).first()
    return (row.seq, row.hash) if row else (-1, chain.GENESIS)


def case_head(case: str) -> str:
    return LedgerEntry.objects.filter(case=case).order_by("-seq").values_list("hash", flat=True).first() or chain.GENESIS


def entries_for_case(case: str) -> list[dict[str, Any]]:
    return [json.loads(b) for b in LedgerEntry.objects.filter(case=case).order_by("seq").values_list("body", flat=True)]


def verify_stored(record: bool = True, checkpoints: Sequence[str] = ()) -> chain.VerifyResult:
    """Verify the whole stored chain: each body's hash and links, the columns against the body,
    the head pointer against the last entry, and the chain against every signed checkpoint, the
    stored ones and any ``checkpoints`` (signed-note texts) handed in from outside. A checkpoint
    the chain is shorter than, or disagrees with, means entries were cut off or rewritten."""
    prev = chain.GENESIS
    count = 0
    result: chain.VerifyResult | None = None
    hashes: list[str] = []
    for index, (seq, hash_, case, action, body) in enumerate(
        LedgerEntry.objects.order_by("seq").values_list("seq", "hash", "case", "action", "body").iterator(chunk_size=2000)
    ):
        try:
            entry = json.loads(body)
        except json.JSONDecodeError:
            result = chain.VerifyResult(False, index, f"entry {seq}: its stored body is not valid JSON", prev, index)
            break
        partial = chain.verify([entry], start_prev=prev)
        if not partial.ok:
            result = chain.VerifyResult(False, index, partial.reason.replace("entry 0", f"entry {seq}", 1), prev, index)
            break
        if (entry.get("seq"), entry.get("hash"), entry.get("case"), entry.get("action")) != (seq, hash_, case, action) or seq != index:
            result = chain.VerifyResult(False, index, f"entry {seq}: its columns do not match its hashed body", prev, index)
            break
        prev = entry["hash"]
        hashes.append(prev)
        count += 1
    if result is None:
        head_seq, head_hash = head()
        if (head_seq, head_hash) != (count - 1, prev):
            result = chain.VerifyResult(False, count, f"the chain ends at entry {count - 1} but its head says entry {head_seq}: entries were removed or added outside the ledger", prev, count)
    if result is None:
        problem = _against_checkpoints(hashes, checkpoints)
        result = chain.VerifyResult(False, problem[0], problem[1], prev, count) if problem else chain.VerifyResult(True, None, "", prev, count)
    if record:
        bad_seq = result.first_bad_index if not result.ok else None
        VerificationRun.objects.create(ok=result.ok, entries=result.count, first_bad_seq=bad_seq, reason=result.reason)
    return result


def _against_checkpoints(hashes: list[str], given: Sequence[str]) -> tuple[int, str] | None:
    """The first checkpoint the chain contradicts, as (entry, reason); None when all agree."""
    from fairwitness.ledger import keys

    key = keys.public_key()
    stored = list(Checkpoint.objects.order_by("-seq", "-pk").values_list("pk", "note"))
    notes = [(f"the checkpoint you gave ({index + 1})", text) for index, text in enumerate(given)]
    notes += [(f"stored checkpoint {pk}", text) for pk, text in stored]
    newest_size = -1
    for label, text in notes:
        try:
            point = signed.open_note(text, key)
        except signed.CheckpointError as exc:
            return max(len(hashes) - 1, 0), f"{label}: {exc}"
        if point.origin != keys.origin():
            return max(len(hashes) - 1, 0), f"{label} is for another ledger ({point.origin})"
        newest_size = max(newest_size, point.size)
        if point.size > len(hashes):
            return len(hashes), (f"{label} (signed {point.time or 'undated'}) says the chain had {point.size} entries, "
                                 f"but it has {len(hashes)}: entries {len(hashes)} to {point.size - 1} were cut off")
        if point.size and hashes[point.size - 1] != point.head:
            return point.size - 1, (f"entry {point.size - 1} differs from {label} (signed {point.time or 'undated'}): "
                                    "the chain was rewritten after that checkpoint was signed")
    if hashes and not stored:
        return len(hashes) - 1, f"no signed checkpoint is stored for the chain's last entry {len(hashes) - 1}: they were deleted"
    if stored and newest_size < len(hashes):
        return newest_size, f"entries {newest_size} to {len(hashes) - 1} are not covered by any signed checkpoint: they were added outside the ledger"
    return None


def last_verification() -> VerificationRun | None:
    return VerificationRun.objects.order_by("-at").first()
