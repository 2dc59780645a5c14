"""The Information Commissioner: recommended only while its usual time is open, its time said to be
its own policy (not the law), and, once that time has passed, said plainly with what the family
can still do. The number comes from the rule pack."""

from __future__ import annotations

from datetime import date

import pytest

from fairwitness.complaints.matters import case_matters
from fairwitness.law.caseformat import parse_case
from fairwitness.law.engine import evaluate
from fairwitness.law.packs import load_pack

ICO = "Information Commissioner"


def _report(as_of: date):
    case = parse_case({
        "format": "fairwitness-case/1", "jurisdiction": "england", "local_authority": "Northtown Borough Council",
        "children": [{"id": "c1", "name": "Amy Bloggs", "date_of_birth": "2016-05-01"}],
        "people": [{"id": "p1", "name": "Jo Bloggs", "role": "mother", "parental_responsibility": True}],
        "events": [{"id": "e1", "kind": "subject_access_request", "at": "2025-01-06", "person": "p1"}],
    })
    return evaluate(case, as_of)


def _sar(report):
    return next(m for m in case_matters(report) if m.kind == "subject_access")


def _limit_words() -> str:
    return load_pack("england").checks["ico_window"].limit.describe()


def test_while_the_window_is_open_the_ico_is_offered_and_its_time_is_called_its_policy():
    report = _report(date(2025, 3, 1))  # the answer was due on 6 February 2025: the ICO's time runs to 6 May 2025
    steps = _sar(report).next_steps
    assert ICO in steps[0].label and steps[0].url
    assert _limit_words() in steps[0].hint and "6 May 2025" in steps[0].hint
    assert "policy" in steps[0].hint and "not a time limit in law" in steps[0].hint


def test_once_the_window_has_closed_it_says_so_and_what_the_family_can_still_do():
    report = _report(date(2026, 12, 1))
    steps = _sar(report).next_steps
    assert ICO not in steps[0].label, "the ICO is not the first thing to do once its time has passed"
    assert steps[0].letter == "subject-access"  # a new request: a new date for the council to answer by
    said = " ".join(s.label + " " + s.hint for s in steps)
    assert "ran out on 6 May 2025" in said and "policy" in said and "not a time limit in law" in said


@pytest.mark.django_db
def test_what_matters_now_does_not_send_the_family_to_the_ico_after_its_time():
    from fairwitness.cases.presenters import what_matters_now

    report = _report(date(2026, 12, 1))
    item = next(p for p in what_matters_now(report, [], case_matters(report)) if "copy of your records" in p.title)
    assert ICO not in item.step and item.letter == "subject-access"
    assert "You can complain to the Information Commissioner" not in item.why
    assert "ran out on 6 May 2025" in item.why


def test_the_ico_window_finding_names_its_source_as_policy_not_law():
    report = _report(date(2025, 3, 1))
    window = next(f for f in report.findings if f.check == "ico_window")
    assert window.legal_force == "regulator_policy"
    assert "policy" in window.explanation and "not a time limit in law" in window.explanation
    from fairwitness.cases.presenters import law_label

    assert law_label(window) == "Policy, not law"


@pytest.mark.django_db
def test_the_case_page_and_tracker_say_the_ico_time_has_passed_and_is_policy(client, make_user):
    import json
    import re
    from pathlib import Path

    from django.urls import reverse

    from fairwitness.cases import actions

    user = make_user("jo@example.org")
    data = json.loads((Path(__file__).resolve().parents[1] / "documents" / "cases" / "two_children.json").read_text())
    data.pop("as_of")  # judged today: the request of 1 May 2024 went unanswered long ago
    case = actions.import_case(user, data)
    client.force_login(user)
    page = client.get(reverse("cases:detail", args=[case.public_id])).content.decode()
    now = page[page.index('id="what-matters-now"'):page.index("</section>", page.index('id="what-matters-now"'))]
    sar = next(i for i in now.split('class="fw-now__item"')[1:] if "copy of your records" in i)
    assert "ran out on" in sar and "not a time limit in law" in sar
    assert ">Complain to the Information Commissioner (ICO)" not in sar
    assert reverse("complaints:letter", args=[case.public_id, "subject-access"]) in sar
    ico = next(b for b in page.split('class="fw-finding') if 'data-check="ico_window"' in b)
    assert "Policy, not law:" in ico and "The law:" not in ico

    tracker = re.sub(r"\s+", " ", client.get(reverse("complaints:tracker", args=[case.public_id])).content.decode())
    assert "Ask the council again: make a new request" in tracker
    assert "Complain to the Information Commissioner (ICO) anyway" in tracker
