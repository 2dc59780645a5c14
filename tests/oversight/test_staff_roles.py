"""Issue 10, finding 4: an administrator could make themself a senior reviewer and read a concern
they could not before. Now one administrator proposes, a second person (senior reviewer or another
administrator) approves, nobody decides their own role, and families are told when a change lets
someone open what they shared."""

from __future__ import annotations

import pytest

from fairwitness.cases import policy
from fairwitness.ledger.store import entries_for_case
from fairwitness.oversight import actions, permissions
from fairwitness.oversight.models import StaffRoleChange
from tests.oversight.conftest import verified_client

pytestmark = pytest.mark.django_db


def test_an_administrator_cannot_make_themself_a_senior_reviewer(world):
    """The attack as reported: POST /oversight/staff/ with one's own address."""
    admin = world.users["admin"]
    client = verified_client(admin)
    concern_b = f"/oversight/concerns/{world.ids['B']['concern_id']}/"
    assert client.get(concern_b).status_code == 404
    response = client.post("/oversight/staff/", {"email": admin.email, "role": "senior_reviewer", "local_authority": ""})
    assert response.status_code == 200
    assert b"You cannot change your own role" in response.content
    assert permissions.staff_role(admin) == "administrator"
    assert not StaffRoleChange.objects.exists()
    assert client.get(concern_b).status_code == 404


def test_a_role_takes_effect_only_when_a_second_person_approves(world, make_user, make_staff):
    admin, senior = world.users["admin"], world.users["senior"]
    newcomer = make_user("newcomer@example.org")
    response = verified_client(admin).post("/oversight/staff/", {"email": newcomer.email, "role": "senior_reviewer",
                                                                 "local_authority": ""})
    assert response.status_code == 302
    assert permissions.staff_role(newcomer) is None  # proposed, not given
    change = StaffRoleChange.objects.get(user=newcomer)

    with pytest.raises(actions.OversightError, match="other than the person who proposed"):
        actions.decide_staff_role(admin, change, approve=True)
    with pytest.raises(policy.PermissionDenied):
        actions.decide_staff_role(world.users["reviewer"], change, approve=True)
    assert permissions.staff_role(newcomer) is None

    senior_client = verified_client(senior)
    page = senior_client.get("/oversight/staff/")
    assert page.status_code == 200 and b"newcomer@example.org" in page.content and b"Propose a staff role" not in page.content
    assert senior_client.post(f"/oversight/staff/changes/{change.public_id}/", {"decision": "approve"}).status_code == 302
    policy.forget_roles(newcomer)
    assert permissions.staff_role(newcomer) == "senior_reviewer"

    actions_seen = [e["action"] for e in entries_for_case("")]
    assert "staff_role_proposed" in actions_seen and "staff_role_approved" in actions_seen


def test_nobody_approves_a_change_to_their_own_role(world, make_staff):
    other_admin = make_staff("admin2@example.org", "administrator")
    change = actions.propose_staff_role(world.users["admin"], world.users["reviewer"], "senior_reviewer")
    reviewer_as_senior = world.users["senior"]
    # The person whose role it is cannot approve it, even when they could approve others' changes.
    promote_senior = actions.propose_staff_role(other_admin, reviewer_as_senior, "administrator")
    with pytest.raises(actions.OversightError, match="your own role"):
        actions.decide_staff_role(reviewer_as_senior, promote_senior, approve=True)
    actions.decide_staff_role(other_admin, change, approve=False)
    policy.forget_roles(world.users["reviewer"])
    assert permissions.staff_role(world.users["reviewer"]) == "reviewer"


def test_families_see_who_can_now_open_what_they_shared(world, make_user):
    admin, senior = world.users["admin"], world.users["senior"]
    newcomer = make_user("newcomer@example.org")
    newcomer.display_name = "Nadia Newcomer"
    newcomer.save()
    change = actions.propose_staff_role(admin, newcomer, "senior_reviewer")
    actions.decide_staff_role(senior, change, approve=True)

    family_b_owner, case_b = world.users["other_family"], world.concerns["B"].case
    widened = [e for e in entries_for_case(str(case_b.public_id)) if e["action"] == actions.WIDENED_ACTION]
    assert len(widened) == 1 and widened[0]["objects"]["approved_by"] == senior.pk
    page = verified_client(family_b_owner).get(f"/oversight/family/{case_b.public_id}/seen/")
    assert b"Who can now open what you shared" in page.content and b"Nadia Newcomer" in page.content
