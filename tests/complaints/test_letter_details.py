"""The sender's address, email and phone: asked once (the first letter from a person), kept
encrypted with the case, in the ledger by hash, editable, and printed on every later letter."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from tests.complaints.conftest import DETAILS, letter_page, pdf_text

pytestmark = pytest.mark.django_db


def test_the_first_letter_asks_once_then_every_letter_carries_the_details(signed_in):
    from fairwitness.complaints.models import LetterDetails
    from fairwitness.ledger.models import LedgerEntry

    client, _, case = signed_in
    url = reverse("complaints:letter", args=[case.public_id, "review-panel"])
    first = client.get(url)
    assert first.status_code == 302
    target = urlparse(first["Location"])
    assert target.path == reverse("complaints:letter_details", args=[case.public_id])
    assert parse_qs(target.query) == {"from": ["p1"], "next": [url]}

    asked = client.get(first["Location"]).content.decode()
    assert "Sarah Brook: details for your letters" in asked and "Exit this page" in asked
    missing = client.post(first["Location"], {"address": "", "email": "", "phone": ""})
    assert missing.status_code == 200
    assert "Enter your postal address" in missing.content.decode()
    assert "Enter an email address or a phone number" in missing.content.decode()

    page = letter_page(client, url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "4 Mill Lane" in html and "sarah.brook@example.org" in html and "PO Box 1" in html

    stored = LetterDetails.objects.get(case=case)
    assert b"Mill Lane" not in bytes(stored.content_sealed) and b"sarah.brook" not in bytes(stored.content_sealed)
    assert LedgerEntry.objects.filter(case=str(case.public_id), action="letter_details_changed").count() == 1

    # Asked once: another letter from the same person goes straight to the draft, with the details.
    other = client.get(reverse("complaints:letter", args=[case.public_id, "subject-access"]))
    assert other.status_code == 200 and "4 Mill Lane" in other.content.decode()
    form = other.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    pdf = client.post(reverse("complaints:letter", args=[case.public_id, "subject-access"]),
                      {**data, "action": "draft_pdf"})
    text = pdf_text(pdf.content)
    assert "4 Mill Lane" in text and "0113 496 0000" in text
    assert "Leeds LS1 1AA" not in text  # the complaints address is for complaint letters, not the data officer


def test_details_can_be_changed_and_the_change_is_in_the_ledger(signed_in):
    from fairwitness.complaints.actions import letter_details
    from fairwitness.ledger.models import LedgerEntry

    client, _, case = signed_in
    url = reverse("complaints:letter_details", args=[case.public_id]) + "?from=p1"
    client.post(url, DETAILS)
    client.post(url, {**DETAILS, "address": "9 New Street\nLeeds LS2 9ZZ"})
    assert letter_details(case).sender("p1")["address"] == "9 New Street\nLeeds LS2 9ZZ"
    assert LedgerEntry.objects.filter(case=str(case.public_id), action="letter_details_changed").count() == 2
    page = client.get(url).content.decode()
    assert "9 New Street" in page  # the form starts from what is stored


def test_details_stay_in_the_family_and_next_stays_on_the_case(signed_in, other_family):
    client, _, case = signed_in
    url = reverse("complaints:letter_details", args=[case.public_id])
    away = client.post(url + "?from=p1&next=https://evil.example/", DETAILS)
    assert away.status_code == 302 and away["Location"] == reverse("complaints:letters", args=[case.public_id])
    assert client.get(url + "?from=nobody").status_code == 404
    client.force_login(other_family[0])
    assert client.get(url + "?from=p1").status_code == 404
