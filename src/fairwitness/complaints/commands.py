"""``fairwitness worker``: the background worker for reminders (and any other django-tasks task).

It always uses the database task backend (``django_tasks_db``), whatever the web process uses:
every ``--scan-every`` seconds it queues the reminders that are due (claiming each one's key in the
same transaction as its task), and in between it runs whatever tasks are waiting. Stopping it at
any moment loses nothing: see ``complaints.reminders``. Django is imported inside the command so
``fairwitness check`` stays fast.
"""

from __future__ import annotations

import os
import time

import typer


def worker_command(
    interval: float = typer.Option(5.0, "--interval", help="Seconds between looks for waiting tasks."),
    scan_every: float = typer.Option(900.0, "--scan-every", help="Seconds between scans for reminders that are due."),
    once: bool = typer.Option(False, "--once", help="Scan once, run every waiting task, then stop."),
) -> None:
    """Run the background worker: reminder emails and other queued tasks."""
    os.environ["FAIRWITNESS_TASKS_DB"] = "1"  # read by settings: the worker is the database backend's
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairwitness.web.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils.crypto import get_random_string
    from django_tasks_db.management.commands.db_worker import Worker

    from fairwitness.cases.actions import carry_out_due_erasures
    from fairwitness.complaints.reminders import queue_due_reminders

    call_command("migrate", interactive=False, verbosity=0)
    worker_id = f"fairwitness-{get_random_string(12)}"
    typer.echo(f"Worker {worker_id} running (Ctrl+C stops).", err=True)
    last_scan = 0.0
    try:
        while True:
            if time.monotonic() - last_scan >= scan_every or last_scan == 0.0:
                queued = queue_due_reminders()
                erased = carry_out_due_erasures()  # issue 10: erasures whose cooling-off has ended
                if erased:
                    typer.echo(f"Erased {len(erased)} case(s) whose cooling-off period had ended.", err=True)
                last_scan = time.monotonic()
                if queued:
                    typer.echo(f"Queued {queued} reminder(s).", err=True)
            Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
                   max_tasks=None, worker_id=worker_id, excluded_queue_names=[]).run()
            if once:
                return
            time.sleep(interval)
    except KeyboardInterrupt:
        typer.echo("Worker stopped.", err=True)


def register(app: typer.Typer) -> None:
    app.command("worker")(worker_command)
