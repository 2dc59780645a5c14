"""Properties of reasoning from evidence (issue 8), whatever the case (hypothesis):

- removing the event that starts a footing never removes a finding that the remaining evidence
  supports: a plan is still shown by its review conferences, time looked after by its reviews (the
  finding may gain an ``inferred_from``);
- a finding's status never depends on free-text fields (the words a family writes are kept and
  shown, never read by the law).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairwitness.law.caseformat import FREE_TEXT_FIELDS, parse_case
from fairwitness.law.engine import evaluate

BASE = date(2021, 3, 1)  # a Monday, inside every rule's time in force
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PEOPLE = [{"id": "p1", "name": "M", "role": "mother", "parental_responsibility": True},
          {"id": "p2", "name": "F", "role": "father", "parental_responsibility": True}]


def _case(events: list[dict[str, Any]], as_of: date) -> Any:
    return parse_case({"format": "fairwitness-case/1", "as_of": as_of.isoformat(),
                       "children": [{"id": "c1", "date_of_birth": "2014-05-06"}], "people": PEOPLE, "events": events})


def _at(days: int) -> str:
    return (BASE + timedelta(days=days)).isoformat()


@st.composite
def plans_with_reviews(draw: Any) -> tuple[list[dict[str, Any]], str, date]:
    """A child protection plan (its initial conference and its start the same day) or a time looked
    after, with at least one review or core group that shows it, and sometimes its end."""
    kind = draw(st.sampled_from(["cp", "lac"]))
    invited = {"invited": ["p1", "p2"], "reports_shared": []}
    if kind == "cp":
        events = [{"id": "m", "kind": "meeting", "at": _at(0), "meeting_type": "icpc", **invited},
                  {"id": "start", "kind": "cp_plan_started", "at": _at(0)}]
        meeting_types = st.sampled_from(["cp_review_conference", "core_group"])
        end_kind = "cp_plan_ended"
    else:
        events = [{"id": "start", "kind": draw(st.sampled_from(["section_20_started", "looked_after_started"])),
                   "at": _at(0)}]
        meeting_types = st.just("lac_review")
        end_kind = draw(st.sampled_from(["looked_after_ended", "section_20_ended", "returned_home"]))
    offsets = draw(st.lists(st.integers(min_value=1, max_value=700), min_size=1, max_size=5, unique=True))
    for i, offset in enumerate(sorted(offsets)):
        events.append({"id": f"r{i}", "kind": "meeting", "at": _at(offset), "meeting_type": draw(meeting_types),
                       **invited})
    latest = max(offsets)
    if draw(st.booleans()):
        latest = draw(st.integers(min_value=max(offsets) + 1, max_value=800))
        events.append({"id": "end", "kind": end_kind, "at": _at(latest)})
    # Judged at any day from the last review on, though never more than a year before the latest
    # event (the case format refuses events dated further ahead of the day a case is judged at).
    as_of = BASE + timedelta(days=draw(st.integers(min_value=max(max(offsets), latest - 365), max_value=900)))
    return events, "start", as_of


def _supported(report: Any, removed: str) -> Counter[tuple[str, str, tuple[str, ...], str | None]]:
    """Findings that do not rest on the removed event, as (check, status, events, due)."""
    return Counter((f.check, f.status, tuple(f.events), f.due.isoformat() if f.due else None)
                   for f in report.findings if removed not in f.events and f.check not in WINDOWS)


WINDOWS = {"complaint_window", "ombudsman_window", "ico_window"}  # open on other findings, any of them


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_with_reviews())
def test_removing_the_start_of_a_footing_never_removes_a_supported_finding(drawn: Any) -> None:
    events, start_id, as_of = drawn
    full = evaluate(_case(events, as_of), as_of)
    partial = evaluate(_case([e for e in events if e["id"] != start_id], as_of), as_of)
    missing = _supported(full, start_id) - _supported(partial, start_id)
    assert not missing, (missing, [f.as_json() for f in partial.findings])
    for f in partial.findings:  # what rests on the inference says so
        if f.check.startswith(("cp_review", "lac_review", "core_group")):
            assert f.inferred_from and "is recorded" in f.explanation, f.as_json()


# Free-text a family might write, including the words the engine once read as law.
WORDS = st.one_of(
    st.sampled_from(["conference", "child protection plan", "section 47", "s47", "private arrangement",
                     "out of time", "more than a year", "time", "year", "not a council matter", "", "private"]),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),  # the case format refuses control characters
)


def _rewrite(doc: Any, draw_text: Any) -> Any:
    """The case with every free-text field of every event replaced."""
    out = json.loads(json.dumps(doc))
    for event in out["events"]:
        for name in FREE_TEXT_FIELDS & set(event):
            event[name] = draw_text()
        if event.get("kind") == "complaint_made" and "subject" not in event:
            event["subject"] = draw_text()
    return out


def _statuses(report: Any) -> Counter[tuple[str, str, str, tuple[str, ...], str | None]]:
    return Counter((f.check, f.status, f.severity, tuple(f.events), f.due.isoformat() if f.due else None)
                   for f in report.findings)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(p.name for p in EXAMPLES.glob("*.json"))), st.data())
def test_free_text_never_changes_a_finding_in_the_examples(name: str, data: Any) -> None:
    doc = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    before = evaluate(parse_case(doc, name))
    after = evaluate(parse_case(_rewrite(doc, lambda: data.draw(WORDS)), name))
    assert _statuses(before) == _statuses(after)


# Events whose free text the engine once read (complaint subjects and reasons), on a Part III
# footing, in a generated order.
TEXT_EVENTS = [
    ("section_20_started", {}),
    ("assessment_started", {"basis": "s17"}),
    ("meeting", {"meeting_type": "icpc", "invited": ["p1", "p2"]}),
    ("complaint_made", {"stage": 1, "by": "p1"}),
    ("complaint_made", {"stage": 1, "by": "p1", "procedure": "corporate"}),
    ("complaint_made", {"stage": 2, "by": "p1"}),
    ("complaint_declined", {"stage": 1}),
    ("complaint_response", {"stage": 1}),
    ("pressure", {"person": "p1"}),
    ("placed_with_connected_person", {"arranged_by": "local_authority", "said_to_be": "private_arrangement"}),
    ("contact_refused", {}),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(TEXT_EVENTS), st.integers(min_value=0, max_value=400)), min_size=1,
                max_size=10), st.integers(min_value=40, max_value=500), st.data())  # events at most a year ahead
def test_free_text_never_changes_a_finding(picked: Any, as_of_days: int, data: Any) -> None:
    events = [{"id": f"e{i}", "kind": kind, "at": _at(offset), **fields, "note": "x"}
              for i, ((kind, fields), offset) in enumerate(picked)]
    as_of = BASE + timedelta(days=as_of_days)
    doc = {"format": "fairwitness-case/1", "as_of": as_of.isoformat(),
           "children": [{"id": "c1", "date_of_birth": "2014-05-06"}], "people": PEOPLE, "events": events}
    before = evaluate(parse_case(_rewrite(doc, lambda: data.draw(WORDS))))
    after = evaluate(parse_case(_rewrite(doc, lambda: data.draw(WORDS))))
    assert _statuses(before) == _statuses(after)
