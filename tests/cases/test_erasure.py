"""Crypto-shredding: the content becomes unreadable for ever, the chain still verifies."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from fairwitness import crypto
from fairwitness.cases import actions, policy
from fairwitness.cases.integrity import verify_database
from fairwitness.cases.models import Case, Document, EventVersion

pytestmark = pytest.mark.django_db


def test_erasure_leaves_the_chain_verifying_and_the_content_unreadable(family, other_family):
    user, case = family
    event = case.events.first()
    actions.attach_document(case, user, event, ("note.pdf", b"%PDF-1.4\n%secret\n%%EOF\n"))
    document = Document.objects.get(case=case)
    blob = Path(settings.FAIRWITNESS_DOCUMENTS_DIR) / document.blob_path
    sealed = bytes(EventVersion.objects.filter(event__case=case).first().content_sealed)

    actions.erase_case(case, user)

    case = Case.objects.get(pk=case.pk)
    assert case.is_erased and case.wrapped_key is None
    assert case.title == "Erased case"
    assert EventVersion.objects.filter(event__case=case).first().data == {}
    with pytest.raises(crypto.ContentUnavailable):
        case.key()
    assert b"Zanzibar" not in sealed  # it was never stored in the clear
    assert not blob.exists()
    assert not policy.visible_cases(user).exists()
    report = verify_database()
    assert report.ok, report.problems


def test_only_the_owner_can_erase(family, make_user):
    owner, case = family
    invitation = actions.invite_member(case, owner, "aunt@example.org")
    aunt = make_user("aunt@example.org")
    actions.accept_invitation(invitation.token, aunt)
    with pytest.raises(policy.PermissionDenied):
        actions.erase_case(case, aunt)


def test_the_deletion_day_is_said_in_england_s_time_on_the_message_and_the_page(family, client, monkeypatch):
    """Asked for at 23:30 UTC on 20 June, the deletion falls due at 00:30 London time on 5 July: the
    message must not say 4 July while the page says 5 July."""
    from datetime import UTC, datetime

    from django.utils import timezone

    user, case = family
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 6, 20, 23, 30, tzinfo=UTC))
    client.force_login(user)
    response = client.post(f"/cases/{case.public_id}/delete/", {"confirmation": case.title}, follow=True)
    text = response.content.decode()
    assert "deleted for good on 5 July 2026" in text
    assert "4 July 2026" not in text
