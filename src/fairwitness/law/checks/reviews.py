"""Review chains: a first review within one limit, the next within another, then at intervals.

Child protection plans (first review conference within 3 months of the initial conference, then at
most every 6 months) and looked-after children (first review within 20 working days, the second
within 3 months of the first, then at most every 6 months) share this shape. Each pack entry names
its place in the chain with ``params.nth``: ``1``, ``2`` or ``subsequent``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fairwitness.law.caseformat import EventBase
from fairwitness.law.checks.base import Context, long_date
from fairwitness.law.checks.clock import Run, judge
from fairwitness.law.findings import Finding, FootingInterval
from fairwitness.law.packs import CheckRule


@dataclass(slots=True)
class Period:
    """A span during which reviews are owed: a plan, or a time looked after."""

    start: EventBase
    start_day: date
    end: date | None  # the day it ended (reviews after it are not owed)
    # Where the span was inferred rather than recorded: the interval, with what it rests on.
    inferred: FootingInterval | None = None

    @property
    def from_review(self) -> bool:
        """Inferred from a review itself (no start or earlier conference recorded): the chain then
        runs from the first recorded review, and what was owed after the unknown start is not judged."""
        return self.inferred is not None and self.start.kind == "meeting" and self.start.get("meeting_type") != "icpc"


def _meetings(ctx: Context, child: str, meeting_type: str) -> list[EventBase]:
    return ctx.memo(("meetings", child, meeting_type), lambda: [  # asked per period: worked out once
        e for e in ctx.of_kind("meeting") if e.get("meeting_type") == meeting_type and ctx.concerns(e, child)])


def cp_periods(ctx: Context, child: str) -> list[Period]:
    """Each child protection plan, started by the initial conference that made it (or, with no
    conference recorded, by the plan itself)."""
    periods = []
    icpcs = _meetings(ctx, child, "icpc")
    for interval in ctx.intervals(child, "cp_plan"):
        conference = next((m for m in reversed(icpcs) if m.day <= interval.start), None)
        plan_event = ctx.by_id.get(interval.events[0]) if interval.events else None
        start = conference if conference is not None and (interval.start - conference.day).days <= 7 else plan_event
        if start is not None:
            periods.append(Period(start, start.day, interval.end, interval if interval.inferred_from else None))
    return periods


def looked_after_periods(ctx: Context, child: str) -> list[Period]:
    """Continuous time looked after, whatever the legal route (s20, an interim or full care order):
    overlapping or touching spans are one period."""
    names = [n for n, f in ctx.pack.footings.items() if f.looked_after]
    periods: list[Period] = []
    for span in sorted(ctx.intervals(child, *names), key=lambda i: i.start):
        last = periods[-1] if periods else None
        if last is not None and (last.end is None or span.start <= last.end):
            last.end = None if last.end is None or span.end is None else max(last.end, span.end)
            continue
        first = ctx.by_id.get(span.events[0]) if span.events else None
        if first is not None:
            periods.append(Period(first, span.start, span.end, span if span.inferred_from else None))
    return periods


def _reviews_in(ctx: Context, child: str, period: Period, meeting_type: str) -> list[EventBase]:
    """The reviews held in a period; a review the period was inferred from counts as its first."""
    own = period.from_review and period.start.get("meeting_type") == meeting_type
    return [m for m in _meetings(ctx, child, meeting_type)
            if m.day >= period.start_day and (period.end is None or m.day <= period.end)
            and (own or m.id != period.start.id)]


def review_chain(ctx: Context, rule: CheckRule) -> list[Finding]:
    nth = rule.params["nth"]
    meeting_type = rule.params["meeting_type"]
    periods_of = cp_periods if rule.params.get("periods") == "cp_plan" else looked_after_periods
    assert rule.limit is not None
    findings = []
    for child in ctx.child_ids:
        for period in periods_of(ctx, child):
            reviews = _reviews_in(ctx, child, period, meeting_type)
            if nth == 1 and period.from_review:
                continue  # when the first review was due is not known: the start is not recorded
            if nth == 1:
                previous: list[EventBase | None] = [period.start]
                targets: list[EventBase | None] = [reviews[0] if reviews else None]
            elif nth == 2:
                if not reviews:
                    continue
                previous, targets = [reviews[0]], [reviews[1] if len(reviews) > 1 else None]
            else:
                first_interval = 2 if rule.params.get("after_second") else 1
                if len(reviews) < first_interval:
                    continue
                previous = list(reviews[first_interval - 1:])
                targets = [*reviews[first_interval:], None]
            for prev, target in zip(previous, targets, strict=True):
                assert prev is not None
                if not rule.in_force_on(prev.day):
                    continue
                due = ctx.due_date(prev.day, rule.on(prev.day).limit or rule.limit)
                if target is None and period.end is not None and period.end <= due:
                    continue  # the plan or care ended before the review fell due
                findings.append(ctx.rests_on(judge(ctx, rule, Run(prev, target), rule.limit, child), period.inferred))
    return findings


def after_conference(ctx: Context, rule: CheckRule) -> list[Finding]:
    """A first meeting owed within a limit of the conference that started a plan (the core group)."""
    assert rule.limit is not None
    meeting_type = rule.params["meeting_type"]
    findings = []
    for child in ctx.child_ids:
        for period in cp_periods(ctx, child):
            if not rule.in_force_on(period.start_day) or period.from_review:
                continue
            first = next(iter(_reviews_in(ctx, child, period, meeting_type)), None)
            due = ctx.due_date(period.start_day, rule.on(period.start_day).limit or rule.limit)
            if first is None and period.end is not None and period.end <= due:
                continue
            findings.append(ctx.rests_on(judge(ctx, rule, Run(period.start, first), rule.limit, child), period.inferred))
    return findings


def by_second_review(ctx: Context, rule: CheckRule) -> list[Finding]:
    """Something owed by the second looked-after review (a permanence plan). When the second review
    has not happened, its own latest lawful date stands in for it."""
    first_limit = ctx.pack.checks["lac_review_first"].limit
    second_limit = ctx.pack.checks["lac_review_second"].limit
    assert first_limit is not None and second_limit is not None
    findings = []
    for child in ctx.child_ids:
        plans = [e for e in ctx.of_kind(*[m.kind for m in rule.stops]) if ctx.concerns(e, child)]
        for period in looked_after_periods(ctx, child):
            if not rule.in_force_on(period.start_day) or period.from_review:
                continue
            reviews = _reviews_in(ctx, child, period, "lac_review")
            if len(reviews) >= 2:
                due = reviews[1].day
                limit_text = f"by the second review, held on {long_date(reviews[1].day)}"
            else:
                first_day = reviews[0].day if reviews else ctx.due_date(period.start_day, first_limit)
                due = ctx.due_date(first_day, second_limit)
                limit_text = "by the second looked-after review, which was due then"
            if period.end is not None and period.end <= due:
                continue
            plan = next((p for p in plans if p.day >= period.start_day), None)
            findings.append(ctx.rests_on(judge(ctx, rule, Run(period.start, plan), second_limit, child, due=due,
                                               limit_text=limit_text), period.inferred))
    return findings
