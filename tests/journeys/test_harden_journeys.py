"""In a real browser: the API docs (signed in, Swagger UI drawn from our own files
under the Content Security Policy, no CDN), and the transparency page on a phone."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_work_under_the_csp_once_signed_in(journey, family):
    user, _ = family
    page = journey.page
    refused: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(journey.base_url) else None)
    journey.go("/api/docs")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/api/docs$"))
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.locator(".swagger-ui .opblock").count() >= 7
    page.screenshot(path="test-artifacts/screenshots/api-docs-signed-in.png", full_page=False)
    assert refused == [] and outside == []


def test_the_transparency_page_gives_days_and_reads_on_a_phone(phone_journey, family, other_family):
    """The page a visitor checks a receipt on: writes per day, no time of day, axe-clean, no sideways scroll."""
    j = phone_journey
    j.go("/transparency/")
    j.check("transparency by day")
    text = j.page.inner_text("main")
    assert "Writes by day" in text and not re.search(r"\b\d{1,2}:\d{2}\b", text)
    assert j.page.evaluate("() => document.documentElement.scrollWidth") <= 376
