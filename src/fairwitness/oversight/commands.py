"""CLI for the oversight body: ``fairwitness oversight demo-code EMAIL`` (demo mode only) and
``fairwitness oversight overdue`` (council answers past their due date, counted per council).

Both run as the documentation shows them, with no environment to set: the settings module defaults
as for every other command, and demo-code turns on demo mode itself (as ``fairwitness demo`` does),
refusing only in production."""

from __future__ import annotations

import os

import typer


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").lower() in {"1", "true", "yes", "on"}


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(2)


def _database_ready() -> None:
    """Say how to set the database up rather than print a traceback."""
    from django.db import DatabaseError, connection

    try:
        tables = set(connection.introspection.table_names())
    except DatabaseError as exc:
        _fail(f"Cannot open the database ({exc.__class__.__name__}). Check DATABASE_URL.")
        return
    if "oversight_staffrole" not in tables:
        _fail("The database is not set up yet: run `fairwitness demo` (or `fairwitness manage migrate`) first.")


def register(app: typer.Typer) -> None:
    oversight = typer.Typer(help="The independent oversight body.", no_args_is_help=True)

    @oversight.command("demo-code")
    def demo_code_command(email: str) -> None:
        """Print the current sign-in code of a demo staff user (refused in production)."""
        from fairwitness.cases.commands import _django

        if _truthy("FAIRWITNESS_PRODUCTION"):
            _fail("Demo codes are refused in production (FAIRWITNESS_PRODUCTION is set).")
        os.environ["FAIRWITNESS_DEMO"] = "1"
        _django()
        from fairwitness.oversight.demo import STAFF, demo_code

        staff = {e: (name, council) for e, name, _role, council in STAFF}
        if email.strip().lower() not in staff:
            _fail(f"{email} is not a demo staff user. The demo staff are: {', '.join(staff)}.")
        typer.echo(demo_code(email.strip().lower()))

    @oversight.command("overdue")
    def overdue_command() -> None:
        """Council answers to information requests, per council: on time, late, overdue now."""
        from fairwitness.cases.commands import _django

        _django()
        _database_ready()
        from fairwitness.cases.law import today
        from fairwitness.oversight.standards import council_answer_counts

        rows = council_answer_counts(today())
        if not rows:
            typer.echo("No information requests have been sent to any council yet.")
        for row in rows:
            typer.echo(f"{row['council']}: sent {row['sent']}, on time {row['on_time']}, late {row['late']}, "
                       f"overdue {row['overdue']}")

    app.add_typer(oversight, name="oversight")
