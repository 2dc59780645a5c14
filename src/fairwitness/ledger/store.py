"""Appending to and verifying the stored chain."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from fairwitness.ledger import chain
from fairwitness.ledger.models import LedgerEntry, LedgerHead, VerificationRun

UK = ZoneInfo("Europe/London")


def append(
    *,
    action: str,
    case: str = "",
    actor_id: int | str | None = None,
    actor_role: str = "system",
    objects: dict[str, Any] | None = None,
    content_sha256: str | None = None,
    event_at: str | date | datetime | None = None,
) -> LedgerEntry:
    """Add one entry at the end of the chain. Runs in (or opens) a transaction holding the head lock."""
    with transaction.atomic():
        head, _ = LedgerHead.objects.select_for_update().get_or_create(id=1)
        last_for_case = (
            LedgerEntry.objects.filter(case=case).order_by("-seq").values_list("hash", flat=True).first()
            if case else None
        )
        now = timezone.now()
        event_at_text = event_at.isoformat() if isinstance(event_at, date | datetime) else event_at
        entry = chain.make_entry(
            head.hash,
            last_for_case or chain.GENESIS,
            head.seq + 1,
            recorded_at=now.isoformat(),
            actor_id=None if actor_id is None else str(actor_id),
            actor_role=actor_role,
            action=action,
            case=case,
            objects=objects or {},
            content_sha256=content_sha256,
            event_at=event_at_text,
            entered_after_fact=chain.entered_after_fact(event_at_text, now.astimezone(UK)),
        )
        row = LedgerEntry.objects.create(
            seq=entry["seq"], hash=entry["hash"], case=case, action=action, recorded_at=now,
            body=chain.canonical(entry).decode("utf-8"),
        )
        # The head row is not part of the append-only record: it is a lock and a pointer.
        LedgerHead.objects.filter(id=1).update(seq=entry["seq"], hash=entry["hash"])
        return row


def head() -> tuple[int, str]:
    row = LedgerHead.objects.filter(id=1).first()
    return (row.seq, row.hash) if row else (-1, chain.GENESIS)


def case_head(case: str) -> str:
    return LedgerEntry.objects.filter(case=case).order_by("-seq").values_list("hash", flat=True).first() or chain.GENESIS


def entries_for_case(case: str) -> list[dict[str, Any]]:
    return [json.loads(b) for b in LedgerEntry.objects.filter(case=case).order_by("seq").values_list("body", flat=True)]


def verify_stored(record: bool = True) -> chain.VerifyResult:
    """Verify the whole stored chain: each body's hash and links, the columns against the body,
    and the head pointer against the last entry (so cutting entries off the end is caught)."""
    prev = chain.GENESIS
    count = 0
    result: chain.VerifyResult | None = None
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
        count += 1
    if result is None:
        head_seq, head_hash = head()
        if (head_seq, head_hash) != (count - 1, prev):
            result = chain.VerifyResult(False, count, f"the chain ends at entry {count - 1} but its head says entry {head_seq}: entries were removed or added outside the ledger", prev, count)
        else:
            result = chain.VerifyResult(True, None, "", prev, count)
    if record:
        bad_seq = result.first_bad_index if not result.ok else None
        VerificationRun.objects.create(ok=result.ok, entries=result.count, first_bad_seq=bad_seq, reason=result.reason)
    return result


def last_verification() -> VerificationRun | None:
    return VerificationRun.objects.order_by("-at").first()
