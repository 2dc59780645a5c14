"""A case for a jurisdiction with no rule pack is refused at import, on the web and on the command
line, and nothing is stored: it used to be stored, then crash ``check`` and the case page (issue 8)."""

from __future__ import annotations

import io
import json

import pytest
import typer
from django.urls import reverse
from typer.testing import CliRunner

from fairwitness.cases.commands import register
from fairwitness.cases.models import Case, Event
from fairwitness.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db

WELSH = {
    "format": "fairwitness-case/1",
    "jurisdiction": "wales",
    "children": [{"id": "c1", "name": "A."}],
    "events": [{"id": "e1", "kind": "referral_received", "at": "2024-01-15"}],
}


def _counts() -> tuple[int, int, int]:
    return Case.objects.count(), Event.objects.count(), LedgerEntry.objects.count()


def test_web_import_of_a_welsh_case_says_why_and_stores_nothing(client, make_user):
    user = make_user("owner@example.org")
    client.force_login(user)
    before = _counts()
    upload = io.BytesIO(json.dumps(WELSH).encode())
    upload.name = "welsh.json"
    response = client.post(reverse("cases:import"), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "no rules for &#x27;wales&#x27;" in html or "no rules for 'wales'" in html
    assert "england" in html
    assert _counts() == before


def test_cli_import_of_a_welsh_case_says_why_and_stores_nothing(make_user, tmp_path):
    make_user("owner@example.org")
    app = typer.Typer()
    register(app)
    path = tmp_path / "welsh.json"
    path.write_text(json.dumps(WELSH))
    before = _counts()
    result = CliRunner().invoke(app, ["import", str(path), "--owner", "owner@example.org"])
    assert result.exit_code == 2, result.output
    assert "no rules for 'wales'" in result.output and "Traceback" not in result.output
    assert _counts() == before
