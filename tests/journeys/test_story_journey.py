"""A parent pastes their own account, checks the proposed events beside their words, and confirms:
in Debian's Chromium, axe-clean, at desktop width and at 320 px."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PETITION = (Path(__file__).resolve().parents[1] / "narrative" / "voices" / "000_petition-independent-body.txt").read_text()


@pytest.fixture
def petition_case(make_user):
    from fairwitness.cases import actions

    user = make_user("partner@example.org")
    case = actions.create_case(user, "Our family's case", "Leeds")
    actions.add_child(case, user, "Ellie", "2010-05-01")
    actions.add_person(case, user, "Dee", "mother", True, ["c1"])
    actions.add_person(case, user, "Dan", "partner", False)
    return user, case


def _proposal_kinds(page) -> list[str]:
    return page.eval_on_selector_all(".fw-proposal select", "els => els.map(e => e.value)")


def test_paste_the_petition_confirm_six_reject_one_edit_a_date(journey, petition_case):
    from fairwitness.cases import actions
    from fairwitness.cases.models import Event

    j, page = journey, journey.page
    user, case = petition_case
    j.sign_in(user.email)
    j.go(f"/cases/{case.public_id}/")
    page.get_by_role("button", name="Tell it in your own words").click()
    j.check("story start")
    page.get_by_label("What happened, in your own words").fill(PETITION)
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2022")
    page.get_by_role("button", name="Suggest the events").click()
    page.wait_for_selector("text=Check the events in your account")
    j.check("story review")
    assert Event.objects.filter(case=case).count() == 0  # reading saves nothing

    kinds = _proposal_kinds(page)
    boxes = page.locator(".fw-proposal input[name$='-accept']")
    ticked = [i for i in range(boxes.count()) if boxes.nth(i).is_checked()]
    assert len(ticked) >= 7, kinds
    # Each proposal quotes its sentence, and the account beside it marks the same sentence.
    assert page.locator("mark.fw-story-mark").count() >= 7
    assert "took her to court after just 6 weeks" in page.locator(".fw-story-text").inner_text()

    # Keep six of the ticked ones, reject the seventh, untick everything else.
    keep, reject = ticked[:6], ticked[6]
    for i in range(boxes.count()):
        if i not in keep:
            boxes.nth(i).uncheck()
    assert not boxes.nth(reject).is_checked()
    # The contact stopped over Christmas happened on Boxing Day: correct the day.
    christmas = next((i for i in keep if kinds[i] == "contact_stopped"), keep[-1])
    prefix = page.locator(".fw-proposal").nth(christmas).get_attribute("id")
    page.locator(f"#{prefix}-at-day").fill("26")
    page.locator(f"#{prefix}-at-month").fill("12")
    page.locator(f"#{prefix}-at-year").fill("2021")
    page.get_by_role("button", name="Add the ticked events to my record").click()
    page.wait_for_url(re.compile(rf"/cases/{case.public_id}/$"))
    j.check("case after the story")
    assert page.get_by_text("6 events from your account added to your record").is_visible()

    saved = [e.data for e in actions.case_events(case)]
    assert len(saved) == 6  # only what was confirmed
    assert sorted(e["kind"] for e in saved) == sorted(kinds[i].split(":")[0] for i in keep)
    edited = next(e for e in saved if e["at"] == "2021-12-26")
    assert edited["date_reasoning"] == "The date you gave."
    assert all("source_text" in e for e in saved)
    # The case page shows the confirmed events in the chronology and what the law says of them.
    assert "26 December 2021" in page.locator("main").inner_text()
    body = page.locator("main").inner_text()
    assert "This is information about the law, not legal advice" in body or "not legal advice" in body


def test_story_review_at_320_px(browser, live_server, petition_case):
    from tests.journeys.conftest import Journey

    context = browser.new_context(viewport={"width": 320, "height": 700}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, locale="en-GB")
    page = context.new_page()
    j = Journey(page, live_server.url, "story_review_320")
    user, case = petition_case
    j.sign_in(user.email)
    j.go(f"/cases/{case.public_id}/story/")
    j.check("story start at 320")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 321
    page.get_by_label("What happened, in your own words").fill(PETITION[:1500])
    page.get_by_role("button", name="Suggest the events").click()
    page.wait_for_selector("text=Check the events in your account")
    j.check("story review at 320")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 321
    context.close()
