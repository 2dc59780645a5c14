"""The public transparency page: the ledger's signed checkpoints and the key that signs them.

Like a Certificate Transparency log's signed tree heads (RFC 9162), these let anyone who keeps a
copy prove later that the ledger was cut short or rewritten. Counts, days and hashes only: nothing
here identifies a family, and no time of day lets anyone match a write to the person who made it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from fairwitness.ledger import keys
from fairwitness.ledger.receipts import current_receipt, days_of_writes


@require_GET
def transparency(request: HttpRequest) -> HttpResponse:
    return render(request, "ledger/transparency.html", {
        "receipt": current_receipt(), "days": days_of_writes(14), "public_key": keys.public_key_line(),
        "origin": keys.origin(),
    })


@require_GET
def checkpoint_text(request: HttpRequest) -> HttpResponse:
    """The newest signed checkpoint as plain text, to save as a receipt or fetch from a mirror."""
    receipt = current_receipt()
    response = HttpResponse(receipt.note if receipt else "", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="fairwitness-checkpoint.txt"'
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def public_key(request: HttpRequest) -> HttpResponse:
    return HttpResponse(keys.public_key_line() + "\n", content_type="text/plain; charset=utf-8")
