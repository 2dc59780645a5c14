"""Which complaints route applies, the windows that bind the family, and patterns for a reviewer.

The statutory Children Act procedure (CA 1989 s26(3), SI 2006/1738) covers Part III matters:
section 17 services, section 20, looked-after children. Child protection enquiries and conferences
fall outside it and go to the conference complaints route. The family's own windows (1 year to
complain, 12 months for the Ombudsman, 3 months for the ICO) are reported as dates to act by.
"""

from __future__ import annotations

from datetime import date

from fairwitness.law.calendar import add_months
from fairwitness.law.caseformat import EventBase
from fairwitness.law.checks.base import Context, long_date
from fairwitness.law.findings import Finding
from fairwitness.law.packs import CheckRule

CHILD_PROTECTION_KINDS = frozenset({
    "s47_enquiry_started", "s47_enquiry_completed", "strategy_discussion", "cp_plan_started", "cp_plan_ended",
})
CHILD_PROTECTION_MEETINGS = frozenset({"icpc", "cp_review_conference", "core_group", "strategy"})
PART_III_FOOTINGS = frozenset({"s17", "section_20", "looked_after", "care_order", "interim_care_order",
                               "connected_person_placement", "none"})
PROCESS_CHECKS = ("complaint_", "subject_access", "rectification", "recommendation", "statutory_complaint")


def _is_child_protection(event: EventBase) -> bool:
    if event.kind == "meeting":
        return event.get("meeting_type") in CHILD_PROTECTION_MEETINGS
    if event.kind in ("assessment_started", "assessment_completed"):
        return event.get("basis") == "s47"
    return event.kind in CHILD_PROTECTION_KINDS


def complaint_scope(ctx: Context, complaint: EventBase) -> str:
    """``part_iii``, ``child_protection`` or ``unknown`` for what a complaint is about."""
    if complaint.get("procedure") == "conference":
        return "child_protection"
    about = [ctx.by_id[i] for i in complaint.get("about") or () if i in ctx.by_id]
    if about:
        return "child_protection" if all(_is_child_protection(e) for e in about) else "part_iii"
    subject = (complaint.get("subject") or "").lower()
    if any(w in subject for w in ("conference", "section 47", "s47", "child protection plan")):
        return "child_protection"
    footings: set[str] = set()
    for child in ctx.children_of(complaint):
        footings |= ctx.footings_started_by(child, complaint.day)
    return "part_iii" if footings & PART_III_FOOTINGS else "unknown"


def _entitled(ctx: Context, complaint: EventBase) -> bool:
    """s26(3): the child, a parent, a person with PR, a local authority foster parent. A complaint
    recorded with no named complainant is the family's own record, so taken as theirs."""
    by = complaint.by
    if by is None or by not in ctx.people:
        return by is None or by in ctx.child_ids or by in ("family", "parent", "mother", "father")
    person = ctx.people[by]
    return any(person.has_pr_for(c) or person.is_named_parent_of(c) for c in ctx.child_ids) or "foster" in (person.role or "").lower()


def _complaint_for(ctx: Context, event: EventBase) -> EventBase | None:
    if event.responds_to and event.responds_to in ctx.by_id:
        return ctx.by_id[event.responds_to]
    earlier = [c for c in ctx.of_kind("complaint_made") if c.day <= event.day]
    return earlier[-1] if earlier else None


