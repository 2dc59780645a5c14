"""Background tasks (django-tasks). With the database backend (``fairwitness worker``) each is a
row the worker picks up; with the immediate backend (the default in development and tests) it runs
at once. The work itself lives in ``reminders`` so it can be tested and re-run directly."""

from __future__ import annotations

from django_tasks import task

from fairwitness.complaints import reminders


@task()
def send_reminder(reminder_id: int) -> str:
    return reminders.deliver(reminder_id)


@task()
def scan_reminders() -> int:
    return reminders.queue_due_reminders()
