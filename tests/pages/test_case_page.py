"""The case page a worried parent reads: "What matters now" first, then the findings grouped by the
harm they describe, severity in words, plain verification words, a glossary reachable from each
finding, and a chronology that names each event."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

TWO_CHILDREN = Path(__file__).resolve().parents[1] / "documents" / "cases" / "two_children.json"


@pytest.fixture
def page(client, make_user):
    from fairwitness.cases import actions

    user = make_user("jo@example.org")
    case = actions.import_case(user, json.loads(TWO_CHILDREN.read_text()))
    client.force_login(user)
    html = client.get(reverse("cases:detail", args=[case.public_id])).content.decode()
    return case, html


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_what_matters_now_comes_first_with_at_most_three_things_each_with_its_letter(page):
    case, html = page
    assert html.index("What matters now") < html.index("What we found") < html.index("Everything that happened")
    now = html[html.index('id="what-matters-now"'):html.index("</section>", html.index('id="what-matters-now"'))]
    assert 1 <= now.count('class="fw-now__item"') <= 3
    # A right usable today comes first: Ben is accommodated under section 20 and can be taken home.
    first = now[:now.index("</li>")]
    assert "You can end the section 20 accommodation of Ben Bloggs today" in first
    assert reverse("complaints:letter", args=[case.public_id, "section-20-removal"]) in first
    assert "s20(7)-(8)" in first  # the rights pack's own line and citation


@pytest.mark.django_db
def test_findings_are_grouped_by_harm_in_order_with_severity_in_words(page):
    _case, html = page
    found = html[html.index('id="findings"'):html.index("Deadlines ahead")]
    headings = re.findall(r'<h3 class="govuk-heading-m" id="group-(\w+)"', found)
    order = ["authority", "people", "deadlines", "information"]
    assert headings and headings == sorted(headings, key=order.index)
    assert headings[0] == "authority"  # the assessment done after it was refused; section 20 agreement
    assert "people" in headings  # the father with parental responsibility was not told
    text = _text(found)
    assert "Breach of regulations" in text or "Breach of an Act of Parliament" in text
    assert "Against statutory guidance" in text or "Possible breach" in text
    # Colour is never the only signal: every tag carries words.
    assert not re.search(r'<strong class="govuk-tag[^"]*">\s*</strong>', found)


@pytest.mark.django_db
def test_verification_is_said_in_plain_words_and_terms_link_to_the_glossary(page):
    _case, html = page
    text = _text(html)
    assert "paragraph not verified" not in text and "no paragraph number verified" not in text
    assert "How sure we are of this point of law:" in text
    for slug in ("s17", "s20", "s47", "icpc", "core-group", "pr", "plo", "iro"):
        assert f'id="term-{slug}"' in html, slug
    assert 'href="#term-s20"' in html and 'href="#term-pr"' in html
    assert "A child looked after by the council with the agreement" in text


@pytest.mark.django_db
def test_the_timeline_names_each_event(page):
    _case, html = page
    text = _text(html)
    assert "Jo Bloggs refused the assessment" in text
    assert "Jo Bloggs agreed to accommodation under section 20" in text
    assert "I agreed, refused or took back my agreement to something" not in text
