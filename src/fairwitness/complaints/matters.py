"""The open matters on a case, read off the case's own events and the engine's findings.

Nothing here is a second source of truth: a complaint chain is its ``complaint_made`` events, a
request is its ``subject_access_request`` or ``rectification_requested`` event, and every date,
status and explanation is the engine's finding for it. This module only groups them and says, in
plain words, what happens if a date is missed and what the family can do next.

Pure: it takes a law-core ``Report`` (whose ``case`` is the law-core case) and returns dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from fairwitness.documents.letters import ComplaintTopic
from fairwitness.law.caseformat import EventBase
from fairwitness.law.dates import long_date
from fairwitness.law.findings import Finding, Report
from fairwitness.law.packs import load_pack

OMBUDSMAN_URL = "https://www.lgo.org.uk/make-a-complaint"
ICO_URL = "https://ico.org.uk/make-a-complaint/"
SOCIAL_WORK_ENGLAND_URL = "https://www.socialworkengland.org.uk/concerns/raising-a-concern/"

STAGE_NAMES = {1: "Stage 1: local resolution", 2: "Stage 2: investigation", 3: "Stage 3: review panel"}
OPEN_STATUSES = ("due", "missed")


@dataclass(frozen=True, slots=True)
class NextStep:
    """Something the family can do now: write a letter (``letter`` is its kind) or go elsewhere (``url``)."""

    label: str
    hint: str = ""
    letter: str | None = None
    url: str | None = None
    about: str | None = None  # the finding a new complaint is about (``ComplaintTopic.token``)


@dataclass(frozen=True, slots=True)
class StageDate:
    """One council date in a matter's history: each stage keeps its own date, met or missed, after
    the complaint moves on (a missed stage 2 date still matters at the Ombudsman)."""

    label: str  # "Stage 2: investigation: the council's answer"
    finding: Finding

    @property
    def status(self) -> str:
        return self.finding.status

    @property
    def due(self) -> date | None:
        return self.finding.due


@dataclass(slots=True)
class Matter:
    key: str  # stable within the case: the kind and the event that opened it
    kind: str  # complaint | conference_complaint | corporate_complaint | subject_access | rectification | window
    title: str
    stage: str
    finding: Finding | None
    consequence: str  # what happens if the date is missed (or what it means that it was)
    next_steps: list[NextStep] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    is_open: bool = True
    history: list[StageDate] = field(default_factory=list)  # every stage's dates, oldest first

    @property
    def status(self) -> str:
        return self.finding.status if self.finding else "info"

    @property
    def due(self) -> date | None:
        return self.finding.due if self.finding else None

    @property
    def flagged(self) -> bool:
        """A council date passed with nothing recorded: shown in red, first."""
        return self.finding is not None and self.finding.status in ("missed", "late") and not self.finding.family_window


def _finding(report: Report, check: str, event_id: str) -> Finding | None:
    found = [f for f in report.findings if f.check == check and f.events and f.events[0] == event_id]
    return found[0] if found else None


def _events(report: Report, *kinds: str) -> list[EventBase]:
    wanted = set(kinds)
    day = report.as_of_date
    out = [e for e in report.case.events if e.kind in wanted and e.day <= day]
    return sorted(out, key=lambda e: (e.day, str(e.at), e.id))


def _chains(report: Report) -> list[list[EventBase]]:
    """Complaints grouped into chains: a stage 1 complaint starts one; stage 2 and 3 join the latest
    chain begun before them (or start their own when the record has no earlier stage)."""
    chains: list[list[EventBase]] = []
    for c in _events(report, "complaint_made"):
        stage = getattr(c, "stage", 1) or 1
        if stage == 1 or not chains or any((getattr(x, "stage", 1) or 1) >= stage for x in chains[-1]):
            chains.append([c])
        else:
            chains[-1].append(c)
    return chains


def _after(report: Report, kinds: tuple[str, ...], since: EventBase) -> list[EventBase]:
    return [e for e in _events(report, *kinds) if e.day >= since.day]


# The council's dates at each stage, by the check that counts them and what it is in words.
STAGE_CHECKS: dict[int, tuple[tuple[str, str], ...]] = {
    1: (("complaint_stage1", "the council's answer"),),
    2: (("complaint_stage2", "the council's answer"),),
    3: (("complaint_panel", "the panel meets"), ("complaint_panel_report", "the panel's report"),
        ("complaint_final_response", "the council's final response")),
}
_ANSWERS = ("complaint_acknowledged", "complaint_extension_notified", "complaint_response", "complaint_declined",
            "review_panel_held", "review_panel_report", "local_authority_final_response")


def stage_history(report: Report, chain: list[EventBase], until: date | None = None) -> list[StageDate]:
    """Every date of the complaint's stages so far, from the whole chain, not only its latest stage."""
    out: list[StageDate] = []
    for c in chain:
        stage = getattr(c, "stage", 1) or 1
        name = STAGE_NAMES.get(stage, f"Stage {stage}")
        answers = [e for e in _after(report, _ANSWERS, c) if until is None or e.day < until]
        for check, words in STAGE_CHECKS.get(stage, ()):
            for source in (c, *answers):
                found = _finding(report, check, source.id)
                if found is not None:
                    out.append(StageDate(f"{name}: {words}", found))
                    break
    return out


