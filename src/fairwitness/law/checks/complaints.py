"""Which complaints route applies, the windows that bind the family, and patterns for a reviewer.

The statutory Children Act procedure (CA 1989 s26(3), SI 2006/1738) covers Part III matters:
section 17 services, section 20, looked-after children. Child protection enquiries and conferences
fall outside it and go to the conference complaints route. What a complaint is about is decided by
structure only: its ``subject_category``, the events it is ``about``, the route the council used,
then the child's footings; the words of ``subject`` and ``reason`` never change the law applied.

The family's own windows are dates to act by: a year to complain, counted from when the failure
could first be known (the day after a missed deadline, or the day of the act); the Ombudsman's 12
months from when the family first had notice of the matter (LGA 1974 s26B), which time in the
council's process does not pause (it is a reason the Ombudsman may accept a late complaint); the
ICO's 3 months from the last contact.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from fairwitness.law.calendar import add_months
from fairwitness.law.caseformat import EventBase
from fairwitness.law.checks.base import Context, event_words, long_date
from fairwitness.law.findings import Finding
from fairwitness.law.packs import CheckRule

CHILD_PROTECTION_KINDS = frozenset({
    "s47_enquiry_started", "s47_enquiry_completed", "strategy_discussion", "cp_plan_started", "cp_plan_ended",
})
CHILD_PROTECTION_MEETINGS = frozenset({"icpc", "cp_review_conference", "core_group", "strategy"})
RECORD_KINDS = frozenset({
    "subject_access_request", "subject_access_extension_notified", "subject_access_response", "record_disputed",
    "rectification_requested", "rectification_response",
})
PART_III_FOOTINGS = frozenset({"s17", "section_20", "looked_after", "care_order", "interim_care_order",
                               "connected_person_placement"})
PROCESS_CHECKS = ("complaint_", "subject_access", "rectification", "recommendation", "statutory_complaint")
CATEGORY_SCOPE = {
    "part_iii_service": "part_iii", "child_protection_conference": "child_protection", "section_47": "child_protection",
    "records": "records",
}
# Grounds on which declining a complaint is the council's judgement, not a breach.
DISCRETIONARY_GROUNDS = frozenset({"late", "representative_for_child", "sufficient_interest", "before_court",
                                   "before_social_work_england"})
OWN_RIGHT_WORDS = ("family", "parent", "mother", "father")  # a ``by`` written as a word, not a person id


def _is_child_protection(event: EventBase) -> bool:
    if event.kind == "meeting":
        return event.get("meeting_type") in CHILD_PROTECTION_MEETINGS
    if event.kind in ("assessment_started", "assessment_completed"):
        return event.get("basis") == "s47"
    return event.kind in CHILD_PROTECTION_KINDS


def _event_scope(event: EventBase) -> str:
    if _is_child_protection(event):
        return "child_protection"
    return "records" if event.kind in RECORD_KINDS else "part_iii"


@dataclass(frozen=True, slots=True)
class Scope:
    """What a complaint is about, and how we know: ``category``, ``about``, ``procedure`` and
    ``footing`` are shown by the record; ``assumed`` is the default when nothing shows it."""

    what: str  # part_iii, child_protection, records
    basis: str

    @property
    def shown(self) -> bool:
        return self.basis != "assumed"


def scope_of(ctx: Context, complaint: EventBase) -> Scope:
    category = complaint.get("subject_category")
    if category in CATEGORY_SCOPE:
        return Scope(CATEGORY_SCOPE[category], "category")
    about = [ctx.by_id[i] for i in complaint.get("about") or () if i in ctx.by_id]
    if about:
        scopes = {_event_scope(e) for e in about}
        if "part_iii" in scopes:  # the Part III part of a mixed complaint goes to the statutory procedure
            return Scope("part_iii", "about")
        return Scope("child_protection" if "child_protection" in scopes else "records", "about")
    if complaint.get("procedure") == "conference":
        return Scope("child_protection", "procedure")
    for child in ctx.children_of(complaint):
        if ctx.footings_started_by(child, complaint.day) & PART_III_FOOTINGS:  # a bisection, not a scan
            return Scope("part_iii", "footing")
    # Nothing shows what it is about: the statutory limits are applied (a Part III complaint binds
    # the council to them whichever procedure it chose), but no breach of the procedure is raised.
    return Scope("part_iii", "assumed")


def complaint_scope(ctx: Context, complaint: EventBase) -> str:
    """``part_iii``, ``child_protection`` or ``records`` for what a complaint is about."""
    return scope_of(ctx, complaint).what


def standing(ctx: Context, complaint: EventBase) -> str:
    """Who may use the statutory procedure (CA 1989 s26(3)): ``own_right`` (the child, a parent, a
    person with PR, a local authority foster parent); ``representative`` (made for the child by
    someone acting for them) and ``sufficient_interest`` (anyone else) are for the council to
    accept; ``unknown`` when the record does not say who complained."""
    if complaint.get("on_behalf_of") is not None and complaint.by != complaint.get("on_behalf_of"):
        return "representative"
    by = complaint.by
    if by is None:
        return "unknown"
    if by in ctx.child_ids:
        return "own_right"
    person = ctx.people.get(by)
    if person is None:
        return "own_right" if by in OWN_RIGHT_WORDS else "unknown"
    if any(person.has_pr_for(c) or person.is_named_parent_of(c) for c in ctx.children_of(complaint)):
        return "own_right"
    return "own_right" if "foster" in (person.role or "").lower() else "sufficient_interest"


def _complaint_for(ctx: Context, event: EventBase) -> EventBase | None:
    """The complaint an answer answers: the one it names, else the latest made by its day."""
    if event.responds_to and event.responds_to in ctx.by_id:
        return ctx.by_id[event.responds_to]
    complaints = ctx.of_kind("complaint_made")
    at = bisect_right(complaints, event.day, key=lambda c: c.day)
    return complaints[at - 1] if at else None


def _discretion(ctx: Context, complaint: EventBase, declined: EventBase) -> str | None:
    """Why declining this complaint was the council's judgement to make, as the record shows it:
    the ground it gave, the complainant's standing, or the dates (a complaint made more than the
    time limit after what it is about; care proceedings running; the regulator already involved)."""
    grounds = declined.get("grounds")
    if grounds in DISCRETIONARY_GROUNDS:
        return str(grounds)
    who = standing(ctx, complaint)
    if who in ("representative", "sufficient_interest"):
        return "representative_for_child" if who == "representative" else "sufficient_interest"
    year = ctx.pack.checks.get("complaint_window")
    about_days = [ctx.by_id[i].day for i in complaint.get("about") or () if i in ctx.by_id]
    if year is not None and year.limit is not None and about_days and ctx.due_date(min(about_days), year.limit) < complaint.day:
        return "late"
    for child in ctx.children_of(complaint):
        if "care_proceedings" in ctx.footings_on(child, declined.day):
            return "before_court"
    if any(r.day <= declined.day and r.get("to") == "social_work_england" for r in ctx.of_kind("regulator_concern")):
        return "before_social_work_england"
    return None


def statutory_complaint_procedure(ctx: Context, rule: CheckRule) -> list[Finding]:
    """A breach only where the record shows a Part III matter and a complainant entitled in their
    own right; where either is not known, or a refusal was the council's judgement, information
    that says what is missing or what the family can do."""
    findings = []
    for complaint in ctx.of_kind("complaint_made"):
        if complaint.get("procedure") != "corporate" or not rule.in_force_on(complaint.day):
            continue
        scope = scope_of(ctx, complaint)
        if scope.what != "part_iii":
            continue
        who = standing(ctx, complaint)
        if who in ("representative", "sufficient_interest"):
            continue  # the council may choose its own procedure for these
        values = {"start": long_date(complaint.day)}
        if scope.shown and who == "own_right":
            status, template = "breach", "corporate"
        else:
            status, template = "info", "corporate_unknown_scope" if not scope.shown else "unknown_complainant"
        findings.append(ctx.finding(rule, status, events=[complaint.id], children=ctx.children_of(complaint),
                                    people=ctx.person_ids(complaint), template=template, values=values,
                                    cite_day=complaint.day))
    for declined in ctx.of_kind("complaint_declined"):
        answered = _complaint_for(ctx, declined)
        if answered is None or not rule.in_force_on(answered.day):
            continue
        complaint = answered
        scope = scope_of(ctx, complaint)
        if scope.what != "part_iii" or not scope.shown:
            continue
        values = {"start": long_date(complaint.day), "stopped_at": long_date(declined.day)}
        ground = _discretion(ctx, complaint, declined)
        if ground is not None:
            status, template = "info", f"discretion_{ground}"
        elif standing(ctx, complaint) == "unknown":
            status, template = "info", "unknown_complainant"
        else:
            status, template = "breach", "declined"
        findings.append(ctx.finding(rule, status, events=[complaint.id, declined.id],
                                    children=ctx.children_of(complaint), people=ctx.person_ids(complaint),
                                    template=template, values=values, cite_day=declined.day))
    return findings


def complaint_route(ctx: Context, rule: CheckRule) -> list[Finding]:
    return [
        ctx.finding(rule, "info", events=[c.id], children=ctx.children_of(c), people=ctx.person_ids(c),
                    values={"start": long_date(c.day)}, cite_day=c.day)
        for c in ctx.of_kind("complaint_made") if rule.in_force_on(c.day) and complaint_scope(ctx, c) == "child_protection"
    ]


def _window(ctx: Context, rule: CheckRule, opened: date, events: list[str], values: dict[str, str]) -> Finding:
    assert rule.limit is not None
    closes = ctx.due_date(opened, rule.limit)
    status = "due" if ctx.as_of_day <= closes else "info"
    values = {"start": long_date(opened), "closes": long_date(closes), "limit": rule.limit.describe(), **values}
    return ctx.finding(rule, status, events=events, children=ctx.child_ids, due=closes, values=values,
                       template=None if status == "due" else "closed", cite_day=opened)


def _grounds_arose(ctx: Context, f: Finding, first: EventBase) -> tuple[date, str]:
    """When the failure a finding describes could first be known, and how we reached that day: the
    day after a deadline passed unmet, or the day of the act itself."""
    if f.status in ("late", "missed") and f.due is not None:
        return f.due + timedelta(days=1), f"the day after the deadline of {long_date(f.due)} passed"
    return first.day, f"the day of {event_words(first)}"


def complaint_window(ctx: Context, rule: CheckRule, findings: list[Finding]) -> list[Finding]:
    """A year to complain about the problems found in Part III matters not yet complained about,
    counted from when each failure could first be known (regulation 9: the grounds arising): one
    window per kind of problem, closing a year after its earliest such day; later ones are counted
    in the sentence."""
    complaints = ctx.of_kind("complaint_made")
    complained_about = {i for c in complaints for i in c.get("about") or ()}
    last_complaint = complaints[-1].day if complaints else None
    earliest: dict[str, tuple[date, str, EventBase, Finding, int]] = {}
    for f in findings:
        if not f.is_problem or f.check.startswith(PROCESS_CHECKS) or not f.events:
            continue
        if ctx.pack.checks[f.check].actor != "the council":
            continue  # the police and the courts are not complained about to the council
        first = ctx.by_id.get(f.events[0])
        if first is None or _is_child_protection(first) or not rule.in_force_on(first.day):
            continue
        if first.id in complained_about or (last_complaint is not None and last_complaint >= first.day):
            continue
        arose, how = _grounds_arose(ctx, f, first)
        held = earliest.get(f.check)
        if held is None:
            earliest[f.check] = (arose, how, first, f, 1)
        elif arose < held[0]:
            earliest[f.check] = (arose, how, first, f, held[4] + 1)
        else:
            earliest[f.check] = (*held[:4], held[4] + 1)
    out = []
    for arose, how, first, f, count in earliest.values():
        more = f" (and {count - 1} later {'one' if count == 2 else 'ones'}, each with its own year)" if count > 1 else ""
        out.append(_window(ctx, rule, arose, [first.id], {"what": f.title.lower(), "extra": more, "detail": how}))
    return out


@dataclass(slots=True)
class _Matter:
    """One matter taken to the council: its complaints (a stage 2 continues its stage 1) and the
    earliest day the record shows the family knew of it."""

    complaints: list[EventBase] = field(default_factory=list)
    noticed: date = date.max
    noticed_by: EventBase | None = None

    def notice(self, event: EventBase) -> None:
        if event.day < self.noticed:
            self.noticed, self.noticed_by = event.day, event


def _matters(ctx: Context) -> list[_Matter]:
    """Complaints grouped by matter in one pass, through index lookups: a complaint that answers
    (``responds_to``) or shares an ``about`` event with an earlier one joins it; a later stage with
    neither continues the latest matter at a lower stage."""
    matters: list[_Matter] = []
    of_event: dict[str, _Matter] = {}
    for complaint in ctx.of_kind("complaint_made"):
        about = [i for i in complaint.get("about") or () if i in ctx.by_id]
        matter = of_event.get(complaint.responds_to or "") or next((of_event[i] for i in about if i in of_event), None)
        if matter is None and not about and complaint.get("stage", 1) > 1:
            matter = next((m for m in reversed(matters) if any(c.get("stage", 1) < complaint.get("stage", 1)
                                                              for c in m.complaints)), None)
        if matter is None:
            matter = _Matter()
            matters.append(matter)
        matter.complaints.append(complaint)
        matter.notice(complaint)
        of_event[complaint.id] = matter
        for i in about:
            of_event[i] = matter
            matter.notice(ctx.by_id[i])
    return matters


def ombudsman_window(ctx: Context, rule: CheckRule, findings: list[Finding]) -> list[Finding]:
    """For each matter taken to the council and not yet to the Ombudsman: 12 months from the day
    the family first had notice of it, which the record shows no later than the earliest event the
    complaint is about, or the complaint itself (LGA 1974 s26B). The council's process does not
    pause it; the Ombudsman may accept a late complaint where it is reasonable."""
    ombudsman = ctx.of_kind("ombudsman_complaint")
    out = []
    for matter in _matters(ctx):
        first = matter.complaints[0]
        ids = {c.id for c in matter.complaints}
        if any(o.responds_to in ids or (o.responds_to is None and o.day >= first.day) for o in ombudsman):
            continue
        if not rule.in_force_on(matter.noticed) or matter.noticed_by is None:
            continue
        shown_by = matter.noticed_by
        how = ("the date of your complaint" if shown_by.kind == "complaint_made"
               else f"the date of {event_words(shown_by)}, which your complaint is about")
        out.append(_window(ctx, rule, matter.noticed, [shown_by.id], {"detail": how}))
    return out


def ico_window(ctx: Context, rule: CheckRule, findings: list[Finding]) -> list[Finding]:
    problems = [f for f in findings if f.check in ("subject_access_response", "rectification_response")
                and f.status in ("late", "missed")]
    refusals = [e for e in ctx.of_kind("rectification_response") if e.get("outcome") == "refused"]
    incomplete = [e for e in ctx.of_kind("subject_access_response") if e.get("complete") is False]
    if not (problems or refusals or incomplete):
        return []
    contacts: list[tuple[date, str]] = [(e.day, e.id) for e in ctx.of_kind(
        "subject_access_request", "subject_access_extension_notified", "subject_access_response",
        "rectification_requested", "rectification_response")]
    contacts += [(f.due, f.events[0]) for f in problems if f.status == "missed" and f.due]
    opened, event_id = max(contacts)
    if not rule.in_force_on(opened) or any(e.day >= opened and e.get("to") == "ico" for e in ctx.of_kind("regulator_concern")):
        return []
    return [_window(ctx, rule, opened, [event_id], {})]


def turnover(ctx: Context, rule: CheckRule) -> list[Finding]:
    """Three or more changes of social worker within any 12 months."""
    changes = ctx.of_kind("social_worker_changed")
    threshold = int(rule.params.get("changes", 3))
    best: list[EventBase] = []
    for i, first in enumerate(changes):
        horizon = add_months(first.day, 12)
        window = [c for c in changes[i:] if c.day <= horizon]  # 12 months run to the same date
        if len(window) > len(best):
            best = window
    if len(best) < threshold or not rule.in_force_on(best[0].day):
        return []
    return [ctx.finding(rule, "info", events=[c.id for c in best], children=ctx.child_ids,
                        values={"count": str(len(best)), "start": long_date(best[0].day),
                                "stopped_at": long_date(best[-1].day)}, cite_day=best[0].day)]
