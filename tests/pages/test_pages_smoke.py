"""Every page a family uses renders, on the GOV.UK layout, with the exit button and no crown."""

from __future__ import annotations

import pytest
from django.urls import reverse


def _common(html: str) -> None:
    assert "govuk-exit-this-page" in html and "https://www.bbc.co.uk/weather" in html
    assert "Fair Witness" in html
    assert "govuk-crest" not in html and "GOV.UK" not in html and "govuk-logo" not in html
    assert "independent" in html.lower()


@pytest.mark.django_db
def test_public_pages(client):
    for name in ("home", "about", "accounts:login", "accounts:signup", "accounts:password_reset"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        _common(response.content.decode())


@pytest.mark.django_db
def test_case_pages(signed_in):
    client, user, case = signed_in
    pid = case.public_id
    urls = [
        reverse("cases:list"), reverse("cases:create"), reverse("cases:import"),
        reverse("cases:detail", args=[pid]), reverse("cases:people", args=[pid]),
        reverse("cases:child_add", args=[pid]), reverse("cases:person_add", args=[pid]),
        reverse("cases:invite", args=[pid]), reverse("cases:record", args=[pid]),
        reverse("cases:record_kind", args=[pid, "assessment"]),
        reverse("cases:record_details", args=[pid, "assessment", "assessment_started"]),
        reverse("cases:event", args=[pid, "e1"]), reverse("cases:documents", args=[pid]),
        reverse("cases:document_add", args=[pid]), reverse("accounts:account"),
        reverse("accounts:two_factor_setup"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        _common(response.content.decode())
    html = client.get(reverse("cases:detail", args=[pid])).content.decode()
    assert 'role="img"' in html and "information about the law, not legal advice" in html
    export = client.get(reverse("cases:export", args=[pid]))
    assert export.status_code == 200 and export["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_another_familys_case_is_not_found(client, family, other_family):
    _user, case = family
    other_user = other_family[0]
    client.force_login(other_user)
    for name in ("cases:detail", "cases:people", "cases:record", "cases:export", "cases:documents"):
        assert client.get(reverse(name, args=[case.public_id])).status_code == 404, name
