"""The checkpoint receipt as people receive it: in a page footer, in an email, on the public page.

A receipt is the newest signed checkpoint (``fairwitness.ledger.checkpoint``): the ledger's length
and head hash, signed. Keeping one lets anyone later run ``fairwitness verify --checkpoint FILE``
and learn whether entries were cut off or the chain rewritten since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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


def recent_receipts(count: int = 20) -> list[Receipt]:
    return [_receipt(row) for row in Checkpoint.objects.order_by("-seq", "-pk")[:count]]


def _receipt(row: Checkpoint) -> Receipt:
    return Receipt(row.size, row.hash, row.signed_at, row.note)


def email_receipt() -> str:
    """The text every email ends with: the newest signed checkpoint, and what it is for."""
    receipt = current_receipt()
    if receipt is None:
        return ""
    return ("\n\n-- \nYour receipt from the Fair Witness ledger. Keep it: it lets anyone check later that no record "
            f"was removed or rewritten (the ledger then held {receipt.size} entries).\n\n{receipt.note}")
