"""Reminders: before each date that binds the family, and the day after each council deadline passes.

How "at most once, never lost" holds:

1. ``queue_due_reminders`` (run by the worker every so often) works out, from each case's findings
   judged today, which reminders are due. For each it *claims* the reminder's unique key (a
   ``Reminder`` row) and enqueues the email task **in one transaction**. With the database task
   backend the task is a row too, so either both exist or neither: a crash before the commit leaves
   nothing claimed and the next scan claims it again; after the commit the task is waiting for the
   worker. A second scan finds the key taken and does nothing.
2. ``deliver`` (the task) locks the reminder row, returns at once if it was sent or cancelled,
   judges the case again (no reminder after the matter closed: the response was recorded, the
   family acted, the case was erased), then commits ``send_started_at`` and only then hands the
   email to the mail server, and marks it sent. A delivery that finds ``send_started_at`` set
   without ``sent_at`` belongs to a worker that died mid-send: the email may have left, so it is not
   sent again (at most once; a failure the worker *saw*, such as the mail server refusing, clears
   the mark so the retry sends).
3. A worker killed mid-task (kill -9) leaves its task "running" for ever (django-tasks does not
   retry). The scan re-queues a reminder, under the same key, only when its task is dead: still
   "running" ``LEASE`` after it started (that task row is then marked failed) or failed; never
   while a task for it is waiting or running within its lease, and at most once
   (``MAX_ATTEMPTS``), so a slow queue cannot pile up copies.

Emails say only that a date is near or has passed, and link to the case: no names, no kind of
matter, nothing about the children.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from fairwitness.cases import policy
from fairwitness.cases.models import Case, Membership
from fairwitness.complaints.models import Reminder
from fairwitness.law.dates import long_date
from fairwitness.law.findings import Finding, Report
from fairwitness.ledger.receipts import email_receipt

log = logging.getLogger("fairwitness.complaints.reminders")

LEAD_DAYS = 14  # a family window is reminded about from two weeks before it closes
MISSED_GRACE_DAYS = 7  # a missed council date is reminded about within a week (not years-old history)
LEASE = timedelta(minutes=30)  # a task still running this long after it started is taken as dead
MAX_ATTEMPTS = 2  # the first queueing and one re-queue after a dead worker
WORKER_LOST = "the worker stopped while running this task (lease expired); the reminder was queued again"


@dataclass(frozen=True, slots=True)
class DueReminder:
    check: str
    event_id: str
    due: date
    kind: str

    def key(self, case: Case) -> str:
        raw = f"{case.pk}|{self.check}|{self.event_id}|{self.due.isoformat()}|{self.kind}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _qualifies(f: Finding, today: date, *, for_sending: bool = False) -> str | None:
    """The reminder kind this finding calls for today, if any. When sending, the window in which
    it was due to be queued no longer matters; only that the matter is still open."""
    if f.due is None or not f.events:
        return None
    if f.family_window:
        if f.status == "due" and today <= f.due and (for_sending or f.due - timedelta(days=LEAD_DAYS) <= today):
            return Reminder.WINDOW_CLOSING
        return None
    if f.status == "missed" and f.due < today and (for_sending or today <= f.due + timedelta(days=MISSED_GRACE_DAYS)):
        return Reminder.COUNCIL_MISSED
    return None


def reminders_due(report: Report, today: date) -> list[DueReminder]:
    out: dict[tuple[str, str, date, str], DueReminder] = {}
    for f in report.findings:
        kind = _qualifies(f, today)
        if kind is not None and f.due is not None:
            r = DueReminder(f.check, f.events[0], f.due, kind)
            out[(r.check, r.event_id, r.due, r.kind)] = r  # one per deadline, even when a finding repeats per child
    return list(out.values())


def still_applies(reminder: Reminder, report: Report, today: date) -> bool:
    return any(f.check == reminder.check_id and f.events and f.events[0] == reminder.event_id and f.due == reminder.due
               and _qualifies(f, today, for_sending=True) == reminder.kind for f in report.findings)


def recipients(case: Case) -> list[str]:
    """Everyone who can record on the case (owner and family members): advocates are not emailed."""
    roles = [r for r, perms in policy.ROLE_PERMISSIONS.items() if policy.EDIT_CASE in perms]
    emails = Membership.objects.filter(case=case, role__in=roles, user__is_active=True).values_list("user__email", flat=True)
    return sorted({e for e in emails if e})


def _report(case: Case, today: date) -> Report:
    from fairwitness.cases.law import case_report

    return case_report(case, today)


def _enqueue(reminder: Reminder) -> None:
    from fairwitness.complaints.tasks import send_reminder

    send_reminder.enqueue(reminder.pk)


def claim_and_queue(case: Case, due: DueReminder, now: datetime) -> Reminder | None:
    """Claim the reminder's key and queue its email in one transaction. None if already claimed."""
    key = due.key(case)
    if Reminder.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(key=key, case=case, check_id=due.check, event_id=due.event_id,
                                               due=due.due, kind=due.kind, queued_at=now)
            _enqueue(reminder)
    except IntegrityError:  # another scan claimed it between our look and our insert
        return None
    return reminder


