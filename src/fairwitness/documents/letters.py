"""Letters that write themselves from the case's own facts.

Each kind is one function that reads the case (and the engine's report), says only what the family
recorded or what the law pack holds, cites the law it rests on, and states the date by which it
expects an answer, counted with ``fairwitness.law.calendar``. Where a fact the letter cannot do
without is missing, the draft holds a bracketed prompt (``[Please add: …]``) and a final letter is
refused until the family fills it; where the case cannot support the letter at all, ``LetterError``
says what to record first.

The disclaimer goes in the notes for the family (the draft's cover note), not in the letter: the
letter is the family's own words to the council, and a "not legal advice" line there would only
weaken it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property
from typing import Any

from fairwitness.documents import grounds, law
from fairwitness.documents.describe import MEETING_WORDS, STAGE_WORDS, activity_words, describe, tidy
from fairwitness.documents.model import Letter, LetterError
from fairwitness.documents.wording import (
    child_name,
    humanise,
    join_names,
    long_date,
    person_name,
    prompt,
)
from fairwitness.law.calendar import add_months, gdpr_month_deadline, working_calendar
from fairwitness.law.caseformat import Case, CasePerson
from fairwitness.law.findings import DISCLAIMER, Citation, Finding, Report
from fairwitness.law.packs import load_pack

__all__ = ["KINDS", "ComplaintTopic", "Letter", "LetterError", "build_letter"]

COMPLAINT_EVENT_KINDS = (
    "complaint_made", "complaint_acknowledged", "complaint_extension_notified", "complaint_response",
    "complaint_declined", "review_panel_held", "review_panel_report", "local_authority_final_response",
)
VOLUNTARY_ACTIVITIES = ("assessment", "home_visit", "child_seen_alone", "information_sharing",
                        "medical_records", "drug_or_alcohol_test", "contact_third_party")


def _order(e: Any) -> tuple[date, time]:
    at = e.at
    return (at.date(), at.time()) if isinstance(at, datetime) else (at, time.min)


@dataclass(frozen=True, slots=True)
class ComplaintTopic:
    """A new complaint about one thing the engine found: the check and the events its finding rests
    on (no check: every problem resting on those events, as a window to complain names them). Its
    ``token`` travels in a link ("assessment_timescale:e1,e3")."""

    check: str
    events: tuple[str, ...]

    @property
    def token(self) -> str:
        return f"{self.check}:{','.join(self.events)}"

    @classmethod
    def parse(cls, token: str | None) -> ComplaintTopic | None:
        """The topic a link names; ``None`` for a token that is not one (the caller refuses it)."""
        check, sep, events = (token or "").partition(":")
        ids = tuple(e for e in events.split(",") if e)
        if not sep or not ids or not re.fullmatch(r"[a-z0-9_]*", check) or any(len(e) > 80 for e in ids):
            return None
        return cls(check, ids)

    @classmethod
    def of(cls, finding: Finding) -> ComplaintTopic:
        return cls(finding.check, tuple(finding.events))

    def matches(self, finding: Finding) -> bool:
        if self.check:
            return finding.check == self.check and tuple(finding.events) == self.events
        return finding.is_problem and bool(set(finding.events) & set(self.events))


@dataclass
class _Facts:
    """What every letter builder reads: the case, the report, the sender and the letter's date."""

    case: Case
    report: Report
    today: date
    sender: CasePerson | None
    contact: Mapping[str, str] | None = None  # the sender's address, email and phone, as stored
    council_address: str | None = None  # the council's complaints address, where the family knows it
    to_council: bool = True  # the letter is addressed to the council ("you"), not to the Ombudsman
    topic: ComplaintTopic | None = None  # a new complaint about this finding, not the ones recorded

    @property
    def cal(self) -> Any:
        return working_calendar()

    @property
    def jurisdiction(self) -> str:
        return self.case.jurisdiction or "england"

    def cite(self, fact: str) -> Citation:
        return law.cite(fact, self.jurisdiction)

    def check_cite(self, check: str, on: date | None = None) -> Citation:
        return law.check_citation(check, on or self.today, self.jurisdiction)

    def report_on(self, day: date) -> Report:
        """The engine's report as it stood on ``day``: only what was recorded by then, judged then.
        A letter dated ``day`` says only what was true on it."""
        if day == self.report.as_of_date and all(e.day <= day for e in self.case.events):
            return self.report
        key = day.isoformat()
        if key not in self._reports:
            from fairwitness.law.engine import evaluate

            upto = self.case.model_copy(update={"events": [e for e in self.case.events if e.day <= day]})
            self._reports[key] = evaluate(upto, as_of=day)
        return self._reports[key]

    @cached_property
    def _reports(self) -> dict[str, Report]:
        return {}

    def me(self, person_id: str | None) -> str:
        """"I" for the sender, else the person's name."""
        if self.sender is not None and person_id == self.sender.id:
            return "I"
        return person_name(self.case, person_id)

    def sender_lines(self) -> list[str]:
        """The sender's address, email and phone under their name (prompts for what is missing)."""
        if self.contact is None:
            return []
        c = self.contact
        lines = [line.strip() for line in (c.get("address") or "").splitlines() if line.strip()]
        if not lines:
            lines = [prompt("your postal address")]
        if c.get("email"):
            lines.append(f"Email: {c['email'].strip()}")
        if c.get("phone"):
            lines.append(f"Phone: {c['phone'].strip()}")
        if not c.get("email") and not c.get("phone"):
            lines.append(prompt("your email address or phone number"))
        return lines

    def council_lines(self) -> list[str]:
        return [line.strip() for line in (self.council_address or "").splitlines() if line.strip()]

    def limits(self, check: str) -> tuple[int, int | None]:
        """A check's limit in working days, and the most an extension can take it to, as the rule
        pack says: the letters state the same numbers the engine judges by."""
        rule = law.rule(check, self.jurisdiction)
        assert rule.limit is not None and rule.limit.unit == "working_days", check
        extended = rule.extension.limit if rule.extension and rule.extension.limit else None
        return rule.limit.number, extended.number if extended else None

    @property
    def council(self) -> str:
        return self.case.local_authority or prompt("the council's name")

    @property
    def sender_name(self) -> str:
        if self.sender and self.sender.name:
            return self.sender.name
        return prompt("your name")

    def events(self, kind: str, until: date | None = None, **match: Any) -> list[Any]:
        found = [e for e in self.case.events if e.kind == kind
                 and all(getattr(e, k, None) == v for k, v in match.items())
                 and (until is None or e.day <= until)]
        return sorted(found, key=_order)

    def event(self, event_id: str) -> Any | None:
        return next((e for e in self.case.events if e.id == event_id), None)

    def finding(self, check: str, event_id: str | None = None) -> Finding | None:
        for f in self.report.findings:
            if f.check == check and (event_id is None or event_id in f.events):
                return f
        return None

    def children_names(self, ids: Iterable[str] | None = None) -> str:
        ids = list(ids) if ids is not None else [c.id for c in self.case.children]
        return join_names([child_name(self.case, cid) for cid in ids])

    def pr_children(self) -> list[str]:
        if not self.sender:
            return []
        return [c.id for c in self.case.children if self.sender.has_pr_for(c.id)]

    def standing(self) -> str:
        """Why the sender may use the statutory complaints procedure (s26(3))."""
        pr = self.pr_children()
        if pr:
            return f"I have parental responsibility for {self.children_names(pr)}"
        if self.sender and self.sender.role and any(self.sender.is_named_parent_of(c.id) for c in self.case.children):
            return f"I am the {self.sender.role} of {self.children_names(c.id for c in self.case.children if self.sender.is_named_parent_of(c.id))}"
        return f"I ask you to accept that I have sufficient interest in the welfare of {self.children_names() or prompt('the child’s name')}"

    def dated(self, e: Any) -> str:
        return f"{long_date(e.day)}: {describe(e, self.case)}"

    def skipped_note(self, start: date, end: date, what: str) -> str:
        hols = self.cal.holidays_between(start, end)
        days = "; ".join(f"{h.name} ({long_date(h.day)})" for h in hols)
        return (f"{what}: counted from {long_date(start)} (day 0), skipping weekends"
                + (f" and these bank holidays: {days}" if days else " (no bank holidays fell in between)")
                + f", which gives {long_date(end)}.")


