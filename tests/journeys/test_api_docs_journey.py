"""The API docs in a real browser: signed in, Swagger UI draws every endpoint from our own files,
and the Content Security Policy refuses nothing it needs (no CDN, no inline script)."""

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
