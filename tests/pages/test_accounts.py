"""Sign up, sign in with an authenticator code, and the lockout page."""

from __future__ import annotations

import pytest
from django.urls import reverse

SIGN_UP = {"password": "kitchen table evidence 42", "password_again": "kitchen table evidence 42"}


def _link(message) -> str:
    return next(line for line in message.body.splitlines() if line.startswith("http"))


@pytest.mark.django_db
def test_sign_up_sends_a_link_that_signs_you_in(client, mailoutbox):
    response = client.post(reverse("accounts:signup"), {"email": "New@Example.org", **SIGN_UP})
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    assert client.get(reverse("cases:list")).status_code == 302  # not signed in until the link is followed
    assert [m.to for m in mailoutbox] == [["new@example.org"]]
    response = client.get(_link(mailoutbox[0]))
    assert response.status_code == 302 and response["Location"] == reverse("cases:list")
    assert client.get(reverse("cases:list")).status_code == 200
    assert client.get(_link(mailoutbox[0])).status_code == 400  # used once


@pytest.mark.django_db
def test_sign_up_does_not_reveal_an_existing_account(client, make_user, mailoutbox):
    """Issue 11: the page is the same whether the address has an account; the email says which."""
    make_user("taken@example.org")
    taken = client.post(reverse("accounts:signup"), {"email": "Taken@example.org", **SIGN_UP})
    fresh = client.post(reverse("accounts:signup"), {"email": "fresh@example.org", **SIGN_UP})
    assert taken.status_code == fresh.status_code == 200

    def page(response) -> str:
        return response.content.decode().replace("taken@example.org", "X").replace("fresh@example.org", "X")

    assert page(taken) == page(fresh)
    assert "already" not in page(taken).split("<main")[1].split("If you already have an account")[0]
    existing, new = mailoutbox
    assert existing.to == ["taken@example.org"] and "already an account" in existing.body
    assert new.to == ["fresh@example.org"] and "/accounts/signup/confirm/" in new.body


@pytest.mark.django_db
def test_sign_up_errors_keep_the_email(client):
    response = client.post(reverse("accounts:signup"), {"email": "new@example.org", "password": "short", "password_again": "other"})
    html = response.content.decode()
    assert "There is a problem" in html and 'value="new@example.org"' in html and "do not match" in html


@pytest.mark.django_db
def test_a_second_factor_is_asked_for_at_sign_in(client, make_user):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = make_user("code@example.org")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    response = client.post(reverse("accounts:login"), {"username": "code@example.org", "password": "a-long-test-password"})
    assert response["Location"] == reverse("accounts:login_code")
    assert client.get(reverse("cases:list")).status_code == 302  # not signed in yet
    wrong = client.post(reverse("accounts:login_code"), {"code": "000000"})
    assert "That code is not right" in wrong.content.decode()
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    response = client.post(reverse("accounts:login_code"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200


@pytest.mark.django_db
def test_two_factor_setup_shows_a_qr_code(client, make_user):
    client.force_login(make_user("qr@example.org"))
    html = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert 'src="data:image/svg+xml;base64,' in html and "I cannot scan the picture" in html


@pytest.mark.django_db
def test_too_many_failures_show_the_lockout_page(client, make_user, settings):
    make_user("locked@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "locked@example.org", "password": "wrong password"})
    response = client.post(reverse("accounts:login"), {"username": "locked@example.org", "password": "a-long-test-password"})
    assert response.status_code == 429
    assert "Signing in is paused" in response.content.decode()
