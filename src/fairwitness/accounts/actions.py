"""Writes on accounts. Making an API token: a token acts as its holder without a second factor, so a
staff member may make one only in a session that has passed the second factor (issue 11); every
token expires (``models.TOKEN_LIFETIME``) and its making is in the ledger (never the token itself)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fairwitness.accounts.models import ApiToken
from fairwitness.cases import policy
from fairwitness.ledger.records import when
from fairwitness.ledger.store import append

TOKEN_CREATED_ACTION = "api_token_created"


class TokenRefused(Exception):
    """Why a token cannot be made now, in words for the person asking."""


def needs_second_factor(user: Any) -> bool:
    """Staff (Django's flag or a staff role) must have passed the second factor in this session."""
    is_staff = bool(getattr(user, "is_staff", False) or policy.staff_role(user) is not None)
    return is_staff and not getattr(user, "is_verified", lambda: False)()


def create_api_token(user: Any, name: str = "") -> tuple[ApiToken, str]:
    """Make a token for ``user`` (the request's user, so django-otp's ``is_verified`` is set).
    Returns the row and the token, which is shown once and never stored."""
    if not getattr(user, "is_authenticated", False):
        raise TokenRefused("Sign in to make an API token.")
    if needs_second_factor(user):
        raise TokenRefused("Enter a code from your authenticator app before you make an API token.")
    with transaction.atomic():
        row, token = ApiToken.issue(user, name.strip()[:100])
        append(action=TOKEN_CREATED_ACTION, actor_id=user.pk, actor_role=policy.staff_role(user) or "user",
               objects={"api_token": {"id": row.pk, "prefix": row.prefix, "created_at": when(row.created_at),
                                      "expires_at": when(row.expires_at)}})
    return row, token
