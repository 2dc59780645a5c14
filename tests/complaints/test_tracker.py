"""The tracker: each open matter's stage, the engine's date and arithmetic, what a miss means and
the next step, all derived from the case's events and findings."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.complaints.conftest import days_ago

pytestmark = pytest.mark.django_db


def test_overdue_stage_2_is_flagged_with_its_arithmetic_and_next_steps(signed_in):
    client, _, case = signed_in
    from fairwitness.cases.law import case_report
    from fairwitness.complaints.matters import open_matters

    matter = next(m for m in open_matters(case_report(case)) if m.kind == "complaint")
    assert matter.stage == "Stage 2: investigation" and matter.status == "missed" and matter.flagged
    assert matter.finding.check == "complaint_stage2" and matter.finding.arithmetic.limit.startswith("25 working days")
    assert [s.letter for s in matter.next_steps] == ["review-panel", "ombudsman-summary"]

    page = client.get(reverse("complaints:tracker", args=[case.public_id])).content.decode()
    due = matter.finding.due
    assert f"{due.day} {due:%B %Y}" in page and "Overdue" in page
    assert "Time allowed" in page and "25 working days" in page  # how it was counted
    assert "you can ask for a review panel or go straight to the Local Government and Social Care Ombudsman" in page
    assert reverse("complaints:letter", args=[case.public_id, "ombudsman-summary"]) in page
    assert reverse("complaints:letter", args=[case.public_id, "review-panel"]) in page
    assert "Social Work England" in page


def test_stage_1_missed_offers_stage_2_now(make_user):
    from fairwitness.cases import actions
    from fairwitness.cases.law import case_report
    from fairwitness.complaints.matters import open_matters

    user = make_user("p@example.org")
    case = actions.create_case(user, "A case", "Leeds")
    actions.add_child(case, user, "C", "2016-01-01")
    actions.record_event(case, user, {"kind": "section_20_started", "at": days_ago(90)})
    actions.record_event(case, user, {"kind": "complaint_made", "at": days_ago(40), "stage": 1})
    matter = next(m for m in open_matters(case_report(case)) if m.kind == "complaint")
    assert matter.status == "missed" and matter.next_steps[0].label == "Ask for stage 2 now"
    assert matter.next_steps[0].letter == "complaint-stage-2"


def test_conference_complaint_is_pointed_to_the_conference_route(make_user):
    from fairwitness.cases import actions
    from fairwitness.cases.law import case_report
    from fairwitness.complaints.matters import case_matters

    user = make_user("q@example.org")
    case = actions.create_case(user, "A case", "Leeds")
    actions.add_child(case, user, "C", "2016-01-01")
    actions.record_event(case, user, {"kind": "s47_enquiry_started", "at": days_ago(60)})
    actions.record_event(case, user, {"kind": "complaint_made", "at": days_ago(30), "stage": 1,
                                      "procedure": "conference", "subject": "the initial child protection conference"})
    matter = next(m for m in case_matters(case_report(case)) if m.kind == "conference_complaint")
    assert "conference complaints route" in matter.stage
    assert any("Social Work England" in s.label for s in matter.next_steps)


def test_a_late_sar_points_to_the_ico_and_only_the_running_one_is_open(make_user):
    from fairwitness.cases import actions
    from fairwitness.cases.law import case_report
    from fairwitness.complaints.matters import case_matters

    user = make_user("r@example.org")
    case = actions.create_case(user, "A case", "Leeds")
    actions.record_event(case, user, {"kind": "subject_access_request", "at": days_ago(60)})
    actions.record_event(case, user, {"kind": "subject_access_request", "at": days_ago(20)})
    actions.record_event(case, user, {"kind": "subject_access_response", "at": days_ago(10), "complete": True})
    matters = {m.key: m for m in case_matters(case_report(case)) if m.kind == "subject_access"}
    statuses = sorted((m.status, m.is_open) for m in matters.values())
    # The first request was answered late: closed, but the ICO is offered. The second is still running.
    assert statuses == [("due", True), ("late", False)]
    late = next(m for m in matters.values() if m.status == "late")
    assert "ico.org.uk" in late.next_steps[0].url


def test_another_familys_tracker_is_404(client, brook, other_family):
    other_user, _ = other_family
    _, case = brook
    client.force_login(other_user)
    for name in ("tracker", "letters", "corrections", "calendar", "court_documents"):
        assert client.get(reverse(f"complaints:{name}", args=[case.public_id])).status_code == 404
    assert client.get(reverse("complaints:letter", args=[case.public_id, "ombudsman-summary"])).status_code == 404
    assert client.get(reverse("complaints:bundle", args=[case.public_id])).status_code == 404


def test_after_the_review_panel_letter_the_stage_2_and_stage_3_dates_stay(signed_in):
    """The reported defect: once stage 3 was asked for, the tracker showed stage 3 only, and the
    missed stage 2 date (what the Ombudsman will want to see) was gone."""
    from fairwitness.cases import actions
    from fairwitness.cases.law import case_report
    from fairwitness.complaints.matters import open_matters

    client, user, case = signed_in
    stage2_due = next(m for m in open_matters(case_report(case)) if m.kind == "complaint").due
    actions.record_event(case, user, {"kind": "complaint_made", "at": days_ago(1), "stage": 3, "by": "p1"})
    matter = next(m for m in open_matters(case_report(case)) if m.kind == "complaint")
    assert matter.stage == "Stage 3: review panel"
    labels = {h.label: h for h in matter.history}
    assert labels["Stage 1: local resolution: the council's answer"].status == "met"
    stage2 = labels["Stage 2: investigation: the council's answer"]
    assert stage2.status == "missed" and stage2.due == stage2_due
    assert labels["Stage 3: review panel: the panel meets"].status == "due"
    page = client.get(reverse("complaints:tracker", args=[case.public_id])).content.decode()
    assert f"Due by {stage2_due.day} {stage2_due:%B %Y}" in page
    assert "Stage 2: investigation: the council&#x27;s answer" in page
    assert "Stage 3: review panel: the panel meets" in page