def _answer_to(f: _Facts, request: Any, kind: str, stage: int | None = None) -> Any | None:
    """The first event of ``kind`` answering ``request``: named by ``responds_to``, else the first of
    its kind (and stage) on or after it, as the case format's rule says."""
    candidates = [e for e in f.events(kind) if _order(e) >= _order(request)]
    named = [e for e in candidates if e.responds_to == request.id]
    if named:
        return named[0]
    loose = [e for e in candidates if e.responds_to is None and (stage is None or getattr(e, "stage", None) in (None, stage))]
    return loose[0] if loose else None


def _stage_due(f: _Facts, complaint: Any, stage: int) -> tuple[date, str]:
    """The council's deadline for one stage: the engine's finding when it has one, else counted
    here with the pack's limit and the same calendar (a letter may be drafted before the record
    holds what starts the engine's clock)."""
    check = {1: "complaint_stage1", 2: "complaint_stage2", 3: "complaint_panel"}[stage]
    finding = f.finding(check, complaint.id)
    extended = _answer_to(f, complaint, "complaint_extension_notified", stage)
    limit, longest = f.limits(check)
    if extended is not None and longest is not None:
        limit = longest
    due = f.cal.add_working_days(complaint.day, limit)
    if extended is not None and getattr(extended, "new_due", None) and stage == 2:
        due = min(extended.new_due, due)
    if finding is not None and finding.due is not None:
        due = finding.due
    return due, f"{limit} working days"


def _in_my_words(f: _Facts, e: Any) -> str:
    """An event as the family tells it to the council: what the council did, and what the family
    refused or objected to. A recorded agreement is told as the council relying on it, with what
    was missing, never as a line that reads as agreeing to what is complained of."""
    day = long_date(e.day)
    if e.kind == "consent":
        who = f.me(e.person) or "a parent"
        what = re.sub(r"^an? ", "the ", activity_words(e.activity))
        if e.decision == "given":
            whose = "my" if who == "I" else f"{who}'s"
            missing = []
            if e.informed is False:
                missing.append(f"{'I was' if who == 'I' else who + ' was'} not told {'I' if who == 'I' else 'they'} could refuse")
            if e.in_writing is False:
                missing.append("nothing was put in writing")
            return f"{day}: {'you' if f.to_council else 'the council'} relied on {whose} agreement to {what}" + (f", but {' and '.join(missing)}" if missing else "") + "."
        verb = {"refused": "refused", "withdrawn": "withdrew agreement to"}.get(e.decision, "did not agree to")
        return f"{day}: {who} {verb} {what}."
    if e.kind == "meeting":
        return f"{day}: {MEETING_WORDS.get(e.meeting_type, 'Meeting').lower().replace('(plo)', '(PLO)')}."
    return f.dated(e)


def _answers_to_council(f: _Facts, check: str) -> bool:
    """Whether the council answers for this check (not the police, not the court): only that goes
    into a letter to the council or a summary of a complaint about it."""
    return law.rule(check, f.jurisdiction).actor == "the council"


def _problem_lines(f: _Facts, day: date, *, skip: tuple[str, ...] = ("complaint",),
                   only: Callable[[Finding], bool] | None = None) -> tuple[list[str], list[str]]:
    """What the engine found as it stood on the letter's day ``day``: one line per failure (a duty
    whose date had passed, or a breach or concern), and one per council deadline still running
    ("due by"). A finding made once per child is said once, naming the children. Only what the
    council answers for (``only`` narrows further: one finding's complaint)."""
    report = f.report_on(day)

    def kept(p: Finding) -> bool:
        return not p.check.startswith(skip) and _answers_to_council(f, p.check) and (only is None or only(p))

    problems = [p for p in report.problems() if kept(p)
                and not (p.status == "due" or (p.due is not None and p.due >= day and p.status != "late"))]
    running = [p for p in report.deadlines_ahead() if kept(p)]
    return _lines(f, problems), _lines(f, running, running=True)


def _elsewhere_note(f: _Facts, day: date) -> str | None:
    """What the record shows the police or the court did wrong: not the council's to answer, so
    left out of the letter, and said to the family instead."""
    titles = list(dict.fromkeys(p.title or humanise(p.check) for p in f.report_on(day).problems()
                                if not _answers_to_council(f, p.check)))
    if not titles:
        return None
    return ("Your record also shows problems that were for the police or the court, not the council: "
            + "; ".join(titles) + ". The council's complaints procedure cannot decide these, so they are left out of "
            "this letter: a solicitor or an advice service can tell you where to raise them.")


