"""The generated permission matrix for the oversight body.

Every role × every oversight URL pattern (walked from the resolver, so a new page cannot be
forgotten) × target (own case A, the other family's case B, an unshared case U, and the material
case A keeps back) × consent (live, withdrawn). Each cell asserts one exact status:

- anonymous: 302 to the sign-in page (the public service standards page: 200);
- a page for a role you do not hold (the queue, the council inbox, staff admin, assigning, any
  council page for a non-liaison): 403, decided before any object is looked up, so it says nothing;
- an object you may not see (another family's case, a concern not yours, another council's request,
  an unshared event or document, anything after consent is withdrawn): 404, like a missing one;
- POST-only buttons answer GET with 405.

Every response is also searched for the other family's words, and for words in the material the
family kept back, which must never appear outside the family. The rest of the project's routes
(case pages and the API) are requested by each staff role with both cases' ids: always 404 (or
405/401), because staff reach a family's material only through a concern.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.oversight.conftest import verified_client

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "owner", "member", "advocate", "other_family", "reviewer", "reviewer2", "senior",
          "liaison", "liaison2", "admin"]
STAFF = {"reviewer", "reviewer2", "senior", "liaison", "liaison2", "admin"}
FAMILY_OF = {"A": {"owner", "member", "advocate"}, "U": {"owner"}, "B": {"other_family"}}
WORDS = {"A": ("Poppy Smith", "Zanzibar"), "B": ("Vexler", "Quentin")}
HIDDEN_WORDS = ("Kumquat", "kumquat")
PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")

FAMILY_ROUTES = {"family_case", "seen", "share", "withdraw", "family_letter"}
POST_ONLY = {"acknowledge", "take", "issues_from_findings", "outcome", "more_time_decide"}
CONCERN_READ = {"concern", "concern_event", "concern_document", "concern_council_document", "concern_letter"}
CONCERN_WORK = {"decide", "issue_add", "finding", "recommend", "evidence_add", "referral_add", "compliance", "request_add"}
COUNCIL = {"council_request", "council_event", "council_document", "council_more_time", "council_upload", "council_letter"}
# Issue 10: senior reviewers open the staff page too, to approve role changes an administrator proposed.
ROLE_PAGES = {"queue": {"reviewer", "reviewer2", "senior"}, "council": {"liaison", "liaison2"}, "staff": {"admin", "senior"},
              "assign": {"senior"}}


def _walk(patterns, prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    out = []
    for p in patterns:
        if isinstance(p, URLResolver):
            out.extend(_walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace))
        elif isinstance(p, URLPattern):
            out.append((prefix + str(p.pattern), f"{namespace}:{p.name}" if namespace else (p.name or "")))
    return out


ALL_ROUTES = _walk(get_resolver().url_patterns)
OVERSIGHT_ROUTES = [(r, n.split(":", 1)[1]) for r, n in ALL_ROUTES if n.startswith("oversight:")]
OTHER_CASE_ROUTES = [(r, n) for r, n in ALL_ROUTES if not n.startswith("oversight:")
                     and any(m.group("name") in ("public_id", "case_id", "document_id") for m in PARAM.finditer(r))]


def test_every_oversight_route_is_classified():
    names = {n for _, n in OVERSIGHT_ROUTES}
    known = (FAMILY_ROUTES | POST_ONLY | CONCERN_READ | CONCERN_WORK | COUNCIL | set(ROLE_PAGES)
             | {"verify", "standards", "staff_decide"})
    assert names == known, f"classify these routes in the matrix: {names ^ known}"


def _fill(route: str, ids: dict[str, str]) -> str:
    def value(m: re.Match) -> str:
        name = m.group("name")
        if name == "file_id" and "council-documents" in route:
            return ids["council_file_id"]
        if name == "document_id":
            return ids["file_id"]
        if name == "case_id":
            return ids["public_id"]
        if name == "change_id":
            return "00000000-0000-4000-8000-000000000000"  # no such role change (tests/oversight/test_staff_roles.py)
        return ids.get(name, "x")
    return "/" + PARAM.sub(value, route)


def _targets(name: str) -> list[str]:
    if name in ("concern_event", "concern_document", "council_event", "council_document"):
        return ["A", "B", "U", "A-hidden"]
    if any(name in group for group in (FAMILY_ROUTES, POST_ONLY, CONCERN_READ, CONCERN_WORK, COUNCIL)) or name == "assign":
        return ["A", "B", "U"]
    return ["-"]


def expected(actor: str, name: str, target: str, withdrawn: bool, method: str = "GET") -> int:
    """The one right answer for a cell (before any POST in the run changes the world)."""
    if name == "standards":
        return 200
    if actor == "anonymous":
        return 302
    if name == "verify":
        return 200
    if name == "staff_decide":
        return 405  # a button (POST) only, whoever asks
    if name in ROLE_PAGES and name != "assign":
        return 200 if actor in ROLE_PAGES[name] else 403
    case = {"A": "A", "A-hidden": "A", "B": "B", "U": "U"}[target]
    live = {"A": not withdrawn, "B": True, "U": False}[case]
    if name in FAMILY_ROUTES:
        if actor not in FAMILY_OF.get(case, set()):
            return 404
        if name == "family_case":
            return 200
        if name == "seen":
            return 200 if actor in ("owner", "other_family") or (actor == "member") else 404
        if name == "family_letter":
            return 200 if case == "A" else 404
        owner = actor in ("owner", "other_family")
        if name == "share":
            return (302 if live else 200) if owner else 404
        if name == "withdraw":
            return 200 if owner and live else 404
    if name in COUNCIL:
        if actor not in ("liaison", "liaison2"):
            return 403
        mine = (actor, case) in (("liaison", "A"), ("liaison2", "B"))
        if not (mine and live) or target == "A-hidden":
            return 404
        if name == "council_letter":
            return 200 if case == "A" else 404
        return 200
    # concern pages
    can_open = live and (actor == "senior" or (actor == "reviewer" and case in ("A", "B"))
                         or (actor == "reviewer2" and case == "B"))
    can_work = can_open and (actor == "senior" or (actor == "reviewer" and case == "A"))
    if name == "assign":
        if actor != "senior":
            return 403
        return 200 if can_open else 404
    if name in POST_ONLY:
        if method == "GET":
            return 405
        allowed = {
            "acknowledge": can_open and actor in ("reviewer", "reviewer2", "senior"),
            "take": can_open and (actor == "senior" or case == "B"),
            "issues_from_findings": can_work, "outcome": can_work, "more_time_decide": can_work,
        }[name]
        return 302 if allowed else 404
    if target == "A-hidden":
        return 404
    if name in CONCERN_READ:
        if name == "concern_letter" and case != "A":
            return 404  # no outcome issued yet: no letter, whoever asks
        return 200 if can_open else 404
    if name in CONCERN_WORK:
        return 200 if can_work else 404
    raise AssertionError(f"unclassified route {name}")


def _client(world, actor: str) -> Client:
    if actor == "anonymous":
        return Client()
    user = world.users[actor]
    if actor in STAFF:
        return verified_client(user)
    client = Client()
    client.force_login(user)
    return client


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _leaks(actor: str, target: str, status: int, body: str) -> list[str]:
    found = []
    case = {"A": "A", "A-hidden": "A", "B": "B", "U": "U", "-": "-"}[target]
    for which, words in WORDS.items():
        if which == case and status == 200:
            continue  # the material this cell is allowed to show
        found += [w for w in words if w in body]
    if actor not in FAMILY_OF["A"]:
        found += [w for w in HIDDEN_WORDS if w in body]
    return found


@pytest.mark.parametrize("withdrawn", [False, True], ids=["consent-live", "consent-withdrawn"])
@pytest.mark.parametrize("actor", ACTORS)
def test_matrix(world, actor, withdrawn):
    from fairwitness.oversight import actions

    if withdrawn:
        actions.withdraw(world.concerns["A"], world.users["owner"])
    client = _client(world, actor)
    failures, cells = [], 0
    posts = []
    for route, name in OVERSIGHT_ROUTES:
        for target in _targets(name):
            ids = world.ids.get(target, world.ids["A"])
            url = _fill(route, ids)
            if name in POST_ONLY:
                posts.append((name, target, url))
            want = expected(actor, name, target, withdrawn)
            response = client.get(url)
            cells += 1
            if response.status_code != want:
                failures.append(f"GET {url} ({name}, {target}): {response.status_code}, expected {want}")
            if want == 302 and actor == "anonymous" and "/accounts/login/" not in response.get("Location", ""):
                failures.append(f"GET {url}: anonymous redirected to {response.get('Location')}")
            leaked = _leaks(actor, target, response.status_code, _body(response))
            if leaked:
                failures.append(f"GET {url} ({name}, {target}) showed {leaked}")
    # POST-only buttons last, in an order where each one leaves the next one's answer unchanged.
    order = ["acknowledge", "issues_from_findings", "outcome", "more_time_decide", "take"]
    for name, target, url in sorted(posts, key=lambda p: order.index(p[0])):
        want = expected(actor, name, target, withdrawn, method="POST")
        response = client.post(url, data={"grant": "yes"})
        cells += 1
        if response.status_code != want:
            failures.append(f"POST {url} ({name}, {target}): {response.status_code}, expected {want}")
        leaked = _leaks(actor, target, response.status_code, _body(response))
        if leaked:
            failures.append(f"POST {url} showed {leaked}")
    assert cells > 100
    assert not failures, f"{len(failures)} of {cells} cells wrong:\n" + "\n".join(failures)


@pytest.mark.parametrize("actor", sorted(STAFF))
def test_staff_reach_no_case_page_or_api_operation_directly(world, actor):
    """Staff see a family's material only through a live concern: every case page, download and
    API operation answers them 404 (405 where the method is wrong), for both shared cases."""
    client = _client(world, actor)
    failures = []
    for route, name in OTHER_CASE_ROUTES:
        for target in ("A", "B"):
            url = _fill(route, world.ids[target])
            for method in ("GET", "POST"):
                if method == "GET":
                    response = client.get(url)
                elif route.startswith("api/"):
                    response = client.post(url, data={"data": {}, "reason": "x"}, content_type="application/json")
                else:
                    response = client.post(url, data={})
                if response.status_code not in (404, 405):
                    failures.append(f"{method} {url} ({name}): {response.status_code}")
                leaked = _leaks(actor, "-", response.status_code, _body(response))
                if leaked:
                    failures.append(f"{method} {url} showed {leaked}")
    assert not failures, "\n".join(failures)
