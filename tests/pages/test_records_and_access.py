"""Children, people and the case's details corrected and removed as versions; who has access."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_a_childs_date_of_birth_is_corrected_as_a_new_version(signed_in):
    from fairwitness.cases import actions
    from fairwitness.cases.models import RecordVersion

    client, _user, case = signed_in
    url = reverse("cases:child_change", args=[case.public_id, "c1"])
    page = client.get(url).content.decode()
    assert 'value="2015"' in page and "Poppy Smith" in page
    future = client.post(url, {"name": "Poppy Smith", "date_of_birth-day": "1", "date_of_birth-month": "4",
                               "date_of_birth-year": "2031"}).content.decode()
    assert "The date of birth must be today or in the past" in future
    response = client.post(url, {"name": "Poppy Smith", "date_of_birth-day": "1", "date_of_birth-month": "4",
                                 "date_of_birth-year": "2016", "reason": "I typed the wrong year"})
    assert response.status_code == 302
    people = client.get(response["Location"]).content.decode()
    assert "1 April 2016" in people and "1 April 2015" not in people
    versions = actions.record_versions(case, "child", "c1")
    assert [v.data.get("date_of_birth") for v in versions] == ["2015-04-01", "2016-04-01"]
    assert versions[1].reason == "I typed the wrong year"
    history = client.get(url).content.decode()
    assert "Version 2 (current)" in history and "1 April 2015" in history and "I typed the wrong year" in history
    ok, _ = actions.ledger_status(case)
    assert ok
    with pytest.raises(Exception):  # noqa: B017 -- the kept versions cannot be changed
        RecordVersion.objects.filter(case=case).update(removed=True)


@pytest.mark.django_db
def test_a_person_added_by_mistake_is_removed_but_kept_in_the_history(signed_in):
    from fairwitness.cases import actions
    from fairwitness.cases.models import PersonRecord

    client, user, case = signed_in
    actions.add_person(case, user, "Carl Wrong", "uncle", None, ["c1"])
    url = reverse("cases:person_remove", args=[case.public_id, "p3"])
    response = client.post(url, {"reason": "Added by mistake"})
    assert response.status_code == 302
    people = client.get(reverse("cases:people", args=[case.public_id])).content.decode()
    assert "Carl Wrong has been removed" in people
    assert 'data-person="p3"' not in people and 'data-person="p1"' in people
    assert PersonRecord.all_objects.filter(case=case, person_id="p3", removed_at__isnull=False).exists()
    assert [p["id"] for p in actions.export_case(case, user)["people"]] == ["p1", "p2"]
    ok, _ = actions.ledger_status(case)
    assert ok
    # A new person gets a new id, never the removed one's.
    assert actions.add_person(case, user, "Dee", "aunt").person_id == "p4"


@pytest.mark.django_db
def test_a_person_named_in_an_event_cannot_be_removed_until_it_is_corrected(signed_in):
    from fairwitness.cases import actions

    client, _user, case = signed_in  # Alice (p1) gave the consent in e2
    page = client.get(reverse("cases:person_remove", args=[case.public_id, "p1"])).content.decode()
    assert "Alice Smith is named in 1 event" in page
    client.post(reverse("cases:person_remove", args=[case.public_id, "p1"]), {"reason": "Mistake"})
    assert case.people.filter(person_id="p1").exists()
    assert [p.person_id for p in case.people.all()] == ["p1", "p2"]
    assert actions.events_naming(case, person="p1")


@pytest.mark.django_db
def test_parental_responsibility_is_changed_for_two_children_and_none_is_not_unknown(signed_in):
    from fairwitness.cases import actions

    client, user, case = signed_in
    actions.add_child(case, user, "Rory Smith", "2018-02-02")
    url = reverse("cases:person_change", args=[case.public_id, "p2"])
    response = client.post(url, {"name": "Bob Smith", "role": "father", "parental_responsibility": ["c1", "c2"],
                                 "reason": "He is on both birth certificates"})
    assert response.status_code == 302
    bob = case.people.get(person_id="p2")
    assert bob.has_pr_for("c1") and bob.has_pr_for("c2")
    client.post(url, {"name": "Bob Smith", "role": "father", "parental_responsibility": ["none"]})
    assert case.people.get(person_id="p2").data["parental_responsibility"] == {"c1": False, "c2": False}
    client.post(url, {"name": "Bob Smith", "role": "father"})
    assert "parental_responsibility" not in case.people.get(person_id="p2").data
    people = client.get(reverse("cases:people", args=[case.public_id])).content.decode()
    assert "Not known" in people
    assert len(actions.record_versions(case, "person", "p2")) == 4


@pytest.mark.django_db
def test_the_cases_name_and_council_are_corrected_as_versions(signed_in):
    from fairwitness.cases import actions

    client, _user, case = signed_in
    url = reverse("cases:case_change", args=[case.public_id])
    assert "Alice Smith&#x27;s case" in client.get(url).content.decode()
    response = client.post(url, {"title": "The Smith family", "local_authority": "E06000001",
                                 "reason": "A shorter name"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "The Smith family"
    versions = actions.record_versions(case, "case", "case")
    assert [v.data["title"] for v in versions] == ["Alice Smith's case", "The Smith family"]
    assert "The Smith family" in client.get(reverse("cases:people", args=[case.public_id])).content.decode()


@pytest.mark.django_db
def test_access_page_lists_members_and_invitations_and_both_can_be_revoked(signed_in, make_user):
    from fairwitness.cases import actions
    from fairwitness.cases.models import Membership
    from fairwitness.ledger.models import LedgerEntry

    client, user, case = signed_in
    gran = make_user("gran@example.org")
    invitation = actions.invite_member(case, user, "gran@example.org", "member")
    actions.accept_invitation(invitation.token, gran)
    pending = actions.invite_member(case, user, "adviser@example.org", "advocate")
    page = client.get(reverse("cases:access", args=[case.public_id])).content.decode()
    assert "alice@example.org (you)" in page or "(you)" in page
    assert 'data-member="gran@example.org"' in page and "Family member" in page
    assert 'data-invitation="adviser@example.org"' in page and "Advocate or adviser" in page
    membership = Membership.objects.get(case=case, user=gran)
    client.post(reverse("cases:member_remove", args=[case.public_id, membership.pk]))
    assert not Membership.objects.filter(case=case, user=gran).exists()
    client.post(reverse("cases:invitation_revoke", args=[case.public_id, pending.pk]))
    page = client.get(reverse("cases:access", args=[case.public_id])).content.decode()
    assert 'data-member="gran@example.org"' not in page and 'data-invitation="adviser@example.org"' not in page
    assert "The invitation to adviser@example.org has been cancelled" in page
    with pytest.raises(actions.InvitationError):
        actions.accept_invitation(pending.token, make_user("adviser@example.org"))
    actions_logged = set(LedgerEntry.objects.filter(case=str(case.public_id)).values_list("action", flat=True))
    assert {"member_removed", "invitation_revoked"} <= actions_logged
    # The last owner cannot remove themselves.
    own = Membership.objects.get(case=case, user=user)
    html = client.post(reverse("cases:member_remove", args=[case.public_id, own.pk])).content.decode()
    assert "must keep an owner" in html


@pytest.mark.django_db
def test_a_member_cannot_remove_others(client, family, make_user):
    from fairwitness.cases import actions
    from fairwitness.cases.models import Membership

    owner, case = family
    member = make_user("sis@example.org")
    actions.accept_invitation(actions.invite_member(case, owner, "sis@example.org").token, member)
    client.force_login(member)
    own = Membership.objects.get(case=case, user=owner)
    assert client.post(reverse("cases:member_remove", args=[case.public_id, own.pk])).status_code == 404
    page = client.get(reverse("cases:access", args=[case.public_id])).content.decode()
    assert "Remove access" not in page and "alice@example.org" in page