def _voice(f: _Facts, p: Finding, children: list[str]) -> dict[str, str]:
    """The words of a statement that depend on who writes, to whom, and about whom."""
    me = f.sender.id if f.sender else None
    person_id = next((x for x in p.people if x), None)
    mine = person_id is not None and person_id == me
    named = person_name(f.case, person_id) if person_id else re.sub(r" \([^)]*\)$", "", str(p.values.get("person", "")))
    who = "I" if mine else (named or "a parent")
    kids = [child_name(f.case, c) for c in children]
    child = join_names(kids) or str(p.values.get("child") or "") or "the child"
    return {
        "council": "you" if f.to_council else "the council",
        "council_s": "your" if f.to_council else "the council's",
        "who": who, "who_was": f"{who} was", "who_has": f"{who} {'have' if mine else 'has'}",
        "who_is": f"{who} {'am' if mine else 'is'}", "them": "me" if mine else "them",
        "who_obj": "me" if mine else who,
        "child": child, "child_s": f"{child}'s" if kids else "the child's",
        "child_was": f"{child} {'were' if len(kids) > 1 else 'was'}",
        # Which children a deadline was for, where the family has more than one.
        "for_children": f" for {join_names(kids)}" if kids and len(f.case.children) > 1 else "",
        "child_has": f"{child} {'have' if len(kids) > 1 else 'has'}",
        "person": re.sub(r" \([^)]*\)$", "", str(p.values.get("person", ""))) or named,
    }


def _lines(f: _Facts, findings: list[Finding], running: bool = False) -> list[str]:
    merged: dict[tuple[str, tuple[str, ...]], list[Finding]] = {}
    for p in findings:
        merged.setdefault((p.check, tuple(p.events)), []).append(p)
    lines = []
    for group in merged.values():
        p = group[0]
        children = list(dict.fromkeys(c for g in group for c in g.children))
        cited = law.plain(p.citation)
        if running:  # a date still to come: the family asks the council to keep to it
            said = grounds.running_statement(p, _voice(f, p, children))
            lines.append(f"\u2022 {said.rstrip('.')} ({cited}).")
            continue
        said = grounds.statement(p, law.rule(p.check, f.jurisdiction).on(p.due or f.today).explain,
                                 _voice(f, p, children))
        # The family's own quoted words (what was said to them) are evidence: kept beside the statement.
        quotes = [_in_my_words(f, e) for e in sorted((e for e in (f.event(i) for i in p.events) if e is not None),
                                                    key=_order)]
        quotes = [q for q in quotes if "\u201c" in q]
        lines.append(f"\u2022 {said.rstrip('.')} ({cited})." + (" " + " ".join(quotes) if quotes else ""))
    return lines


def _subject(text: str | None) -> str:
    """The family's own words for what a complaint is about, as a sentence of their own (never
    joined into ours: "My complaint is about The assessment…")."""
    words = (text or "").strip()
    if not words:
        return ""
    words = words[:1].upper() + words[1:]
    return words if words.endswith((".", "!", "?")) else words + "."


# --- the letters -------------------------------------------------------------------------------


def _complaint_stage_1(f: _Facts) -> Letter:
    if f.topic is not None:
        return _new_complaint(f, f.topic)
    recorded = f.events("complaint_made", stage=1)
    complaint = recorded[-1] if recorded else None
    day = complaint.day if complaint else f.today
    ids = complaint.children if complaint and complaint.children else None
    paras = _complaint_opening(f, day, ids)
    if complaint and complaint.subject:
        paras.append(f"In short: {_subject(complaint.subject)}")
    about = [f.event(i) for i in (complaint.about if complaint else [])]
    about = [e for e in about if e is not None and e.day <= day]
    failures, running = _problem_lines(f, day)
    if about:
        paras.append("What happened:")
        paras.extend(f"\u2022 {_in_my_words(f, e)}" for e in sorted(about, key=_order))
    elif failures:
        paras.append("What happened, from my record, and the rule I believe was not followed:")
        paras.extend(failures)
    if running and not about:
        paras.append("These are still within time on the date of this letter, and I ask you to keep to them:")
        paras.extend(running)
    if not (complaint and complaint.subject) and not about and not failures:
        paras.append(prompt("what happened that you are complaining about, with the dates"))
    return _complaint_close(f, day, paras, about, procedure=complaint.procedure if complaint else None)


def _complaint_opening(f: _Facts, day: date, children: list[str] | None) -> list[str]:
    regs = f.check_cite("complaint_stage1", day)
    return [
        f"I am making a complaint about the children's services {f.council} has provided to my family"
        + (f", and in particular to {f.children_names(children)}." if f.case.children else "."),
        f"Please consider it under the statutory children's social care complaints procedure: "
        f"{f.cite('ca1989.s26.3.complaints_procedure')} and the {regs.instrument}. {f.standing()}.",
    ]


def _new_complaint(f: _Facts, topic: ComplaintTopic) -> Letter:
    """A new stage 1 complaint about one finding, dated today: it says what happened, the duty and
    its citation, and leaves every complaint already recorded as it is."""
    day = f.today
    found = [p for p in f.report_on(day).findings if topic.matches(p)]
    failures, _ = _problem_lines(f, day, only=topic.matches)
    if not found or not failures:
        raise LetterError("That finding is not in your record as it stands today (the record may have changed): "
                          "go back to your case page and choose it again, or write a complaint from the letters page.")
    children = list(dict.fromkeys(c for p in found for c in p.children)) or None
    paras = _complaint_opening(f, day, children)
    paras.append("My complaint is about the following, from my record, and the rule I believe was not followed:")
    paras.extend(failures)
    about = sorted((e for e in (f.event(i) for p in found for i in dict.fromkeys(p.events))
                    if e is not None and e.day <= day), key=_order)
    about = list({e.id: e for e in about}.values())
    letter = _complaint_close(f, day, paras, about)
    earlier = f.events("complaint_made", until=day)
    if earlier:
        dates = join_names([long_date(c.day) for c in earlier])
        letter.notes.insert(0, f"This letter starts a new complaint. Your earlier complaint of {dates} stays as it is "
                               "in your record and on your complaints tracker." if len(earlier) == 1 else
                            f"This letter starts a new complaint. Your earlier complaints (of {dates}) stay as they "
                            "are in your record and on your complaints tracker.")
    # What the complaint is about, as its event records it: the first clause of the statement.
    headline = re.split(r"(?<=[:;])\s|(?<=\.)\s(?=[A-Z])|\s\((?=[A-Z][^)]*\)\.$)", failures[0].removeprefix("\u2022 "),
                        maxsplit=1)[0].rstrip(".:;")
    # Kept in the family's record, read by them: "the council", not "you".
    headline = re.sub(r"\byour\b", "the council's", re.sub(r"\byou\b", "the council", headline))
    headline = re.sub(r"^You\b", "The council", headline)
    letter.record = {"subject": headline, "about": [e.id for e in about],
                     **({"children": children} if children else {})}
    return letter


