"""Where a looked-after child lives, and what the council owes the family about it.

- ``placement_plan``: a plan for each placement, before it or within 5 working days of its start
  (Care Planning, Placement and Case Review (England) Regulations 2010 reg 9(1)-(2)).
- ``whereabouts_told``: parents with parental responsibility kept told where the child lives
  (Children Act 1989 Sch 2 para 15(2)); the council may keep it from them only for a child in care
  and only for the child's welfare (para 15(4)), never for a child accommodated under section 20.
- ``kinship_information``: written information on the options and the financial support when a
  child goes to live with a relative or friend with the council's involvement (Family and Friends
  Care statutory guidance 2011; Kinship care statutory guidance 2024; LASSA 1970 s7).
- ``section_20_duty``: a request to accommodate, or a carer who cannot care, with no decision
  recorded (Children Act 1989 s20(1); R (G) v Southwark [2009] UKHL 26).
- ``consent_capacity``: an agreement to section 20 given without capacity being considered, or
  without an interpreter the parent needed (Coventry City Council v C [2012] EWHC 2190 (Fam) para 46).

A placement's clocks belong to that placement: when the child moves on or the placement ends
before a plan fell due, nothing is owed for it.

A family's record often cannot show what the council did not send them: a placement plan or the
written information a carer was given may exist without the parent having seen it. So a missing
record is a question to ask (information), and only what the record shows wrong is a breach or
concern: a plan prepared late, whereabouts withheld, information not in writing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date

from fairwitness.law.caseformat import EventBase
from fairwitness.law.checks.base import Context, long_date
from fairwitness.law.checks.clock import Run, judge
from fairwitness.law.findings import Finding
from fairwitness.law.packs import CheckRule

# What ends a placement, for the clocks bound to it (a new placement ends the one before).
PLACEMENT_ENDS = ("placement_ended", "returned_home", "looked_after_ended", "section_20_ended")
COURT_CARE = ("interim_care_order", "care_order")


def _looked_after_names(ctx: Context) -> list[str]:
    """Asked for every placement finding: read from the pack once per case."""
    return ctx.memo(("looked_after_names",), lambda: [n for n, f in ctx.pack.footings.items() if f.looked_after])


def _looked_after_on(ctx: Context, child: str, event: EventBase) -> bool:
    return not ctx.footings_on(child, event.day).isdisjoint(_looked_after_names(ctx))


def _resting_on_inference(ctx: Context, finding: Finding, child: str, day: date) -> Finding:
    """Say so when the child's being looked after was inferred (a placement recorded alone)."""
    recorded = [i for i in ctx.intervals(child, *_looked_after_names(ctx)) if not i.inferred_from and i.holds_on(day)]
    if recorded:
        return finding
    return ctx.rests_on(finding, *ctx.inferred_holding(child, day, _looked_after_names(ctx)))


def placements(ctx: Context, rule: CheckRule, child: str) -> list[EventBase]:
    """The starts of the child's placements while looked after, one per day (a ``placement_started``
    and a ``section_20_started`` on the same day are one placement)."""
    found: dict[object, EventBase] = {}
    for event in ctx.matching(rule.starts, child):
        if not _looked_after_on(ctx, child, event):
            continue
        held = found.get(event.day)
        if held is None or (held.kind != "placement_started" and event.kind == "placement_started"):
            found[event.day] = event
    return sorted(found.values(), key=ctx.position)


def _placement_end(ctx: Context, child: str, start: EventBase, following: EventBase | None) -> EventBase | None:
    end = ctx.first_after(child, start, *PLACEMENT_ENDS)  # after it in time order (so not before its day)
    ends = [e for e in (end, following) if e is not None]
    return min(ends, key=ctx.position) if ends else None


