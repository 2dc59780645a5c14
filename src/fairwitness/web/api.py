"""The API instance, mounted at /api/ (OpenAPI at /api/openapi.json). Routers live in each app."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser

from fairwitness.accounts.models import TOKEN_LIFETIME
from fairwitness.cases.api import BearerToken, install
from fairwitness.law.caseformat import read_case_json


class CheckedParser(Parser):
    """Request bodies read through the case files' own text checks (size, UTF-8, nesting depth,
    NaN): a body built to exhaust the parser is answered 422 with its problem named, never 500."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        return read_case_json(request.body, source="request")


def signed_in_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The schema and the interactive docs are for people who use the API, not for anyone passing.

    Neither shows a family's data, but the docs page is a console for trying every endpoint, and an
    oversight body has no reason to hand that to the open web. A signed-in session gets both (staff
    only after the second factor: the staff middleware runs first); an API token gets the schema,
    so a family's own script can read it. A visitor is sent to sign in (the page) or answered 401
    (the schema), as the API answers."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            try:
                if BearerToken()(request) is not None:
                    return view(request, *args, **kwargs)
            except HttpError as exc:  # an expired token, said plainly
                return JsonResponse({"detail": str(exc)}, status=exc.status_code)
            return JsonResponse({"detail": "Unauthorized"}, status=401)
        return redirect_to_login(request.get_full_path())

    return checked


api = NinjaAPI(
    title="Fair Witness API",
    version="1",
    description="A family's case record: cases, events, findings, rights, import and export. "
    "Sign in with a session (the same as the pages) or send `Authorization: Bearer <token>` with a token "
    f"made on your account page (staff: after the second factor). Tokens work for {TOKEN_LIFETIME.days} days; "
    "an expired one gets 401.",
    urls_namespace="api",
    parser=CheckedParser(),
    # Swagger UI from django-ninja's own static files ("ninja" is an installed app), never a CDN.
    docs_decorator=signed_in_only,
)
install(api)


@api.exception_handler(ValidationError)
def _request_problems(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A request the schema refuses (a missing body, a wrong type) is answered in the same shape
    as every other 422 the API documents, not django-ninja's own ``{"detail": [...]}``: a client
    reads one kind of problem list (found by fuzzing the API from its schema)."""
    problems = []
    for error in exc.errors:
        where, *field = [str(part) for part in error.get("loc", ())] or ["request"]
        problems.append({"where": where, "field": ".".join(field), "message": str(error.get("msg", "is not valid"))})
    return api.create_response(request, {"message": "The request has problems. Nothing was stored.", "problems": problems},
                               status=422)

