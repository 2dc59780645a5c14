"""The public service-standards page (/oversight/standards/, no sign-in) follows the same
publication rule as the public figures: a count from 0 to 9 is ``c``, others are rounded to the
nearest 5. Walking the demo, it showed "Council of the Isles of Scilly: 2 sent, 0 on time, 2 late",
live and exact, so anyone watching it could see the day one family's request was sent."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _row(html: str, heading: str) -> list[str]:
    match = re.search(r"<tr[^>]*>\s*<th[^>]*>" + re.escape(heading) + r"</th>(.*?)</tr>", html, re.S)
    assert match, heading
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>.*?</td>", match.group(1), re.S)]


def test_a_council_with_few_requests_shows_c_not_the_count(world):
    html = Client().get("/oversight/standards/").content.decode()
    assert _row(html, "Hartlepool Borough Council") == ["c", "c", "c", "c"]


def test_our_own_promises_are_published_by_the_same_rule(world):
    html = Client().get("/oversight/standards/").content.decode()
    cells = _row(html, "Acknowledge within 2 working days")
    assert cells and all(cell == "c" for cell in cells)
    assert "every count from 0 to 9 is withheld" in html


def test_large_counts_are_rounded_to_the_nearest_5(world, monkeypatch):
    from fairwitness.oversight import standards

    monkeypatch.setattr(standards, "council_answer_counts", lambda today: [
        {"council": "Leeds City Council", "sent": 52, "on_time": 33, "late": 12, "overdue": 7, "open": 0}])
    html = Client().get("/oversight/standards/").content.decode()
    assert _row(html, "Leeds City Council") == ["50", "35", "10", "c"]