def complaint_matter(report: Report, chain: list[EventBase], until: date | None = None) -> Matter:
    """``until``: the day the next complaint chain began (its answers are not this one's)."""
    first, current = chain[0], chain[-1]
    stage = getattr(current, "stage", 1) or 1
    procedure = getattr(current, "procedure", None)
    route = _finding(report, "complaint_route", first.id) or _finding(report, "complaint_route", current.id)
    key = f"complaint-{first.id}"
    history = stage_history(report, chain, until)
    ids = [c.id for c in chain]
    ids += [e.id for e in _after(report, _ANSWERS, first) if (until is None or e.day < until) and e.id not in ids]
    subject = getattr(first, "subject", None)
    # The family's subject is a sentence of their own: it follows the date, never joined into ours.
    title = f"Your complaint of {long_date(first.day)}" + (f": {subject.strip().rstrip('.')}" if subject else "")

    if procedure == "corporate":
        breach = _finding(report, "statutory_complaint_procedure", current.id)
        return Matter(key, "corporate_complaint", title, "The council's own (corporate) complaints procedure", breach,
                      "Complaints about services to children in need, children in care or section 20 should go "
                      "through the statutory Children Act procedure, which has fixed stages and time limits.",
                      [NextStep("Ask for it to be handled under the statutory procedure", letter="complaint-stage-1",
                                hint="A stage 1 complaint letter citing section 26(3) of the Children Act 1989.")], ids)

    if route is not None and (procedure == "conference" or _finding(report, f"complaint_stage{stage}", current.id) is None):
        return Matter(key, "conference_complaint", title, "The conference complaints route (child protection)", route,
                      "Complaints about a section 47 enquiry or a child protection conference are outside the "
                      "statutory procedure's time limits. Ask the council for its conference complaints process "
                      "in writing, and keep a note of each answer.",
                      [NextStep("Ask for the conference complaints process",
                                hint="Write to the council's complaints manager or the conference chair. Any "
                                     "section 17 or section 20 matters can still go to stage 1.",
                                letter="complaint-stage-1"),
                       NextStep("Raise a concern about a social worker with Social Work England",
                                hint="Only for a social worker's conduct or fitness to practise, not the council's decisions.",
                                url=SOCIAL_WORK_ENGLAND_URL)], ids)

    finding: Finding | None = None
    if stage in (1, 2):
        finding = _finding(report, f"complaint_stage{stage}", current.id)
    else:
        held = _after(report, ("review_panel_held",), current)
        reported = _after(report, ("review_panel_report",), current)
        if reported:
            finding = _finding(report, "complaint_final_response", reported[0].id)
        if finding is None and held:
            finding = _finding(report, "complaint_panel_report", held[0].id)
        if finding is None:
            finding = _finding(report, "complaint_panel", current.id)

    decided = _after(report, ("ombudsman_decision",), current)
    to_ombudsman = _after(report, ("ombudsman_complaint",), current)
    status = finding.status if finding else "info"
    steps: list[NextStep] = []
    if stage == 1:
        consequence = "If the council has not answered by this date, you can ask for stage 2 straight away."
        if status == "missed":
            steps.append(NextStep("Ask for stage 2 now", letter="complaint-stage-2",
                                  hint="The stage 1 answer is overdue, so you do not have to wait any longer."))
        elif status in ("met", "late"):
            steps.append(NextStep("Not satisfied with the answer? Ask for stage 2", letter="complaint-stage-2"))
    elif stage == 2:
        consequence = ("If the council has not answered by this date, you can ask for a review panel or go "
                       "straight to the Local Government and Social Care Ombudsman.")
        if status in ("missed", "met", "late"):
            steps.append(NextStep("Ask for a review panel", letter="review-panel",
                                  hint="Stage 3: an independent panel meets within 30 working days of your request."))
            steps.append(NextStep("Go to the Ombudsman", letter="ombudsman-summary",
                                  hint="A summary of your complaint, its dates and what went wrong, for the Ombudsman."))
    else:
        consequence = "If this date is missed, you can go to the Local Government and Social Care Ombudsman."
        if status in ("missed", "met", "late"):
            steps.append(NextStep("Go to the Ombudsman", letter="ombudsman-summary"))
    if to_ombudsman and not decided:
        steps = [NextStep("Wait for the Ombudsman's decision", hint="You told the Ombudsman on "
                          f"{long_date(to_ombudsman[-1].day)}.")]
    is_open = not decided and not (stage == 3 and status in ("met", "late") and to_ombudsman)
    return Matter(key, "complaint", title, STAGE_NAMES.get(stage, f"Stage {stage}"), finding, consequence, steps,
                  ids + [e.id for e in (*to_ombudsman, *decided)], is_open, history)