def _complaint_close(f: _Facts, day: date, paras: list[str], about: list[Any], procedure: str | None = None) -> Letter:
    """The stage 1 deadline, the request to acknowledge, and the notes for the family."""
    regs = f.check_cite("complaint_stage1", day)
    limit, longest = f.limits("complaint_stage1")
    due = f.cal.add_working_days(day, limit)
    more = (longest or limit) - limit
    paras.append(
        f"The regulations give you {limit} working days to respond at stage 1, that is by {long_date(due)}."
        + (f" If the complaint is complex you may take up to {more} more working days, but you should tell me if "
           "you need to." if more else "")
    )
    paras.append("Please acknowledge this complaint and tell me who is dealing with it.")
    notes = [f.skipped_note(day, due, f"The {limit} working days")]
    if any(p.check == "complaint_route" for p in f.report.findings) or procedure == "conference":
        notes.append("Complaints about a section 47 enquiry or a child protection conference usually go through the "
                     "conference complaints route rather than this procedure: check the council's published route.")
    window = law.rule("complaint_window", f.jurisdiction)
    months = _months(window.limit)
    old = [e for e in about if months and add_months(e.day, months) < day]
    if old:
        notes.append(f"Some of what you complain about is more than {window.limit.describe() if window.limit else ''} "
                     "old. The council may still consider it if it was not reasonable to complain sooner "
                     f"({law.plain(window.citation_on(day))}).")
    elsewhere = _elsewhere_note(f, day)
    if elsewhere:
        notes.append(elsewhere)
    return Letter("complaint-stage-1", "Complaint under the Children Act 1989 statutory complaints procedure (stage 1)",
                  f"Complaints Manager, Children's Services, {f.council}", f.sender_name, day, paras, due,
                  [f.cite("ca1989.s26.3.complaints_procedure"), regs], notes)


def _gdpr_limits(f: _Facts, check: str) -> tuple[str, str | None]:
    """The pack's time to answer a data protection request, and how much more an extension allows:
    ("1 calendar month", "2 calendar months")."""
    rule = law.rule(check, f.jurisdiction)
    assert rule.limit is not None, check
    longest = rule.extension.limit if rule.extension and rule.extension.limit else None
    extra = None
    if longest is not None and longest.unit == rule.limit.unit and longest.number > rule.limit.number:
        from fairwitness.law.packs import Limit

        extra = Limit(number=longest.number - rule.limit.number, unit=rule.limit.unit).describe()
    return rule.limit.describe(), extra


def _months(limit: Any) -> int | None:
    """A pack limit in calendar months, for a limit counted in months or years."""
    if limit is None:
        return None
    return {"years": 12, "calendar_months": 1, "gdpr_months": 1}.get(limit.unit, 0) * limit.number or None


def _complaint_stage_2(f: _Facts) -> Letter:
    stage1s = f.events("complaint_made", stage=1)
    if not stage1s:
        raise LetterError("A request to move to stage 2 needs the stage 1 complaint in the record: add a "
                          "'complaint_made' event with stage 1 (the date the council received it and what it was about).")
    stage2s = f.events("complaint_made", stage=2)
    day = stage2s[-1].day if stage2s else f.today
    s1 = [c for c in stage1s if c.day <= day][-1] if any(c.day <= day for c in stage1s) else stage1s[-1]
    answer = _answer_to(f, s1, "complaint_response", 1) or _answer_to(f, s1, "complaint_declined", 1)
    due1, limit1 = _stage_due(f, s1, 1)
    paras = [f"On {long_date(s1.day)} I made a complaint to {f.council} at stage 1 of the statutory children's "
             "social care complaints procedure." + (f" In short: {_subject(s1.subject)}" if s1.subject else "")]
    notes = []
    if answer is not None and answer.day <= day:
        if answer.kind == "complaint_declined":
            paras.append(f"On {long_date(answer.day)} you declined to consider it"
                         + (f", saying: {answer.reason}." if answer.reason else ".")
                         + " I do not accept that decision.")
        else:
            outcome = {"upheld": "upheld it", "partly_upheld": "partly upheld it", "not_upheld": "did not uphold it"}
            paras.append(f"You responded on {long_date(answer.day)}"
                         + (f" and {outcome[answer.outcome]}" if answer.outcome in outcome else "") + ".")
            if answer.day > due1:
                paras.append(f"That response was late: it was due by {long_date(due1)} ({limit1}).")
        paras.append("I am not satisfied with the outcome.")
    elif day > due1:
        paras.append(f"Your response was due by {long_date(due1)} ({limit1}). I have not received one.")
    else:
        raise LetterError(f"The council still has until {long_date(due1)} to answer the stage 1 complaint of "
                          f"{long_date(s1.day)}. Record its answer (a 'complaint_response' event, stage 1) or "
                          "write this request after that date.")
    paras.append("I ask for my complaint to be considered at stage 2: an investigation by an investigating officer "
                 f"together with an independent person, as the {f.check_cite('complaint_stage2', day)} requires. "
                 f"{f.standing()}.")
    limit, longest = f.limits("complaint_stage2")
    longest = longest or limit
    due = f.cal.add_working_days(day, limit)
    latest = f.cal.add_working_days(day, longest)
    paras.append(f"The regulations give you {limit} working days from receiving this request to respond, that is by "
                 f"{long_date(due)}. If that is not possible you must write to me explaining why and give a new date, "
                 f"which cannot be later than {longest} working days ({long_date(latest)}).")
    paras.append("Please confirm the date you received this request and who will investigate.")
    notes.append(f.skipped_note(day, due, f"The {limit} working days"))
    return Letter("complaint-stage-2", "Request to move my complaint to stage 2 (investigation)",
                  f"Complaints Manager, Children's Services, {f.council}", f.sender_name, day, paras, due,
                  [f.cite("ca1989.s26.3.complaints_procedure"), f.check_cite("complaint_stage2", day)], notes)


