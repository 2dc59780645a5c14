"""The fuzz corpus through the web import and the API (issue 11): no 500, every problem named,
nothing stored from a bad file."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from tests.fuzz.corpus import VALID, corpus, targeted

from fairwitness.accounts.models import ApiToken
from fairwitness.cases.models import Case


@pytest.fixture
def owner(make_user):
    return make_user("fuzz@example.org")


def test_every_fuzz_input_through_the_api_is_answered_without_a_500(owner):
    _, token = ApiToken.issue(owner, "fuzz")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    stored_before = Case.objects.count()
    accepted = 0
    for name, data in corpus():
        response = client.post("/api/cases/import", data=data, content_type="application/json")
        assert response.status_code in (201, 400, 422), (name, response.status_code, response.content[:300])
        if response.status_code == 201:
            accepted += 1
            continue
        body = response.json()
        if response.status_code == 422:
            assert body.get("problems") or body.get("detail"), (name, body)
    # the targeted inputs are all refused, and nothing of them was stored
    assert Case.objects.count() == stored_before + accepted
    for name, data in targeted():
        response = client.post("/api/cases/import", data=data, content_type="application/json")
        assert response.status_code == 422, name
        body = response.json()
        if name != "empty":  # no body at all: the framework's own "Field required" answers it
            assert body["problems"] and all(p["message"] for p in body["problems"]), (name, body)


def test_a_deeply_nested_api_body_is_named_not_a_500(owner):
    _, token = ApiToken.issue(owner, "fuzz")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    body = b'{"format":"fairwitness-case/1","events":' + b"[" * 5000 + b"]" * 5000 + b"}"
    response = client.post("/api/cases/import", data=body, content_type="application/json")
    assert response.status_code == 422
    assert "nests more than" in response.json()["problems"][0]["message"]


def test_every_targeted_input_through_the_web_import_is_named(owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(owner)
    before = Case.objects.count()
    for name, data in targeted():
        response = client.post("/cases/import/", {"file": SimpleUploadedFile("case.json", data, "application/json")})
        assert response.status_code == 200, (name, response.status_code)
        page = response.content.decode()
        assert "problem" in page, name
    assert Case.objects.count() == before  # nothing of a bad file is stored


def test_the_web_import_refuses_more_than_10000_events(owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = json.loads(json.dumps(VALID))
    doc["events"] = [{"id": f"e{i}", "kind": "activity", "at": "2024-01-02", "activity": "home_visit"}
                     for i in range(10_001)]
    client = Client()
    client.force_login(owner)
    response = client.post("/cases/import/", {"file": SimpleUploadedFile("case.json", json.dumps(doc).encode(), "application/json")})
    assert "at most 10,000" in response.content.decode()


def test_findings_as_of_year_1_is_422_not_500(family):
    user, case = family
    _, token = ApiToken.issue(user, "t")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = client.get(f"/api/cases/{case.public_id}/findings?as_of=0001-01-01")
    assert response.status_code == 422
    assert "out of range" in response.json()["problems"][0]["message"]


def test_a_control_character_typed_into_a_childs_name_is_taken_out_and_the_word_chronology_still_opens(family):
    import io

    from docx import Document

    user, case = family
    client = Client()
    client.force_login(user)
    response = client.post(f"/cases/{case.public_id}/children/add/",
                           {"name": "Ro\x0bse\tJ", "date_of_birth-day": "", "date_of_birth-month": "", "date_of_birth-year": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert case.children.order_by("-pk").first().data["name"] == "Rose J"
    docx = client.get(f"/cases/{case.public_id}/court-documents/chronology.docx")
    assert docx.status_code == 200
    Document(io.BytesIO(docx.content))  # opens


def test_a_name_of_only_control_characters_is_asked_for_again(family):
    user, case = family
    client = Client()
    client.force_login(user)
    response = client.post(f"/cases/{case.public_id}/children/add/", {"name": "\x0b\x0c"})
    assert response.status_code == 200
    assert "Enter the child" in response.content.decode()


def test_invisible_characters_that_reorder_or_hide_a_name_are_taken_out(family):
    """From a fresh-eyes walk-through: ESC, BEL, a right-to-left override and a zero-width space were
    stored in a person's name and shown back."""
    user, case = family
    client = Client()
    client.force_login(user)
    response = client.post(f"/cases/{case.public_id}/people/add/",
                           {"name": "Ca\x1brl\u202eeno\u200b\x07", "role": "uncle"})
    assert response.status_code == 302, response.content.decode()[:2000]
    names = [p.data["name"] for p in case.people.all()]
    assert "Carleno" in names
