"""``fairwitness demo``: set up the database and load the demo families and the public figures.

It loads every area's demo (cases, oversight, public figures), so it lives with the demo data, not in
the case record app, which imports nothing of the oversight body.
"""

from __future__ import annotations

import os
import sys

import typer

from fairwitness.cases.commands import DEFAULT_HOST, DEFAULT_PORT, _django, _fail, _serve


def demo_command(
    serve: bool = typer.Option(False, "--serve", help="Then serve on http://127.0.0.1:8000"),
    host: str = typer.Option(DEFAULT_HOST, "--host"),
    port: int = typer.Option(DEFAULT_PORT, "--port"),
) -> None:
    """Set up the database, load the three demo families (once) and print their sign-ins."""
    if os.environ.get("FAIRWITNESS_PRODUCTION", "").lower() in {"1", "true", "yes", "on"}:
        _fail("The demo is refused in production (FAIRWITNESS_PRODUCTION is set): its password is public.", 2)
    os.environ["FAIRWITNESS_DEMO"] = "1"
    _django(migrate=True)
    from fairwitness.demo.load import load_demo

    signins = load_demo()
    from fairwitness.public.demo import load_statistics_demo

    load_statistics_demo()  # issue 12: synthetic casework across ten councils, published as a synthetic release
    from fairwitness.web.mailfiles import outbox_dir

    typer.echo(f"Emails (invitations, password resets, confirmation links) are written to files in {outbox_dir()}/")
    typer.echo("Demo sign-ins (demo mode only):")
    for s in signins:
        typer.echo(f"  {s.email}  password: {s.password}  ({s.case_title}{', new' if s.created else ''})")
    sys.stdout.flush()
    if serve:
        _serve(host, port, 8)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
