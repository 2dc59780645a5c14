"""Issue 11: a concern's workflow is an explicit status moved only along one table; each action
checks it with the row locked, and the ledger names the move."""

from __future__ import annotations

import pytest

from tests.oversight.conftest import verified_client


@pytest.fixture
def closed_not_investigated(family, make_staff):
    from fairwitness.oversight import actions

    alice, case = family
    reviewer = make_staff("decider@example.org", "senior_reviewer")
    concern = actions.share_case(case, alice, what_to_look_at="They would not listen", urgency="soon")
    actions.assign(concern, reviewer, reviewer)
    actions.decide(concern, reviewer, "not_investigate", "The council's own complaints procedure comes first")
    return concern, reviewer


def test_a_concern_closed_not_to_investigate_cannot_be_re_decided_by_a_direct_post(closed_not_investigated):
    from fairwitness.oversight.models import Concern

    concern, reviewer = closed_not_investigated
    client = verified_client(reviewer)
    response = client.post(f"/oversight/concerns/{concern.public_id}/decide/",
                           {"decision": "investigate", "reason": "Changed my mind"})
    assert response.status_code == 200  # the form again, with the reason it cannot be done
    assert "cannot be done now" in response.content.decode()
    fresh = Concern.objects.get(pk=concern.pk)
    assert fresh.status == "not_investigated" and fresh.decision == "not_investigate"
    assert not fresh.issues.exists()


def test_nothing_of_an_investigation_can_be_added_to_a_concern_not_investigated(closed_not_investigated):
    from fairwitness.oversight import actions

    concern, reviewer = closed_not_investigated
    with pytest.raises(actions.OversightError, match="cannot be done now"):
        actions.add_issue(concern, reviewer, "An issue")
    with pytest.raises(actions.OversightError, match="cannot be done now"):
        actions.send_request(concern, reviewer, local_authority=concern.case.local_authority, questions="Why?")


def test_the_ledger_names_each_transition(world):
    import json

    from fairwitness.ledger.models import LedgerEntry
    from fairwitness.oversight.models import Concern

    concern = Concern.objects.get(pk=world.concerns["A"].pk)
    assert concern.status == "outcome_issued"  # a recommendation is still open
    bodies = [json.loads(e.body) for e in LedgerEntry.objects.filter(case=str(concern.case.public_id)).order_by("seq")]
    moves = [b["objects"]["transition"] for b in bodies if "transition" in (b.get("objects") or {})]
    assert "received->acknowledged" in moves and "acknowledged->investigating" in moves
    assert moves[-1] == "investigating->outcome_issued"


def test_the_table_is_the_only_way_between_states():
    from fairwitness.oversight.models import WORKFLOW, ConcernStatus

    targets = {to for _, to, _ in WORKFLOW.values() if to}
    assert targets <= set(ConcernStatus)
    assert ConcernStatus.NOT_INVESTIGATED not in WORKFLOW["decide_investigate"][0]
    assert all(ConcernStatus.WITHDRAWN not in allowed for action, (allowed, _, _) in WORKFLOW.items())
