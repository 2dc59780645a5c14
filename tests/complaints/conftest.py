"""Fixtures for the challenge pages: families whose complaints and requests sit at known points,
dated relative to today so that the engine (which judges at today's date) sees them as intended."""

from __future__ import annotations

import io
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))

from fairwitness_fixtures import *  # noqa: E402,F401,F403

PASSWORD = "a-long-test-password"


def today() -> date:
    from fairwitness.cases.law import today as uk_today

    return uk_today()


def days_ago(n: int) -> str:
    return (today() - timedelta(days=n)).isoformat()


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages))


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return re.sub(r"\s+", " ", " ".join(parts))


def long(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


@pytest.fixture
def brook(make_user):
    """Sarah Brook complained at stage 1, was turned down, asked for stage 2 ninety days ago and has
    heard nothing: the stage 2 answer is overdue."""
    from fairwitness.cases import actions

    user = make_user("sarah@example.org")
    case = actions.create_case(user, "Brook family", "Leeds")
    actions.add_child(case, user, "Amy Brook", "2015-04-02")
    actions.add_person(case, user, "Sarah Brook", "mother", True, ["c1"])
    actions.record_event(case, user, {"kind": "assessment_started", "at": days_ago(200), "basis": "s17"})
    actions.record_event(case, user, {"kind": "complaint_made", "at": days_ago(130), "stage": 1, "by": "p1",
                                      "subject": "how the assessment was done"})
    actions.record_event(case, user, {"kind": "complaint_response", "at": days_ago(118), "stage": 1,
                                      "outcome": "not_upheld"})
    actions.record_event(case, user, {"kind": "complaint_made", "at": days_ago(90), "stage": 2, "by": "p1"})
    return user, case


@pytest.fixture
def signed_in(client, brook):
    user, case = brook
    client.force_login(user)
    return client, user, case


DETAILS = {"address": "4 Mill Lane\nLeeds\nLS1 4AB", "email": "sarah.brook@example.org", "phone": "0113 496 0000",
           "council_address": "Complaints Team\nLeeds City Council\nPO Box 1\nLeeds LS1 1AA"}


def letter_page(client, url):
    """Open a letter. The first letter from a person asks once for their address, email and phone:
    give them, and come back to the letter."""
    response = client.get(url)
    if response.status_code == 302 and "/letters/your-details/" in response["Location"]:
        saved = client.post(response["Location"], DETAILS)
        assert saved.status_code == 302 and saved["Location"] == url, saved.content.decode()[:1500]
        response = client.get(url)
    return response