def _review_panel(f: _Facts) -> Letter:
    stage2s = f.events("complaint_made", stage=2)
    if not stage2s:
        raise LetterError("A request for a review panel (stage 3) needs the stage 2 request in the record: add a "
                          "'complaint_made' event with stage 2, and the council's stage 2 response if it came.")
    stage3s = f.events("complaint_made", stage=3)
    day = stage3s[-1].day if stage3s else f.today
    s2 = stage2s[-1]
    answer = _answer_to(f, s2, "complaint_response", 2)
    due2, limit2 = _stage_due(f, s2, 2)
    paras = [f"On {long_date(s2.day)} I asked for my complaint to {f.council} to be investigated at stage 2 of the "
             "statutory children's social care complaints procedure." + (f" In short: {_subject(s2.subject)}" if s2.subject else "")]
    notes = []
    if answer is not None and answer.day <= day:
        outcome = {"upheld": "upheld", "partly_upheld": "partly upheld", "not_upheld": "not upheld"}
        paras.append(f"I received your stage 2 response dated {long_date(answer.day)}"
                     + (f" (complaint {outcome[answer.outcome]})" if answer.outcome in outcome else "")
                     + ". I remain dissatisfied.")
        if answer.day > due2:
            paras.append(f"That response was late: it was due by {long_date(due2)} ({limit2}).")
    elif day > due2:
        paras.append(f"Your stage 2 response was due by {long_date(due2)} ({limit2}). I have not received it.")
        notes.append("Without a stage 2 response the Ombudsman may accept your complaint now rather than after the panel: "
                     "the ombudsman-summary letter can help.")
    else:
        raise LetterError(f"The council still has until {long_date(due2)} to answer the stage 2 request of "
                          f"{long_date(s2.day)}. Record its answer (a 'complaint_response' event, stage 2) or write "
                          "this request after that date.")
    limit, _ = f.limits("complaint_panel")
    due = f.cal.add_working_days(day, limit)
    panel = f.check_cite("complaint_panel", day)
    paras.append(f"I ask for my complaint to be considered by a review panel (stage 3). Under the {panel} the panel must "
                 f"meet within {limit} working days of receiving this request, that is by {long_date(due)}.")
    paras.append("I wish to attend the panel and, as the regulations allow, to bring an advocate or another person "
                 "who may speak for me. Please tell me the date and the names of the panel members.")
    notes.append(f.skipped_note(day, due, f"The {limit} working days"))
    notes.append("A 20-working-day window to ask for a panel after the stage 2 response is often quoted by councils; "
                 "it is not confirmed in the regulations, so ask promptly.")
    return Letter("review-panel", "Request for a complaint review panel (stage 3)",
                  f"Complaints Manager, Children's Services, {f.council}", f.sender_name, day, paras, due,
                  [f.cite("ca1989.s26.3.complaints_procedure"), panel], notes)


def _subject_access(f: _Facts) -> Letter:
    mine = [e for e in f.events("subject_access_request")
            if e.person in (None, f.sender.id if f.sender else None)]
    day = mine[-1].day if mine else f.today
    due = gdpr_month_deadline(day)
    pr = f.pr_children()
    paras = ["Under Article 15 of the UK GDPR I ask for a copy of all the personal data " + f.council
             + " holds about me, including the children's social care records about my family."]
    if pr:
        paras.append(f"I have parental responsibility for {f.children_names(pr)}, and I also ask for the personal data "
                     "you hold about them, as far as the law allows me to receive it on their behalf.")
    paras.append("This includes case notes, assessments, reports, plans, minutes of meetings, emails and other messages, "
                 "and records of information shared with or received from other agencies. Please also tell me the "
                 "purposes of the processing, who the data has been shared with, and where it came from.")
    month, extra = _gdpr_limits(f, "subject_access_response")
    paras.append(f"Please respond without undue delay and at the latest within {month} of receiving this "
                 f"request, that is by {long_date(due)} (Article 12(3))."
                 + (f" If you need to extend this by up to {extra} more, you must tell me so, with your reasons, "
                    "within the first month." if extra else ""))
    paras.append("If you withhold anything under the Data Protection Act 2018 (for example the social work exemptions "
                 "in Schedule 3 Part 3), please tell me what has been withheld and which exemption you rely on: "
                 "they apply to particular information, not to a whole file.")
    notes = [f"One calendar month from {long_date(day)} is {long_date(add_months(day, 1))}; "
             + ("it falls on a working day." if add_months(day, 1) == due else
                f"that is not a working day, so the deadline moves to {long_date(due)}."),
             "There is normally no fee. If the council asks for proof of identity, the month runs from when it gets it."]
    return Letter("subject-access", "Subject access request", f"Data Protection Officer, {f.council}", f.sender_name,
                  day, paras, due, [f.check_cite("subject_access_response", day),
                                    f.cite("dpa2018.sch3.pt3.social_work_exemptions")], notes)


def _evidence_words(f: _Facts, ref: Any) -> str:
    e = f.event(ref) if isinstance(ref, str) else None
    if e is not None:
        return f"my record of {_in_my_words(f, e).rstrip('.')}"
    if isinstance(ref, dict):
        return str(ref.get("title") or ref.get("name") or ref.get("ref") or ref)
    return str(ref)


