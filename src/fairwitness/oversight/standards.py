"""The body's own clocks, counted like the council's: acknowledge within 2 working days, decide
whether to investigate within 10; and how councils keep to the due dates of our requests.

The counting functions return plain numbers with no case content, for the public statistics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet

from fairwitness.law.calendar import working_calendar
from fairwitness.oversight.models import Concern, InformationRequest
from fairwitness.statistics.disclosure import publish_count

ACKNOWLEDGE_WORKING_DAYS = 2
DECIDE_WORKING_DAYS = 10
ANSWER_WORKING_DAYS = 20  # the default due date we give a council for an information request


def _local_date(moment: datetime | None) -> date | None:
    from django.utils import timezone

    return timezone.localtime(moment).date() if moment else None


def acknowledge_by(concern: Concern) -> date:
    return working_calendar().add_working_days(concern.received_on, ACKNOWLEDGE_WORKING_DAYS)


def decide_by(concern: Concern) -> date:
    return working_calendar().add_working_days(concern.received_on, DECIDE_WORKING_DAYS)


def answer_due(sent_on: date, working_days: int = ANSWER_WORKING_DAYS) -> date:
    return working_calendar().add_working_days(sent_on, working_days)


@dataclass(frozen=True)
class Clock:
    """One of our deadlines for one concern, in the words the family and the reviewer read."""

    name: str
    due: date
    done_on: date | None
    today: date

    @property
    def status(self) -> str:
        if self.done_on is not None:
            return "met" if self.done_on <= self.due else "late"
        return "overdue" if self.today > self.due else "due"

    @property
    def working_days_late(self) -> int:
        end = self.done_on or self.today
        return max(0, working_calendar().working_days_between(self.due, end))


def concern_clocks(concern: Concern, today: date) -> list[Clock]:
    return [
        Clock("Acknowledge the request", acknowledge_by(concern), _local_date(concern.acknowledged_at), today),
        Clock("Decide whether to investigate", decide_by(concern), _local_date(concern.decided_at), today),
    ]


def overdue_requests(today: date, local_authority: Any = None) -> QuerySet[InformationRequest]:
    """Council answers past their due date and still missing (live consent or not: the lateness
    is the council's either way). For the reviewer's flags and the public statistics."""
    qs = InformationRequest.objects.filter(answered_on__isnull=True, due_on__lt=today)
    if local_authority is not None:
        qs = qs.filter(local_authority=local_authority)
    return qs


def council_answer_counts(today: date) -> list[dict[str, Any]]:
    """Per council: requests sent, answered on time, answered late, overdue now, open and in time."""
    rows: dict[int, dict[str, Any]] = {}
    for r in InformationRequest.objects.select_related("local_authority"):
        row = rows.setdefault(r.local_authority_id, {"council": r.local_authority.official_name, "sent": 0,
                                                      "on_time": 0, "late": 0, "overdue": 0, "open": 0})
        row["sent"] += 1
        if r.answered_on is not None:
            row["late" if r.answered_on > r.due_on else "on_time"] += 1
        elif today > r.due_on:
            row["overdue"] += 1
        else:
            row["open"] += 1
    return sorted(rows.values(), key=lambda r: r["council"])


def service_standard_counts(today: date) -> dict[str, dict[str, int]]:
    """How the body keeps its own two standards, counted over every concern it has received."""
    out = {"acknowledge": {"met": 0, "late": 0, "overdue": 0, "due": 0},
           "decide": {"met": 0, "late": 0, "overdue": 0, "due": 0}}
    for concern in Concern.objects.filter(Q(withdrawn_at__isnull=True) | Q(acknowledged_at__isnull=False)):
        ack, dec = concern_clocks(concern, today)
        out["acknowledge"][ack.status] += 1
        if concern.withdrawn_at is None or concern.decided_at is not None:
            out["decide"][dec.status] += 1
    return out


def published(counts: dict[str, Any]) -> dict[str, Any]:
    """The counts as the public may see them (``statistics.disclosure``'s rule); words kept as they are."""
    out: dict[str, Any] = {}
    for key, value in counts.items():
        if isinstance(value, dict):
            out[key] = published(value)
        elif isinstance(value, int):
            out[key] = publish_count(value)
        else:
            out[key] = value
    return out
