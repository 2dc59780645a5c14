"""Template tags every Fair Witness page uses: the header, the exit button, GOV.UK form fields.

They live in the ``cases`` app only because Django finds tag libraries in installed apps; the
accounts pages use them too.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString

from fairwitness import govuk

register = template.Library()

# A neutral page to leave for, fast, if someone comes into the room.
EXIT_URL = "https://www.bbc.co.uk/weather"


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


# Staff start at their own work, not at family cases (which they never see directly).
STAFF_START = {
    "reviewer": ("Concerns", "oversight:queue"),
    "senior_reviewer": ("Concerns", "oversight:queue"),
    "liaison": ("Your council's requests", "oversight:council"),
    "administrator": ("Staff", "oversight:staff"),
}
# The reviewers who draft and sign off families' accounts for the evidence pack reach it from the menu.
STAFF_ALSO = {
    "reviewer": [("Evidence pack", "public:evidence_list")],
    "senior_reviewer": [("Evidence pack", "public:evidence_list")],
}


@register.simple_tag(takes_context=True)
def fw_service_navigation(context: dict[str, Any]) -> SafeString:
    request = context.get("request")
    user = getattr(request, "user", None)
    path = getattr(request, "path", "")
    items: list[dict[str, Any]] = []
    if user is not None and user.is_authenticated:
        from fairwitness.cases.policy import staff_role

        role = staff_role(user) or ""
        first = STAFF_START.get(role, ("Your cases", "cases:list"))
        links = [(first[0], _url(first[1]))] + [(text, _url(name)) for text, name in STAFF_ALSO.get(role, [])]
        links += [("Your account", _url("accounts:account")), ("Sign out", _url("accounts:logout"))]
    else:
        links = [("Sign in", _url("accounts:login")), ("Create an account", _url("accounts:signup"))]
    links.append(("Public figures", _url("public:england")))
    links.append(("About", _url("about")))
    # Only the most specific link is the current one (/public/evidence/ is inside /public/).
    current = max((h for _, h in links if h and h != "/" and path.startswith(h)), key=len, default=None)
    for text, href in links:
        if href:
            items.append({"text": text, "href": href, "active": href == current})
    return govuk.component("service-navigation", {
        "serviceName": "Fair Witness", "serviceUrl": "/", "navigation": items,
        "navigationLabel": "Menu", "classes": "fw-header",
    })


@register.simple_tag
def fw_exit_this_page() -> SafeString:
    return govuk.component("exit-this-page", {"redirectUrl": EXIT_URL})


@register.simple_tag
def govuk_component(name: str, **params: Any) -> SafeString:
    return govuk.component(name, params)


@register.filter
def govuk_field(field: Any) -> SafeString:
    return govuk.render_field(field)


@register.filter
def govuk_heading_field(field: Any) -> SafeString:
    return govuk.render_field(field, heading=True)


@register.filter
def govuk_tag_class(severity: str) -> str:
    """GOV.UK tag colours for a finding's severity: breach red, concern orange, info grey."""
    return {"breach": "govuk-tag--red", "concern": "govuk-tag--orange"}.get(severity, "govuk-tag--grey")
