"""CLI commands for the case record: import, export, verify, serve, manage (``fairwitness demo`` is in
``fairwitness.demo.commands``, since it loads every area's demo).

Django is imported inside each command so ``fairwitness check`` stays fast.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import typer

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _django(migrate: bool = False) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairwitness.web.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def _fail(message: str, code: int) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def import_command(
    file: Path = typer.Argument(..., help="A case file (fairwitness-case/1 JSON)."),  # noqa: B008
    owner: str = typer.Option(..., "--owner", help="Email address of the user who will own the case."),
) -> None:
    """Import a case file as a new case owned by OWNER."""
    from fairwitness.law.caseformat import CaseFileError

    try:
        data = json.loads(file.read_bytes())
    except OSError as exc:
        _fail(f"{file}: cannot read: {exc.strerror}", 2)
    except json.JSONDecodeError as exc:
        _fail(f"{file}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}", 2)
    _django(migrate=True)
    from fairwitness.accounts.models import User
    from fairwitness.cases import actions

    user = User.objects.filter(email__iexact=owner).first()
    if user is None:
        _fail(f"No user with the email address {owner}. Sign up first, or create one with `fairwitness manage createsuperuser`.", 2)
    try:
        case = actions.import_case(user, data)
    except CaseFileError as exc:
        _fail(str(exc).replace("case file", str(file), 1), 2)
    typer.echo(f"Imported {case.events.count()} events as case {case.public_id}")


def export_command(
    case: str = typer.Argument(..., help="The case's id (as in its web address)."),
    out: Path = typer.Option(..., "--out", help="Where to write the case file."),  # noqa: B008
) -> None:
    """Export a case, with its ledger entries, so anyone can check it with `fairwitness verify FILE`."""
    _django()
    from django.core.exceptions import ValidationError

    from fairwitness.cases.importexport import export_case
    from fairwitness.cases.models import Case

    try:
        found = Case.objects.filter(public_id=case, erased_at__isnull=True).first()
    except (ValidationError, ValueError):
        found = None
    if found is None:
        _fail(f"No case with id {case}", 2)
    doc = export_case(found)
    out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    typer.echo(f"Wrote {out} ({len(doc.get('events', []))} events, {len(doc['ledger']['entries'])} ledger entries)")


def _read_json(file: Path) -> Any:
    try:
        return json.loads(file.read_bytes())
    except OSError as exc:
        _fail(f"{file}: cannot read: {exc.strerror}", 2)
    except json.JSONDecodeError as exc:
        _fail(f"{file}: not valid JSON: {exc.msg} at line {exc.lineno}", 2)
    except (ValueError, RecursionError):
        _fail(f"{file}: not valid JSON (not UTF-8 text, or nested too deeply)", 2)


def _checkpoint_texts(files: list[Path]) -> list[str]:
    """Signed checkpoints from files: a receipt as text, or an export (its ledger.checkpoint)."""
    texts = []
    for file in files:
        try:
            raw = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"{file}: cannot read a checkpoint from it: {getattr(exc, 'strerror', None) or exc}", 2)
        if raw.lstrip().startswith("{"):
            doc = _read_json(file)
            note = doc.get("ledger", {}).get("checkpoint") if isinstance(doc, dict) and isinstance(doc.get("ledger"), dict) else None
            if not isinstance(note, str):
                _fail(f"{file}: this export carries no signed checkpoint", 2)
            texts.append(note)
        else:
            texts.append(raw)
    return texts


def checkpoint_command() -> None:
    """Print the ledger's newest signed checkpoint: keep it (with a backup, in a receipt) to prove
    later, with `fairwitness verify --checkpoint FILE`, that nothing before it was cut or rewritten."""
    _django()
    from fairwitness.ledger.store import latest_checkpoint

    newest = latest_checkpoint()
    if newest is None:
        _fail("The ledger has no signed checkpoint yet: nothing has been written.", 2)
    typer.echo(newest.note.rstrip("\n"))


def verify_command(
    file: Path | None = typer.Argument(None, help="An exported case file. Without it: the whole database."),  # noqa: B008
    checkpoint: list[Path] = typer.Option(  # noqa: B008
        [], "--checkpoint", help="A signed checkpoint (a receipt, or an export holding one) the database must still agree with."),
    key: str | None = typer.Option(
        None, "--key", help="The body's published public key (from its transparency page) to check FILE's receipt with."),
) -> None:
    """Check the ledger: exit 0 when everything verifies, 1 naming every bad row or entry."""
    if file is not None:
        from fairwitness.ledger.checkpoint import CheckpointError
        from fairwitness.ledger.exportcheck import parse_public_key, verify_export

        public_key = None
        if key is not None:
            try:
                public_key = parse_public_key(key)
            except CheckpointError as exc:
                _fail(f"--key: {exc}", 2)
        doc = _read_json(file)
        result = verify_export(doc, public_key)
        if result.ok:
            point = result.checkpoint
            assert point is not None
            typer.echo(f"OK: {file} matches its {result.entries} ledger entries, and its signed receipt "
                       f"(the ledger had {point.size} entries at {point.time}; this case {point.case.count if point.case else '?'}).")
            if not result.key_trusted:
                typer.echo(f"The receipt is signed by key {doc['ledger'].get('public_key')}: check that it is the key the body "
                           "publishes on its transparency page, or run again with --key.")
            return
        where = f" (first bad ledger entry: {result.first_bad_entry})" if result.first_bad_entry is not None else ""
        typer.echo(f"FAILED: {file} does not match its ledger{where}", err=True)
        for problem in result.problems:
            typer.echo(f"  - {problem}", err=True)
        raise typer.Exit(1)
    texts = _checkpoint_texts(checkpoint)
    _django()
    from fairwitness.cases.integrity import verify_database

    report = verify_database(texts)
    if report.ok:
        given = f", and agree with the {len(texts)} checkpoint(s) given" if texts else ""
        typer.echo(f"OK: {report.entries} ledger entries, their signed checkpoints and all stored rows and content verify{given}")
        return
    typer.echo(f"FAILED: first bad ledger entry: {report.first_bad_entry}", err=True)
    for problem in report.problems[:50]:
        typer.echo(f"  - {problem}", err=True)
    if len(report.problems) > 50:
        typer.echo(f"  … and {len(report.problems) - 50} more", err=True)
    raise typer.Exit(1)


def _serve(host: str, port: int, threads: int) -> None:
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application
    from waitress import serve

    # StaticFilesHandler serves /static/ from the apps' static folders, as runserver does.
    application = StaticFilesHandler(get_wsgi_application())
    typer.echo(f"Serving on http://{host}:{port}/ (Ctrl+C stops)")
    serve(application, host=host, port=port, threads=threads, ident="fairwitness", _quiet=True)


def serve_command(
    host: str = typer.Option(DEFAULT_HOST, "--host"),
    port: int = typer.Option(DEFAULT_PORT, "--port"),
    threads: int = typer.Option(8, "--threads", help="Worker threads."),
) -> None:
    """Serve the web application with waitress (migrates first)."""
    _django(migrate=True)
    _serve(host, port, threads)


def manage_command(ctx: typer.Context) -> None:
    """Run a Django management command: `fairwitness manage migrate`, `... createsuperuser`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairwitness.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["fairwitness manage", *ctx.args])


def erase_due_command() -> None:
    """Carry out the erasures families asked for whose cooling-off period has ended (the worker does
    this too). Prints how many cases were erased, never what they held."""
    _django(migrate=True)
    from fairwitness.cases.actions import carry_out_due_erasures

    erased = carry_out_due_erasures()
    typer.echo(f"Erased {len(erased)} case(s) whose cooling-off period had ended.")
    for public_id in erased:
        typer.echo(f"  case {public_id}")


def register(app: typer.Typer) -> None:
    app.command("erase-due")(erase_due_command)
    app.command("import")(import_command)
    app.command("export")(export_command)
    app.command("verify")(verify_command)
    app.command("checkpoint")(checkpoint_command)
    app.command("serve")(serve_command)
    app.command("manage", context_settings={"allow_extra_args": True, "ignore_unknown_options": True,
                                            "help_option_names": []})(manage_command)