def placement_plan(ctx: Context, rule: CheckRule) -> list[Finding]:
    assert rule.limit is not None
    findings = []
    for child in ctx.child_ids:
        starts = placements(ctx, rule, child)
        plans, _, _ = ctx.about_child(child, "placement_plan_made")
        by_placement: dict[object, list[EventBase]] = {}
        for p in plans:
            by_placement.setdefault(p.get("placement"), []).append(p)
        unnamed_plans = by_placement.get(None, [])
        unnamed_days = [p.day for p in unnamed_plans]
        used: set[str] = set()
        for index, start in enumerate(starts):
            if not rule.in_force_on(start.day):
                continue
            previous = starts[index - 1] if index else None
            following = starts[index + 1] if index + 1 < len(starts) else None
            named = by_placement.get(start.id, [])
            # unnamed plans strictly between the previous and the following placement's days
            lo = bisect_right(unnamed_days, previous.day) if previous is not None else 0
            hi = bisect_left(unnamed_days, following.day) if following is not None else len(unnamed_days)
            unnamed = [p for p in unnamed_plans[lo:hi] if p.id not in used]
            chosen = named or unnamed
            plan = chosen[0] if chosen else None
            if plan is not None:
                used.add(plan.id)
            else:
                end = _placement_end(ctx, child, start, following)
                due = ctx.due_date(start.day, rule.limit)
                if end is not None and end.day <= due:
                    continue  # the placement ended before its plan fell due
            finding = judge(ctx, rule, Run(start, plan), rule.limit, child)
            if finding.status == "missed":  # not recorded is not known to be missing: ask for it
                finding.status, finding.severity = "info", "info"
                finding.template = rule.explain.get("not_recorded", finding.template)
            findings.append(_resting_on_inference(ctx, finding, child, start.day))
    return findings


def whereabouts_told(ctx: Context, rule: CheckRule) -> list[Finding]:
    findings = []
    for child in ctx.child_ids:
        starts = placements(ctx, rule, child)
        told_all, _, told_days = ctx.about_child(child, "whereabouts_told")
        withheld_all, _, withheld_days = ctx.about_child(child, "whereabouts_withheld")
        for index, start in enumerate(starts):
            if not rule.in_force_on(start.day) or ctx.as_of_day <= start.day:
                continue
            following = starts[index + 1] if index + 1 < len(starts) else None
            # the answers from the placement's day to the next placement's, by bisection
            told = told_all[bisect_left(told_days, start.day):
                            bisect_right(told_days, following.day) if following else len(told_all)]
            withheld = withheld_all[bisect_left(withheld_days, start.day):
                                    bisect_right(withheld_days, following.day) if following else len(withheld_all)]
            carer = start.get("person") or start.get("with_")
            for person in ctx.pr_holders(child):
                if person == carer:
                    continue
                if any(t.get("person") == person and t.day >= start.day
                       and (following is None or t.day <= following.day) for t in told):
                    continue
                kept = next((w for w in withheld if w.get("person") in (None, person) and w.day >= start.day
                             and (following is None or w.day <= following.day)), None)
                if kept is not None:
                    in_care = bool(ctx.footings_on(child, kept.day) & set(COURT_CARE))
                    # para 15(4): for a child in care the council may withhold it, with reasonable cause
                    findings.append(ctx.finding(
                        rule, "info" if in_care else "concern", events=[start.id, kept.id], children=[child],
                        people=[person], template="withheld_in_care" if in_care else "withheld_section_20",
                        values={"start": long_date(start.day), "person": ctx.name(person),
                                "stopped_at": long_date(kept.day)},
                        cite_day=start.day,
                    ))
                    continue
                findings.append(_resting_on_inference(ctx, ctx.finding(
                    rule, "info", events=[start.id], children=[child], people=[person], template="not_recorded",
                    values={"start": long_date(start.day), "person": ctx.name(person)}, cite_day=start.day,
                ), child, start.day))
    return findings


