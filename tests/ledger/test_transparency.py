"""The family's receipt (the newest signed checkpoint): on the public page, in every page's
footer, in emails and in exports; and the signing key kept by the master key's rules."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from fairwitness.ledger import checkpoint as signed
from fairwitness.ledger import keys
from fairwitness.ledger.receipts import email_receipt
from fairwitness.ledger.store import latest_checkpoint

pytestmark = pytest.mark.django_db


def test_public_page_publishes_the_newest_checkpoint_and_the_key(client, family, other_family):
    newest = latest_checkpoint()
    page = client.get("/transparency/")
    assert page.status_code == 200
    text = page.content.decode()
    assert keys.public_key_line() in text
    assert newest.note.splitlines()[2] in text  # the head hash, as signed
    for private in ("Alice", "Poppy", "Vexler", "Smith"):
        assert private not in text
    note = client.get("/transparency/checkpoint.txt").content.decode()
    point = signed.open_note(note, keys.public_key())
    assert (point.size, point.head) == (newest.size, newest.hash)


def test_every_page_footer_carries_the_receipt(client, family):
    newest = latest_checkpoint()
    for url in ("/", "/about/", "/accounts/login/"):
        text = client.get(url).content.decode()
        assert f"Ledger receipt: {newest.size} entries" in text and newest.hash[:12] in text, url


def test_emails_carry_the_signed_receipt(client, family):
    user, _ = family
    client.post("/accounts/password-reset/", {"email": user.email})
    assert mail.outbox, "no password reset email was sent"
    body = mail.outbox[-1].body
    assert latest_checkpoint().note.strip() in body
    assert signed.open_note(email_receipt().split("\n\n", 2)[-1], keys.public_key())


def test_production_refuses_a_signing_key_inside_the_data_dir(settings, tmp_path, monkeypatch):
    settings.PRODUCTION = True
    settings.FAIRWITNESS_DATA_DIR = tmp_path
    monkeypatch.delenv("FAIRWITNESS_SIGNING_KEY", raising=False)
    monkeypatch.delenv("FAIRWITNESS_SIGNING_KEY_FILE", raising=False)
    with pytest.raises(ImproperlyConfigured):
        keys.check_configuration()
    inside = tmp_path / "signing.key"
    inside.write_text("A" * 43 + "=")
    monkeypatch.setenv("FAIRWITNESS_SIGNING_KEY_FILE", str(inside))
    with pytest.raises(ImproperlyConfigured, match="outside the data dir"):
        keys.check_configuration()
    outside = tmp_path.parent / f"{tmp_path.name}-signing.key"
    outside.write_text("A" * 43 + "=")
    monkeypatch.setenv("FAIRWITNESS_SIGNING_KEY_FILE", str(outside))
    keys.check_configuration()


def test_public_page_gives_days_not_times_of_writes(client, family, other_family):
    """A family who knows when they saved something must not find their own write (or watch others')
    on a public page: the day is said, never the hour, minute or second; history is counted per day."""
    import re

    from fairwitness.ledger.models import Checkpoint, LedgerEntry

    clock = re.compile(r"\b\d{1,2}:\d{2}\b|T\d{2}:\d{2}")
    for url in ("/transparency/", "/transparency/checkpoint.txt", "/", "/accounts/login/"):
        text = client.get(url).content.decode()
        assert not clock.search(text), (url, clock.search(text).group(0))
    page = client.get("/transparency/").content.decode()
    written_today = LedgerEntry.objects.count()
    newest = latest_checkpoint()
    assert re.search(rf">\s*{written_today}\s*<", page), "the day's count of writes is shown"
    assert newest.hash[:12] in page
    # One row per day, not one per write.
    assert page.count('<tr class="govuk-table__row">') == 2  # the header and today
    assert Checkpoint.objects.count() > 2