def statutory_complaint_procedure(ctx: Context, rule: CheckRule) -> list[Finding]:
    findings = []
    for complaint in ctx.of_kind("complaint_made"):
        if complaint.get("procedure") != "corporate" or not rule.in_force_on(complaint.day):
            continue
        if complaint_scope(ctx, complaint) == "part_iii" and _entitled(ctx, complaint):
            findings.append(ctx.finding(rule, "breach", events=[complaint.id], children=ctx.children_of(complaint),
                                        people=ctx.person_ids(complaint), template="corporate",
                                        values={"start": long_date(complaint.day)}, cite_day=complaint.day))
    for declined in ctx.of_kind("complaint_declined"):
        answered = _complaint_for(ctx, declined)
        if answered is None:
            continue
        complaint = answered
        if not rule.in_force_on(complaint.day) or complaint_scope(ctx, complaint) != "part_iii" or not _entitled(ctx, complaint):
            continue
        reason = (declined.get("reason") or "").lower()
        if "time" in reason or "year" in reason:
            continue  # a complaint made more than a year late may be refused (reg 9)
        findings.append(ctx.finding(rule, "breach", events=[complaint.id, declined.id],
                                    children=ctx.children_of(complaint), people=ctx.person_ids(complaint),
                                    template="declined", values={"start": long_date(complaint.day),
                                                                 "stopped_at": long_date(declined.day)},
                                    cite_day=declined.day))
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
    values = {"start": long_date(opened), "closes": long_date(closes), **values}
    return ctx.finding(rule, status, events=events, children=ctx.child_ids, due=closes, values=values,
                       template=None if status == "due" else "closed", cite_day=opened)


def complaint_window(ctx: Context, rule: CheckRule, findings: list[Finding]) -> list[Finding]:
    """A year to complain about the problems found in Part III matters not yet complained about:
    one window per kind of problem, closing a year after its earliest such event (the first date
    the family must act by); later events of the same kind are counted in the sentence."""
    complaints = ctx.of_kind("complaint_made")
    last_complaint = complaints[-1].day if complaints else None
    complained_about = {i for c in complaints for i in c.get("about") or ()}
    earliest: dict[str, tuple[EventBase, Finding, int]] = {}
    for f in findings:
        if not f.is_problem or f.check.startswith(PROCESS_CHECKS) or not f.events:
            continue
        if ctx.pack.checks[f.check].actor != "the council":
            continue  # the police and the courts are not complained about to the council
        first = ctx.by_id.get(f.events[0])
        if first is None or _is_child_protection(first) or not rule.in_force_on(first.day):
            continue
        if (last_complaint is not None and last_complaint >= first.day) or first.id in complained_about:
            continue
        held = earliest.get(f.check)
        if held is None:
            earliest[f.check] = (first, f, 1)
        elif first.day < held[0].day:
            earliest[f.check] = (first, f, held[2] + 1)
        else:
            earliest[f.check] = (held[0], held[1], held[2] + 1)
    out = []
    for first, f, count in earliest.values():
        more = f" (and {count - 1} later {'one' if count == 2 else 'ones'}, each with its own year)" if count > 1 else ""
        out.append(_window(ctx, rule, first.day, [first.id], {"what": f.title.lower(), "extra": more}))
    return out


def ombudsman_window(ctx: Context, rule: CheckRule, findings: list[Finding]) -> list[Finding]:
    triggers: list[tuple[date, str]] = [(e.day, e.id) for e in ctx.of_kind(
        "local_authority_final_response", "complaint_response", "complaint_declined")]
    triggers += [(f.due, f.events[0]) for f in findings
                 if f.check.startswith("complaint_") and f.status == "missed" and f.due and not f.family_window]
    if not triggers:
        return []
    opened, event_id = max(triggers)
    if not rule.in_force_on(opened) or any(o.day >= opened for o in ctx.of_kind("ombudsman_complaint")):
        return []
    return [_window(ctx, rule, opened, [event_id], {})]


def ico_window(ctx: Context, rule: CheckRule, findings: list[Finding]) -> list[Finding]:
    problems = [f for f in findings if f.check in ("subject_access_response", "rectification_response")
                and f.status in ("late", "missed")]
    refusals = [e for e in ctx.of_kind("rectification_response") if e.get("outcome") == "refused"]
    incomplete = [e for e in ctx.of_kind("subject_access_response") if e.get("complete", True) is False]
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