def _rectification(f: _Facts) -> Letter:
    requests = f.events("rectification_requested")
    day = requests[-1].day if requests else f.today
    disputes = f.events("record_disputed", until=day)
    if not disputes:
        raise LetterError("A rectification request needs at least one disputed statement: record each as a "
                          "'record_disputed' event with the document, the statement quoted and the correction.")
    due = gdpr_month_deadline(day)
    paras = [f"Under Article 16 of the UK GDPR I ask {f.council} to correct the following inaccurate personal data "
             "in its records about my family."]
    for n, d in enumerate(disputes, 1):
        statement = d.statement or prompt("the statement, quoted exactly")
        stop = "" if statement.rstrip().endswith((".", "!", "?")) else "."
        text = (f"{n}. In {d.document or prompt('the document the statement is in, with its date')}, the record says: "
                f"\u201c{statement}\u201d{stop} This is wrong. "
                f"The correct position is: {d.correction or prompt('what is true instead')}")
        text = text.rstrip(".") + "."
        if d.evidence:
            text += " Evidence: " + "; ".join(_evidence_words(f, r) for r in d.evidence) + "."
        paras.append(text)
    paras.append("While you check the accuracy of this data, I ask you to restrict its processing under Article 18(1)(a) "
                 "of the UK GDPR.")
    paras.append("If you decide not to correct any of it, please tell me which and why, add my statement of "
                 "disagreement to the record beside each statement you keep, and tell me how I can complain to the "
                 "Information Commissioner.")
    paras.append(f"Please respond within {_gdpr_limits(f, 'rectification_response')[0]} of receiving this request, "
                 f"that is by {long_date(due)} "
                 "(Article 12(3)).")
    notes = [f"One calendar month from {long_date(day)}, moved to the next working day if it is not one, gives {long_date(due)}.",
             "Opinions recorded as opinions are hard to have 'corrected'; a statement of disagreement beside them is the "
             "usual remedy. Facts (dates, who was present, what was said) can be corrected."]
    return Letter("rectification", "Request to correct my records (rectification)", f"Data Protection Officer, {f.council}",
                  f.sender_name, day, paras, due, [f.check_cite("rectification_response", day),
                                                       f.cite("ukgdpr.art18.restriction_while_contested"),
                                                       f.cite("dpa2018.sch3.pt3.social_work_exemptions")], notes)


def _compulsory_footings(f: _Facts) -> list[tuple[str, str]]:
    """(child's name, the footing's title) for each footing in force on the letter's day on which the
    council acts with powers, not by agreement: the pack's ``compulsory`` list."""
    pack = load_pack(f.jurisdiction)
    out = []
    for interval in f.report.footings:
        if interval.footing in pack.compulsory_footings and interval.holds_on(f.today):
            rule = pack.footings.get(interval.footing)
            out.append((child_name(f.case, interval.child), rule.title if rule else humanise(interval.footing)))
    return out


def _withdraw_consent(f: _Facts) -> Letter:
    blocking = _compulsory_footings(f)
    if blocking:
        said = "; ".join(f"{name}: {title}" for name, title in blocking)
        raise LetterError(f"The record shows involvement that does not rest on agreement on {long_date(f.today)} ({said}). "
                          "Withdrawing agreement under section 17 does not end it: ask a solicitor or an advice service first.")
    me = f.sender.id if f.sender else None
    given = [c for c in f.events("consent", until=f.today, decision="given")
             if c.person == me and c.activity not in ("section_20_accommodation", "plan")]
    day = f.today
    paras = [f"I am writing about {f.council}'s involvement with my family"
             + (f" ({f.children_names()})" if f.case.children else "") + " under section 17 of the Children Act 1989."]
    if given:
        paras.append("I withdraw the agreement I gave to: "
                     + "; ".join(f"{activity_words(c.activity)} ({long_date(c.day)})" for c in given) + ".")
    paras.append("I no longer agree to the local authority's involvement under section 17. Services under Part III of "
                 "the Act are offered, not imposed, and continue only with my agreement. From the date of this letter "
                 "I do not agree to: " + ", ".join(activity_words(a) for a in VOLUNTARY_ACTIVITIES) + ".")
    due = f.cal.add_working_days(day, 10)
    paras.append(f"Please confirm in writing, by {long_date(due)}, that you have recorded my withdrawal, and tell me "
                 "whether you will close the case.")
    notes = [f"{long_date(due)} is a date you ask for (10 working days): no statutory time limit applies to this reply.",
             "Declining services is lawful, but the council may treat it as relevant to risk and could start a "
             "section 47 enquiry if it believes the threshold of significant harm is met."]
    if _open_section_20(f, day):
        notes.append("Your record shows a child accommodated under section 20. To take your child home, use the "
                     "section-20-removal notice: this letter is about section 17 involvement.")
    return Letter("withdraw-consent", "Withdrawal of my agreement to involvement under section 17",
                  f"Team Manager, Children's Services, {f.council}", f.sender_name, day, paras, due,
                  [f.cite("ca1989.s17.voluntary_nature")], notes)


def _threshold_document(f: _Facts) -> Letter:
    day = f.today
    due = gdpr_month_deadline(day)
    referrals = f.events("referral_received", until=day)
    decisions = f.events("referral_decision", until=day)
    assessments = f.events("assessment_started", until=day)
    paras = [f"I ask {f.council} for copies of:",
             "1. the threshold document that the local safeguarding partners publish for this area, setting out the "
             "criteria for action;",
             "2. the local protocol for assessment; and"]
    ask = "3. the record of how those criteria were applied to my family"
    facts = [f.dated(e).rstrip(".") for e in sorted((*referrals, *decisions, *assessments), key=_order)]
    if facts:
        ask += ", including: " + "; ".join(facts)
    paras.append(ask.rstrip(".") + ", and whether you are working with us under section 17 or section 47 of the "
                 "Children Act 1989.")
    paras.append("Items 1 and 2 are published documents under Working Together to Safeguard Children. Item 3 is my "
                 "personal data: please treat it as a subject access request under Article 15 of the UK GDPR and reply "
                 f"within {_gdpr_limits(f, 'subject_access_response')[0]}, that is by {long_date(due)}.")
    notes = ["Working Together asks safeguarding partners to publish these documents; many are on the local "
             "safeguarding partnership's website, so look there too. The paragraph number has not been verified.",
             f"One calendar month from {long_date(day)}, moved to the next working day if needed, gives {long_date(due)}."]
    return Letter("threshold-document", "Request for the threshold document and the local assessment protocol",
                  f"Children's Services, {f.council}", f.sender_name, day, paras, due,
                  [f.cite("wt.local_threshold_document"), f.check_cite("subject_access_response", day)], notes)


