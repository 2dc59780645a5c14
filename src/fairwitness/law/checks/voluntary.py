"""Part III of the Children Act 1989 is voluntary. On a section 17 footing the council needs the
family's agreement for what it does, agreement given under threat is not free, and a refusal is not
by itself a reason to escalate."""

from __future__ import annotations

from datetime import timedelta

from fairwitness.law.caseformat import EventBase
from fairwitness.law.checks.base import Context, long_date
from fairwitness.law.findings import Finding
from fairwitness.law.packs import CheckRule

ACTIVITY_WORDS = {
    "assessment": "an assessment",
    "home_visit": "a home visit",
    "child_seen_alone": "seeing the child alone",
    "information_sharing": "sharing information about the family",
    "medical_records": "getting medical records",
    "drug_or_alcohol_test": "a drug or alcohol test",
    "contact_third_party": "contacting someone else about the family",
}
# Agreement to an assessment covers the visits that are part of it.
COVERED_BY = {"home_visit": ("home_visit", "assessment")}


def _activity_of(event: EventBase) -> str | None:
    if event.kind == "activity":
        return event.get("activity")
    if event.kind == "assessment_started" and event.get("basis") != "s47":
        return "assessment"
    return None


def voluntary_activity_without_consent(ctx: Context, rule: CheckRule) -> list[Finding]:
    """One pass per child through the consents and activities in time order, keeping each PR
    holder's latest decision per activity (a consent dated the same day counts as before)."""
    compulsory = ctx.pack.compulsory_footings
    findings = []
    # Within a day, decisions come before the activities they concern.
    relevant = sorted(ctx.of_kind("consent", "activity", "assessment_started"), key=lambda e: (e.day, e.kind != "consent"))
    for child in ctx.child_ids:
        holders = set(ctx.pr_holders(child))
        powers = [i for i in ctx.footings.get(child, ()) if i.footing in compulsory]
        latest: dict[str, dict[str, EventBase]] = {}  # activity -> person -> decision
        for event in relevant:
            if event.children is not None and child not in event.children:
                continue
            fields = event.__dict__
            if event.kind == "consent":
                person = fields.get("person")
                if person in holders:
                    latest.setdefault(fields.get("activity") or "", {})[person] = event
                continue
            activity = _activity_of(event)
            if activity not in ACTIVITY_WORDS:
                continue
            day = event.day
            if not rule.in_force_on(day) or any(i.holds_on(day) for i in powers):
                continue  # a rule not yet in force, or the council acting under its own powers
            decisions: dict[str, EventBase] = {}
            for covering in COVERED_BY.get(activity, (activity,)):
                for person, decision in latest.get(covering, {}).items():
                    if person not in decisions or decision.day > decisions[person].day:
                        decisions[person] = decision
            refused = [c for c in decisions.values() if c.get("decision") in ("refused", "withdrawn")]
            if refused:
                c = refused[0]
                template = "after_refusal"
                values = {"person": ctx.name(c.get("person")), "stopped_at": long_date(c.day),
                          "what": c.get("decision", "refused")}
                events, people = [event.id, c.id], [c.get("person", "")]
            elif not any(c.get("decision") == "given" for c in decisions.values()):
                # An assessment of unknown basis may have been part of a child protection enquiry,
                # which needs no agreement: asked about, not counted as a concern.
                template = "unknown_basis" if event.kind == "assessment_started" and not event.known("basis") else "no_consent"
                values = {}
                events, people = [event.id], sorted(holders)
            else:
                continue
            values["activity"] = ACTIVITY_WORDS[activity]
            values["start"] = long_date(day)
            status = "info" if template == "unknown_basis" else "concern"
            findings.append(ctx.finding(rule, status, events=events, children=[child], people=people,
                                        values=values, template=template, cite_day=day))
    return findings


def pressure_on_voluntary_footing(ctx: Context, rule: CheckRule) -> list[Finding]:
    voluntary = {name for name, f in ctx.pack.footings.items() if f.voluntary}
    findings = []
    for event in ctx.of_kind("pressure"):
        if not rule.in_force_on(event.day):
            continue
        for child in ctx.children_of(event):
            footings = ctx.footings_on(child, event.day)
            if footings & ctx.pack.compulsory_footings or not (footings & voluntary or not footings):
                continue
            threatened = event.get("threatened")
            findings.append(ctx.finding(
                rule, "concern", events=[event.id], children=[child], people=ctx.person_ids(event),
                values={"start": long_date(event.day), "person": ctx.name(event.get("person")),
                        "what": f" (a threat of {threatened.replace('_', ' ')})" if threatened else ""},
                cite_day=event.day,
            ))
            break
    return findings


def escalation_after_refusal(ctx: Context, rule: CheckRule) -> list[Finding]:
    window = timedelta(days=int(rule.params.get("days", 30)))
    escalations = ctx.matching(rule.starts)
    referrals = ctx.of_kind("referral_received")
    findings = []
    for refusal in ctx.of_kind("consent"):
        if refusal.get("decision") not in ("refused", "withdrawn") or not rule.in_force_on(refusal.day):
            continue
        for child in ctx.children_of(refusal):
            footings = ctx.footings_on(child, refusal.day)
            if footings & ctx.pack.compulsory_footings:
                continue
            step = next((e for e in escalations if ctx.concerns(e, child)
                         and refusal.day <= e.day <= refusal.day + window), None)
            if step is None:
                continue
            if any(refusal.day <= r.day <= step.day and ctx.concerns(r, child) for r in referrals):
                continue
            findings.append(ctx.finding(
                rule, "info", events=[refusal.id, step.id], children=[child], people=ctx.person_ids(refusal),
                values={"start": long_date(refusal.day), "stopped_at": long_date(step.day),
                        "what": step.kind.replace("_", " "), "days": str((step.day - refusal.day).days)},
                cite_day=refusal.day,
            ))
            break
    return findings
