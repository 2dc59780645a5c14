"""Confirming that a person controls the email address they signed up with.

An invitation to a family's case is bound to the address it was sent to, and that binding is only
worth something if the account accepting it has shown it can read mail at that address. The link
we send carries a signed, time-limited token naming the account *and* the address, so it stops
working if the address changes. Confirming is idempotent; the link can be asked for again.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

SALT = "fairwitness.accounts.verify-email"
LINK_DAYS = 3


class VerificationError(Exception):
    """The confirmation link is broken, expired, or was for another address."""


def make_token(user: Any, next_path: str = "") -> str:
    return signing.dumps({"u": user.pk, "e": user.email.lower(), "n": next_path}, salt=SALT, compress=True)


def confirm(token: str) -> tuple[Any, str]:
    """Mark the account's address as confirmed; returns (user, where to go next)."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=LINK_DAYS * 24 * 3600)
    except signing.SignatureExpired:
        raise VerificationError("This link has expired. Ask for a new one from your account page.") from None
    except signing.BadSignature:
        raise VerificationError("This link is not valid. Check you copied the whole link from the email.") from None
    user = get_user_model()._default_manager.filter(pk=payload.get("u"), is_active=True).first()
    if user is None or user.email.lower() != payload.get("e"):
        raise VerificationError("This link was for an email address this account no longer uses.")
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    next_path = payload.get("n") or ""
    if not url_has_allowed_host_and_scheme(next_path, allowed_hosts=None):
        next_path = ""
    return user, next_path


def mark_verified(user: Any) -> None:
    """The person proved control of the address another way (they completed a password reset)."""
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])


def send_link(request: Any, user: Any, next_path: str = "") -> None:
    """Email the confirmation link. Never logged or printed (see web/mailfiles.py in the demo)."""
    link = request.build_absolute_uri(reverse("accounts:verify_email", args=[make_token(user, next_path)]))
    body = (
        "Please confirm this is your email address for Fair Witness by opening this link "
        f"(it works for {LINK_DAYS} days):\n\n{link}\n\n"
        "If you did not create a Fair Witness account, you can ignore this email."
    )
    EmailMessage("Confirm your email address for Fair Witness", body, settings.DEFAULT_FROM_EMAIL, [user.email],
                 headers={"X-Fairwitness-Kind": "confirm-email"}).send()
