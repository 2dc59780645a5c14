"""The case page and the main pages a parent uses, at 1280 px and at 320 px: each axe-clean, each
saved as a screenshot under test-artifacts/, and none wider than a 320 px screen. On a phone the
case page opens with "What matters now" and the long sections start closed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TWO_CHILDREN = Path(__file__).resolve().parents[1] / "documents" / "cases" / "two_children.json"


@pytest.fixture
def bloggs(make_user):
    from fairwitness.cases import actions

    user = make_user("jo.bloggs@example.org")
    return user, actions.import_case(user, json.loads(TWO_CHILDREN.read_text()))


def _context(browser, live_server, request, width: int, **extra):
    from tests.journeys.conftest import Journey

    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB", **extra)
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, Journey(page, live_server.url, f"{request.node.name.removeprefix('test_')}-{width}")


def _no_wider_than(j, width: int, label: str) -> None:
    wide = j.page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= width, f"{label} is {wide} px wide on a {width} px screen"


@pytest.mark.parametrize("width", [1280, 320])
def test_main_pages_fit_the_screen_and_pass_axe(browser, live_server, request, bloggs, width):
    user, case = bloggs
    context, j = _context(browser, live_server, request, width)
    try:
        j.go("/")
        j.check("home")
        _no_wider_than(j, width, "home")
        j.sign_in(user.email)
        pid = case.public_id
        pages = [
            ("your cases", "/cases/"),
            ("case page", f"/cases/{pid}/"),
            ("children and people", f"/cases/{pid}/people/"),
            ("documents", f"/cases/{pid}/documents/"),
            ("what happened", f"/cases/{pid}/record/"),
            ("an event", f"/cases/{pid}/events/e4/"),
            ("complaints and requests", f"/cases/{pid}/complaints/"),
            ("letters", f"/cases/{pid}/letters/"),
            ("details for your letters", f"/cases/{pid}/letters/your-details/?from=p1"),
            ("court documents", f"/cases/{pid}/court-documents/"),
            ("about", "/about/"),
            ("page not found", "/no-such-page/"),
        ]
        for label, path in pages:
            j.go(path)
            j.check(label)
            _no_wider_than(j, width, label)
        # A letter, once the details are given: from, to, and the draft.
        j.go(f"/cases/{pid}/letters/your-details/?from=p1&next=/cases/{pid}/letters/complaint-stage-1/")
        j.page.get_by_label("Your postal address").fill("12 Station Road\nNorthtown\nNT1 2AB")
        j.page.get_by_label("Your phone number (optional)").fill("07700 900123")
        j.page.get_by_label("The council's complaints address (optional)").fill("Complaints Team\nTown Hall\nNorthtown NT1 1AA")
        j.page.get_by_role("button", name="Save and continue").click()
        j.page.wait_for_url(re.compile(r"/letters/complaint-stage-1/$"))
        j.check("a letter")
        _no_wider_than(j, width, "a letter")
        assert j.page.get_by_text("12 Station Road").first.is_visible()
        assert j.page.get_by_text("Town Hall").first.is_visible()
    finally:
        context.close()


def test_case_page_opens_on_what_matters_now(browser, live_server, request, bloggs):
    user, case = bloggs
    for width in (1280, 320):
        extra = {"is_mobile": True, "has_touch": True} if width == 320 else {}
        context, j = _context(browser, live_server, request, width, **extra)
        try:
            j.sign_in(user.email)
            j.go(f"/cases/{case.public_id}/")
            page = j.page
            now = page.locator("#what-matters-now")
            now.wait_for()
            # The first thing under the page heading is "What matters now", on screen without scrolling.
            box = now.bounding_box()
            assert box is not None and box["y"] < 900, box
            items = page.locator(".fw-now__item")
            assert 1 <= items.count() <= 3
            assert "You can end the section 20 accommodation of Ben Bloggs today" in items.first.inner_text()
            assert items.first.get_by_role("link", name=re.compile("notice that you are taking your child home")).is_visible()
            sections = page.locator("details[data-fw-phone-closed]")
            opened = [sections.nth(i).evaluate("d => d.open") for i in range(sections.count())]
            if width == 320:
                assert not any(opened), "on a phone the long sections start closed"
                page.get_by_text("What we found").click()
                assert page.locator('[data-group="authority"]').first.is_visible()
            else:
                assert all(opened)
            # From a finding to the glossary: the term's plain words.
            page.locator('a[href="#term-s20"]').first.click()
            assert page.locator("#term-s20").get_by_text("take the child home at any time").is_visible()
            j.check("case page, what matters now")
            _no_wider_than(j, width, "case page")
        finally:
            context.close()