def _long(day: date | None) -> str:
    return long_date(day) if day else ""


def ico_steps(report: Report, new_request: NextStep, also: str = "") -> list[NextStep]:
    """What the family can do about a data request the council missed, late answered or refused.
    While the Information Commissioner's usual time is open: complain to it (its time is its own
    policy, not the law). Once it has passed: say so plainly, and offer what still works first, a
    new request, which gives the council a new date to answer by."""
    window = next((f for f in report.findings if f.check == "ico_window"), None)
    rule = load_pack(report.case.jurisdiction or "england").checks["ico_window"]
    limit = rule.limit.describe() if rule.limit else ""
    if window is None or window.status == "due":
        closes = f": by {_long(window.due)}" if window is not None and window.due else ""
        return [NextStep("Complain to the Information Commissioner (ICO)", url=ICO_URL,
                         hint=f"The Information Commissioner normally expects a complaint within {limit} of your last "
                              f"contact with the council{closes}. That is its own policy, not a time limit in law. It "
                              "expects you to have raised it with the council first; keep your letters." + also)]
    return [
        replace(new_request, hint=f"The Information Commissioner's usual {limit} from your last contact with the "
                                  f"council ran out on {_long(window.due)}. That is its own policy, not a time limit "
                                  "in law, but it may now decline your complaint. " + new_request.hint),
        NextStep("Complain to the Information Commissioner (ICO) anyway", url=ICO_URL,
                 hint="Say why you could not complain sooner. It may decline a complaint made after its usual time."),
    ]


