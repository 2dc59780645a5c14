"""The pages that belong to no case: the home page and the plain-English "about" page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from fairwitness.law.findings import DISCLAIMER


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        from fairwitness.oversight.views import home_for  # staff start at their own inbox

        return redirect(home_for(request.user))
    return render(request, "home.html", {"disclaimer": DISCLAIMER})


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "about.html", {"disclaimer": DISCLAIMER})


# ---------------------------------------------------------------------------------------------
# Error pages: branded, with "Exit this page" (from the base template) and a way back. They say
# nothing about what exists: a 404 reads the same for a case that is not there and one that is
# another family's.

_ERRORS: dict[int, tuple[str, list[str]]] = {
    400: ("Something in that request was not right", [
        "The page could not understand what was sent. If you typed the address, check it.",
        "If you were filling in a form, go back and try again."]),
    403: ("You cannot see this page", [
        "Your account does not give you access to this page.",
        "If someone shared a case with you, use the link in their invitation, or ask them to share it again."]),
    404: ("Page not found", [
        "If you typed the web address, check it is correct. If you pasted it, check you copied all of it.",
        "If a case was shared with you, the family may have stopped sharing it."]),
    500: ("Sorry, there is a problem with the service", [
        "Try again later. What you have already saved is safe.",
        "If you were saving something, check whether it was saved before entering it again."]),
}
_CSRF = ("Your session has timed out or the form was already sent", [
    "For your security, forms stop working after a while, or when they are sent twice.",
    "Go back, reload the page and try again. What you typed may need to be entered again."])


def _back(request: HttpRequest) -> str | None:
    """The page the person came from, when it is on this site."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except Exception:  # a disallowed Host header: no way back worth offering
        return None
    same_site = url_has_allowed_host_and_scheme(referer, allowed_hosts={host}) and "//" in referer
    if same_site and referer.split("?")[0] != request.build_absolute_uri().split("?")[0]:
        return referer
    return None


def _error(request: HttpRequest, status: int, heading: str, lines: list[str]) -> HttpResponse:
    try:
        return render(request, "error.html", {"heading": heading, "lines": lines, "status": status,
                                              "back": _back(request), "home": "/"}, status=status)
    except Exception:  # the error page must never fail: a plain page with the same words
        body = (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{heading} – Fair Witness</title>'
                f'</head><body><p><a href="https://www.bbc.co.uk/weather">Exit this page</a></p><h1>{heading}</h1>'
                + "".join(f"<p>{line}</p>" for line in lines) + '<p><a href="/">Go to the home page</a></p></body></html>')
        return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, *_ERRORS[400])


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, *_ERRORS[403])


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, *_ERRORS[404])


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, *_ERRORS[500])


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, 403, *_CSRF)
