"""The public pages in Debian's Chromium: England and one council, at 1280 px and at 320 px,
axe-clean at WCAG 2.2 AA, with screenshots in test-artifacts/screenshots/ (public-*)."""

from __future__ import annotations

import pytest

from tests.journeys.conftest import Journey, browser  # noqa: F401 - the session's browser fixture

from .test_public import _publish_synthetic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 320])
def test_public_pages_are_axe_clean_and_fit_the_screen(browser, live_server, width):  # noqa: F811
    _publish_synthetic()
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB",
                                  is_mobile=width < 400, has_touch=width < 400)
    page = context.new_page()
    page.set_default_timeout(15000)
    j = Journey(page, live_server.url, f"public-{width}")
    try:
        j.go("/public/")
        assert page.get_by_role("heading", level=1).inner_text() == "Concerns about children's services in England"
        assert page.get_by_text("Synthetic demonstration data").is_visible()
        images = page.locator("img.fw-chart")
        assert images.count() >= 1
        assert "Funnel plot of" in images.first.get_attribute("alt")
        assert images.first.evaluate("img => img.complete && img.naturalWidth > 0")
        _fits(page, width)
        j.check("england")
        page.get_by_role("link", name="Leeds").first.click()
        page.wait_for_load_state("load")
        assert page.get_by_role("heading", level=1).inner_text() == "Leeds"
        _fits(page, width)
        j.check("council Leeds")
        j.go("/public/releases/")
        j.check("release calendar")
        j.go("/public/data-guidance/")
        j.check("data guidance")
    finally:
        context.close()


def _fits(page, width: int) -> None:
    """Nothing but the tables' own scroll regions is wider than the screen."""
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


# The evidence pack's pages (issue 12 point 7), here so that one module holds the session's browser:
# the family's page (offer, then the draft to approve) and the reviewer's, axe-clean at both widths,
# screenshots evidence-*.


def _signed_in_context(browser, live_server, client, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB",
                                  is_mobile=width < 400, has_touch=width < 400)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context


@pytest.mark.parametrize("width", [1280, 320])
def test_evidence_pack_pages_are_axe_clean_and_fit_the_screen(browser, live_server, family, width):  # noqa: F811
    from django.test import Client

    from fairwitness.oversight.models import StaffRole
    from fairwitness.public import evidence
    from tests.public.test_evidence_pack import ACCOUNT, _staff_client

    user, case = family
    reviewer = type(user).objects.create_user(f"rev{width}@example.org", "a-long-test-password",
                                              email_verified_at=user.email_verified_at)
    StaffRole.objects.create(user=reviewer, role="senior_reviewer")
    family_client = Client()
    family_client.force_login(user)
    context = _signed_in_context(browser, live_server, family_client, width)
    page = context.new_page()
    page.set_default_timeout(15000)
    j = Journey(page, live_server.url, f"evidence-{width}")
    try:
        j.go(f"/cases/{case.public_id}/evidence/")
        assert page.get_by_role("heading", name="What happens next").is_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        j.check("family offer")
        page.get_by_label("Your account").fill(ACCOUNT)
        page.get_by_label("Anything else that could identify you (optional)").fill("Mill Lane\nthe blue house")
        page.get_by_role("button", name="Offer my account").click()
        page.wait_for_load_state("load")
        account = evidence.live_account(case)
        assert account is not None and account.status == "offered"
        evidence.draft(account, reviewer)
        j.go(f"/cases/{case.public_id}/evidence/")
        assert page.get_by_role("button", name="I approve these exact words").is_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        j.check("family approves")
    finally:
        context.close()
    staff = _signed_in_context(browser, live_server, _staff_client(reviewer), width)
    page = staff.new_page()
    page.set_default_timeout(15000)
    j = Journey(page, live_server.url, f"evidence-staff-{width}")
    try:
        j.go(f"/public/evidence/accounts/{account.pk}/")
        assert page.get_by_role("heading", name="What the family wrote").is_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        j.check("reviewer drafts")
        j.go("/public/evidence/")
        j.check("accounts list")
    finally:
        staff.close()
