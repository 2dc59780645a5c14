"""The API instance, mounted at /api/ (OpenAPI at /api/openapi.json). Routers live in each app."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.parser import Parser

from fairwitness.accounts.models import TOKEN_LIFETIME
from fairwitness.cases.api import install
from fairwitness.law.caseformat import read_case_json


class CheckedParser(Parser):
    """Request bodies read through the case files' own text checks (size, UTF-8, nesting depth,
    NaN): a body built to exhaust the parser is answered 422 with its problem named, never 500."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        return read_case_json(request.body, source="request")

api = NinjaAPI(
    title="Fair Witness API",
    version="1",
    description="A family's case record: cases, events, findings, rights, import and export. "
    "Sign in with a session (the same as the pages) or send `Authorization: Bearer <token>` with a token "
    f"made on your account page (staff: after the second factor). Tokens work for {TOKEN_LIFETIME.days} days; "
    "an expired one gets 401.",
    urls_namespace="api",
    parser=CheckedParser(),
)
install(api)
