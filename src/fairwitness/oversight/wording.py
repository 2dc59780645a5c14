"""What the family reads: the state of their concern and each step, in plain English with dates
(the way Alaveteli tells a requester where a request stands)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from fairwitness.documents.wording import long_date
from fairwitness.oversight import standards
from fairwitness.oversight.models import Concern, Recommendation

OUTCOME_WORDS = {"upheld": "upheld", "partly_upheld": "partly upheld", "not_upheld": "not upheld",
                 "cannot_say": "we cannot say"}
URGENCY_WORDS = {"urgent": "Urgent", "soon": "Soon", "when_possible": "When you can"}
SERIOUS_WORDS = {
    "removal_authority": "A child removed without lawful authority",
    "police_protection_limit": "Police protection past its 72-hour limit",
    "epo_limit": "An emergency protection order past its limit",
}


def state(concern: Concern, today: date) -> tuple[str, str]:
    """(a short state, a GOV.UK tag colour)."""
    if concern.withdrawn_at:
        return "Withdrawn by you", "grey"
    if concern.closed_at and concern.decision == "not_investigate":
        return "Closed: we decided not to investigate", "grey"
    if concern.closed_at:
        return "Closed", "green"
    if concern.outcome_issued_at:
        return "Outcome sent: following up recommendations", "turquoise"
    if concern.decision == "investigate":
        open_requests = [r for r in concern.information_requests.all() if r.answered_on is None]
        if any(r.is_overdue(today) for r in open_requests):
            return "Being investigated: the council's answer is overdue", "red"
        if open_requests:
            return "Being investigated: waiting for the council's answer", "yellow"
        return "Being investigated", "blue"
    if concern.acknowledged_at:
        return "Acknowledged: we are deciding whether to investigate", "light-blue"
    return "Received: waiting for us to acknowledge it", "purple"


@dataclass(frozen=True)
class Step:
    text: str
    done: bool
    late: bool = False


def _late(days: int) -> str:
    return f" That was {days} working day{'s' if days != 1 else ''} late." if days else ""


def steps(concern: Concern, today: date) -> list[Step]:
    """Every step so far and the next ones due, each a sentence with its date."""
    out: list[Step] = [Step(f"You shared your case with us on {long_date(concern.received_on)}.", True)]
    ack, dec = standards.concern_clocks(concern, today)
    if ack.done_on:
        out.append(Step(f"We acknowledged it on {long_date(ack.done_on)}. We promise to do this within "
                        f"{standards.ACKNOWLEDGE_WORKING_DAYS} working days.{_late(ack.working_days_late)}", True,
                        ack.status == "late"))
    elif not concern.withdrawn_at:
        out.append(Step(f"We will acknowledge it by {long_date(ack.due)}."
                        + (" This is overdue: we are sorry." if ack.status == "overdue" else ""), False,
                        ack.status == "overdue"))
    if dec.done_on:
        verb = "investigate" if concern.decision == "investigate" else "not investigate"
        out.append(Step(f"On {long_date(dec.done_on)} we decided to {verb}. Why: {concern.decision_reason}"
                        f"{_late(dec.working_days_late)}", True, dec.status == "late"))
    elif not concern.withdrawn_at:
        out.append(Step(f"We will decide whether to investigate by {long_date(dec.due)}."
                        + (" This is overdue: we are sorry." if dec.status == "overdue" else ""), False,
                        dec.status == "overdue"))
    for issue in concern.issues.all():
        text = f"Issue {issue.number}: {issue.title}"
        if issue.outcome:
            text += f" Our finding: {OUTCOME_WORDS[issue.outcome]}. {issue.reasons}"
            out.append(Step(text, True))
        else:
            out.append(Step(text + " We have not reached a finding on this yet.", False))
    for req in concern.information_requests.select_related("local_authority"):
        council = req.local_authority.official_name
        text = f"On {long_date(req.sent_on)} we asked {council} for information. They must answer by {long_date(req.due_on)}."
        if req.more_time_asked_at and req.more_time_granted:
            text += f" They asked for more time and we agreed to {long_date(req.due_on)}."
        if req.answered_on:
            late_days = max(0, standards.working_calendar().working_days_between(req.due_on, req.answered_on))
            text += f" They answered on {long_date(req.answered_on)}." + (
                f" That was {late_days} working day{'s' if late_days != 1 else ''} late." if req.answered_late else "")
            out.append(Step(text, True, req.answered_late))
        else:
            overdue = req.is_overdue(today)
            out.append(Step(text + (" They have not answered and it is overdue." if overdue else ""), False, overdue))
    for rec in Recommendation.objects.filter(issue__concern=concern).select_related("issue"):
        text = f"Recommendation {rec.number}: {rec.text} Due by {long_date(rec.due_on)}."
        if rec.remedy:
            text += f" Remedy: {rec.remedy}"
        if rec.complied_on:
            out.append(Step(text + f" The council did this on {long_date(rec.complied_on)}.", True,
                            rec.complied_on > rec.due_on))
        else:
            out.append(Step(text + (" It is overdue." if today > rec.due_on else ""), False, today > rec.due_on))
    if concern.outcome_issued_at:
        out.append(Step(f"We sent our outcome letter on {long_date(timezone.localtime(concern.outcome_issued_at).date())}.", True))
    for ref in concern.referrals.all():
        out.append(Step(f"We referred your case to the {ref.get_body_display()} on "
                        f"{long_date(timezone.localtime(ref.made_at).date())}: {ref.reason}", True))
    if concern.withdrawn_at:
        out.append(Step(f"You withdrew your consent on {long_date(timezone.localtime(concern.withdrawn_at).date())}. "
                        "Nobody at Fair Witness or the council can see your record through this request any more.", True))
    return out


# --- what the body's staff read: every deadline of a concern at a glance -----------------------

STATUS_COLOURS = {"Met": "green", "Due": "blue", "Late": "orange", "Overdue": "red"}


@dataclass(frozen=True)
class Deadline:
    """One date someone must meet on a concern: ours (acknowledge, decide), the council's answer
    to a request, or a recommendation. ``status`` is Met, Due, Late or Overdue."""

    what: str
    due: date
    status: str
    working_days_late: int = 0

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]

    @property
    def status_words(self) -> str:
        if self.status in ("Overdue", "Late") and self.working_days_late:
            days = self.working_days_late
            return f"{self.status} by {days} working day{'s' if days != 1 else ''}"
        return self.status

    @property
    def missed(self) -> bool:
        return self.status == "Overdue"


def _status(due: date, done_on: date | None, today: date) -> tuple[str, int]:
    # ``standards.Clock`` already counts met/late/overdue/due and the working days late (0 when met or due).
    clock = standards.Clock("", due, done_on, today)
    return clock.status.capitalize(), clock.working_days_late


def deadlines(concern: Concern, today: date, *, open_only: bool = False) -> list[Deadline]:
    """Our two promises, each council answer and each recommendation, in date order. With
    ``open_only``, only what is still to be done (for the queue)."""
    ack, dec = standards.concern_clocks(concern, today)
    items = [("Acknowledge", ack.due, ack.done_on), ("Decide whether to investigate", dec.due, dec.done_on)]
    if concern.decision == "not_investigate" or concern.withdrawn_at:
        items = [item for item in items if item[2] is not None]
    for req in concern.information_requests.all():
        items.append((f"{req.local_authority.official_name} to answer request {req.number}", req.due_on, req.answered_on))
    for issue in concern.issues.all():
        for rec in issue.recommendations.all():
            items.append((f"Council to carry out recommendation {rec.number}", rec.due_on, rec.complied_on))
    out = []
    for what, due, done_on in items:
        if open_only and done_on is not None:
            continue
        status, late = _status(due, done_on, today)
        out.append(Deadline(what, due, status, late))
    return sorted(out, key=lambda d: d.due)


OVERDUE_WORDS = {"Acknowledge": "Acknowledgement overdue", "Decide whether to investigate": "Decision overdue"}


def overdue_flags(concern: Concern, today: date) -> list[str]:
    """Short flags for the queue: what on this concern is past its date and still not done."""
    flags = []
    for d in deadlines(concern, today, open_only=True):
        if not d.missed:
            continue
        if d.what in OVERDUE_WORDS:
            flags.append(OVERDUE_WORDS[d.what])
        elif d.what.startswith("Council to carry out"):
            flags.append("Recommendation overdue")
        else:
            flags.append("Council answer overdue")
    return list(dict.fromkeys(flags))


def request_deadline(req: Any, today: date) -> Deadline:
    """The council's date to answer one request, with how late it is (or was)."""
    status, late = _status(req.due_on, req.answered_on, today)
    return Deadline(f"{req.local_authority.official_name} to answer request {req.number}", req.due_on, status, late)


def our_deadlines(concern: Concern, today: date) -> list[Deadline]:
    """Our two promises on one concern, met, late, due or overdue."""
    return [Deadline(clock.name, clock.due, clock.status.capitalize(), clock.working_days_late)
            for clock in standards.concern_clocks(concern, today)]


def allowed_actions(concern: Concern) -> frozenset[str]:
    """The body's actions the workflow table allows from where the concern stands now, so a page
    offers only what can be done (who may is still checked by ``permissions`` and ``actions``)."""
    from fairwitness.oversight.models import BODY, WORKFLOW

    return frozenset(action for action, (starts, _target, who) in WORKFLOW.items()
                     if who == BODY and concern.status in starts)