def request_matters(report: Report) -> list[Matter]:
    out = []
    for request in _events(report, "subject_access_request"):
        finding = _finding(report, "subject_access_response", request.id)
        answers = _after(report, ("subject_access_response",), request)
        incomplete = any(getattr(a, "complete", True) is False for a in answers)
        status = finding.status if finding else "info"
        steps = []
        if status in ("missed", "late") or incomplete:
            steps.extend(ico_steps(report, NextStep(
                "Ask the council again: make a new request", letter="subject-access",
                hint="A new request gives the council a new date to answer by; if it misses that, you can go to the "
                     "Information Commissioner from then.")))
        out.append(Matter(f"sar-{request.id}", "subject_access", "Your request for a copy of your records "
                          f"of {long_date(request.day)}", "Subject access request", finding,
                          "If the council has not answered in full by this date, you can complain to the "
                          "Information Commissioner.", steps, [request.id, *(a.id for a in answers)],
                          status in OPEN_STATUSES or incomplete))
    for request in _events(report, "rectification_requested"):
        finding = _finding(report, "rectification_response", request.id)
        answers = _after(report, ("rectification_response",), request)
        refused = any(getattr(a, "outcome", None) == "refused" for a in answers)
        status = finding.status if finding else "info"
        steps = []
        if status in ("missed", "late") or refused:
            steps.extend(ico_steps(report, NextStep(
                "Ask the council again: make a new request to correct your records", letter="rectification",
                hint="A new request gives the council a new date to answer by; if it misses that, you can go to the "
                     "Information Commissioner from then."),
                also=" For a refusal, ask the council to add your statement of disagreement too."))
        out.append(Matter(f"rectification-{request.id}", "rectification", "Your request to correct your records "
                          f"of {long_date(request.day)}", "Rectification request", finding,
                          "If the council has not answered by this date, you can complain to the Information "
                          "Commissioner.", steps, [request.id, *(a.id for a in answers)],
                          status in OPEN_STATUSES or refused))
    return out


WINDOW_STEPS = {
    "complaint_window": (NextStep("Make a complaint", letter="complaint-stage-1"),
                         "After this date the council may refuse to consider a complaint, unless it would be "
                         "unreasonable to expect you to have complained in time."),
    "ombudsman_window": (NextStep("Go to the Ombudsman", letter="ombudsman-summary", url=OMBUDSMAN_URL),
                         "After this date the Ombudsman may decline to look at it unless there is a good reason "
                         "for the delay."),
    "ico_window": (NextStep("Complain to the Information Commissioner (ICO)", url=ICO_URL),
                   "After this date the Information Commissioner may decline to look at it."),
}


def window_matters(report: Report) -> list[Matter]:
    out = []
    for f in report.family_windows():
        if f.status != "due":
            continue
        step, consequence = WINDOW_STEPS.get(f.check, (None, "After this date it may be harder to take this further."))
        if step is not None and step.letter == "complaint-stage-1" and f.events:
            # A new complaint about what this window is for, never a reprint of one already made.
            step = replace(step, about=ComplaintTopic("", tuple(f.events)).token)
        out.append(Matter(f"window-{f.check}-{f.events[0] if f.events else ''}", "window", f.title, "A time limit for you",
                          f, consequence, [step] if step else [], list(f.events)))
    return out


def case_matters(report: Report) -> list[Matter]:
    """Every matter on the case: complaints, requests, then the family's own windows. Open ones
    first, and among them the council's missed dates first."""
    chains = _chains(report)
    starts: list[date | None] = [*(chain[0].day for chain in chains[1:]), None][:len(chains)]
    matters = [complaint_matter(report, chain, until) for chain, until in zip(chains, starts, strict=True)]
    matters += request_matters(report)
    matters += window_matters(report)
    return sorted(matters, key=lambda m: (not m.is_open, not m.flagged, m.kind == "window", m.due or date.max))


def open_matters(report: Report) -> list[Matter]:
    return [m for m in case_matters(report) if m.is_open]
