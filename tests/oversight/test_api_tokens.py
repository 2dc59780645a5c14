"""Issue 11: staff API tokens skipped the second factor and never expired. A token may be made only
in a session that passed the second factor (for staff), expires after 30 days, is refused with a
plain 401 after that, and its making is in the ledger."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fairwitness.accounts import actions
from fairwitness.accounts.models import TOKEN_LIFETIME, ApiToken
from fairwitness.ledger.models import LedgerEntry

from .conftest import verified_client

pytestmark = pytest.mark.django_db


def test_staff_without_a_verified_second_factor_cannot_make_a_token(make_staff):
    reviewer = make_staff("rev@example.org", "reviewer")
    reviewer.is_verified = lambda: False  # as django-otp's middleware sets it for an unverified session
    with pytest.raises(actions.TokenRefused):
        actions.create_api_token(reviewer, "script")
    assert not ApiToken.objects.filter(user=reviewer).exists()

    # Through the page: the unverified staff session is sent to enter a code, and nothing is made.
    client = Client()
    client.force_login(reviewer)
    response = client.post("/accounts/api-tokens/", {"name": "script"})
    assert response.status_code == 302 and response["Location"].startswith(("/accounts/two-factor/", "/oversight/verify/"))
    assert not ApiToken.objects.filter(user=reviewer).exists()


def test_verified_staff_make_a_token_that_states_its_expiry_and_is_in_the_ledger(make_staff):
    reviewer = make_staff("rev@example.org", "reviewer")
    client = verified_client(reviewer)
    response = client.post("/accounts/api-tokens/", {"name": "script"})
    assert response.status_code == 200
    row = ApiToken.objects.get(user=reviewer)
    token = response.context["new_token"]
    assert token.startswith("fw_") and row.prefix == token[:10]
    assert timedelta(days=29) < row.expires_at - timezone.now() <= TOKEN_LIFETIME
    page = response.content.decode()
    assert token in page and f"It stops working on {row.expires_at:%-d %B %Y}" in page
    entry = LedgerEntry.objects.filter(action=actions.TOKEN_CREATED_ACTION).get()
    assert row.prefix in entry.body and token not in entry.body and reviewer.email not in entry.body
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/cases").status_code == 200


def test_an_expired_token_is_refused_with_a_plain_401(make_user):
    user = make_user("family@example.org")
    client = Client()
    client.force_login(user)  # families make tokens without a second factor
    token = client.post("/accounts/api-tokens/", {"name": "mine"}).context["new_token"]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/cases").status_code == 200

    ApiToken.objects.filter(user=user).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api.get("/api/cases")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "expired" in response.json()["detail"]
    assert "Traceback" not in response.content.decode()


def test_a_token_from_before_expiry_existed_is_refused(make_user):
    user = make_user("family@example.org")
    row, token = ApiToken.issue(user, "old")
    ApiToken.objects.filter(pk=row.pk).update(expires_at=None)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/cases").status_code == 401
