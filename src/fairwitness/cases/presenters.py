"""How the case's events and the engine's findings are said to a parent: labels, severity in words,
the findings grouped by the harm they describe, the glossary, and "What matters now".

Presentation only. Every status, date, number and citation comes from the engine's findings (the
machine contract) and the rule pack; nothing here decides what the law requires. Findings are read
generically: a check this module has never heard of still gets a group, words and a place.

Other apps import the public names here (``event_label``, ``when_words``, ``describe_event``,
``finding_view``); the case views import them too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from fairwitness.cases import actions
from fairwitness.cases.eventforms import CaseChoices, plain_value, question
from fairwitness.cases.headcache import HeadCache
from fairwitness.cases.journey import option_for_event
from fairwitness.cases.timeline import footing_words
from fairwitness.documents.describe import ACTIVITY_WORDS, AUTHORITY_WORDS, MEETING_WORDS, STAGE_WORDS
from fairwitness.documents.letters import ComplaintTopic
from fairwitness.law.dates import long_date

if TYPE_CHECKING:
    from fairwitness.cases.models import Case, Event
    from fairwitness.law.findings import Finding, Report

__all__ = [
    "GLOSSARY", "HARM_GROUPS", "Priority", "case_choices", "describe_event", "event_label", "finding_view", "grouped_findings",
    "glossary_for", "harm_group", "merge_siblings", "rights_now", "severity_words", "timeline_label", "verification_words", "what_matters_now",
    "when_words",
]


# ---------------------------------------------------------------------------------------------
# dates and events


def when_words(at: Any) -> str:
    text = str(at or "")
    try:
        if len(text) > 10:
            moment = datetime.fromisoformat(text)
            return long_date(moment)
        return long_date(date.fromisoformat(text))
    except ValueError:
        return text


def event_label(data: dict[str, Any]) -> str:
    """A plain one-line name for an event's kind: "A visit to our home", "Core group meeting"."""
    found = option_for_event(data)
    kind = data.get("kind", "")
    text = found[1].label if found else kind.replace("_", " ").capitalize()
    if kind == "meeting" and data.get("meeting_type"):
        text = plain_value("meeting_type", data["meeting_type"])
    if kind == "activity" and found and not found[1].presets and data.get("activity"):
        text = plain_value("activity", data["activity"])
    return text


def _the(activity: str | None) -> str:
    words = ACTIVITY_WORDS.get(activity or "", (activity or "something").replace("_", " "))
    return re.sub(r"^an? ", "the ", words)


def _who(person: Any, people: dict[str, str], default: str = "You") -> str:
    if not person:
        return default
    name = people.get(person, str(person))
    return re.sub(r" \([^)]*\)$", "", name)  # "Sam Carter (mother)" -> "Sam Carter"


def timeline_label(data: dict[str, Any], people: dict[str, str] | None = None) -> str:
    """What happened, specifically, in one line for the chronology: "Sam Carter refused the
    assessment", "Children removed from home with no legal order or agreement recorded", never the
    journey's menu wording ("I agreed, refused or took back my agreement to something")."""
    people = people or {}
    kind = data.get("kind", "")
    if kind == "consent":
        who = _who(data.get("person"), people)
        what = _the(data.get("activity"))
        verb = {"given": "agreed to", "refused": "refused", "withdrawn": "took back agreement to"}.get(
            data.get("decision", ""), "was asked to agree to")
        return f"{who} {verb} {what}"
    if kind == "removed_from_home":
        authority = AUTHORITY_WORDS.get(data.get("authority") or "unknown", "")
        who = _who(data.get("from"), people, default="")
        return f"Children removed from {who + chr(39) + 's' if who else 'their'} care {authority}".strip()
    if kind == "objection":
        to = data.get("to")
        return f"{_who(data.get('person'), people)} objected" + (
            f" to {ACTIVITY_WORDS.get(to, to.replace('_', ' '))}" if to else "")
    if kind == "section_20_removal_request":
        return f"{_who(data.get('person'), people)} asked for the children back from section 20 accommodation"
    if kind == "complaint_made":
        return f"Complaint made at {STAGE_WORDS.get(data.get('stage') or 1, 'stage 1')}"
    if kind == "complaint_response":
        stage = STAGE_WORDS.get(data.get("stage") or 0)
        outcome = {"upheld": ": upheld", "partly_upheld": ": partly upheld", "not_upheld": ": not upheld"}.get(
            data.get("outcome") or "", "")
        return f"The council answered the {stage + ' ' if stage else ''}complaint{outcome}"
    if kind == "meeting":
        words = MEETING_WORDS.get(data.get("meeting_type") or "other", "Meeting")
        return words + (" (someone was kept out)" if data.get("excluded") else "")
    if kind in ("notified", "parents_informed"):
        return f"{_who(data.get('person'), people, default='A parent')} was told children's services were involved"
    if kind == "referral_decision" and data.get("decision"):
        return f"Decision on the referral: {plain_value('decision', data['decision']).lower()}"
    if kind in ("assessment_started", "assessment_completed") and data.get("basis"):
        basis = {"s17": "section 17 (child in need)", "s47": "section 47 (child protection)"}.get(
            data["basis"], data["basis"])
        return f"Assessment {'started' if kind.endswith('started') else 'finished'} under {basis}"
    return event_label(data)