def kinship_information(ctx: Context, rule: CheckRule) -> list[Finding]:
    findings = []
    given_all = ctx.of_kind("kinship_information_given")
    for event in ctx.matching(rule.starts):
        arranged = event.get("arranged_by") or ("local_authority" if event.by == "local_authority" else None)
        if not rule.in_force_on(event.day) or arranged not in ("local_authority", "court"):
            continue
        carer = event.get("person")
        children = ctx.children_of(event)
        given = [g for g in given_all if g.get("person") in (None, carer)
                 and any(ctx.concerns(g, c) for c in children)]
        values = {"start": long_date(event.day), "person": ctx.name(carer) if carer else "the relative or friend"}
        if not given:
            findings.append(ctx.finding(rule, "info", events=[event.id], children=children, template="not_recorded",
                                        people=[carer] if carer else [], values=values, cite_day=event.day))
            continue
        gaps = []
        if any(g.get("in_writing") is False for g in given) and not any(g.get("in_writing") for g in given):
            gaps.append("it was not given in writing")
        if any(g.get("financial_support") is False for g in given) and not any(g.get("financial_support") for g in given):
            gaps.append("it did not cover financial support")
        if gaps:
            findings.append(ctx.finding(
                rule, "concern", events=[event.id, given[0].id], children=children, people=[carer] if carer else [],
                values={**values, "detail": " and ".join(gaps)}, cite_day=event.day,
            ))
    return findings


# Events that show the council answered a request to accommodate (a decision, or the child looked
# after or protected by another route).
_ANSWERS = ("accommodation_decision", "section_20_started", "looked_after_started", "placement_started",
            "police_protection_started", "epo_granted", "interim_care_order", "care_order", "removed_from_home")


def section_20_duty(ctx: Context, rule: CheckRule) -> list[Finding]:
    findings = []
    for request in ctx.of_kind("accommodation_requested"):
        if not rule.in_force_on(request.day):
            continue
        for child in ctx.children_of(request):
            answer = ctx.first_after(child, request, *_ANSWERS)
            person = request.get("person")
            values = {"start": long_date(request.day), "person": ctx.name(person) if person else "someone",
                      "what": _GROUNDS.get(request.get("ground"), "asked for the child to be accommodated")}
            if answer is None:
                if ctx.as_of_day <= request.day:
                    continue
                findings.append(ctx.finding(rule, "concern", events=[request.id], children=[child],
                                            people=[person] if person else [], values=values, cite_day=request.day))
            elif answer.kind == "accommodation_decision" and answer.get("decision") == "other_help" \
                    and request.get("ground") in ("carer_unable", "no_one_with_pr", "lost_or_abandoned"):
                findings.append(ctx.finding(
                    rule, "concern", events=[request.id, answer.id], children=[child], people=[person] if person else [],
                    template="relabelled", values={**values, "stopped_at": long_date(answer.day)}, cite_day=request.day,
                ))
    return findings


_GROUNDS = {
    "parent_request": "asked the council to accommodate the child",
    "carer_unable": "told the council the child's carer could not care for them",
    "no_one_with_pr": "told the council no one with parental responsibility could care for the child",
    "lost_or_abandoned": "told the council the child was lost or abandoned",
    "child_request": "asked the council for somewhere to live",
}


def consent_capacity(ctx: Context, rule: CheckRule) -> list[Finding]:
    findings = []
    for consent in ctx.of_kind("consent"):
        if (consent.get("activity") != "section_20_accommodation" or consent.get("decision") != "given"
                or not rule.in_force_on(consent.day)):
            continue
        problems = []
        if consent.get("capacity_considered") is False:
            problems.append("no one considered whether the parent had the capacity to agree")
        if consent.get("interpreter_needed") is True and consent.get("interpreter_provided") is False:
            problems.append("the parent needed an interpreter and none was provided")
        if not problems:
            continue
        person = consent.get("person")
        findings.append(ctx.finding(
            rule, "concern", events=[consent.id], children=ctx.children_of(consent), people=[person] if person else [],
            values={"start": long_date(consent.day), "person": ctx.name(person), "detail": "; ".join(problems)},
            cite_day=consent.day,
        ))
    return findings
