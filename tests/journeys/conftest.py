"""Browser journeys: Playwright driving Debian's Chromium (never a downloaded browser), with axe-core.

Each page a journey visits is checked with axe-core at WCAG 2.2 AA and saved as a screenshot in
``test-artifacts/screenshots/``. The server is pytest-django's ``live_server`` on the test database.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))

from fairwitness_fixtures import *  # noqa: E402,F401,F403
from fairwitness_fixtures import TEST_PASSWORD  # noqa: E402

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make (fixtures,
# assertions) are still synchronous and safe, so tell Django not to refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
SCREENSHOTS = Path(os.environ.get("FAIRWITNESS_ARTIFACTS", "test-artifacts")) / "screenshots"


# One browser per test module, not per session: Playwright's sync API runs an event loop while it is
# open, and the public pages' and the deployment's tests start their own.
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = "Debian's Chromium is not installed (make system-deps)"
        if os.environ.get("FAIRWITNESS_REQUIRE_BROWSER"):
            pytest.fail(message)  # `make test` installs it: a missing browser must not pass silently
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Journey:
    """One browser tab walking one journey: visits pages, checks each with axe, screenshots it."""

    def __init__(self, page, base_url: str, name: str):
        self.page = page
        self.base_url = base_url
        self.name = name
        self.step = 0
        self.checked: list[str] = []

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def check(self, label: str) -> None:
        """Axe-clean at WCAG 2.2 AA, and a screenshot kept."""
        page = self.page
        page.wait_for_load_state("load")
        self.step += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{self.name}-{self.step:02d}-{slug}.png"), full_page=True)
        # Evaluated over the DevTools protocol, so the page's strict CSP (no inline script) still holds.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(AXE_SOURCE)
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS)
        violations = result["violations"]
        if violations:
            lines = []
            for v in violations:
                targets = [", ".join(n["target"]) for n in v["nodes"][:5]]
                lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
            raise AssertionError(f"axe found {len(violations)} violation(s) on {label} ({page.url}):\n" + "\n".join(lines))
        self.checked.append(label)

    def submit_password(self, email: str, password: str = TEST_PASSWORD, *, check: bool = False) -> None:
        """Open the sign-in page (checked with axe if asked) and sign in with a password. Where the
        person lands (their cases, or a second factor first) is the caller's to wait for."""
        self.go("/accounts/login/")
        if check:
            self.check("sign in")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_role("button", name="Sign in").click()

    def sign_in(self, email: str, password: str = TEST_PASSWORD, *, check: bool = False) -> None:
        """Sign a family member in and wait for their list of cases."""
        self.submit_password(email, password, check=check)
        self.page.wait_for_url(re.compile(r"/cases/$"))


@pytest.fixture
def journey(browser, live_server, request):
    context = browser.new_context(viewport={"width": 1024, "height": 800}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield Journey(page, live_server.url, request.node.name.removeprefix("test_"))
    context.close()


@pytest.fixture
def phone_journey(browser, live_server, request):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield Journey(page, live_server.url, request.node.name.removeprefix("test_"))
    context.close()
