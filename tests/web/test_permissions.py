"""No page, download or API call shows one family's case to another family or to a visitor.

Generated over every URL pattern the project has (walking the resolver, not a hand-picked list):
each pattern's parameters are filled with the *other* family's ids, then every URL is requested by
an anonymous visitor and by a signed-in family that is not a member, with GET and POST.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from fairwitness.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
SECRET_WORDS = ("Vexler", "Quixotic", "Quentin", "Mallory")


@dataclass(frozen=True)
class Route:
    route: str
    name: str

    @property
    def params(self) -> list[str]:
        return [m.group("name") for m in PARAM.finditer(self.route)]

    @property
    def names_a_case(self) -> bool:
        return any(p in CASE_PARAMS or p in DOCUMENT_PARAMS for p in self.params)

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/")


CASE_PARAMS = {"public_id", "case_id", "case", "id", "pk"}
DOCUMENT_PARAMS = {"document_id", "doc_id", "document"}


def _walk(patterns, prefix: str = "") -> list[Route]:
    routes: list[Route] = []
    for p in patterns:
        text = str(p.pattern)
        if text.startswith("^"):  # regex patterns (none of ours); their literal text is unusable
            continue
        if isinstance(p, URLResolver):
            routes.extend(_walk(p.url_patterns, prefix + text))
        elif isinstance(p, URLPattern):
            routes.append(Route(prefix + text, p.name or ""))
    return routes


ROUTES = _walk(get_resolver().url_patterns)


def _fill(route: Route, ids: dict[str, str]) -> str:
    def value(m: re.Match) -> str:
        name = m.group("name")
        if name in CASE_PARAMS:
            return ids["case"]
        if name in DOCUMENT_PARAMS:
            return ids["document"]
        if name == "event_id":
            return ids["event"]
        if name == "footing":
            return "s17"
        if name == "uidb64":
            return "MQ"
        # Anything else: a value its converter accepts, so the view (not the resolver) answers.
        return {"uuid": str(uuid.uuid4()), "int": "1", "path": "x"}.get(m.group("conv") or "", "x")

    return "/" + PARAM.sub(value, route.route)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


@pytest.fixture
def setting(family, other_family):
    from fairwitness.cases.models import Document

    _, other_case = other_family
    ids = {"case": str(other_case.public_id), "document": str(Document.objects.get(case=other_case).public_id),
           "event": "e1"}
    return family[0], ids


def test_the_walk_finds_the_case_and_api_routes():
    assert any(r.names_a_case and r.is_api for r in ROUTES)
    assert len(ROUTES) >= 8


def _requests(client: Client, url: str, route: Route):
    yield "GET", client.get(url)
    if route.is_api:
        yield "POST", client.post(url, data={"data": {}, "reason": "x"}, content_type="application/json")
    else:
        yield "POST", client.post(url, data={})


def _assert_no_leak(method: str, url: str, response) -> None:
    body = _body(response)
    leaked = [w for w in SECRET_WORDS if w in body]
    assert not leaked, f"{method} {url} showed another family's {leaked}"


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.route or "/")
def test_anonymous_visitor_sees_nothing(route, setting):
    _, ids = setting
    url = _fill(route, ids)
    client = Client()
    for method, response in _requests(client, url, route):
        _assert_no_leak(method, url, response)
        if route.names_a_case:
            if response.status_code == 302:
                assert "login" in response["Location"], f"{method} {url} redirected to {response['Location']}"
            else:
                assert response.status_code in (401, 405), f"{method} {url} gave {response.status_code}"


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.route or "/")
def test_another_family_gets_404(route, setting):
    user, ids = setting
    url = _fill(route, ids)
    client = Client()
    client.force_login(user)
    for method, response in _requests(client, url, route):
        _assert_no_leak(method, url, response)
        if route.names_a_case:
            assert response.status_code in (404, 405), f"{method} {url} gave {response.status_code}, not 404"


@pytest.mark.parametrize("route", [r for r in ROUTES if r.is_api and r.names_a_case], ids=lambda r: r.route)
def test_bearer_token_of_another_family_gets_404(route, setting):
    user, ids = setting
    _, token = ApiToken.issue(user, "test")
    url = _fill(route, ids)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = client.get(url)
    _assert_no_leak("GET", url, response)
    assert response.status_code in (404, 405)


def test_api_works_for_the_owner_by_token_and_session(family):
    user, case = family
    _, token = ApiToken.issue(user, "test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    listed = client.get("/api/cases").json()
    assert [c["id"] for c in listed] == [str(case.public_id)]
    assert client.get(f"/api/cases/{case.public_id}").json()["children"][0]["name"] == "Poppy Smith"
    assert len(client.get(f"/api/cases/{case.public_id}/events").json()) == 2
    assert "findings" in client.get(f"/api/cases/{case.public_id}/findings").json()
    exported = client.get(f"/api/cases/{case.public_id}/export").json()
    assert exported["ledger"]["entries"]
    created = client.post(f"/api/cases/{case.public_id}/events", data={"kind": "cin_plan_started", "at": "2024-03-01"},
                          content_type="application/json")
    assert created.status_code == 201, created.content
    bad = client.post(f"/api/cases/{case.public_id}/events", data={"kind": "cin_plan_started", "at": "2024-03-41"},
                      content_type="application/json")
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "at"
    assert Client().get("/api/cases").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer fw_wrong").get("/api/cases").status_code == 401
    session = Client()
    session.force_login(user)
    assert session.get("/api/cases").status_code == 200


def test_openapi_schema_is_published_to_the_signed_in(family):
    client = Client()
    client.force_login(family[0])
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/cases", "/api/cases/{case_id}", "/api/cases/{case_id}/findings", "/api/cases/{case_id}/export",
                 "/api/cases/{case_id}/events", "/api/cases/import", "/api/rights/{footing}"):
        assert path in paths


def test_own_case_with_another_familys_document_is_404(family, other_family):
    from fairwitness.cases.models import Document

    user, case = family
    foreign = Document.objects.get(case=other_family[1])
    client = Client()
    client.force_login(user)
    response = client.get(f"/cases/{case.public_id}/documents/{foreign.public_id}/")
    assert response.status_code == 404
    _assert_no_leak("GET", "document", response)