def _task_rows(reminder_ids: list[int]) -> dict[int, list[Any]]:
    """The database backend's waiting or running task rows for these reminders' emails, by reminder id. Empty with any
    other backend (the immediate one runs the task at once, so nothing is ever left running)."""
    if not reminder_ids or "django_tasks_db" not in str(settings.TASKS.get("default", {}).get("BACKEND", "")):
        return {}
    from django_tasks_db.models import DBTaskResult

    from fairwitness.complaints.tasks import send_reminder

    wanted = set(reminder_ids)
    out: dict[int, list[Any]] = {}
    # Only waiting or running rows matter (alive, or to be marked dead); finished ones pile up for ever.
    for row in DBTaskResult.objects.filter(task_path=send_reminder.module_path, status__in=["READY", "RUNNING"]):
        args = (row.args_kwargs or {}).get("args") or [None]
        if args[0] in wanted:
            out.setdefault(args[0], []).append(row)
    return out


def _still_alive(rows: list[Any], now: datetime) -> bool:
    """A task for the reminder is waiting, or running within its lease."""
    return any(r.status == "READY" or (r.status == "RUNNING" and r.started_at and r.started_at >= now - LEASE)
               for r in rows)


def _mark_dead(rows: list[Any], now: datetime) -> None:
    for row in rows:
        if row.status == "RUNNING":
            type(row).objects.filter(pk=row.pk, status="RUNNING").update(
                status="FAILED", finished_at=now, exception_class_path="builtins.TimeoutError", traceback=WORKER_LOST)


def requeue_stale(now: datetime) -> int:
    """Queue again, once and under the same key, the reminders whose task died with its worker."""
    n = 0
    stale = list(Reminder.objects.filter(sent_at__isnull=True, cancelled_at__isnull=True,
                                         queued_at__lt=now - LEASE).values_list("pk", flat=True))
    tasks = _task_rows(stale)
    for pk in stale:
        rows = tasks.get(pk, [])
        if _still_alive(rows, now):
            continue
        with transaction.atomic():
            reminder = Reminder.objects.select_for_update().filter(pk=pk, sent_at__isnull=True,
                                                                   cancelled_at__isnull=True).first()
            if reminder is None or reminder.queued_at >= now - LEASE:
                continue
            _mark_dead(rows, now)
            if reminder.attempts >= MAX_ATTEMPTS:
                continue  # counted in the log below; the tracker still shows it waiting
            reminder.queued_at = now
            reminder.attempts += 1
            reminder.save(update_fields=["queued_at", "attempts"])
            _enqueue(reminder)
            n += 1
    return n


