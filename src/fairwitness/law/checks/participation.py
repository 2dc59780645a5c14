"""Taking part: people with parental responsibility, and parents without it, told of the council's
involvement, invited to the meetings that decide about their child, and given the reports in time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fairwitness.law.caseformat import CasePerson, EventBase
from fairwitness.law.checks.base import MEETING_WORDS, Context, long_date
from fairwitness.law.findings import Finding
from fairwitness.law.packs import CheckRule


def _meeting_words(event: EventBase) -> str:
    if event.kind == "meeting":
        return MEETING_WORDS.get(event.get("meeting_type", "other"), "the meeting")
    return event.kind.replace("_", " ").replace("cin", "child in need").replace("cp ", "child protection ")


def _involved(event: EventBase, person: str) -> bool:
    """Does this event show the person knew of the council's involvement?"""
    if event.get("person") == person or event.by == person:
        return True
    return person in (event.get("invited") or ()) or person in (event.get("attended") or ())


def pr_holder_informed(ctx: Context, rule: CheckRule) -> list[Finding]:
    decisions = ctx.matching(rule.starts)
    findings = []
    for child in ctx.child_ids:
        for person in ctx.pr_holders(child):
            told = next((e for e in ctx.events if _involved(e, person) and ctx.concerns(e, child)), None)
            first = next((d for d in decisions if ctx.concerns(d, child)
                          and d.get("meeting_type") not in rule.params.get("excluded_meetings", ())), None)
            if first is None or not rule.in_force_on(first.day) or (told is not None and told.day <= first.day):
                continue
            findings.append(ctx.finding(
                rule, "concern", events=[first.id] + ([told.id] if told else []), children=[child], people=[person],
                values={"person": ctx.name(person), "meeting": _meeting_words(first), "start": long_date(first.day),
                        "stopped_at": long_date(told.day) if told else ""},
                template="told_later" if told else None, cite_day=first.day,
            ))
    return findings


def _not_invited(ctx: Context, rule: CheckRule, wanted: Callable[[CasePerson, str], bool]) -> list[Finding]:
    """Meetings of the listed types where a person ``wanted(person, child)`` was neither invited nor
    attended, and no reason for excluding them was recorded. Who was invited is a fact the record
    may not hold: an explicit list (even ``[]``) is known and judged; no list is not known, and the
    people it leaves in doubt get one information finding per meeting asking the question."""
    types = set(rule.params["meeting_types"])
    findings = []
    for meeting in ctx.of_kind("meeting"):
        mtype = meeting.get("meeting_type")
        if mtype not in types or not rule.in_force_on(meeting.day):
            continue
        invited_known = meeting.known("invited")
        invited = set(meeting.get("invited") or ())
        attended = set(meeting.get("attended") or ())
        excluded = {x.person for x in (meeting.get("excluded") or []) if x.reason}
        words = MEETING_WORDS.get(mtype or "", "the meeting")
        in_doubt: dict[str, None] = {}
        for child in ctx.children_of(meeting):
            for person in ctx.case.people:
                if not wanted(person, child) or person.id in invited | attended | excluded:
                    continue
                if not invited_known:
                    in_doubt[person.id] = None
                    continue
                findings.append(ctx.finding(
                    rule, "concern", events=[meeting.id], children=[child], people=[person.id],
                    values={"person": ctx.name(person.id), "meeting": words, "start": long_date(meeting.day)},
                    cite_day=meeting.day,
                ))
        if in_doubt:
            findings.append(ctx.finding(
                rule, "info", events=[meeting.id], children=ctx.children_of(meeting), people=list(in_doubt),
                template="unknown", cite_day=meeting.day,
                values={"person": " and ".join(ctx.name(p) for p in in_doubt), "meeting": words,
                        "start": long_date(meeting.day)},
            ))
    return _one_per_person_and_meeting(findings)


def _one_per_person_and_meeting(findings: list[Finding]) -> list[Finding]:
    merged: dict[tuple[str, str], Finding] = {}
    for f in findings:
        key = (f.events[0], f.people[0])
        if key in merged:
            merged[key].children = sorted(set(merged[key].children) | set(f.children))
        else:
            merged[key] = f
    return list(merged.values())


def pr_holder_invited(ctx: Context, rule: CheckRule) -> list[Finding]:
    return _not_invited(ctx, rule, lambda person, child: person.has_pr_for(child))


def parent_invited(ctx: Context, rule: CheckRule) -> list[Finding]:
    return _not_invited(ctx, rule, lambda person, child: person.is_named_parent_of(child) and not person.has_pr_for(child))


def police_protection_parents_informed(ctx: Context, rule: CheckRule) -> list[Finding]:
    findings = []
    for child in ctx.child_ids:
        for interval in ctx.intervals(child, "police_protection"):
            if not rule.in_force_on(interval.start):
                continue
            end = interval.end or ctx.as_of_day
            told = [e for kind in ("parents_informed", "notified") for e in ctx.of_kind_between(kind, interval.start, end)
                    if ctx.concerns(e, child)
                    and (e.kind == "notified" or e.get("of") in (None, "police_protection"))]
            if told:
                continue
            findings.append(ctx.finding(
                rule, "concern", events=list(interval.events), children=[child], people=ctx.pr_holders(child),
                values={"start": long_date(interval.start)}, cite_day=interval.start,
            ))
    return findings


def conference_report_shared(ctx: Context, rule: CheckRule) -> list[Finding]:
    """Each parent with PR invited to a conference should have the report before the day of it (our
    reading of "in advance"), or earlier where a local procedure sets a minimum."""
    local_minimum = rule.params.get("local_minimum_working_days") or {}
    findings = []
    for meeting in ctx.of_kind("meeting"):
        mtype = meeting.get("meeting_type")
        if mtype not in rule.params["meeting_types"] or not rule.in_force_on(meeting.day):
            continue
        shared = {r.person: r for r in (meeting.get("reports_shared") or [])}
        if not meeting.known("reports_shared"):
            # Not known (no list at all) is asked about; an explicit empty list is known: nobody had it.
            findings.append(ctx.finding(
                rule, "info", events=[meeting.id], children=ctx.children_of(meeting), template="unknown",
                values={"meeting": MEETING_WORDS.get(mtype or "", "the meeting"), "start": long_date(meeting.day)},
                cite_day=meeting.day,
            ))
            continue
        minimum = int(local_minimum.get(mtype, 0) or 0)
        latest_day = ctx.cal.add_working_days(meeting.day, -minimum) if minimum else meeting.day - timedelta(days=1)
        invited = set(meeting.get("invited") or ()) | set(meeting.get("attended") or ())
        for person in ctx.case.people:
            if not any(person.has_pr_for(c) for c in ctx.children_of(meeting)):
                continue
            if invited and person.id not in invited:
                continue
            report = shared.get(person.id)
            values: dict[str, str] = {"person": ctx.name(person.id), "meeting": MEETING_WORDS.get(mtype or "", "the meeting"),
                      "start": long_date(meeting.day)}
            template: str | None
            if report is None:
                status, template = "concern", "not_shared"
            else:
                got = report.at.date() if hasattr(report.at, "hour") else report.at
                values["stopped_at"] = long_date(got)
                status, template = ("met", None) if got <= latest_day else ("concern", "late_share")
            findings.append(ctx.finding(
                rule, status, events=[meeting.id], children=ctx.children_of(meeting), people=[person.id],
                due=latest_day, values=values, template=template, cite_day=meeting.day,
            ))
    return findings