def describe_event(data: dict[str, Any], choices: CaseChoices) -> list[tuple[str, str]]:
    """An event's stored fields as (question, answer) rows in plain words."""
    rows: list[tuple[str, str]] = [("What happened", timeline_label(data, dict(choices.people))),
                                   ("When", when_words(data.get("at")))]
    people = dict(choices.people)
    children = dict(choices.children)
    events = {e: lbl for e, _k, lbl in choices.events}
    kind = data.get("kind", "")
    for key, value in data.items():
        if value == [] and key in ("invited", "attended", "excluded", "reports_shared"):
            # Known to be nobody (the "nobody" box), which is not the same as not recorded.
            label = {"excluded": "Kept out of the meeting", "reports_shared": "Reports sent before the meeting"}.get(
                key) or question(kind, key)[0].replace(" (optional)", "")
            rows.append((label, "Nobody"))
            continue
        if key in ("id", "kind", "at") or value in (None, "", [], {}):
            continue
        label = question(kind, key)[0].replace(" (optional)", "")
        if key == "children":
            text = ", ".join(children.get(c, c) for c in value)
        elif key in ("person", "from", "to", "invited", "attended") and (
                isinstance(value, list) or value in people):
            items = value if isinstance(value, list) else [value]
            text = ", ".join(people.get(p, p) for p in items)
        elif key in ("about", "evidence", "responds_to", "consent") and (isinstance(value, list) or value in events):
            items = value if isinstance(value, list) else [value]
            text = "; ".join(events.get(e, e) for e in items)
        elif key == "by":
            text = people.get(value) or plain_value("by", value)
        elif key == "excluded":
            label = "Kept out of the meeting"
            text = "; ".join(people.get(x.get("person"), x.get("person", "")) + (f" ({x['reason']})" if x.get("reason") else "")
                             for x in value)
        elif key == "reports_shared":
            label = "Reports sent before the meeting"
            text = "; ".join(f"{people.get(x.get('person'), x.get('person', ''))}, {when_words(x.get('at'))}" for x in value)
        elif key == "documents":
            continue
        elif isinstance(value, list):
            text = ", ".join(plain_value(key, v) for v in value)
        elif isinstance(value, dict):
            text = json.dumps(value, ensure_ascii=False)
        else:
            text = plain_value(key, value)
            if key in ("until", "due", "new_due"):
                text = when_words(value)
        rows.append((label, text))
    return rows


# ---------------------------------------------------------------------------------------------
# the case's children, people and events for forms and labels


def _content(event: Event | actions.EventSnapshot) -> dict[str, Any]:
    """An event's fields to read (not to change): a snapshot's shared content needs no copy."""
    return event.content if isinstance(event, actions.EventSnapshot) else event.data


def _event_choice(e: Event | actions.EventSnapshot, people: dict[str, str]) -> tuple[str, str, str]:
    return (e.event_id, e.kind, f"{when_words(e.at)}: {timeline_label(_content(e), people)}")


# Labels for every event of a case, per state of the case: about 25 ms for 1,000 events otherwise.
_event_choices: HeadCache[tuple[tuple[str, str, str], ...]] = HeadCache(size=32)


