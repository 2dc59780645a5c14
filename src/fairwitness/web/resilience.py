"""How the site answers when the database cannot: busy, read-only, or a query that ran too long.

A busy database (SQLite's write lock held past the busy timeout; PostgreSQL's lock or statement
timeout) is answered ``503 Service Unavailable`` with ``Retry-After`` after that short wait, as a
plain page or, for the API, JSON, instead of a bare 500 (issue 11). Nothing was saved, and the
page says so, so the person can try again. A read-only data folder is named as such.

Also here: ``Cache-Control: no-store`` on every response that is not a static file, because
nearly every page and API answer carries a family's case data, which must not sit in a shared or
browser cache.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control

from fairwitness.web.views import server_error

log = logging.getLogger("fairwitness.web")

RETRY_AFTER_SECONDS = 5

_BUSY_WORDS = ("database is locked", "database table is locked", "lock timeout", "could not obtain lock",
               "canceling statement due to lock timeout", "canceling statement due to statement timeout",
               "deadlock detected")
_READ_ONLY_WORDS = ("readonly database", "read-only database", "read-only file system", "unable to open database file")


def database_trouble(exc: BaseException | None) -> str | None:
    """"busy" or "read_only" for a database failure the person can do nothing about but wait (or
    the operator must fix), else None."""
    if not isinstance(exc, OperationalError):
        return None
    text = str(exc).lower()
    if any(w in text for w in _BUSY_WORDS):
        return "busy"
    if any(w in text for w in _READ_ONLY_WORDS):
        return "read_only"
    return None


MESSAGES = {
    "busy": ("The service is busy", "Too many changes are being saved at once. Nothing you sent was saved. "
                                    "Wait a few seconds and try again."),
    "read_only": ("The service cannot save anything", "Fair Witness cannot write to its data folder, so nothing "
                                                      "can be saved just now. The people who run this service "
                                                      "have been told. Try again later."),
}

_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Fair Witness</title></head>
<body style="font-family: Arial, sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em; line-height: 1.5">
<h1>{title}</h1><p>{body}</p><p><a href="">Try again</a></p></body></html>
"""


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def trouble_response(request: HttpRequest, trouble: str) -> HttpResponse:
    title, body = MESSAGES[trouble]
    response: HttpResponse
    if wants_json(request):
        response = JsonResponse({"detail": f"{title}. {body}", "retry_after": RETRY_AFTER_SECONDS}, status=503)
    else:  # plain on purpose: the templates may need the database this page is about
        response = HttpResponse(_PAGE.format(title=title, body=body), status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


def _answer_trouble(request: HttpRequest, exc: BaseException | None) -> HttpResponse | None:
    """The 503 for database trouble (logged without personal data), else None."""
    trouble = database_trouble(exc)
    if trouble is None:
        return None
    log.warning("database %s: answered 503 for %s %s", trouble, request.method, request.path)
    return trouble_response(request, trouble)


def handler500(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Django's last word on an uncaught exception, wherever it was raised (a view, or a middleware
    saving the session): database trouble gets its 503; anything else the ordinary 500."""
    answer = _answer_trouble(request, sys.exc_info()[1])
    if answer is not None:
        return answer
    if wants_json(request):
        return JsonResponse({"detail": "Something went wrong on our side. Nothing you sent was saved."}, status=500)
    return server_error(request)


class ResilienceMiddleware:
    """Turns database trouble in a view into its 503 (before other middleware sees a 500), and marks
    every response but a static file ``Cache-Control: no-store``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.static_url = settings.STATIC_URL or "/static/"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(self.static_url):
            patch_cache_control(response, no_store=True, private=True)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return _answer_trouble(request, exception)
