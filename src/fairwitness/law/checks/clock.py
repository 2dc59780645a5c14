"""The commonest logic: a clock started by one event and stopped by another.

Most time limits are this: a complaint and its answer, a request and its response, a referral and
its decision. The pack entry says which events start and stop the clock, the limit, any extension,
and events that cancel it (no further action) or confirm it was needed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from fairwitness.law.caseformat import EventBase
from fairwitness.law.checks.base import Context, event_sort_key, long_date
from fairwitness.law.findings import Arithmetic, Finding
from fairwitness.law.packs import CheckRule, Limit


@dataclass(slots=True)
class Run:
    """One running of a clock: what started it and what (if anything) stopped it."""

    start: EventBase
    stop: EventBase | None = None


def _fields_agree(rule: CheckRule, start: EventBase, stop: EventBase) -> bool:
    for name in rule.match_fields:
        answer = stop.get(name)
        if answer is not None and answer != start.get(name):
            return False
    return True


def pair_runs(rule: CheckRule, starts: list[EventBase], stops: list[EventBase]) -> list[Run]:
    """Match each stop to the start it answers: the one it names (``responds_to``), else the earliest
    open one whose fields agree. Within a day, starts come before stops."""
    timeline = sorted(
        [(e.day, 0, event_sort_key(e), e) for e in starts] + [(e.day, 1, event_sort_key(e), e) for e in stops],
        key=lambda t: (t[0], t[1], t[2]),
    )
    runs: list[Run] = []
    open_runs: list[Run] = []
    start_ids = {e.id for e in starts}
    started: set[str] = set()
    superseded_ids: set[int] = set()  # marked, not removed one by one: a long case has thousands of runs
    for _, is_stop, _, event in timeline:
        if not is_stop:
            if event.id in started:
                continue  # an event can match two start patterns; count it once
            started.add(event.id)
            if rule.restart:
                superseded_ids.update(id(r) for r in open_runs)
                open_runs = []
            run = Run(event)
            runs.append(run)
            open_runs.append(run)
            continue
        target = None
        if event.responds_to in start_ids:
            target = next((r for r in open_runs if r.start.id == event.responds_to), None)
        else:
            target = next((r for r in open_runs if _fields_agree(rule, r.start, event)), None)
        if target is not None:
            target.stop = event
            open_runs.remove(target)
    return [r for r in runs if id(r) not in superseded_ids] if superseded_ids else runs


def extended_due(ctx: Context, rule: CheckRule, run: Run, due: date) -> tuple[date, str, list[str]]:
    """Apply a notified or granted extension. Returns the due date, a phrase for the limit and the
    ids of the extension events used."""
    ext = rule.extension
    if ext is None:
        return due, "", []
    candidates = [
        e for e in ctx.of_kind_between(ext.event, run.start.day, run.stop.day if run.stop is not None else None)
        if (e.responds_to in (None, run.start.id)) and _fields_agree(rule, run.start, e)
        and (not rule.per_child or run.start.children is None or e.children is None
             or set(e.children) & set(run.start.children))
    ]
    if ext.notice_within_original:
        candidates = [e for e in candidates if e.day <= due]
    if not candidates:
        return due, "", []
    if ext.per_event_field:  # court extensions add up, each capped (care proceedings: 8 weeks)
        total_weeks = 0
        for e in candidates:
            weeks = int(e.get(ext.per_event_field, 0) or 0)
            total_weeks += min(weeks, ext.max_each) if ext.max_each else weeks
        return due + timedelta(weeks=total_weeks), f" plus {total_weeks} weeks of extension", [e.id for e in candidates]
    assert ext.limit is not None
    longest = ctx.due_date(run.start.day, ext.limit)
    chosen = candidates[0]
    promised = chosen.get("new_due") or chosen.get("until")
    if isinstance(promised, date):
        promised_day = promised if type(promised) is date else promised.date()  # type: ignore[attr-defined]
        new_due = min(max(promised_day, due), longest)
    else:
        new_due = longest
    return new_due, f", extended to at most {ext.limit.describe()} by notice", [chosen.id]


def _runs_for(ctx: Context, rule: CheckRule) -> Iterator[tuple[str | None, Run]]:
    if rule.per_child:
        for child in ctx.child_ids:
            starts = ctx.matching(rule.starts, child)
            if starts:
                for run in pair_runs(rule, starts, ctx.matching(rule.stops, child)):
                    yield child, run
    else:
        starts = ctx.matching(rule.starts)
        if starts:
            for run in pair_runs(rule, starts, ctx.matching(rule.stops)):
                yield None, run


def clock(ctx: Context, rule: CheckRule) -> list[Finding]:
    assert rule.limit is not None
    findings: list[Finding] = []
    for child, run in _runs_for(ctx, rule):
        start = run.start
        if not rule.in_force_on(start.day):
            continue
        if _cancelled(ctx, rule, run, child):
            continue
        if rule.params.get("scope") == "statutory_complaints":
            from fairwitness.law.checks.complaints import complaint_scope

            if complaint_scope(ctx, start) != "part_iii":
                continue  # child protection and records complaints are outside the 2006 regulations
        needs = rule.params.get("footings")
        if needs and child is not None and not ctx.footings_on(child, start.day) & set(needs):
            continue  # the limit binds only on these footings (contact refusal: a child in care)
        inferred = ctx.inferred_holding(child, start.day, needs) if needs and child is not None else []
        due_field = rule.params.get("due_from_field")
        given = start.get(due_field) if due_field else None
        if isinstance(given, date):
            findings.append(ctx.rests_on(judge(ctx, rule, run, rule.limit, child, due=given,
                                               limit_text="by the date it gave"), *inferred))
            continue
        findings.append(ctx.rests_on(judge(ctx, rule, run, rule.limit, child), *inferred))
    return findings


def _cancelled(ctx: Context, rule: CheckRule, run: Run, child: str | None) -> bool:
    if not rule.cancelled_by:
        return False
    end = run.stop.day if run.stop else None
    return bool(ctx.matching_between(rule.cancelled_by, child, run.start.day, end))


def judge(ctx: Context, rule: CheckRule, run: Run, limit: Limit, child: str | None,
          due: date | None = None, limit_text: str | None = None) -> Finding:
    """Compare a run with its limit and write the finding, arithmetic and all. The law is the
    edition in force on the day the clock started (``CheckRule.on``)."""
    start = run.start
    edition = rule.on(start.day)
    if edition is not rule:
        limit = edition.limit if limit is rule.limit and edition.limit is not None else limit
        rule = edition
    base_due = due or ctx.due_date(start.day, limit)
    due, ext_text, ext_ids = extended_due(ctx, rule, run, base_due)
    limit_words = (limit_text or limit.describe()) + ext_text
    stop = run.stop
    # An answer before the known stop whose deciding fact is not recorded: what it was decides the
    # finding, so it is judged as far as the record goes (``unknown_stops``).
    unsure = _unknown_stop(ctx, rule, run, child) if rule.unknown_stops and (stop is None or stop.day > due) else None
    shown = unsure or stop
    arithmetic = Arithmetic(
        start=start.at,
        limit=limit_words,
        skipped=ctx.skipped(start.day, due, limit),
        stopped_by=shown.id if shown else None,
        stopped_at=shown.at if shown else None,
    )
    values = {"limit": limit_words, "start": long_date(start.day)}
    template = None
    if unsure is not None:
        values["stopped_at"] = long_date(unsure.day)
        if unsure.day <= due:
            status, template = "info", "unknown_stop"
        else:
            status, template = "late", "unknown_stop_late"
            values["overdue"] = ctx.overdue(due, unsure.day, limit)
    elif stop is not None:
        values["stopped_at"] = long_date(stop.day)
        if stop.day <= due:
            status = "met"
        else:
            status = "late"
            values["overdue"] = ctx.overdue(due, stop.day, limit)
    elif ctx.as_of_day > due:
        status = "missed"
        values["overdue"] = ctx.overdue(due, ctx.as_of_day, limit)
    else:
        status = "due"
    if status == "missed" and rule.only_if and not _confirmed(ctx, rule, run, child):
        status, template = "info", "unconfirmed"
    children = [child] if child else ctx.children_of(start)
    events = [start.id, *ext_ids] + ([unsure.id] if unsure else []) + ([stop.id] if stop else [])
    return ctx.finding(
        rule, status, events=events, children=children, people=ctx.person_ids(start), due=due,
        values=values, arithmetic=arithmetic, template=template, cite_day=start.day, by=start.by,
    )


def _unknown_stop(ctx: Context, rule: CheckRule, run: Run, child: str | None) -> EventBase | None:
    """The first answer to this run, before its known stop, whose deciding fact is not recorded.
    (A bisection into the answers in time order: a long case has thousands of runs.)"""
    found = ctx.matching(rule.unknown_stops, child)
    positions = ctx.memo(("unknown_stop_positions", id(rule.unknown_stops), child),
                         lambda: [ctx.position(e) for e in found])
    before = ctx.position(run.stop) if run.stop is not None else None
    for event in found[bisect_right(positions, ctx.position(run.start)):]:
        if before is not None and ctx.position(event) >= before:
            return None
        if event.responds_to in (None, run.start.id) and _fields_agree(rule, run.start, event):
            return event
    return None


def _confirmed(ctx: Context, rule: CheckRule, run: Run, child: str | None) -> bool:
    found = ctx.matching(rule.only_if, child)  # in time order: the last is the latest
    return bool(found) and found[-1].day >= run.start.day