def case_choices(case: Case, events: list[Event] | list[actions.EventSnapshot] | None = None, *,
                 snapshot: actions.CaseSnapshot | None = None) -> CaseChoices:
    """The case's children, people and events for forms and labels. ``events`` narrows the events
    offered; without it, all of them, from the case's snapshot."""
    children = [(c.child_id, c.name) for c in case.children.all()]
    people_rows = list(case.people.all())
    people = [(p.person_id, f"{p.name} ({p.role})" if p.role else p.name) for p in people_rows]
    pr = [p.person_id for p in people_rows if p.parental_responsibility]
    births = {c.child_id: c.date_of_birth for c in case.children.all() if c.date_of_birth}
    if events is not None:
        ev_choices = [_event_choice(e, dict(people)) for e in events]
    else:
        snap = snapshot or actions.case_snapshot(case)
        ev_choices = list(_event_choices.get_or_build(
            (case.pk, snap.head), lambda: tuple(_event_choice(e, dict(people)) for e in snap.chronological)))
    return CaseChoices(children=children, people=people, pr_people=pr, events=ev_choices, births=births)


# ---------------------------------------------------------------------------------------------
# findings in words


_FORCE_WORDS = {
    "statute": "Breach of an Act of Parliament",
    "regulations": "Breach of regulations",
    "statutory_guidance": "Against statutory guidance",
    "case_law": "Against what the courts have said",
    "local_procedure": "Against the council's own procedure",
    "good_practice": "Against good practice",
    "regulator_policy": "Against a regulator's own policy",
}

# What the line naming a finding's source is called: the law, except where the source is a body's
# own policy (the Information Commissioner's 3 months), which a parent must not take for the law.
_SOURCE_LABELS = {"regulator_policy": "Policy, not law"}


def law_label(finding: Any) -> str:
    """"The law", or "Policy, not law" for a regulator's own expectation."""
    return _SOURCE_LABELS.get(getattr(finding, "legal_force", ""), "The law")


def severity_words(finding: Finding) -> str:
    """The severity in words, so colour is never the only signal: "Breach of regulations",
    "Against statutory guidance", "For information"."""
    if finding.severity == "info" or finding.status == "info":
        return "For information"
    if finding.status == "met":
        return "Done on time"
    if finding.status == "due":
        return "Deadline running"
    words = _FORCE_WORDS.get(finding.legal_force, "Concern")
    if finding.severity == "concern" and words.startswith("Breach of"):
        return "Possible breach of" + words.removeprefix("Breach of")
    return words


STATUS_WORDS = {"met": "On time", "late": "Done late", "missed": "Not done", "due": "Due",
                "breach": "Breach", "concern": "Concern", "info": "For information"}

_VERIFIED_WORDS = {
    "primary": "We checked this against the law itself (the Act, regulations or guidance as published).",
    "partial": "We checked the rule against the law itself, but not the exact paragraph number it is in.",
    "secondary": "We took this from a reliable summary of the law (a government or legal guide). We have not yet "
                 "checked every word against the law itself.",
    "unverified": "We could not check this against the law itself or a reliable summary: treat it with care "
                  "and check it before you rely on it.",
}
_UNVERIFIED_NOTE = re.compile(r"\s*\((?:no )?paragraph(?: number)? not verified\)|\s*\(no paragraph number verified\)",
                              re.IGNORECASE)


def verification_words(verified: str) -> str:
    """How well a point of law was verified, said to a parent."""
    return _VERIFIED_WORDS.get(verified, _VERIFIED_WORDS["unverified"])


def citation_words(citation: Any) -> tuple[str, bool]:
    """The citation without the researchers' "(paragraph not verified)" note, and whether it had one."""
    provision = citation.provision or ""
    cleaned = _UNVERIFIED_NOTE.sub("", provision)
    text = f"{citation.instrument}, {cleaned}" if cleaned else citation.instrument
    return text, cleaned != provision


# Terms of art a parent meets, in plain English. ``match`` finds the term in a finding's words.
@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    words: str
    match: re.Pattern[str]


def _term(slug: str, term: str, words: str, pattern: str) -> Term:
    return Term(slug, term, words, re.compile(pattern, re.IGNORECASE))


