"""The engine: a case chronology in, cited findings out.

``evaluate(case, as_of)`` indexes the case once, derives each child's footings, runs every check in
the pack, and returns a ``Report`` with findings most serious first. It is pure and deterministic:
it never reads the clock; the moment to judge at comes from ``as_of`` or the case file.
"""

from __future__ import annotations

from datetime import date, datetime

from fairwitness.law.calendar import WorkingCalendar, working_calendar
from fairwitness.law.caseformat import Case
from fairwitness.law.checks import LOGIC, WINDOW_LOGIC
from fairwitness.law.checks.base import Context, event_words
from fairwitness.law.dates import long_date, month_and_year
from fairwitness.law.findings import Finding, FootingInterval, Report
from fairwitness.law.packs import Pack, load_pack


def _merge_siblings(findings: list[Finding]) -> list[Finding]:
    """One finding for brothers and sisters when the same events broke the same rule in the same
    words (a review missed for all three children is one missed review, not three)."""
    merged: dict[tuple[object, ...], Finding] = {}
    out: list[Finding] = []
    for f in findings:
        try:
            key = (f.check, f.status, tuple(f.events), f.due, f.template, tuple(sorted(f.values.items())),
                   tuple(f.people), tuple(f.inferred_from))
            hash(key)
        except TypeError:
            out.append(f)
            continue
        held = merged.get(key)
        if held is None:
            merged[key] = f
            out.append(f)
        else:
            held.children = sorted(set(held.children) | set(f.children))
    return out


_SEASONS = ("winter", "winter", "spring", "spring", "spring", "summer", "summer", "summer", "autumn", "autumn",
            "autumn", "winter")


def rough_date(day: date, precision: str | None) -> str:
    """A date as precisely as it was recorded: "March 2019", "spring 2019", "2019", "about 4 March 2019"."""
    if precision == "month":
        return month_and_year(day)
    if precision == "season":
        return f"{_SEASONS[day.month - 1]} {day.year}"
    if precision == "year":
        return str(day.year)
    if precision == "approx":
        return f"about {long_date(day)}"
    return long_date(day)


def _mark_estimated_dates(ctx: Context, findings: list[Finding]) -> None:
    """A finding whose deadline or breach rests on a date recorded only roughly says so, once here
    for every check: in its explanation, and by event id in ``estimated_dates``."""
    estimated = {e.id: e for e in ctx.events if e.date_precision is not None and e.date_precision != "day"}
    if not estimated:
        return
    for finding in findings:
        if finding.due is None and not finding.is_problem:
            continue  # information that no date decides
        ids = [i for i in dict.fromkeys((*finding.events, *finding.inferred_from)) if i in estimated]
        if not ids:
            continue
        named = [f"{rough_date(estimated[i].day, estimated[i].date_precision)} ({event_words(estimated[i])})" for i in ids]
        what = "the deadline" if finding.due is not None else "this finding"
        if len(named) == 1:
            sentence = f"This rests on a date recorded only as {named[0]}; if the day was different, {what} may be too."
        else:
            listed = ", ".join(named[:-1]) + f" and {named[-1]}"
            sentence = f"This rests on dates recorded only as {listed}; if the days were different, {what} may be too."
        finding.rests_on_estimates(ids, sentence)


class AsOfMissing(ValueError):
    """Neither the caller nor the case file says when to judge the case."""


def evaluate(
    case: Case,
    as_of: date | datetime | None = None,
    pack: Pack | None = None,
    calendar: WorkingCalendar | None = None,
) -> Report:
    moment = as_of or case.as_of
    if moment is None:
        raise AsOfMissing("say when to judge the case: pass as_of, or set as_of in the case file")
    pack = pack or load_pack(case.jurisdiction or "england")
    ctx = Context(case, pack, moment, calendar or working_calendar("ENG"))
    findings: list[Finding] = []
    windows = []
    present = ctx.by_kind.keys()
    for rule in pack.checks.values():
        if rule.logic in WINDOW_LOGIC:
            windows.append(rule)
            continue
        if rule.needs_kinds and present.isdisjoint(rule.needs_kinds):
            continue  # none of the events this check starts from is in the case
        findings.extend(LOGIC[rule.logic](ctx, rule))
    for rule in windows:
        findings.extend(LOGIC[rule.logic](ctx, rule, findings))
    findings = _merge_siblings(findings)
    _mark_estimated_dates(ctx, findings)
    findings.sort(key=lambda f: f.sort_key)
    footings: list[FootingInterval] = [i for cid in ctx.child_ids for i in ctx.footings[cid]]
    return Report(case=case, as_of=moment, footings=footings, findings=findings)
