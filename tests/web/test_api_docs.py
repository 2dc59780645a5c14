"""The API's schema and its interactive docs are for people who use the API, not for anyone passing.

The schema names no family's data, but the docs page is a tool for probing every endpoint, so both
need a sign-in (the schema also takes an API token, for a family's own script). The docs page is
served from our own static files under the site's Content Security Policy: production has no
internet to fetch a CDN's script from, and the policy would refuse one anyway."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from fairwitness.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def test_a_visitor_gets_neither_the_docs_nor_the_schema():
    visitor = Client()
    docs = visitor.get("/api/docs")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/?next=/api/docs")
    schema = visitor.get("/api/openapi.json")
    assert schema.status_code == 401 and "paths" not in schema.json()
    assert Client(HTTP_AUTHORIZATION="Bearer fw_wrong").get("/api/openapi.json").status_code == 401


def test_a_signed_in_family_reads_the_schema_by_session_or_token(family):
    user, _ = family
    session = Client()
    session.force_login(user)
    assert "/api/cases" in session.get("/api/openapi.json").json()["paths"]
    _, token = ApiToken.issue(user, "script")
    by_token = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert "/api/cases" in by_token.get("/api/openapi.json").json()["paths"]


def test_the_docs_page_loads_only_our_own_files_under_the_csp(family):
    user, _ = family
    session = Client()
    session.force_login(user)
    page = session.get("/api/docs")
    assert page.status_code == 200
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    html = page.content.decode()
    assert "cdn" not in html.lower() and "//" not in re.sub(r"<!--.*?-->", "", "".join(re.findall(r'(?:src|href)="([^"]*)"', html)))
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
    for asset in assets:
        response = session.get(asset)
        assert response.status_code == 200, asset
        b"".join(response.streaming_content) if response.streaming else response.content
    # No inline script the policy would block: only the JSON settings block, which is not run.
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert "src=" in attrs or ('type="application/json"' in attrs), (attrs, body[:80])
