"""What the reviewer and the council's officer see at a glance, in a real browser at 1280 and at
320 px, every page axe-clean: where a concern stands told in one whole sentence (GOV.UK's tag is
160 px wide, and "Outcome sent: following up recommendations" broke into "recommendatio / ns"),
what is overdue, and the council's deadline with what happens if it is missed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.journeys.conftest import Journey
from tests.journeys.test_oversight_journeys import _staff, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def outcome_sent_with_overdue_answer(family, make_user):
    """A concern whose outcome is sent (a recommendation open), and a second request to the council
    on another concern, overdue."""
    from fairwitness.cases import actions as case_actions
    from fairwitness.cases.law import today
    from fairwitness.oversight import actions
    from fairwitness.oversight.models import InformationRequest

    alice, case = family
    reviewer, reviewer_device = _staff(make_user, "reviewer@example.org", "reviewer")
    liaison, liaison_device = _staff(make_user, "liaison@example.org", "liaison", "Hartlepool")
    concern = actions.share_case(case, alice, what_to_look_at="They assessed us without asking", urgency="soon")
    actions.assign(concern, reviewer, reviewer)
    actions.decide(concern, reviewer, "investigate", "The record shows an assessment without consent")
    issue = actions.add_issue(concern, reviewer, "Assessment without informed consent")
    actions.record_finding(issue, reviewer, "upheld", "Nothing shows consent was asked for")
    actions.add_recommendation(issue, reviewer, "Apologise in writing", "", today() + timedelta(days=30))
    actions.issue_outcome(concern, reviewer)

    bob = make_user("bob@example.org")
    second = case_actions.create_case(bob, "Bob's case", "Hartlepool")
    other = actions.share_case(second, bob, what_to_look_at="Nobody told me about the meeting", urgency="urgent")
    actions.assign(other, reviewer, reviewer)
    actions.decide(other, reviewer, "investigate", "Worth asking the council")
    req = actions.send_request(other, reviewer, local_authority=second.local_authority, questions="Who was invited?")
    past = today() - timedelta(days=14)
    InformationRequest.objects.filter(pk=req.pk).update(due_on=past, original_due_on=past)
    return {"concern": concern, "request": req, "reviewer": (reviewer, reviewer_device),
            "liaison": (liaison, liaison_device)}


def _signed_in(browser, live_server, world, role: str, name: str, width: int) -> Journey:
    """A fresh browser at ``width`` px, signed in as the world's ``role`` (reviewer or liaison)."""
    user, device = world[role]
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    j = Journey(page, live_server.url, f"{name}-{width}")
    sign_in(j, user.email, device)
    return j


@pytest.mark.parametrize("width", [1280, 320])
def test_a_reviewer_sees_where_each_concern_stands_and_what_is_overdue(browser, live_server, width,
                                                                       outcome_sent_with_overdue_answer):
    world = outcome_sent_with_overdue_answer
    j = _signed_in(browser, live_server, world, "reviewer", "reviewer-glance", width)
    page = j.page
    j.go("/oversight/")
    j.check("queue")
    assert "1 concern has something overdue" in page.locator("main").inner_text()
    assert page.locator('header a[href="/public/evidence/"]').count() == 1  # in the menu (folded at 320 px)

    j.go(f"/oversight/concerns/{world['concern'].public_id}/")
    j.check("concern with the outcome sent")
    state = page.locator("main .govuk-tag").first
    assert state.inner_text() == "Outcome sent: following up recommendations"
    if width == 1280:  # room for the whole sentence on one line: it must not be squeezed into 160 px
        line = page.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)", state.element_handle())
        assert state.bounding_box()["height"] < 2 * line
    assert page.get_by_role("link", name="Record that it was done").count() == 1
    assert page.get_by_role("link", name="Add an issue").count() == 0
    page.context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_a_council_officer_sees_the_overdue_request_first_and_what_missing_it_means(browser, live_server, width,
                                                                                    outcome_sent_with_overdue_answer):
    j = _signed_in(browser, live_server, outcome_sent_with_overdue_answer, "liaison", "council-glance", width)
    page = j.page
    j.go("/oversight/council/")
    j.check("council inbox")
    assert "1 request is overdue" in page.locator("main").inner_text()
    page.get_by_role("link", name="request 1").first.click()
    page.wait_for_load_state()
    j.check("overdue request")
    text = page.locator("main").inner_text()
    assert "Overdue by 10 working days" in text
    assert "the reviewer may reach their findings without your answer" in text
    # Nothing on the page is wider than the screen at 320 px.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    page.context.close()
