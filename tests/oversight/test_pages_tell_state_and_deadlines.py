"""What the staff pages tell at a glance (found walking the demo as a reviewer and as a council's
liaison officer): where each concern stands, what is overdue, every deadline with its date and
what happens if it is missed, and only the actions the workflow allows now."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.oversight.conftest import verified_client

pytestmark = pytest.mark.django_db


def _today():
    from fairwitness.cases.law import today

    return today()


def _make_overdue(req, days: int = 10) -> None:
    from fairwitness.oversight.models import InformationRequest

    past = _today() - timedelta(days=days)
    InformationRequest.objects.filter(pk=req.pk).update(due_on=past, original_due_on=past)


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- the reviewer's queue ------------------------------------------------------------------------

def test_the_queue_says_where_each_concern_stands(world):
    html = _page(verified_client(world.users["senior"]), "/oversight/")
    assert "Where it stands" in html
    assert "Outcome sent: following up recommendations" in html  # concern A
    assert "Received: waiting for us to acknowledge it" in html  # concern B


def test_the_queue_flags_an_overdue_recommendation_and_counts_what_is_overdue(world):
    from fairwitness.oversight.models import Recommendation

    Recommendation.objects.filter(issue__concern=world.concerns["A"]).update(due_on=_today() - timedelta(days=3))
    _make_overdue(world.requests["B"])
    html = _page(verified_client(world.users["senior"]), "/oversight/")
    assert "(recommendation overdue)" in html
    assert "2 concerns have something overdue" in html


def test_the_queue_says_nothing_is_overdue_when_nothing_is(world):
    html = _page(verified_client(world.users["senior"]), "/oversight/")
    assert "Nothing is overdue" in html


def test_the_queue_names_each_deadline_with_its_full_date_and_status_in_words(world):
    from fairwitness.documents.wording import long_date
    from fairwitness.oversight import standards

    html = _page(verified_client(world.users["senior"]), "/oversight/")
    due = standards.acknowledge_by(world.concerns["B"])
    assert f"Acknowledge by {long_date(due)}" in html
    assert re.search(r"govuk-tag[^>]*>\s*(Due|Met|Late|Overdue)\b", html)


# --- a concern's page ----------------------------------------------------------------------------

def test_after_the_outcome_the_concern_page_offers_only_what_can_still_be_done(world):
    concern = world.concerns["A"]
    html = _page(verified_client(world.users["reviewer"]), f"/oversight/concerns/{concern.public_id}/")
    base = f"/oversight/concerns/{concern.public_id}/"
    for refused in ("issues/add/", "issues/from-findings/", "issues/1/finding/", "issues/1/recommend/",
                    "requests/add/", "evidence/add/", "outcome/"):
        assert base + refused not in html, refused
    assert base + "recommendations/1/done/" in html  # following up is what is left to do
    assert base + "referrals/add/" in html


def test_an_overdue_council_answer_says_by_how_many_working_days_on_the_reviewers_page(world):
    _make_overdue(world.requests["B"], days=14)
    html = _page(verified_client(world.users["senior"]), f"/oversight/concerns/{world.concerns['B'].public_id}/")
    assert re.search(r"Overdue by \d+ working days?", html)


def test_the_request_form_says_the_date_a_blank_due_date_means(world):
    from fairwitness.documents.wording import long_date
    from fairwitness.oversight import standards

    html = _page(verified_client(world.users["senior"]), f"/oversight/concerns/{world.concerns['B'].public_id}/requests/add/")
    assert long_date(standards.answer_due(_today())) in html


# --- the council's liaison officer -----------------------------------------------------------------

@pytest.fixture
def leeds_answered_earlier(world):
    """A second Leeds request, answered, with an earlier due date than the open one."""
    from fairwitness.oversight import actions
    from fairwitness.oversight.models import InformationRequest

    cb = world.concerns["B"]
    old = actions.send_request(cb, world.users["senior"], local_authority=cb.case.local_authority,
                               questions="An older question", event_ids=["e1"])
    actions.answer_request(old, world.users["liaison2"], "An older answer")
    past = _today() - timedelta(days=60)
    InformationRequest.objects.filter(pk=old.pk).update(due_on=past, original_due_on=past)
    return old


def test_the_council_inbox_puts_what_waits_for_an_answer_first_and_counts_the_overdue(world, leeds_answered_earlier):
    _make_overdue(world.requests["B"])
    html = _page(verified_client(world.users["liaison2"]), "/oversight/council/")
    open_ref = f"/oversight/council/requests/{world.requests['B'].public_id}/"
    answered_ref = f"/oversight/council/requests/{leeds_answered_earlier.public_id}/"
    assert html.index(open_ref) < html.index(answered_ref)
    assert "1 request is overdue" in html


def test_the_council_request_page_says_what_happens_if_the_date_is_missed(world):
    html = _page(verified_client(world.users["liaison2"]), f"/oversight/council/requests/{world.requests['B'].public_id}/")
    assert "If you do not answer by" in html
    assert "service standards" in html  # the late answer is counted on the public page


def test_an_overdue_request_tells_the_council_by_how_many_working_days(world):
    _make_overdue(world.requests["B"], days=14)
    html = _page(verified_client(world.users["liaison2"]), f"/oversight/council/requests/{world.requests['B'].public_id}/")
    assert re.search(r"Overdue by \d+ working days?", html)


# --- the staff menu ------------------------------------------------------------------------------

@pytest.mark.parametrize("who, sees", [("reviewer", True), ("senior", True), ("liaison", False), ("admin", False)])
def test_the_staff_who_prepare_the_evidence_pack_have_it_in_their_menu(world, who, sees):
    home = {"reviewer": "/oversight/", "senior": "/oversight/", "liaison": "/oversight/council/",
            "admin": "/oversight/staff/"}[who]
    html = _page(verified_client(world.users[who]), home)
    header = html[html.index("<header"):html.index("</header>")]
    assert ('href="/public/evidence/"' in header) is sees


def test_on_the_evidence_pack_only_its_menu_link_is_the_current_page(world):
    html = _page(verified_client(world.users["senior"]), "/public/evidence/")
    header = html[html.index("<header"):html.index("</header>")]
    assert header.count("govuk-service-navigation__item--active") == 1
    active = header[header.index("govuk-service-navigation__item--active"):]
    assert active.index('href="/public/evidence/"') < active.index("</li>")


def test_a_reviewer_still_finds_a_concern_after_closing_it(world):
    from fairwitness.oversight import actions
    from fairwitness.oversight.models import Recommendation

    concern, reviewer = world.concerns["A"], world.users["reviewer"]
    for rec in Recommendation.objects.filter(issue__concern=concern):
        actions.record_compliance(rec, reviewer, _today(), "The apology was sent")
    concern.refresh_from_db()
    assert concern.status == "closed"
    html = _page(verified_client(reviewer), "/oversight/")
    closed = html[html.index("Recently closed"):]
    assert f"/oversight/concerns/{concern.public_id}/" in closed
    assert concern.reference in closed


def test_the_closed_list_shows_only_concerns_the_reviewer_may_open(world):
    from fairwitness.oversight import actions

    cb, senior = world.concerns["B"], world.users["senior"]
    actions.assign(cb, senior, world.users["reviewer2"])
    actions.decide(cb, senior, "not_investigate", "Outside what we look at")
    html = _page(verified_client(world.users["reviewer"]), "/oversight/")  # B is reviewer 2's
    assert f"/oversight/concerns/{cb.public_id}/" not in html
    assert f"/oversight/concerns/{cb.public_id}/" in _page(verified_client(senior), "/oversight/")


def test_the_outcome_button_waits_until_every_issue_has_a_finding_and_says_so(world):
    from fairwitness.oversight import actions

    cb, senior = world.concerns["B"], world.users["senior"]
    actions.decide(cb, senior, "investigate", "Worth a look")
    issue = actions.add_issue(cb, senior, "The referral was not explained")
    url = f"/oversight/concerns/{cb.public_id}/"
    html = _page(verified_client(senior), url)
    assert url + "outcome/" not in html
    assert "Record a finding on issue 1 before you issue the outcome" in html
    actions.record_finding(issue, senior, "not_upheld", "The referral was explained in a letter")
    assert url + "outcome/" in _page(verified_client(senior), url)


def test_triage_reaches_only_concerns_still_waiting_for_a_decision(world):
    """A reviewer may open an unassigned concern to triage it; once a senior reviewer has decided
    it (here, not to investigate) without assigning it, it is no longer theirs to read."""
    from fairwitness.oversight import actions

    cb, senior = world.concerns["B"], world.users["senior"]
    url = f"/oversight/concerns/{cb.public_id}/"
    assert verified_client(world.users["reviewer"]).get(url).status_code == 200  # received: triage
    actions.decide(cb, senior, "not_investigate", "Outside what we look at")
    assert verified_client(world.users["reviewer"]).get(url).status_code == 404
    assert verified_client(senior).get(url).status_code == 200
    assert f"/oversight/concerns/{cb.public_id}/" not in _page(verified_client(world.users["reviewer"]), "/oversight/")


def test_the_council_inbox_says_when_a_review_finished_without_its_answer(world):
    html = _page(verified_client(world.users["liaison"]), "/oversight/council/")  # request A: outcome sent
    assert "The review's outcome was sent on" in html
    page = _page(verified_client(world.users["liaison"]), f"/oversight/council/requests/{world.requests['A'].public_id}/")
    assert "The review's outcome was sent on" in page
