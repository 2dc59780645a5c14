"""The one command-line tool: ``fairwitness …``.

The law commands (check, validate, schema, rights) import nothing from Django so they start fast;
the other areas register their own commands from their ``commands.py`` (letters and chronologies from
``cases.letter_commands``, which loads a stored case and hands it to ``fairwitness.documents``).
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from fairwitness.law.caseformat import (
    Case,
    CaseFileError,
    iter_case_files,
    json_schema,
    load_case,
    parse_moment,
)
from fairwitness.law.findings import DISCLAIMER
from fairwitness.law.validation import as_of_problem

app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                  help="Fair Witness: a family's record of children's services, checked against the law.")
out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


def _as_of(value: str | None) -> date | datetime | None:
    if value is None:
        return None
    try:
        moment = parse_moment(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    wrong = as_of_problem(moment, date.today())
    if wrong:
        raise typer.BadParameter(wrong)
    return moment


def _report_failure(path: Path, exc: BaseException) -> None:
    """A file the tool could not finish with, for a reason no check foresaw: said in one line, with
    no traceback (the file's contents may be private; the kind of failure helps a bug report)."""
    err.print(f"[bold red]{path}[/] could not be checked: an unexpected {type(exc).__name__}. "
              "Please report this, without the file, to the project.")


def _report_problems(exc: CaseFileError) -> None:
    err.print(f"[bold red]{exc.source}[/] is not a valid case file ({len(exc.problems)} problem(s)):")
    for problem in exc.problems:
        err.print(f"  - {problem}", markup=False)


class _Loaded:
    """The valid cases among some files, in order; every invalid one is reported as it is met."""

    def __init__(self, paths: Iterable[Path], today: date | None = None):
        self.paths = paths
        self.today = today
        self.invalid = 0

    def __iter__(self) -> Iterator[tuple[Path, Case]]:
        for path in self.paths:
            try:
                case = load_case(path, self.today)
            except CaseFileError as exc:
                _report_problems(exc)
                self.invalid += 1
                continue
            except Exception as exc:  # noqa: BLE001 - never a traceback, whatever the file holds (RecursionError included)
                _report_failure(path, exc)
                self.invalid += 1
                continue
            yield path, case


FilesArg = Annotated[list[Path], typer.Argument(help="Case files, or folders of *.json case files.")]


@app.command()
def check(
    files: FilesArg,
    format: Annotated[Format, typer.Option("--format", "-f", help="text for people, json or jsonl for machines")] = Format.text,
    as_of: Annotated[str | None, typer.Option("--as-of", help="judge the case at this date (default: the file's as_of, else today)")] = None,
    show_met: Annotated[bool, typer.Option("--show-met", help="also list the deadlines that were met")] = False,
) -> None:
    """Check case files against the law and print the findings."""
    from fairwitness.law.engine import evaluate

    paths = iter_case_files(files)
    if not paths:
        err.print("No case files found.")
        raise typer.Exit(2)
    moment = _as_of(as_of)
    collected = []
    progress = out.is_terminal and len(paths) > 20 and format is not Format.text
    iterator = paths
    if progress:
        from rich.progress import track

        iterator = track(paths, description="Checking", console=err)  # type: ignore[assignment]
    today = date.today()  # the clock is read here, at the edge, never inside the engine
    loaded = _Loaded(iterator, today=(moment.date() if isinstance(moment, datetime) else moment) or today)
    for path, case in loaded:
        try:
            report = evaluate(case, moment or case.as_of or today)
        except Exception as exc:  # noqa: BLE001 - one file's failure is reported; the others are checked
            _report_failure(path, exc)
            loaded.invalid += 1
            continue
        if format is Format.text:
            from fairwitness.report_text import print_report

            if len(paths) > 1:
                out.rule(str(path))
            print_report(report, out, show_met=show_met)
        elif format is Format.jsonl:
            doc = report.as_json()
            doc["file"] = str(path)
            sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
        else:
            collected.append(report.as_json())
    if format is Format.json:
        payload = collected[0] if len(paths) == 1 and collected else collected
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    if loaded.invalid:
        raise typer.Exit(2)


@app.command()
def validate(files: FilesArg) -> None:
    """Load and validate case files only; list every problem by event and field."""
    paths = iter_case_files(files)
    loaded = _Loaded(paths)
    for path, case in loaded:
        out.print(f"{path}: valid ({len(case.events)} events)", markup=False)
    if loaded.invalid or not paths:
        raise typer.Exit(2)


@app.command()
def schema(out_file: Annotated[Path | None, typer.Option("--out", help="write here instead of printing")] = None) -> None:
    """Print the JSON Schema of the case file format."""
    text = json.dumps(json_schema(), indent=2)
    if out_file:
        out_file.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


@app.command()
def rights(footing: Annotated[str, typer.Argument(help="a legal footing, e.g. s17, section_20, care_order")]) -> None:
    """What the council must, should, may and may not do on a footing, and what a parent may do."""
    from fairwitness.law.rights import known_footings, rights_for

    try:
        found = rights_for(footing)
    except KeyError:
        err.print(f"Unknown footing {footing!r}. Known: {', '.join(known_footings())}")
        raise typer.Exit(2) from None
    out.print(f"[bold]{found.title}[/]")
    if found.summary:
        out.print(found.summary, markup=False)
    sections = [("The council must", found.must), ("The council should", getattr(found, "should", [])),
                ("The council may", found.may), ("The council may not", found.may_not),
                ("A parent with parental responsibility may", found.parent_may),
                ("On every footing", getattr(found, "every", []))]
    for heading, lines in sections:
        if not lines:
            continue
        out.rule(heading, align="left")
        for line in lines:
            caveat = " (to be checked)" if getattr(line, "caveat", False) else ""
            out.print(f"• {line.text}{caveat}", markup=False)
            out.print(f"  {line.citation}" + (f" <{line.url}>" if getattr(line, "url", None) else ""),
                      style="dim", markup=False)
    out.print()
    out.print(DISCLAIMER, style="italic", markup=False)


# Areas that add commands: each module defines ``register(app)``. A missing area is skipped so the
# law commands work on their own.
for _module in ("fairwitness.law.commands", "fairwitness.cases.commands", "fairwitness.cases.letter_commands", "fairwitness.demo.commands", "fairwitness.oversight.commands",
                "fairwitness.complaints.commands", "fairwitness.narrative.commands", "fairwitness.public.commands"):
    try:
        importlib.import_module(_module).register(app)
    except ModuleNotFoundError as exc:
        if exc.name and not _module.startswith(exc.name):
            raise


def _plain_failure(exc: BaseException) -> tuple[str, int]:
    """What to print for a failure no command caught, and the exit code: set-up problems (a
    read-only data folder, a short secret key, a busy or unreachable database) are the operator's
    to fix and are said plainly (2); anything else is a bug, said in one line (1)."""
    kind = type(exc).__name__
    if kind == "ImproperlyConfigured":
        return f"Fair Witness is not set up correctly: {exc}", 2
    if kind == "OperationalError":
        return f"The database could not be used: {exc}. Nothing was changed.", 2
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}. Nothing was changed.", 2
    return f"Fair Witness stopped with an unexpected {kind}. Please report it (without any case file).", 1


def main() -> None:  # pragma: no cover - console entry point
    """The console entry point: never a traceback for a person to read (FAIRWITNESS_DEBUG=1 shows it)."""
    import os

    try:
        app()
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        if os.environ.get("FAIRWITNESS_DEBUG"):
            raise
        message, code = _plain_failure(exc)
        err.print(message, markup=False, soft_wrap=True)
        raise SystemExit(code) from None
