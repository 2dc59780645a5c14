"""``{% ledger_receipt_footer %}``: the newest signed checkpoint, short, for every page's footer."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import DatabaseError

from fairwitness.ledger.receipts import current_receipt, email_receipt

register = template.Library()


@register.inclusion_tag("ledger/_receipt_footer.html")
def ledger_receipt_footer() -> dict[str, Any]:
    try:
        return {"receipt": current_receipt()}
    except DatabaseError:  # an error page while the database is down still renders
        return {"receipt": None}


@register.simple_tag
def ledger_receipt_text() -> str:
    """For plain-text emails rendered from templates."""
    try:
        return email_receipt()
    except DatabaseError:
        return ""
