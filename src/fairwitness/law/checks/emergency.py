"""Emergency powers with hard limits in the Children Act 1989: police protection (72 hours, s46(6)),
emergency protection orders (8 days, one extension of up to 7, s45) and child assessment orders
(7 days, s43(5))."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from fairwitness.law.caseformat import EVENT_MODELS
from fairwitness.law.checks.base import Context, long_date, plural
from fairwitness.law.checks.clock import Run, judge
from fairwitness.law.findings import Arithmetic, Finding
from fairwitness.law.footing import day_of
from fairwitness.law.packs import CheckRule, Limit


def _earliest(at: date | datetime) -> datetime:
    return at if isinstance(at, datetime) else datetime.combine(at, time.min)


def _latest(at: date | datetime) -> datetime:
    return at if isinstance(at, datetime) else datetime.combine(at + timedelta(days=1), time.min)


def _hours(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return plural(round(hours), "hour") if abs(hours - round(hours)) < 0.05 else f"{hours:.1f} hours"


def hours_limit(ctx: Context, rule: CheckRule) -> list[Finding]:
    """A limit in hours. With only dates recorded, judge at the reading least favourable to a
    breach: a breach only if the limit is exceeded with the start at the end of its day and the end
    at the start of its day; if only a longer reading exceeds it, a concern that asks for times."""
    assert rule.limit is not None
    limit = timedelta(hours=rule.limit.number)
    footing = rule.params["footing"]
    findings = []
    for child in ctx.child_ids:
        for interval in ctx.intervals(child, footing):
            start = ctx.by_id.get(interval.events[0]) if interval.events else None
            if start is None or not rule.in_force_on(start.day):
                continue
            stop = ctx.by_id.get(interval.ended_by) if interval.ended_by else None
            end_at = stop.at if stop is not None else ctx.as_of
            shortest = _earliest(end_at) - _latest(start.at)
            longest = _latest(end_at) - _earliest(start.at)
            dated_only = not isinstance(start.at, datetime) or not isinstance(end_at, datetime)
            # Only the record's own dates can leave the times in doubt: judging on a date (as_of)
            # while it still runs is not a recorded time to ask for.
            recorded_dates_only = not isinstance(start.at, datetime) or (stop is not None and not stop.has_time)
            deadline = _latest(start.at) + limit - timedelta(microseconds=1)
            values = {
                "limit": rule.limit.describe(),
                "start": long_date(start.at),
                "stopped_at": long_date(stop.at) if stop else "",
                "hours": _hours(shortest),
                "extra": " This rests on a date without a time." if dated_only else "",
            }
            if shortest > limit:
                status = "late" if stop else "missed"
                values["overdue"] = _hours(shortest - limit)
                template = None
            elif longest > limit and recorded_dates_only:
                status, template = "concern", "no_time" if stop else "no_time_running"
                values["hours"] = _hours(longest)
            else:
                status, template = ("met" if stop else "due"), None
            arithmetic = Arithmetic(start=start.at, limit=rule.limit.describe(), skipped=[],
                                    stopped_by=stop.id if stop else None, stopped_at=stop.at if stop else None)
            findings.append(ctx.finding(
                rule, status, events=[start.id] + ([stop.id] if stop else []), children=[child],
                due=deadline.date(), values=values, arithmetic=arithmetic, template=template, cite_day=start.day,
            ))
    return findings


def epo_limit(ctx: Context, rule: CheckRule) -> list[Finding]:
    """At most 8 days, counted from the first day of police protection when that came first, and one
    extension of at most 7 days (CA 1989 s45(1), (3)-(6))."""
    days, extension_days = rule.params["days"], rule.params["extension_days"]
    findings = []
    for child in ctx.child_ids:
        police = ctx.intervals(child, "police_protection")
        for interval in ctx.intervals(child, "epo"):
            start = ctx.by_id.get(interval.events[0]) if interval.events else None
            if start is None or not rule.in_force_on(start.day):
                continue
            counted_from = interval.start
            before = [p for p in police if p.start <= interval.start and (p.end is None or p.end >= interval.start)]
            if before:
                counted_from = before[0].start
            last_day = counted_from + timedelta(days=days - 1)
            extensions = [e for e in ctx.of_kind_between("epo_extended", interval.start, interval.end)
                          if ctx.concerns(e, child)]
            limit_text = plural(days, "day") + (f" counted from {long_date(counted_from)}, the first day of police protection"
                                                if counted_from != interval.start else "")
            if extensions:
                until = day_of(extensions[0].get("until"))
                added = min((until - last_day).days, extension_days) if until and until > last_day else extension_days
                last_day += timedelta(days=added)
                limit_text += f", plus one extension of {plural(added, 'day')}"
            stop = ctx.by_id.get(interval.ended_by) if interval.ended_by else None
            own_end = day_of((extensions[-1] if extensions else start).get("until"))
            if stop is None and own_end is not None and own_end < ctx.as_of_day:
                # the order lapsed on the date it gave: stand in an end event on that day
                stop = EVENT_MODELS["epo_ended"].model_construct(id=start.id, kind="epo_ended", at=own_end)
            run = Run(start, stop)
            findings.append(judge(ctx, rule, run, Limit(number=days, unit="days_inclusive"), child,
                                  due=last_day, limit_text=limit_text))
            if len(extensions) > 1:
                findings.append(ctx.finding(
                    rule, "breach", events=[e.id for e in extensions], children=[child], template="second_extension",
                    values={"count": str(len(extensions)), "start": long_date(start.day)}, cite_day=start.day,
                ))
    return findings


def order_length(ctx: Context, rule: CheckRule) -> list[Finding]:
    """An order whose own dates must fit inside a limit (a child assessment order: 7 days beginning
    with the date it specifies, s43(5))."""
    assert rule.limit is not None
    findings = []
    for event in ctx.matching(rule.starts):
        begins = day_of(event.get("from_")) or event.day
        if not rule.in_force_on(begins):
            continue
        last_allowed = ctx.due_date(begins, rule.limit)
        until = day_of(event.get("until"))
        values = {"limit": rule.limit.describe(), "start": long_date(begins), "until": long_date(until)}
        if until is None:
            status = "due" if ctx.as_of_day <= last_allowed else "met"
            template = "no_until"
        elif until > last_allowed:
            status, template = "breach", None
            values["overdue"] = plural((until - last_allowed).days, "day")
        else:
            status, template = "met", None
        arithmetic = Arithmetic(start=begins, limit=rule.limit.describe())
        findings.append(ctx.finding(rule, status, events=[event.id], children=ctx.children_of(event),
                                    due=last_allowed, values=values, arithmetic=arithmetic, template=template,
                                    cite_day=begins))
    return findings