GLOSSARY: tuple[Term, ...] = (
    _term("s17", "Section 17 (child in need)",
          "Help the council offers a family because a child needs support. It is voluntary: you can say no, and "
          "the council needs your agreement for assessments, visits and plans.",
          r"section 17|\bs17\b|child in need|\bCIN\b"),
    _term("s20", "Section 20 (accommodation by agreement)",
          "A child looked after by the council with the agreement of everyone with parental responsibility, "
          "without a court order. Anyone with parental responsibility can object, and can take the child home at "
          "any time (section 20(8)).",
          r"section 20|\bs20\b"),
    _term("s47", "Section 47 (child protection enquiry)",
          "An enquiry the council must make when it suspects a child is suffering, or likely to suffer, "
          "significant harm. It can happen without your agreement, but you should be told and involved.",
          r"section 47|\bs47\b"),
    _term("icpc", "ICPC (initial child protection conference)",
          "The first meeting after a section 47 enquiry where professionals and the family decide whether a child "
          "needs a child protection plan. Parents should be invited and helped to take part.",
          r"\bICPC\b|initial child protection conference|child protection conference"),
    _term("core-group", "Core group",
          "The small group of professionals and family members who carry out a child protection plan between "
          "conferences.",
          r"core group"),
    _term("pr", "PR (parental responsibility)",
          "The rights and duties a parent has for a child. Mothers have it automatically; fathers often do; "
          "others can get it through a court. The council must involve everyone who has it.",
          r"parental responsibility|\bPR\b"),
    _term("plo", "PLO (Public Law Outline, pre-proceedings)",
          "The court's rules for care cases. Before going to court the council usually sends a letter before "
          "proceedings and holds a pre-proceedings meeting: you are entitled to free legal advice for it.",
          r"\bPLO\b|public law outline|pre-proceedings|care proceedings"),
    _term("iro", "IRO (independent reviewing officer)",
          "A social worker, independent of the child's case management, who chairs a looked-after child's "
          "reviews and checks the care plan. You can contact the IRO directly.",
          r"\bIRO\b|independent reviewing officer|looked-after review|looked after review"),
)


def terms_in(*texts: str) -> list[Term]:
    joined = " ".join(t for t in texts if t)
    return [t for t in GLOSSARY if t.match.search(joined)]


# ---------------------------------------------------------------------------------------------
# the kind of harm a finding describes

HARM_GROUPS: tuple[tuple[str, str, str], ...] = (
    ("authority", "Done without lawful authority or real agreement",
     "Things done to your family that needed a court order or your free, informed agreement."),
    ("people", "People left out", "People with a right to be told, invited or sent reports who were not."),
    ("deadlines", "Deadlines and duties missed", "Things the council had to do by a date, or had to do at all."),
    ("information", "For information", "Things worth knowing that are not a missed duty."),
)

# The reasoning a check uses (the pack's ``logic``) says what kind of harm its findings describe.
_LOGIC_GROUP = {
    "removal_authority": "authority", "section_20_objection": "authority", "section_20_return_request": "authority",
    "section_20_consent_quality": "authority", "section_20_drift": "authority",
    "connected_person_looked_after": "authority", "voluntary_activity_without_consent": "authority",
    "pressure_on_voluntary_footing": "authority", "escalation_after_refusal": "authority",
    "pr_holder_informed": "people", "not_invited_pr_holder": "people", "not_invited_parent": "people",
    "police_protection_parents_informed": "people", "conference_report_shared": "people",
}


def _logic_of(check: str, jurisdiction: str = "england") -> str:
    try:
        from fairwitness.law.packs import load_pack

        rule = load_pack(jurisdiction).checks.get(check)
    except Exception:  # a pack that does not load is reported by the engine, not by a heading
        return ""
    return rule.logic if rule is not None else ""


def harm_group(finding: Finding, jurisdiction: str = "england") -> str:
    if finding.severity == "info" or finding.status in ("info", "met"):
        return "information"
    logic = _logic_of(finding.check, jurisdiction)
    if logic in _LOGIC_GROUP:
        return _LOGIC_GROUP[logic]
    # A check added since: its logic's name says enough (a new section 20 or consent check is
    # about authority; one about telling or inviting people is about people left out).
    if re.search(r"section_20|consent|authority|voluntary|removal|accommodat", logic + " " + finding.check):
        return "authority"
    if re.search(r"invit|inform|told|shared|participat|whereabouts", logic + " " + finding.check):
        return "people"
    return "deadlines"


