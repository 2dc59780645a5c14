"""The checkpoint receipt as people receive it: in a page footer, in an email, on the public page.

A receipt is the newest signed checkpoint (``fairwitness.ledger.checkpoint``): the ledger's length
and head hash, signed. Keeping one lets anyone later run ``fairwitness verify --checkpoint FILE``
and learn whether entries were cut off or the chain rewritten since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Max, Min
from django.db.models.functions import TruncDate
from django.utils import timezone

from fairwitness.ledger.models import Checkpoint
from fairwitness.ledger.store import latest_checkpoint


@dataclass(frozen=True)
class Receipt:
    size: int
    head: str
    signed_at: datetime
    note: str

    @property
    def short_head(self) -> str:
        return f"{self.head[:12]}…"


def current_receipt() -> Receipt | None:
    row = latest_checkpoint()
    return None if row is None else _receipt(row)


@dataclass(frozen=True)
class DayOfWrites:
    """One day on the public page: how many entries were written, and where the chain stood at the
    day's end. A day, never a time: the public needs the chain's head to check it, not who wrote when."""

    day: date
    written: int
    size: int
    head: str

    @property
    def short_head(self) -> str:
        return f"{self.head[:12]}…"


def days_of_writes(days: int = 14) -> list[DayOfWrites]:
    """The most recent ``days`` days that had writes, newest first (one checkpoint per entry)."""
    by_day = (Checkpoint.objects.annotate(day=TruncDate("signed_at", tzinfo=timezone.get_current_timezone()))
              .values("day").annotate(first=Min("seq"), last=Max("seq"), n=Count("pk")).order_by("-day")[:days])
    rows = list(by_day)
    heads = dict(Checkpoint.objects.filter(seq__in=[r["last"] for r in rows]).values_list("seq", "hash"))
    return [DayOfWrites(r["day"], r["last"] - r["first"] + 1, r["last"] + 1, heads[r["last"]]) for r in rows]


def _receipt(row: Checkpoint) -> Receipt:
    return Receipt(row.size, row.hash, row.signed_at, row.note)


def email_receipt() -> str:
    """The text every email ends with: the newest signed checkpoint, and what it is for."""
    receipt = current_receipt()
    if receipt is None:
        return ""
    return ("\n\n-- \nYour receipt from the Fair Witness ledger. Keep it: it lets anyone check later that no record "
            f"was removed or rewritten (the ledger then held {receipt.size} entries).\n\n{receipt.note}")
