"""Issue 10 in a real browser, at 1280 px and at 320 px: deleting a case for good (warning, typed
name, cooling-off, cancel) and an invitation bound to the invited, confirmed address."""

from __future__ import annotations

import re

import pytest
from django.core import mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"wide": 1280, "narrow": 320}


@pytest.fixture(params=list(WIDTHS))
def sized(browser, live_server, request, journey):
    Journey = type(journey)  # noqa: N806 (the conftest's class; tests/journeys is not a package)
    width = WIDTHS[request.param]
    contexts = []

    def open_tab(who: str):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(60000)
        return Journey(page, live_server.url, f"{request.node.originalname.removeprefix('test_')}-{width}px-{who}")

    yield open_tab, width
    for context in contexts:
        context.close()


def _fits(j, width: int) -> None:
    assert j.page.evaluate("() => document.documentElement.scrollWidth") <= width + 1, f"{j.page.url} scrolls sideways"


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_delete_a_case_for_good_then_change_your_mind(sized, family):
    open_tab, width = sized
    owner, case = family
    j = open_tab("owner")
    j.sign_in(owner.email)
    j.go(f"/cases/{case.public_id}/")
    j.page.get_by_role("link", name="Delete this case for good").click()
    j.check("the warning")
    _fits(j, width)
    j.page.get_by_label("To confirm, type the name of the case").fill("the wrong name")
    j.page.get_by_role("button", name=re.compile("Delete this case in")).click()
    j.check("the name did not match")
    assert j.page.locator(".govuk-error-summary").is_visible()
    j.page.get_by_label("To confirm, type the name of the case").fill("Alice Smith's case")
    j.page.get_by_role("button", name=re.compile("Delete this case in")).click()
    j.check("waiting to be deleted")
    _fits(j, width)
    assert "This case will be deleted for good" in j.page.content()
    j.go(f"/cases/{case.public_id}/")
    j.check("the case page says when")
    assert j.page.get_by_text("This case will be deleted for good on").is_visible()
    j.page.get_by_role("link", name="See or cancel the deletion").click()
    j.page.get_by_role("button", name="Cancel the deletion and keep the case").click()
    j.check("kept after all")
    assert j.page.get_by_text("You have cancelled the deletion").is_visible()


def test_an_invitation_only_the_invited_address_can_use(sized, family, other_family, make_user):
    open_tab, width = sized
    owner, case = family
    intruder, _ = other_family
    make_user("gran@example.org", verified=False)

    j = open_tab("owner")
    j.sign_in(owner.email)
    j.go(f"/cases/{case.public_id}/share/")
    j.check("share this case")
    _fits(j, width)
    j.page.get_by_label("Their email address").fill("gran@example.org")
    j.page.get_by_role("button", name="Send the invitation").click()
    j.check("invitation sent")
    link = _link(mail.outbox[-1])

    other = open_tab("another-family")
    other.sign_in(intruder.email)
    other.go(link)
    other.check("another account is turned away")
    assert other.page.get_by_text("sent to a different email address").is_visible()
    assert other.page.get_by_role("button", name="Join the case").count() == 0

    gran = open_tab("gran")
    gran.sign_in("gran@example.org")
    gran.go(link)
    gran.check("confirm your address first")
    _fits(gran, width)
    gran.page.get_by_role("button", name="Send me the link").click()
    gran.go(_link(mail.outbox[-1]))
    gran.page.wait_for_url(re.compile(r"/cases/invitations/"))
    gran.check("back at the invitation")
    gran.page.get_by_role("button", name="Join the case").click()
    gran.page.wait_for_url(re.compile(rf"/cases/{case.public_id}/$"))
    gran.check("gran sees the case")

    gran.go(link)
    gran.check("the link is used up")
    assert gran.page.get_by_text("used already").is_visible()


def test_make_an_api_token_that_says_when_it_stops_working(sized, family):
    """Issue 11: a token is made on the account page, shown once, with the date it stops working."""
    open_tab, width = sized
    owner, _case = family
    j = open_tab("owner")
    j.sign_in(owner.email)
    j.go("/accounts/")
    j.page.get_by_role("link", name="API tokens").click()
    j.check("api tokens")
    j.page.get_by_label("What the token is for (optional)").fill("my script")
    j.page.get_by_role("button", name="Make a token").click()
    j.check("the new token")
    _fits(j, width)
    assert j.page.get_by_text("It stops working on").is_visible()
    assert j.page.locator(".govuk-panel code").inner_text().startswith("fw_")
