"""Sign up, sign in with an authenticator code, and the lockout page."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_sign_up_signs_you_in(client):
    response = client.post(reverse("accounts:signup"), {
        "email": "New@Example.org", "password": "kitchen table evidence 42", "password_again": "kitchen table evidence 42"})
    assert response.status_code == 302 and response["Location"] == reverse("cases:list")
    assert client.get(reverse("cases:list")).status_code == 200


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
