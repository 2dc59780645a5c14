"""Properties the engine must keep whatever the case (hypothesis):
- adding an event that stops a clock never makes a finding worse;
- findings do not depend on the order of events in the file;
- shifting a case without holidays by whole weeks shifts every due date by the same weeks."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairwitness.law.calendar import WorkingCalendar
from fairwitness.law.caseformat import parse_case
from fairwitness.law.engine import evaluate
from fairwitness.law.findings import SEVERITY_RANK
from fairwitness.law.packs import load_pack

PACK = load_pack()
NO_HOLIDAYS = WorkingCalendar(subdivision=None)
# Limits whose arithmetic moves with the dates (months do not: 28 January + 1 month is 28 February,
# a week later 4 February + 1 month is 4 March).
SHIFTABLE_UNITS = {"working_days", "calendar_days", "days_inclusive", "weeks", "weeks_inclusive", "hours"}

# (kind, extra fields) a generated chronology draws from: starts and stops of clocks.
STARTS = [
    ("referral_received", {}),
    ("complaint_made", {"stage": 1}),
    ("complaint_made", {"stage": 2}),
    ("complaint_made", {"stage": 3}),
    ("strategy_discussion", {"outcome": "s47_enquiry"}),
    ("care_proceedings_issued", {}),
    ("police_protection_started", {}),
    ("subject_access_request", {}),
    ("rectification_requested", {}),
]
STOPS = [
    ("referral_decision", {"decision": "assessment"}),
    ("assessment_started", {"basis": "s17"}),
    ("assessment_completed", {"basis": "s17"}),
    ("complaint_response", {"stage": 1, "outcome": "not_upheld"}),
    ("complaint_response", {"stage": 2, "outcome": "partly_upheld"}),
    ("review_panel_held", {}),
    ("review_panel_report", {}),
    ("local_authority_final_response", {}),
    ("meeting", {"meeting_type": "icpc", "invited": ["p1", "p2"]}),
    ("proceedings_concluded", {"outcome": "care_order"}),
    ("police_protection_ended", {}),
    ("subject_access_response", {"complete": True}),
    ("rectification_response", {"outcome": "corrected"}),
]

BASE = date(2020, 1, 6)  # a Monday; 30 weeks either side stays inside every rule's time in force


def _case(events: list[dict[str, Any]], as_of: date) -> Any:
    # The loader refuses events more than a year after the file's as_of; the engine is called with
    # ``as_of`` explicitly, so the file's own is put where every generated event is allowed.
    latest = max([as_of, *(date.fromisoformat(e["at"][:10]) for e in events)])
    return parse_case({
        "format": "fairwitness-case/1",
        "as_of": latest.isoformat(),
        "children": [{"id": "c1", "date_of_birth": "2012-03-04"}],
        "people": [{"id": "p1", "role": "mother", "parental_responsibility": True},
                   {"id": "p2", "role": "father", "parental_responsibility": True}],
        "events": events,
    })


@st.composite
def chronologies(draw: Any, kinds: list[tuple[str, dict[str, Any]]] | None = None) -> tuple[list[dict[str, Any]], date]:
    pool = kinds or STARTS + STOPS
    n = draw(st.integers(min_value=1, max_value=14))
    events = []
    for i in range(n):
        kind, fields = draw(st.sampled_from(pool))
        offset = draw(st.integers(min_value=0, max_value=400))
        events.append({"id": f"e{i}", "kind": kind, "at": (BASE + timedelta(days=offset)).isoformat(), **fields})
    as_of = BASE + timedelta(days=draw(st.integers(min_value=0, max_value=500)))
    return events, as_of


def _keyed(report: Any) -> dict[tuple[str, str], list[int]]:
    out: dict[tuple[str, str], list[int]] = {}
    for f in report.findings:
        out.setdefault((f.check, f.events[0] if f.events else ""), []).append(SEVERITY_RANK[f.severity])
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chronologies(), st.sampled_from(STOPS), st.integers(min_value=0, max_value=500))
def test_adding_a_stopping_event_never_makes_a_finding_worse(case_and_date: Any, stop: Any, offset: int) -> None:
    events, as_of = case_and_date
    before = evaluate(_case(events, as_of), as_of)
    kind, fields = stop
    extra = {"id": "stop", "kind": kind, "at": (BASE + timedelta(days=offset)).isoformat(), **fields}
    after_case = _case([*events, extra], as_of)
    after = evaluate(after_case, as_of)
    added = next(e for e in after_case.events if e.id == "stop")
    # The clocks this event stops. (It may start other duties: a decision to assess starts the
    # assessment's clock, and an assessment on a voluntary footing needs agreement.)
    stopped = {r.id for r in PACK.checks.values() if any(m.matches(added) for m in r.stops)}
    worse_before, worse_after = _keyed(before), _keyed(after)
    # "If it was needed, it was due by…": where the record did not yet show the duty arose, an
    # event that finishes the work also shows it was needed, so it may reveal lateness.
    unconfirmed = {(f.check, f.events[0]) for f in before.findings
                   if f.status == "info" and PACK.checks[f.check].only_if}
    for key, ranks in worse_after.items():
        if key[0] not in stopped or key in unconfirmed:
            continue
        assert key in worse_before or all(r == SEVERITY_RANK["info"] for r in ranks), (key, after.findings)
        if key in worse_before:
            assert min(ranks) >= min(worse_before[key]), (key, before.findings, after.findings)


@settings(max_examples=150, deadline=None)
@given(chronologies(), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_event_order(case_and_date: Any, rnd: random.Random) -> None:
    events, as_of = case_and_date
    shuffled = list(events)
    rnd.shuffle(shuffled)
    first = evaluate(_case(events, as_of), as_of).as_json()
    second = evaluate(_case(shuffled, as_of), as_of).as_json()
    assert first["findings"] == second["findings"]
    assert first["footings"] == second["footings"]


@settings(max_examples=150, deadline=None)
@given(chronologies(), st.integers(min_value=-30, max_value=30))
def test_shifting_by_whole_weeks_shifts_due_dates_by_the_same_weeks(case_and_date: Any, weeks: int) -> None:
    events, as_of = case_and_date
    shift = timedelta(weeks=weeks)
    moved = [{**e, "at": (date.fromisoformat(e["at"]) + shift).isoformat()} for e in events]
    original = evaluate(_case(events, as_of), as_of, calendar=NO_HOLIDAYS)
    shifted = evaluate(_case(moved, as_of + shift), as_of + shift, calendar=NO_HOLIDAYS)

    def dues(report: Any, by: timedelta) -> list[tuple[str, str, str | None, str]]:
        rows = []
        for f in report.findings:
            rule = PACK.checks[f.check]
            if rule.limit is None or rule.limit.unit not in SHIFTABLE_UNITS or rule.family_window:
                continue
            rows.append((f.check, ",".join(f.events), (f.due + by).isoformat() if f.due else None, f.status))
        return sorted(rows, key=lambda r: (r[0], r[1], r[2] or ""))

    assert dues(original, shift) == dues(shifted, timedelta(0))