def finding_view(finding: Any, choices: CaseChoices, labels: dict[str, str] | None = None,
                 jurisdiction: str = "england") -> dict[str, Any]:
    """One finding ready for the page. ``labels`` (event id to label) saves rebuilding that map."""
    events = labels if labels is not None else {e: lbl for e, _k, lbl in choices.events}
    arithmetic = finding.arithmetic
    arith: dict[str, Any] | None = None
    if arithmetic is not None:
        arith = {
            "start": when_words(arithmetic.start.isoformat() if hasattr(arithmetic.start, "isoformat") else arithmetic.start),
            "limit": arithmetic.limit,
            "skipped": [f"{when_words(s.get('date', ''))}: {s.get('name', '')}" if isinstance(s, dict) else str(s)
                        for s in arithmetic.skipped],
            "stopped_by": events.get(arithmetic.stopped_by or "", arithmetic.stopped_by),
            "stopped_at": when_words(arithmetic.stopped_at.isoformat()) if arithmetic.stopped_at else None,
        }
    title = finding.title or finding.check.replace("_", " ").capitalize()
    citation, _ = citation_words(finding.citation)
    inferred = [(e, events.get(e, e)) for e in (getattr(finding, "inferred_from", None) or [])]
    return {
        "f": finding, "title": title,
        "due": long_date(finding.due) if finding.due else None, "arithmetic": arith,
        "events": [(e, events.get(e, e)) for e in finding.events],
        "status_words": STATUS_WORDS.get(finding.status, finding.status.replace("_", " ").capitalize()),
        "severity_words": severity_words(finding),
        "citation": citation,
        "verified_words": (verification_words(finding.verified) if finding.legal_force != "regulator_policy"
                           else "We checked this against the body's own published policy. It is not the law."),
        "law_label": law_label(finding),
        "terms": terms_in(title, finding.explanation, str(finding.citation)),
        "group": harm_group(finding, jurisdiction),
        "inferred": inferred,
    }