def _include_pr_holder(f: _Facts) -> Letter:
    if f.sender is None:
        raise LetterError("This letter is from a parent: add the parent to the case's people and choose them as the sender.")
    pr = f.pr_children()
    parent_of = [c.id for c in f.case.children if f.sender.is_named_parent_of(c.id)]
    if not pr and not parent_of:
        raise LetterError(f"{f.sender_name} is recorded neither as having parental responsibility nor as a parent: record "
                          "their parental responsibility or role (people[].parental_responsibility, people[].role).")
    children = pr or parent_of
    day = f.today
    due = gdpr_month_deadline(day)
    me = f.sender.id
    if pr:
        paras = [f"I have parental responsibility for {f.children_names(pr)}. I ask {f.council} to involve me fully in its "
                 "work with my family, as Working Together to Safeguard Children expects for everyone with parental responsibility."]
        cites = [f.cite("wt.conference.parent_participation"), f.check_cite("subject_access_response", day)]
    else:
        paras = [f"I am the {f.sender.role} of {f.children_names(parent_of)}. I ask {f.council} to involve me in its work "
                 "with my family, as Working Together to Safeguard Children expects for both parents."]
        cites = [f.cite("wt.parents_without_pr.conference_and_assessment"), f.check_cite("subject_access_response", day)]
    missed = [m for m in f.events("meeting", until=day)
              if me not in m.invited and me not in m.attended and not any(x.person == me for x in m.excluded)
              and (not m.children or set(m.children) & set(children))]
    if missed:
        paras.append("I was not invited to: " + "; ".join(
            f"the {MEETING_WORDS.get(m.meeting_type, 'meeting').lower()} on {long_date(m.day)}" for m in missed) + ".")
    plans = [e for k in ("cin_plan_started", "cp_plan_started") for e in f.events(k, until=day)]
    if plans:
        paras.append("I understand from my record: " + " ".join(f.dated(e) for e in sorted(plans, key=_order)))
    paras.append("Please:")
    paras.append("1. record me as a person to be told of, and consulted about, your involvement, and send me your letters;")
    paras.append("2. invite me to every meeting, conference and review about "
                 f"{f.children_names(children)}, and share reports with me before them;")
    paras.append(f"3. send me copies of the current plans and the minutes of the meetings held so far. These are my "
                 f"personal data, so please treat this as a request under Article 15 of the UK GDPR and send them within "
                 f"{_gdpr_limits(f, 'subject_access_response')[0]}, that is by {long_date(due)}.")
    notes = [f"One calendar month from {long_date(day)}, moved to the next working day if needed, gives {long_date(due)}.",
             "The council may exclude someone from a meeting only exceptionally, and should record and explain why."]
    return Letter("include-pr-holder", "Request to be included and sent plans and minutes",
                  f"Team Manager, Children's Services, {f.council}", f.sender_name, day, paras, due, cites, notes)


def _open_section_20(f: _Facts, until: date) -> list[tuple[str, Any]]:
    """(child id, the section_20_started event) for each child still accommodated on ``until``."""
    out = []
    for c in f.case.children:
        started = [e for e in f.events("section_20_started", until=until) if not e.children or c.id in e.children]
        if not started:
            continue
        last = started[-1]
        ended = [e for k in ("section_20_ended", "returned_home") for e in f.events(k, until=until)
                 if (not e.children or c.id in e.children) and _order(e) >= _order(last)]
        if not ended:
            out.append((c.id, last))
    return out


def _section_20_removal(f: _Facts) -> Letter:
    requests = [e for e in f.events("section_20_removal_request")
                if f.sender is None or e.person == f.sender.id]
    day = requests[-1].day if requests else f.today
    accommodated = _open_section_20(f, day)
    if not accommodated:
        raise LetterError("A section 20(8) notice needs the accommodation in the record: add a 'section_20_started' event "
                          "for the child (the date the child was accommodated), with no 'section_20_ended' after it.")
    if f.sender is None:
        raise LetterError("Choose the person with parental responsibility who is sending this notice.")
    mine = [(cid, e) for cid, e in accommodated if f.sender.has_pr_for(cid)]
    if not mine:
        raise LetterError(f"{f.sender_name} is not recorded as having parental responsibility for "
                          f"{f.children_names(cid for cid, _ in accommodated)}. Only a person with parental responsibility "
                          "can remove a child under section 20(8): record it (people[].parental_responsibility).")
    names = f.children_names(cid for cid, _ in mine)
    since = "; ".join(f"{child_name(f.case, cid)} since {long_date(e.day)}" for cid, e in mine)
    paras = [f"I have parental responsibility for {names}, who {'is' if len(mine) == 1 else 'are'} accommodated by "
             f"{f.council} under section 20 of the Children Act 1989 ({since}).",
             f"I do not agree to {names} remaining accommodated. Under section 20(8) I am removing "
             f"{'my child' if len(mine) == 1 else 'my children'} from accommodation, and I ask you to return {names} "
             f"to my care today, {long_date(day)}.",
             "Accommodation under section 20 is voluntary (Williams v London Borough of Hackney [2018] UKSC 37). A person "
             "with parental responsibility may remove the child at any time, and no notice is required. If you believe "
             "it would not be safe to return the child, section 20 does not allow you to keep the child against my wishes: "
             "you would need another lawful basis.",
             "Please contact me today to arrange the return."]
    notes = ["This notice is unequivocal on purpose: in Williams v Hackney, letters that were not a clear request for "
             "immediate return did not end the accommodation.",
             "Exceptions (section 20(9)): the right does not apply while someone named in a child arrangements order as the "
             "person the child lives with, or a special guardian, agrees to the accommodation."]
    for cid, _ in mine:
        child = next(c for c in f.case.children if c.id == cid)
        if child.date_of_birth and add_months(child.date_of_birth, 16 * 12) <= day:
            notes.append(f"{child_name(f.case, cid)} is 16 or over: if they agree to be accommodated, a parent's right to "
                         "remove them does not apply (section 20(11)).")
    return Letter("section-20-removal", "Notice under section 20(8) Children Act 1989: I am removing my child from accommodation",
                  f"Team Manager, Children's Services, {f.council}", f.sender_name, day, paras, day,
                  [f.cite("ca1989.s20.8.removal_any_time"), f.cite("caselaw.williams_v_hackney_2018")], notes)


