"""The evidence pack's pages in Debian's Chromium: the family's page (offer, then the draft to
approve) and the reviewer's page, at 1280 px and 320 px, axe-clean, with screenshots in
test-artifacts/screenshots/ (evidence-*)."""

from __future__ import annotations

import pytest

from tests.journeys.conftest import Journey, browser  # noqa: F401 - the session's browser fixture

from .test_evidence_pack import ACCOUNT, _staff_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _context_as(browser, live_server, client, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB",
                                  is_mobile=width < 400, has_touch=width < 400)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context


@pytest.mark.parametrize("width", [1280, 320])
def test_evidence_pages_are_axe_clean_and_fit_the_screen(browser, live_server, family, width):  # noqa: F811
    from django.test import Client

    from fairwitness.oversight.models import StaffRole
    from fairwitness.public import evidence

    user, case = family
    reviewer = type(user).objects.create_user(f"rev{width}@example.org", "a-long-test-password",
                                              email_verified_at=user.email_verified_at)
    StaffRole.objects.create(user=reviewer, role="senior_reviewer")
    family_client = Client()
    family_client.force_login(user)
    context = _context_as(browser, live_server, family_client, width)
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
    staff = _context_as(browser, live_server, _staff_client(reviewer), width)
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
