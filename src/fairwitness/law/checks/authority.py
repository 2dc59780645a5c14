"""Lawful authority: on what footing was a child moved, and did the council respect a parent's
rights under section 20 (CA 1989 s20(7)-(11); Williams v Hackney [2018] UKSC 37)."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime

from fairwitness.law.calendar import add_months
from fairwitness.law.caseformat import EventBase
from fairwitness.law.checks.base import Context, long_date, plural
from fairwitness.law.findings import Finding
from fairwitness.law.packs import CheckRule

# Routes by which a child may lawfully be kept from a parent with parental responsibility.
ORDER_FOOTINGS = ("police_protection", "epo", "interim_care_order", "care_order")
NAMED_ROUTES = {
    "police_protection": "police protection",
    "epo": "an emergency protection order",
    "interim_care_order": "an interim care order",
    "care_order": "a care order",
}


def _s20_consents(ctx: Context, child: str) -> tuple[list[EventBase], list[date], list[str]]:
    """Answers about s20 accommodation for the child, in time order, with their days (for bisecting)
    and the people who gave them in order of first answer. Worked out once per case."""
    def compute() -> tuple[list[EventBase], list[date], list[str]]:
        found = [e for e in ctx.of_kind("consent")
                 if e.get("activity") == "section_20_accommodation" and ctx.concerns(e, child)]
        return found, [e.day for e in found], list(dict.fromkeys(e.get("person", "") for e in found))
    return ctx.memo(("s20_consents", child), compute)


def section_20_agreement(ctx: Context, child: str, day: date) -> EventBase | None:
    """The latest agreement to s20 accommodation from someone entitled to give it, still standing on
    ``day``: a person with PR, or the child at 16 or 17 (s20(11))."""
    consents, days, people = _s20_consents(ctx, child)
    latest: dict[str, EventBase] = {}
    for e in reversed(consents[:bisect_right(days, day)]):  # newest first, until everyone is heard
        latest.setdefault(e.get("person", ""), e)
        if len(latest) == len(people):
            break
    standing = {person: latest[person] for person in people if person in latest}
    for person, e in standing.items():
        if e.get("decision") != "given":
            continue
        age = ctx.age_on(child, day)
        if ctx.has_pr(person, child) or (person == child and age is not None and age >= 16):
            return e
    return None


def removal_authority(ctx: Context, rule: CheckRule) -> list[Finding]:
    findings = []
    for event in ctx.of_kind("removed_from_home"):
        if not rule.in_force_on(event.day):
            continue
        source = event.get("from_")
        claimed = event.get("authority", "unknown")
        for child in ctx.children_of(event):
            if source is not None and source in ctx.people and not ctx.has_pr(source, child):
                continue  # removal from someone without PR is not this check
            if source is None and not ctx.pr_holders(child):
                continue
            routes = ctx.footings_on(child, event.day) & set(ORDER_FOOTINGS)
            agreement = section_20_agreement(ctx, child, event.day)
            if claimed in ORDER_FOOTINGS:
                if claimed in routes:
                    continue
                findings.append(ctx.finding(
                    rule, "concern", events=[event.id], children=[child], people=[source] if source else [],
                    template="claimed_not_recorded",
                    values={"start": long_date(event.at), "route": NAMED_ROUTES[claimed]}, cite_day=event.day,
                ))
                continue
            if routes or agreement is not None:
                continue
            plan = "cp_plan" in ctx.footings_on(child, event.day)
            plan_words = " A child protection plan was in place, but a plan is never a power to remove a child." if plan else ""
            if claimed == "unknown":
                # Not known is not a breach: say what is missing and what to ask for.
                finding = ctx.finding(
                    rule, "info", events=[event.id], children=[child], people=[source] if source else ctx.pr_holders(child),
                    template="unknown_route",
                    values={"start": long_date(event.at), "child": ctx.child_name(child), "extra": plan_words},
                    cite_day=event.day,
                )
                findings.append(ctx.rests_on(finding, *ctx.inferred_holding(child, event.day, ("section_20",))))
                continue
            findings.append(ctx.finding(
                rule, "breach", events=[event.id], children=[child], people=[source] if source else ctx.pr_holders(child),
                values={
                    "start": long_date(event.at),
                    "child": ctx.child_name(child),
                    "extra": plan_words,
                    "detail": "The council said it was under section 20, but no agreement to it from a person with "
                    "parental responsibility is recorded." if claimed == "section_20" else "",
                },
                cite_day=event.day,
            ))
    return findings


def section_20_objection(ctx: Context, rule: CheckRule) -> list[Finding]:
    """s20 accommodation starting or continuing after a person with PR objected (s20(7)), unless
    the child is 16 or 17 and agrees (s20(11))."""
    findings = []
    for event in ctx.of_kind("objection"):
        target = event.get("to")
        if not rule.in_force_on(event.day) or target not in (None, "section_20_accommodation", "section_20"):
            continue
        person = event.get("person")
        for child in ctx.children_of(event):
            if not ctx.has_pr(person, child):
                continue
            consents, days, _ = _s20_consents(ctx, child)
            # a later agreement by the same person withdraws the objection
            later = [c for c in consents[bisect_right(days, event.day):]
                     if c.get("person") == person and c.get("decision") == "given"]
            for interval in ctx.intervals(child, "section_20"):
                ongoing_after = interval.end is None or interval.end > event.day
                if not ongoing_after:
                    continue
                if later and (interval.end is None or later[0].day < interval.end):
                    continue
                age = ctx.age_on(child, event.day)
                if age is not None and age >= 16:
                    continue
                # What the objection was to, when not recorded, is asked about: not known is no breach.
                status, template = ("breach", None) if event.known("to") else ("info", "unknown_target")
                findings.append(ctx.rests_on(ctx.finding(
                    rule, status, template=template,
                    events=[event.id, *interval.events], children=[child], people=[person or ""],
                    values={"person": ctx.name(person), "start": long_date(event.day),
                            "until": long_date(interval.end) if interval.end else "today"},
                    cite_day=event.day,
                ), interval))
                break
    return findings


def section_20_return_request(ctx: Context, rule: CheckRule) -> list[Finding]:
    """A person with PR asked for the child back (s20(8)): there is no notice period, so any delay
    before the child was returned or made subject to an order is reported with its length."""
    findings = []
    for request in ctx.of_kind("section_20_removal_request"):
        if not rule.in_force_on(request.day):
            continue
        person = request.get("person")
        for child in ctx.children_of(request):
            if not ctx.has_pr(person, child):
                continue
            if "section_20" not in ctx.footings_on(child, request.day):
                continue
            inferred = ctx.inferred_holding(child, request.day, ("section_20",))
            answer = next((e for e in ctx.events_from(request.day) if ctx.concerns(e, child) and (
                e.kind in ("returned_home", "section_20_ended", "police_protection_started", "epo_granted",
                           "interim_care_order", "care_order"))), None)
            end_at: date | datetime = answer.at if answer else ctx.as_of
            delay_days = ((answer.day if answer else ctx.as_of_day) - request.day).days
            if answer is not None and delay_days == 0:
                continue  # returned (or an order made) the same day
            values = {"person": ctx.name(person), "start": long_date(request.at), "stopped_at": long_date(end_at),
                      "delay": plural(delay_days, "day"), "what": _answer_words(answer)}
            findings.append(ctx.rests_on(ctx.finding(
                rule, "breach", events=[request.id] + ([answer.id] if answer else []), children=[child],
                people=[person or ""], values=values, template="answered" if answer else "not_answered",
                cite_day=request.day,
            ), *inferred))
    return findings


def _answer_words(answer: EventBase | None) -> str:
    if answer is None:
        return ""
    return {
        "returned_home": "the child came home",
        "section_20_ended": "the accommodation ended",
        "police_protection_started": "the police took the child into police protection",
        "epo_granted": "an emergency protection order was made",
        "interim_care_order": "an interim care order was made",
        "care_order": "a care order was made",
    }.get(answer.kind, answer.kind)


def section_20_consent_quality(ctx: Context, rule: CheckRule) -> list[Finding]:
    findings = []
    for child in ctx.child_ids:
        for interval in ctx.intervals(child, "section_20"):
            start = ctx.by_id.get(interval.events[0]) if interval.events else None
            if start is None or not rule.in_force_on(interval.start):
                continue
            named = start.get("consent")
            consent = ctx.by_id.get(named) if named else None
            if consent is None:
                consents, days, _ = _s20_consents(ctx, child)
                consent = next((c for c in reversed(consents[:bisect_right(days, interval.start)])
                                if c.get("decision") == "given"), None)
            problems = []
            unknown = []
            people: list[str] = []
            if consent is None:
                problems.append("no agreement to it is recorded")
            else:
                person = consent.get("person")
                people.append(person or "")
                age = ctx.age_on(child, consent.day)
                if not ctx.has_pr(person, child) and not (person == child and age is not None and age >= 16):
                    problems.append(f"the agreement came from {ctx.name(person)}, who does not hold parental responsibility")
                if consent.get("informed") is False:
                    problems.append("the parent was not told it was voluntary, that they could object, and could take the child home at any time")
                elif not consent.known("informed"):
                    unknown.append("whether the parent was told it was voluntary, that they could object, and could "
                                   "take the child home at any time")
                if consent.get("in_writing") is False:
                    problems.append("the agreement was not in writing")
                elif not consent.known("in_writing"):
                    unknown.append("whether the agreement was in writing")
                pressure = [p for p in ctx.of_kind("pressure") if p.day <= consent.day and ctx.concerns(p, child)
                            and p.get("person") in (None, person)]
                if pressure:
                    problems.append(f"pressure was recorded on {long_date(pressure[-1].day)} before the agreement")
            if not problems and not unknown:
                continue
            events = [start.id] + ([consent.id] if consent else [])
            if problems:
                finding = ctx.finding(
                    rule, "concern", events=events, children=[child], people=people,
                    values={"start": long_date(interval.start), "detail": "; ".join(problems)}, cite_day=interval.start,
                )
            else:
                finding = ctx.finding(
                    rule, "info", events=events, children=[child], people=people, template="unknown",
                    values={"start": long_date(interval.start), "detail": " or ".join(unknown)}, cite_day=interval.start,
                )
            findings.append(ctx.rests_on(finding, interval))
    return findings


def section_20_drift(ctx: Context, rule: CheckRule) -> list[Finding]:
    months = int(rule.params.get("months", 6))
    findings = []
    for child in ctx.child_ids:
        court = ctx.intervals(child, "pre_proceedings", "care_proceedings")
        for interval in ctx.intervals(child, "section_20"):
            end = interval.end or ctx.as_of_day
            limit_day = add_months(interval.start, months)
            # a continuing state: judged if the law stood on any day it lasted past the limit
            if end <= limit_day or not (rule.in_force_on(limit_day) or rule.in_force_on(end)):
                continue
            in_view = [c for c in court if c.start < end and (c.end is None or c.end > interval.start)]
            if not in_view:
                continue
            findings.append(ctx.rests_on(ctx.finding(
                rule, "concern", events=[*interval.events, *in_view[0].events], children=[child],
                due=limit_day, values={"start": long_date(interval.start), "count": str(months),
                                       "until": long_date(interval.end) if interval.end else "now"},
                cite_day=interval.start,
            ), interval))
    return findings


def connected_person_looked_after(ctx: Context, rule: CheckRule) -> list[Finding]:
    """A placement the council arranged but called private. ``said_to_be`` is a category (the
    form's choices), compared whole: free words never decide it. Who arranged it, when not
    recorded, is asked about rather than assumed."""
    findings = []
    for event in ctx.of_kind("placed_with_connected_person"):
        arranged = event.get("arranged_by") or ("local_authority" if event.by == "local_authority" else None)
        if not rule.in_force_on(event.day) or event.get("said_to_be") not in PRIVATE_ARRANGEMENT:
            continue
        if arranged is None:
            status, template = "info", "unknown_arranger"
        elif arranged == "local_authority":
            status, template = "concern", None
        else:
            continue
        findings.append(ctx.finding(
            rule, status, events=[event.id], children=ctx.children_of(event), template=template,
            values={"start": long_date(event.day), "person": ctx.name(event.get("person"))},
            cite_day=event.day,
        ))
    return findings


PRIVATE_ARRANGEMENT = frozenset({"private_arrangement", "private"})