def queue_due_reminders(today: date | None = None, now: datetime | None = None) -> int:
    """One scan over every case. Returns how many reminders were newly queued. Logs counts only."""
    from fairwitness.cases.law import today as uk_today

    today = today or uk_today()
    now = now or timezone.now()
    queued = 0
    for case in Case.objects.filter(erased_at__isnull=True, wrapped_key__isnull=False).order_by("pk"):
        if not recipients(case):
            continue
        try:
            report = _report(case, today)
        except Exception:  # one unreadable case must not stop the others' reminders
            log.exception("reminder scan: case %s could not be judged", case.pk)
            continue
        for due in reminders_due(report, today):
            if claim_and_queue(case, due, now) is not None:
                queued += 1
    requeued = requeue_stale(now)
    if queued or requeued:
        log.info("reminders: %d queued, %d queued again", queued, requeued)
    return queued


# --- sending --------------------------------------------------------------------------------------

def base_url() -> str:
    return str(getattr(settings, "FAIRWITNESS_BASE_URL", "") or "http://127.0.0.1:8000").rstrip("/")


def message_id(reminder: Reminder) -> str:
    return f"<reminder-{reminder.key[:32]}@fairwitness.invalid>"


def build_emails(reminder: Reminder, to: list[str]) -> list[EmailMessage]:
    link = base_url() + reverse("complaints:tracker", args=[reminder.case.public_id])
    when = long_date(reminder.due)
    if reminder.kind == Reminder.WINDOW_CLOSING:
        subject = "Fair Witness: a date on your case is coming up"
        lead = f"A time limit on your case ends on {when}. Sign in to see what it is and what you can do."
    else:
        subject = "Fair Witness: a deadline on your case has passed"
        lead = (f"A deadline on your case was {when} and nothing is recorded by then. "
                "Sign in to see what it was and the next step you can take.")
    body = (f"{lead}\n\n{link}\n\n"
            "This email leaves out the details on purpose, in case someone else reads your email.\n"
            "You get it because you can record on this case at Fair Witness.\n" + email_receipt())
    # One message per person, so family members sharing a case do not see each other's addresses;
    # one Message-ID for the reminder, so a repeat after a crash is recognisably the same message.
    return [EmailMessage(subject, body, to=[address], headers={"Message-ID": message_id(reminder)}) for address in to]


def _mark_sent(reminder: Reminder) -> None:
    reminder.sent_at = timezone.now()
    reminder.save(update_fields=["sent_at"])


def _cancel(reminder: Reminder, why: str) -> None:
    reminder.cancelled_at = timezone.now()
    reminder.cancel_reason = why
    reminder.save(update_fields=["cancelled_at", "cancel_reason"])


def deliver(reminder_id: int, today: date | None = None) -> str:
    """Send one reminder if it is still owed. Safe to run any number of times: it is sent at most once."""
    from fairwitness.cases.law import today as uk_today

    today = today or uk_today()
    with transaction.atomic():
        reminder = Reminder.objects.select_for_update().select_related("case").filter(pk=reminder_id).first()
        if reminder is None:
            return "unknown"
        if reminder.is_finished:
            return "sent already" if reminder.sent_at else "cancelled already"
        if reminder.send_started_at is not None:
            # An earlier worker died after handing the email over (or while doing so): take it as sent.
            reminder.sent_at = reminder.send_started_at
            reminder.save(update_fields=["sent_at"])
            return "sent already"
        case = reminder.case
        if case.is_erased:
            _cancel(reminder, "case erased")
            return "cancelled"
        if not still_applies(reminder, _report(case, today), today):
            _cancel(reminder, "matter closed")
            return "cancelled"
        to = recipients(case)
        if not to:
            _cancel(reminder, "nobody to tell")
            return "cancelled"
        reminder.send_started_at = timezone.now()
        reminder.save(update_fields=["send_started_at"])
    # Committed: from here a crash can never lead to a second send.
    try:
        get_connection().send_messages(build_emails(reminder, to))
    except Exception:
        Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(send_started_at=None)
        raise  # the mail server refused: nothing left, so the re-queue may send
    with transaction.atomic():
        _mark_sent(reminder)
    return "sent"


def reminder_rows(case: Case) -> list[dict[str, Any]]:
    """For the tracker page: reminders already sent or waiting."""
    return [{"due": r.due, "kind": r.get_kind_display(), "sent_at": r.sent_at, "cancelled": bool(r.cancelled_at)}
            for r in Reminder.objects.filter(case=case).order_by("-due")[:20]]