def grouped_findings(views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The problems under the kind of harm they describe, in the order a parent should read them
    (without lawful authority first, then people left out, then deadlines, then information)."""
    out = []
    for key, heading, hint in HARM_GROUPS:
        items = [v for v in views if v["group"] == key]
        if items:
            out.append({"key": key, "heading": heading, "hint": hint, "items": items})
    return out


# ---------------------------------------------------------------------------------------------
# rights and what matters now


def rights_now(timelines: list[Any]) -> list[dict[str, Any]]:
    """The rights for each footing a child is on today (once per footing)."""
    from fairwitness.law.rights import rights_for

    seen: list[str] = []
    for t in timelines:
        for footing in t.current:
            if footing not in seen:
                seen.append(footing)
    out = []
    for footing in seen:
        try:
            r = rights_for(footing)
        except KeyError:
            continue
        out.append({"footing": footing, "label": footing_words(footing), "rights": r,
                    "children": [t.child_name for t in timelines if footing in t.current]})
    return out


@dataclass
class Priority:
    """One thing a parent should know first: what it is, why now, and the step (often a letter)."""

    title: str
    why: str
    step: str
    letter: str | None = None  # a letter kind that does the step
    url: str | None = None  # or somewhere to go
    about: str | None = None  # the finding a new complaint is about (``ComplaintTopic.token``)
    due: date | None = None
    rank: tuple[int, date] = (9, date.max)
    children: list[str] = field(default_factory=list)


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _right_words(footing: str, fact: str, lead: str) -> str:
    """The rights pack's own line for what a parent may do on ``footing`` (the one resting on
    ``fact``), with its citation, after ``lead``."""
    from fairwitness.law.rights import rights_for

    try:
        lines = rights_for(footing).parent_may
    except KeyError:
        return lead
    line = next((x for x in lines if fact in x.facts), None)
    return f"{lead} {line.text} ({line.citation})" if line else lead


def _matter_title(report: Report, matter: Any) -> str:
    """A matter's name without the family's free-text subject (a sentence of their own)."""
    first = next((e for e in report.case.events if matter.events and e.id == matter.events[0]), None)
    if matter.kind.endswith("complaint") and first is not None:
        return f"Your complaint of {long_date(first.day)}: {matter.stage[:1].lower()}{matter.stage[1:]}"
    return str(matter.title)


def what_matters_now(report: Report, timelines: list[Any], matters: list[Any] | None = None,
                     *, limit: int = 3) -> list[Priority]:
    """At most ``limit`` things, chosen by harm and by what the parent can still do: a right they
    can use today (ending section 20 accommodation), a council answer overdue so the next stage is
    open, a window of their own about to close. Each comes with its next step and the letter that
    does it."""
    today = report.as_of_date
    out: list[Priority] = []

    # 1. A right usable today: children accommodated by agreement can be taken home (s20(8)).
    on_s20 = [t.child_name for t in timelines if "section_20" in t.current]
    if on_s20:
        out.append(Priority(
            f"You can end the section 20 accommodation of {_names(on_s20)} today",
            _right_words("section_20", "ca1989.s20.8.removal_any_time",
                         "Accommodation under section 20 rests on your agreement."),
            "Write a clear notice that you are taking your child home", letter="section-20-removal",
            rank=(0, today), children=on_s20))

    # 2. Things done without lawful authority or real agreement that are still going on: the
    # parent can say no to section 17 work today.
    voluntary_only = [t.child_name for t in timelines
                      if t.current and set(t.current) <= {"s17", "cin_plan"} and t.current != ["none"]]
    pressed = [f for f in report.problems() if harm_group(f, report.case.jurisdiction or "england") == "authority"
               and not f.family_window]
    if voluntary_only and pressed:
        out.append(Priority(
            "You can say no to section 17 involvement",
            _right_words("s17", "ca1989.s17.voluntary_nature",
                         "The record shows things done without your real agreement while the council's work rests "
                         "on it."),
            "Write to take back your agreement", letter="withdraw-consent", rank=(2, today), children=voluntary_only))

    # 3. A council answer overdue: the next stage (or the regulator) is open now.
    for m in matters or []:
        if not (m.is_open and m.flagged and m.status == "missed" and m.finding is not None):
            continue
        step = next((s for s in m.next_steps if s.letter or s.url), None)
        if step is None:
            continue
        why = m.finding.explanation
        if m.kind in ("subject_access", "rectification") and step.hint:
            why += " " + step.hint  # whether the Information Commissioner's time is still open, and what is left
        out.append(Priority(
            _matter_title(report, m), why, step.label, letter=step.letter,
            url=step.url if not step.letter else None, due=m.due, rank=(1, m.due or today), about=step.about))

    # 4. A window of the family's own about to close (soonest first).
    windows = [f for f in report.family_windows() if f.status == "due" and f.due and f.due >= today]
    steps = {m.finding.check + "|" + ",".join(m.finding.events): m for m in matters or []
             if m.kind == "window" and m.finding is not None}
    for f in sorted(windows, key=lambda f: f.due or date.max)[:2]:
        m = steps.get(f.check + "|" + ",".join(f.events))
        step = m.next_steps[0] if m and m.next_steps else None
        days = ((f.due or today) - today).days
        out.append(Priority(
            f"{f.title}: closes {long_date(f.due)}", f.explanation,
            step.label if step else "Act before this date", letter=step.letter if step else None,
            url=step.url if step and not step.letter else None, due=f.due,
            rank=(1 if days <= 60 else 3, f.due or today), about=step.about if step else None))

    # 5. The most serious harm in the record, done without lawful authority or real agreement:
    # the parent can complain about it (the complaint letter says how late complaints are treated).
    jurisdiction = report.case.jurisdiction or "england"
    worst = sorted((f for f in report.problems() if harm_group(f, jurisdiction) == "authority"),
                   key=lambda f: f.sort_key)
    if worst:
        f = worst[0]
        names = [c.name or c.id for c in report.case.children if c.id in
                 {c for g in worst if g.check == f.check and g.status == f.status for c in g.children}]
        out.append(Priority(
            f"{f.title}" + (f" ({_names(names)})" if names else ""), f.explanation,
            "Make a complaint about it", letter="complaint-stage-1", rank=(2, today), children=names,
            about=ComplaintTopic.of(f).token))  # a new complaint about this finding, not one already made

    out.sort(key=lambda p: p.rank)
    return out[:limit]


def merge_siblings(views: list[dict[str, Any]], children: dict[str, str]) -> list[dict[str, Any]]:
    """A finding the engine made once per child, for the same events, status and date, is shown
    once, saying which children it concerns."""
    out: list[dict[str, Any]] = []
    index: dict[tuple[Any, ...], dict[str, Any]] = {}
    for v in views:
        f = v["f"]
        key = (f.check, f.status, tuple(f.events), f.due)
        if key in index and f.children:
            index[key]["others"].extend(children.get(c, c) for c in f.children)
            continue
        v = {**v, "others": []}
        index[key] = v
        out.append(v)
    for v in out:
        names = list(dict.fromkeys(v["others"]))
        v["others_sentence"] = (f"The same applies to {_names(names)}" + ("" if names[-1].endswith(".") else ".")
                                if names else "")
    return out


def glossary_for(views: list[dict[str, Any]]) -> list[Term]:
    """Every term of art the page's findings use, and the common ones a parent meets anyway."""
    used = {t.slug for v in views for t in v["terms"]}
    return [t for t in GLOSSARY if t.slug in used] + [t for t in GLOSSARY if t.slug not in used]
