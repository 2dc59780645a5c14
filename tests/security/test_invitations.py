"""Issue 10, finding 1: an invitation joined any account. Now it is bound to the invited address
(confirmed), used once, expires after 7 days, and can be withdrawn; the family sees them listed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from fairwitness.cases import actions, policy
from fairwitness.cases.models import Invitation, Membership
from fairwitness.ledger.store import entries_for_case

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def test_another_family_cannot_accept_an_invitation_sent_to_someone_else(family, other_family, make_user, client_for):
    """The attack as reported: family 1 invites grandma; family 2 opens the link and accepts."""
    owner, case = family
    intruder, _ = other_family
    client_for(owner).post(f"/cases/{case.public_id}/share/", {"email": "grandma@example.org", "role": "member"})
    link = _link(mail.outbox[-1])

    intruder_client = client_for(intruder)
    response = intruder_client.post(link)
    assert response.status_code == 400
    assert b"sent to a different email address" in response.content
    assert b"grandma@example.org" not in response.content  # the wrong account is not told whose it was
    assert not Membership.objects.filter(case=case, user=intruder).exists()
    assert intruder_client.get(f"/cases/{case.public_id}/export/").status_code == 404

    grandma = make_user("grandma@example.org")
    assert client_for(grandma).post(link).status_code == 302
    assert policy.role_in(grandma, case) == "member"


def test_an_unconfirmed_address_must_be_confirmed_before_joining(family, make_user, client_for):
    owner, case = family
    invitation = actions.invite_member(case, owner, "gran@example.org")
    gran = make_user("gran@example.org", verified=False)
    client = client_for(gran)
    page = client.get(f"/cases/invitations/{invitation.token}/")
    assert b"confirm that this address is yours" in page.content
    assert client.post(f"/cases/invitations/{invitation.token}/").status_code == 200
    assert not Membership.objects.filter(case=case, user=gran).exists()

    client.post("/accounts/verify-email/send/", {"next": f"/cases/invitations/{invitation.token}/"})
    confirm = _link(mail.outbox[-1])
    assert confirm.startswith("/accounts/verify-email/")
    assert client.get(confirm)["Location"] == f"/cases/invitations/{invitation.token}/"
    assert client.post(f"/cases/invitations/{invitation.token}/").status_code == 302
    assert policy.role_in(gran, case) == "member"


def test_a_confirmation_link_stops_working_when_the_address_changes(make_user):
    from fairwitness.accounts import verification

    user = make_user("old@example.org", verified=False)
    token = verification.make_token(user)
    user.email = "new@example.org"
    user.save()
    with pytest.raises(verification.VerificationError):
        verification.confirm(token)


def test_signing_up_sends_a_confirmation_link():
    client = Client()
    client.post("/accounts/signup/", {"email": "newcomer@example.org", "password": "a-long-test-password-1",
                                      "password_again": "a-long-test-password-1"})
    assert mail.outbox and mail.outbox[-1].to == ["newcomer@example.org"]
    assert client.get(_link(mail.outbox[-1])).status_code == 302
    from fairwitness.accounts.models import User

    assert User.objects.get(email="newcomer@example.org").email_verified


def test_an_invitation_is_used_once_expires_after_seven_days_and_can_be_withdrawn(family, make_user):
    owner, case = family
    gran, aunt, uncle = make_user("gran@example.org"), make_user("aunt@example.org"), make_user("uncle@example.org")

    used = actions.invite_member(case, owner, gran.email)
    actions.accept_invitation(used.token, gran)
    with pytest.raises(actions.InvitationError, match="used already"):
        actions.accept_invitation(used.token, gran)

    expired = actions.invite_member(case, owner, aunt.email)
    assert abs(expired.expires_at - expired.created_at - timedelta(days=7)) < timedelta(seconds=5)
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(actions.InvitationError, match="expired"):
        actions.accept_invitation(expired.token, aunt)

    withdrawn = actions.invite_member(case, owner, uncle.email, "advocate")
    actions.revoke_invitation(case, owner, withdrawn.pk)
    with pytest.raises(actions.InvitationError, match="withdrawn"):
        actions.accept_invitation(withdrawn.token, uncle)
    with pytest.raises(actions.InvitationError):
        actions.revoke_invitation(case, owner, used.pk)  # only a waiting invitation can be withdrawn

    rows = {r.email: r for r in actions.list_invitations(case, owner)}
    assert {e: r.status for e, r in rows.items()} == {
        "gran@example.org": "accepted", "aunt@example.org": "expired", "uncle@example.org": "revoked"}
    assert not any(r.can_revoke for r in rows.values())
    assert not policy.role_in(aunt, case) and not policy.role_in(uncle, case)
    assert {e["action"] for e in entries_for_case(str(case.public_id))} >= {
        "invitation_created", "invitation_revoked", "member_added"}


def test_only_the_owner_lists_and_withdraws_invitations(family, make_user):
    owner, case = family
    member = make_user("member@example.org")
    actions.accept_invitation(actions.invite_member(case, owner, member.email).token, member)
    pending = actions.invite_member(case, owner, "later@example.org")
    with pytest.raises(policy.PermissionDenied):
        actions.list_invitations(case, member)
    with pytest.raises(policy.PermissionDenied):
        actions.revoke_invitation(case, member, pending.pk)
    assert [r.status for r in actions.list_invitations(case, owner)][0] == "pending"
