"""CLI for the oversight body: ``fairwitness oversight demo-code EMAIL`` (demo mode only) and
``fairwitness oversight overdue`` (council answers past their due date, counted per council)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    oversight = typer.Typer(help="The independent oversight body.", no_args_is_help=True)

    @oversight.command("demo-code")
    def demo_code_command(email: str) -> None:
        """Print the current sign-in code of a demo staff user (FAIRWITNESS_DEMO=1 only)."""
        import django

        django.setup()
        from fairwitness.oversight.demo import demo_code

        typer.echo(demo_code(email))

    @oversight.command("overdue")
    def overdue_command() -> None:
        """Council answers to information requests, per council: on time, late, overdue now."""
        import django

        django.setup()
        from fairwitness.cases.law import today
        from fairwitness.oversight.standards import council_answer_counts

        for row in council_answer_counts(today()):
            typer.echo(f"{row['council']}: sent {row['sent']}, on time {row['on_time']}, late {row['late']}, "
                       f"overdue {row['overdue']}")

    app.add_typer(oversight, name="oversight")