def _ombudsman_summary(f: _Facts) -> Letter:
    complaints = f.events("complaint_made", until=f.today)
    if not complaints:
        raise LetterError("The Ombudsman normally expects the council's complaints procedure to be used first: record your "
                          "complaint ('complaint_made', stage 1) and the council's responses.")
    day = f.today
    f.to_council = False
    paras = [f"I am complaining about {f.council}" + (f", about its children's services for {f.children_names()}." if f.case.children else ".")]
    subjects = list(dict.fromkeys(_subject(c.subject) for c in complaints if c.subject))
    if subjects:
        paras.append("In short: " + " ".join(subjects))
    paras.append("How the council handled my complaint:")
    handling = sorted((e for k in COMPLAINT_EVENT_KINDS for e in f.events(k, until=day)), key=_order)
    paras.extend(f"\u2022 {f.dated(e)}" for e in handling)
    for c in [c for c in complaints if c.stage in (1, 2)]:
        answer = _answer_to(f, c, "complaint_response", c.stage)
        due, limit = _stage_due(f, c, c.stage)
        if answer is None and day > due:
            paras.append(f"\u2022 The {STAGE_WORDS[c.stage]} response was due by {long_date(due)} ({limit}). None has come.")
        elif answer is not None and answer.day > due:
            paras.append(f"\u2022 The {STAGE_WORDS[c.stage]} response came on {long_date(answer.day)}; it was due by "
                         f"{long_date(due)} ({limit}).")
    failures, running = _problem_lines(f, day, skip=("complaint_stage", "ombudsman", "ico_", "complaint_window"))
    if failures:
        paras.append("What went wrong, from my record:")
        paras.extend(failures)
    if running:
        paras.append("Still within time on the date of this letter:")
        paras.extend(running)
    paras.append("What I would like the Ombudsman to achieve: " + prompt("what would put things right for you and your family"))
    notes = [_ombudsman_window_note(f), "The Ombudsman normally expects the council's procedure to be finished first, "
             "but may accept a complaint early when a council refuses to use the statutory procedure or stalls. The "
             "Ombudsman sets no fixed time to reply."]
    elsewhere = _elsewhere_note(f, day)
    if elsewhere:
        notes.append(elsewhere)
    window_rule = law.rule("ombudsman_window", f.jurisdiction)
    return Letter("ombudsman-summary", f"Summary of my complaint about {f.council}",
                  "Local Government and Social Care Ombudsman", f.sender_name, day, paras, None,
                  [f.cite("lgsco.after_council_process"), law.plain(window_rule.citation_on(day)),
                   f.cite("ca1989.s26.3.complaints_procedure"), f.check_cite("complaint_stage1", day),
                   f.check_cite("complaint_stage2", day)], notes)


def _ombudsman_window_note(f: _Facts) -> str:
    """The Ombudsman's usual time limit exactly as the engine counted it: its own explanation of
    each window (the day the family first had notice, how that day was reached, the limit from
    the pack and the closing date), so the letter never does a sum of its own."""
    windows = [w for w in f.report.findings if w.check == "ombudsman_window" and w.due is not None]
    if not windows:
        return (f"The Ombudsman normally expects a complaint within {law.limit_words('ombudsman_window', f.jurisdiction)} "
                "of when you first knew of the problem. Your record does not yet show when that was: the Ombudsman "
                "will ask.")
    return " ".join(dict.fromkeys(w.explanation for w in sorted(windows, key=lambda w: w.due or date.max)))


KINDS: dict[str, tuple[Callable[[_Facts], Letter], str]] = {
    "complaint-stage-1": (_complaint_stage_1, "A stage 1 complaint under the statutory procedure"),
    "complaint-stage-2": (_complaint_stage_2, "Asking to move a complaint to stage 2"),
    "review-panel": (_review_panel, "Asking for a review panel (stage 3)"),
    "subject-access": (_subject_access, "A subject access request for your records"),
    "rectification": (_rectification, "Asking for wrong statements in the records to be corrected"),
    "withdraw-consent": (_withdraw_consent, "Withdrawing agreement to section 17 involvement"),
    "threshold-document": (_threshold_document, "Asking for the threshold document and assessment protocol"),
    "include-pr-holder": (_include_pr_holder, "A parent asking to be included and sent plans and minutes"),
    "section-20-removal": (_section_20_removal, "Notice that you are taking your child home from section 20"),
    "ombudsman-summary": (_ombudsman_summary, "A summary of your complaint for the Ombudsman"),
}


def default_sender(case: Case, kind: str) -> CasePerson | None:
    """Who the letter is from when nobody is chosen: the person the matter's own events name,
    else the first person with parental responsibility, else the first person."""
    named_by = {
        "complaint-stage-1": ("complaint_made", "by"), "complaint-stage-2": ("complaint_made", "by"),
        "review-panel": ("complaint_made", "by"), "ombudsman-summary": ("complaint_made", "by"),
        "subject-access": ("subject_access_request", "person"),
        "section-20-removal": ("section_20_removal_request", "person"),
        "rectification": ("record_disputed", "by"), "withdraw-consent": ("consent", "person"),
    }.get(kind)
    if named_by:
        for e in sorted((e for e in case.events if e.kind == named_by[0]), key=_order, reverse=True):
            p = case.person(getattr(e, named_by[1], None))
            if p is not None:
                return p
    for p in case.people:
        if any(p.has_pr_for(c.id) for c in case.children):
            return p
    return case.people[0] if case.people else None


def build_letter(kind: str, case: Case, report: Report | None = None, sender_person_id: str | None = None,
                 today: date | None = None, edits: dict[Any, Any] | None = None, *,
                 contact: Mapping[str, str] | None = None, council_address: str | None = None,
                 topic: ComplaintTopic | None = None) -> Letter:
    """Write the letter ``kind`` from the case's facts. Raises ``LetterError`` saying what to record
    when the case cannot support it. ``today`` is the letter's date when no recorded event fixes it
    (default: the report's as-of date, else today). ``contact`` (``address``, ``email``, ``phone``)
    goes under the sender's name, with a prompt for what is missing; ``council_address`` under a
    council recipient. ``topic`` makes a stage 1 complaint a new one about that finding."""
    if kind not in KINDS:
        raise LetterError(f"Unknown letter kind {kind!r}; the kinds are: {', '.join(KINDS)}")
    if report is None:
        from fairwitness.law.engine import evaluate
        report = evaluate(case, today)
    if sender_person_id is not None:
        sender = case.person(sender_person_id)
        if sender is None:
            raise LetterError(f"No person with id {sender_person_id!r} in the case; the people are: "
                              + ", ".join(p.id for p in case.people))
    else:
        sender = default_sender(case, kind)
    facts = _Facts(case, report, today or report.as_of_date, sender, contact, council_address, topic=topic)
    letter = KINDS[kind][0](facts)
    letter.sender_lines = facts.sender_lines()
    if letter.recipient.startswith("Complaints Manager"):  # the complaints address, on complaint letters only
        letter.recipient_lines = facts.council_lines()
    letter.paragraphs = [tidy(p) for p in letter.paragraphs]
    letter.notes.append(DISCLAIMER)
    return letter.with_edits(edits)


def letter_kinds() -> dict[str, str]:
    return {k: v[1] for k, v in KINDS.items()}
