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
