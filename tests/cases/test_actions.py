"""Recording and correcting events: validated first, stored as versions, every write ledgered."""

from __future__ import annotations

import pytest

from fairwitness.cases import actions, policy
from fairwitness.cases.models import Event, EventVersion
from fairwitness.law.caseformat import CaseFileError
from fairwitness.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db


def _counts():
    return Event.objects.count(), EventVersion.objects.count(), LedgerEntry.objects.count()


def test_record_and_correct_keep_every_version(family):
    user, case = family
    event = actions.record_event(case, user, {"kind": "cin_plan_started", "at": "2024-02-01"})
    assert event.event_id == "e3" and event.current.number == 1
    actions.correct_event(case, user, "e3", {"kind": "cin_plan_started", "at": "2024-02-02"}, "the letter says the 2nd")
    history = actions.event_history(Event.objects.get(pk=event.pk))
    assert [v.number for v in history] == [1, 2]
    assert history[0].data["at"] == "2024-02-01" and history[1].data["at"] == "2024-02-02"
    assert history[1].reason == "the letter says the 2nd"
    assert Event.objects.get(pk=event.pk).data["at"] == "2024-02-02"
    assert history[0].entered_after_fact  # 2024 is before today


@pytest.mark.parametrize("data, field", [
    ({"kind": "assessment_started", "at": "2024-02-30"}, "at"),
    ({"kind": "consent", "at": "2024-02-01", "activity": "assessment", "decision": "given"}, "person"),
    ({"kind": "no_such_kind", "at": "2024-02-01"}, ""),
    ({"kind": "consent", "at": "2024-02-01", "person": "p99", "activity": "assessment", "decision": "given"}, "person"),
])
def test_bad_event_is_refused_with_a_clear_problem_and_nothing_stored(family, data, field):
    user, case = family
    before = _counts()
    with pytest.raises(CaseFileError) as info:
        actions.record_event(case, user, data)
    assert info.value.problems
    if field:
        assert any(p.field == field for p in info.value.problems), info.value.problems
    assert _counts() == before


def test_correction_needs_a_reason_and_a_change(family):
    user, case = family
    before = _counts()
    current = Event.objects.get(case=case, event_id="e1").data
    with pytest.raises(CaseFileError):
        actions.correct_event(case, user, "e1", {**current, "note": "new"}, "  ")
    with pytest.raises(CaseFileError):
        actions.correct_event(case, user, "e1", current, "no change")
    assert _counts() == before


def test_someone_outside_the_case_cannot_write(family, other_family):
    _, case = family
    outsider, _ = other_family
    before = _counts()
    with pytest.raises(policy.PermissionDenied):
        actions.record_event(case, outsider, {"kind": "case_closed", "at": "2024-03-01"})
    with pytest.raises(policy.PermissionDenied):
        actions.correct_event(case, outsider, "e1", {"kind": "case_closed", "at": "2024-03-01"}, "x")
    assert _counts() == before


def test_invitation_shares_the_case_once(family, make_user):
    owner, case = family
    invitation = actions.invite_member(case, owner, "gran@example.org")
    gran = make_user("gran@example.org")
    assert not policy.can_view_case(gran, case)
    actions.accept_invitation(invitation.token, gran)
    policy.forget_roles(gran)
    assert policy.can_view_case(gran, case) and policy.can_edit_case(gran, case)
    assert not policy.can_erase_case(gran, case)
    with pytest.raises(actions.InvitationError):
        actions.accept_invitation(invitation.token, gran)


def test_visible_cases_are_only_your_own(family, other_family):
    user, case = family
    assert list(policy.visible_cases(user)) == [case]


def test_case_report_recomputes_after_a_write(family):
    from fairwitness.cases.law import case_report

    user, case = family
    first = case_report(case)
    actions.record_event(case, user, {"kind": "assessment_completed", "at": "2024-01-20", "basis": "s17"})
    second = case_report(case)
    assert first is not second


def test_local_authorities_are_loaded_with_former_ones():
    from fairwitness.cases.models import LocalAuthority

    assert LocalAuthority.objects.filter(in_use_to__isnull=True).count() == 153
    cumbria = LocalAuthority.objects.get(ons_code="E10000006")
    assert not cumbria.is_current and cumbria.replacements == ["E06000063", "E06000064"]
