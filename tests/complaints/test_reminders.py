"""Reminders through django-tasks' database backend: exactly one per deadline, none after the matter
closes, none lost when the worker dies mid-run; the email says nothing sensitive."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.complaints.conftest import today

pytestmark = pytest.mark.django_db(transaction=True)

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = DB_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FAIRWITNESS_BASE_URL = "https://fairwitness.example"


def run_worker() -> None:
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
           max_tasks=None, worker_id="test-worker", excluded_queue_names=[]).run()


def _sar_day_missed_yesterday() -> date:
    """A request day whose one-month answer fell due 1 to 6 days ago (so 'missed' and recent)."""
    from fairwitness.law.calendar import gdpr_month_deadline

    t = today()
    for back in range(28, 45):
        d = t - timedelta(days=back)
        if t - timedelta(days=6) <= gdpr_month_deadline(d) < t:
            return d
    raise AssertionError("no suitable day")


@pytest.fixture
def owed(make_user):
    """A subject access request whose answer is just overdue (a council deadline passed) and a
    stage 1 complaint answered ten months ago (the Ombudsman's 12 months, the family's window, end
    in about two months: not yet reminded)."""
    from fairwitness.cases import actions

    user = make_user("parent@example.org")
    case = actions.create_case(user, "Zebedee Quill family", "Leeds")
    actions.add_child(case, user, "Zebedee Quill", "2016-01-01")
    actions.add_person(case, user, "Ada Quill", "mother", True, ["c1"])
    actions.record_event(case, user, {"kind": "subject_access_request", "at": _sar_day_missed_yesterday().isoformat(),
                                      "person": "p1"})
    return user, case


def _reminders():
    from fairwitness.complaints.models import Reminder

    return list(Reminder.objects.order_by("pk"))


def test_exactly_one_reminder_per_deadline_over_many_scans(owed):
    from django_tasks_db.models import DBTaskResult

    from fairwitness.complaints.reminders import queue_due_reminders

    assert queue_due_reminders() == 1
    assert queue_due_reminders() == 0  # the key is taken
    assert DBTaskResult.objects.count() == 1  # queued in the same transaction, once
    assert mail.outbox == []  # nothing is sent until the worker runs
    run_worker()
    run_worker()
    assert queue_due_reminders() == 0
    run_worker()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["parent@example.org"]
    assert "deadline on your case has passed" in message.subject
    reminder = _reminders()[0]
    assert reminder.sent_at is not None and reminder.kind == "council_missed" and reminder.check_id == "subject_access_response"
    _, case = owed
    assert f"https://fairwitness.example/cases/{case.public_id}/complaints/" in message.body
    # Nothing sensitive: no names, no council, no kind of matter.
    for secret in ("Zebedee", "Quill", "Ada", "Leeds", "subject access", "records", "child"):
        assert secret.lower() not in (message.subject + message.body).lower()


def test_running_the_task_twice_sends_once(owed):
    from fairwitness.complaints.reminders import deliver, queue_due_reminders

    queue_due_reminders()
    reminder = _reminders()[0]
    assert deliver(reminder.pk) == "sent"
    assert deliver(reminder.pk) == "sent already"
    run_worker()  # the queued task itself: finds it sent
    assert len(mail.outbox) == 1


def test_no_reminder_after_the_matter_closes(owed):
    from fairwitness.cases import actions
    from fairwitness.complaints.reminders import queue_due_reminders

    user, case = owed
    queue_due_reminders()
    # The council's answer arrives (and is recorded) before the worker gets to the email.
    actions.record_event(case, user, {"kind": "subject_access_response", "at": today().isoformat(), "complete": True})
    run_worker()
    assert mail.outbox == []
    reminder = _reminders()[0]
    assert reminder.cancelled_at is not None and reminder.cancel_reason == "matter closed"
    assert queue_due_reminders() == 0  # and the closed matter is not reminded about again
    run_worker()
    assert mail.outbox == []


def test_nothing_is_queued_for_an_erased_case(owed):
    from fairwitness.cases import actions
    from fairwitness.complaints.reminders import queue_due_reminders

    user, case = owed
    actions.erase_case(case, user)
    assert queue_due_reminders() == 0


def test_a_crash_between_claim_and_queue_leaves_nothing_claimed(owed, monkeypatch):
    """The key and the task commit together: if queueing fails, the claim is rolled back and the
    next scan claims it again."""
    from fairwitness.complaints import reminders

    def broken(_):
        raise RuntimeError("the process died while queueing")

    monkeypatch.setattr(reminders, "_enqueue", broken)
    with pytest.raises(RuntimeError):
        reminders.queue_due_reminders()
    assert _reminders() == []
    monkeypatch.undo()
    assert reminders.queue_due_reminders() == 1
    run_worker()
    assert len(mail.outbox) == 1


def test_a_worker_killed_mid_task_loses_nothing(owed):
    """The worker claimed the task and died before sending: the task stays 'running' for ever, so
    the scan queues the reminder again once its lease is over, and it is sent once."""
    from django_tasks_db.models import DBTaskResult

    from fairwitness.complaints.reminders import LEASE, queue_due_reminders

    queue_due_reminders()
    task = DBTaskResult.objects.get()
    task.claim("dead-worker")  # claimed, never finished
    run_worker()
    assert mail.outbox == []
    assert queue_due_reminders() == 0  # within the lease: left alone
    later = timezone.now() + LEASE + timedelta(minutes=1)
    assert queue_due_reminders(now=later) == 0  # nothing new, but the stale one is queued again
    run_worker()
    assert len(mail.outbox) == 1
    reminder = _reminders()[0]
    assert reminder.sent_at is not None and reminder.attempts == 2


def test_a_crash_between_sending_and_marking_does_not_send_again(owed, monkeypatch):
    """Issue 11: the email left but the mark did not commit. The send was recorded as started
    before the email was handed over, so the later delivery takes it as sent: never twice."""
    from fairwitness.complaints import reminders

    reminders.queue_due_reminders()

    def crash(_):
        raise RuntimeError("killed after sending")

    monkeypatch.setattr(reminders, "_mark_sent", crash)
    run_worker()  # the task fails after the send; the mark never commits
    assert len(mail.outbox) == 1
    assert _reminders()[0].sent_at is None
    monkeypatch.undo()
    later = timezone.now() + reminders.LEASE + timedelta(minutes=1)
    reminders.queue_due_reminders(now=later)
    run_worker()
    reminders.queue_due_reminders(now=later + reminders.LEASE * 2)
    run_worker()
    assert len(mail.outbox) == 1
    assert _reminders()[0].sent_at is not None


def _stuck_running(started_ago: timedelta) -> None:
    """As after kill -9: the worker claimed the task and vanished; its row says RUNNING for ever."""
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.get(status="READY")
    task.claim("killed-worker")
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - started_ago)


def test_a_task_stuck_running_is_queued_again_exactly_once_and_sent_once(owed):
    """Issue 11: a reminder whose task was left RUNNING by a killed worker was sent twice after 30
    minutes. The scan re-queues it once under the same key, marks the dead task failed, and the
    email goes once, however many scans follow."""
    from django_tasks_db.models import DBTaskResult

    from fairwitness.complaints import reminders

    assert reminders.queue_due_reminders() == 1
    _stuck_running(reminders.LEASE + timedelta(minutes=1))
    key = _reminders()[0].key
    now = timezone.now()
    assert reminders.requeue_stale(now + reminders.LEASE) == 1
    for later in range(2, 6):  # every later scan, even hours on, leaves it alone
        assert reminders.requeue_stale(now + reminders.LEASE * later) == 0
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 0  # the dead task is marked failed
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker()
    for later in range(2, 6):
        reminders.queue_due_reminders(now=now + reminders.LEASE * later)
        run_worker()
    assert len(mail.outbox) == 1
    reminder = _reminders()[0]
    assert reminder.key == key and reminder.attempts == 2 and reminder.sent_at is not None


def test_a_worker_killed_while_sending_does_not_send_twice(owed, monkeypatch):
    """kill -9 after the email was handed to the mail server and before the mark: the re-queued
    task finds the send started and does not send again."""
    from fairwitness.complaints import reminders

    reminders.queue_due_reminders()

    class Killed(BaseException):  # not an Exception: nothing in the task may tidy up, as with kill -9
        pass

    def killed(_):
        raise Killed

    monkeypatch.setattr(reminders, "_mark_sent", killed)
    with pytest.raises(Killed):
        reminders.deliver(_reminders()[0].pk)
    monkeypatch.undo()
    assert len(mail.outbox) == 1
    _stuck_running(reminders.LEASE + timedelta(minutes=1))
    assert reminders.queue_due_reminders(now=timezone.now() + reminders.LEASE) == 0
    run_worker()
    assert len(mail.outbox) == 1 and _reminders()[0].sent_at is not None


def test_a_task_still_waiting_is_not_queued_again(owed):
    """A slow queue is not a dead worker: a task waiting past the lease is not copied."""
    from django_tasks_db.models import DBTaskResult

    from fairwitness.complaints import reminders

    reminders.queue_due_reminders()
    for later in range(1, 4):
        assert reminders.requeue_stale(timezone.now() + reminders.LEASE * later + timedelta(minutes=1)) == 0
    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert len(mail.outbox) == 1


def test_a_refused_send_is_retried_once(owed, monkeypatch):
    """The mail server refused (the worker saw it): the reminder is sent by the one re-queue."""
    from django.core.mail.backends.locmem import EmailBackend

    from fairwitness.complaints import reminders

    reminders.queue_due_reminders()
    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, m: (_ for _ in ()).throw(OSError("refused")))
    run_worker()
    monkeypatch.undo()
    assert mail.outbox == [] and _reminders()[0].send_started_at is None
    assert reminders.requeue_stale(timezone.now() + reminders.LEASE + timedelta(minutes=1)) == 1
    run_worker()
    assert len(mail.outbox) == 1


def test_family_window_is_reminded_two_weeks_before_it_closes(make_user):
    """A window that binds the family (the ICO's 3 months after a refusal) closing within 14 days."""
    from fairwitness.cases import actions
    from fairwitness.cases.law import case_report
    from fairwitness.complaints.reminders import queue_due_reminders
    from fairwitness.law.calendar import add_months

    user = make_user("w@example.org")
    case = actions.create_case(user, "W family", "Leeds")
    t = today()
    refused = next(t - timedelta(days=n) for n in range(80, 100) if t <= add_months(t - timedelta(days=n), 3) <= t + timedelta(days=10))
    actions.record_event(case, user, {"kind": "rectification_requested", "at": (refused - timedelta(days=10)).isoformat()})
    actions.record_event(case, user, {"kind": "rectification_response", "at": refused.isoformat(), "outcome": "refused"})
    window = next(f for f in case_report(case).findings if f.check == "ico_window")
    assert window.status == "due"
    assert queue_due_reminders() == 1
    run_worker()
    assert len(mail.outbox) == 1 and "coming up" in mail.outbox[0].subject
    assert f"{window.due.day} {window.due:%B %Y}" in mail.outbox[0].body
    assert queue_due_reminders() == 0


def test_the_worker_command_runs_once(owed, monkeypatch):
    from fairwitness.complaints.commands import worker_command

    monkeypatch.setenv("FAIRWITNESS_TASKS_DB", "1")  # restored afterwards: the command sets it for itself
    monkeypatch.setattr("django.core.management.call_command", lambda *a, **k: None)
    worker_command(interval=0, scan_every=0, once=True)
    assert len(mail.outbox) == 1
