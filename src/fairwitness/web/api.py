"""The API instance, mounted at /api/ (OpenAPI at /api/openapi.json). Routers live in each app."""

from __future__ import annotations

from ninja import NinjaAPI

from fairwitness.cases.api import install

api = NinjaAPI(
    title="Fair Witness API",
    version="1",
    description="A family's case record: cases, events, findings, rights, import and export. "
    "Sign in with a session (the same as the pages) or send `Authorization: Bearer <token>`.",
    urls_namespace="api",
)
install(api)
