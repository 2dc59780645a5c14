"""``fairwitness story``: a parent's own account in, proposed events out (text or a case file)."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


class StoryFormat(StrEnum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command()
    def story(
        file: Annotated[Path, typer.Argument(help="the account: plain text, a PDF or a Word (.docx) file")],
        reference_date: Annotated[str, typer.Option("--reference-date", help="when it was written (YYYY-MM-DD): 'last year' counts from it")],
        case: Annotated[Path | None, typer.Option("--case", help="a case file whose children and people the account is matched to")] = None,
        writer: Annotated[str | None, typer.Option("--writer", help="the id of the person telling the account (default: the first with PR)")] = None,
        format: Annotated[StoryFormat, typer.Option("--format", "-f", help="text to read, json for a case file `fairwitness check` runs on")] = StoryFormat.text,
    ) -> None:
        """Read an account in a parent's own words and propose the events it tells, with their dates."""
        from fairwitness.law.caseformat import CaseFileError, load_case
        from fairwitness.narrative import CaseContext, UnreadableDocument, extract_text, propose, story_case

        try:
            reference = date.fromisoformat(reference_date)
        except ValueError:
            err.print(f"--reference-date {reference_date!r} is not a date (YYYY-MM-DD).", markup=False)
            raise typer.Exit(2) from None
        try:
            text = extract_text(file.read_bytes(), file.name)
        except OSError as exc:
            err.print(f"{file}: cannot read: {exc.strerror}", markup=False)
            raise typer.Exit(2) from None
        except UnreadableDocument as exc:
            err.print(f"{file}: {exc}", markup=False)
            raise typer.Exit(2) from None
        case_data = None
        if case is not None:
            try:
                case_data = load_case(case).to_json_dict()
            except CaseFileError as exc:
                err.print(str(exc), markup=False)
                raise typer.Exit(2) from None
        proposals = propose(text, reference, CaseContext.from_case(case_data, writer))
        if format is StoryFormat.json:
            sys.stdout.write(json.dumps(story_case(proposals, reference, case_data), indent=2, ensure_ascii=False) + "\n")
            return
        if not proposals:
            out.print("No events found in this account. You can still record them one by one.")
            return
        for p in proposals:
            sure = "likely" if p.confidence >= 0.5 else "possible"
            out.rule(f"{p.id}: {p.plain_kind} ({sure}, {p.confidence:.0%})", align="left")
            out.print(f"When: {p.when.day.isoformat()} [{p.when.precision}] {p.when.how}", markup=False)
            out.print(f"From: \u201c{p.sentence.text}\u201d (characters {p.sentence.start}\u2013{p.sentence.end})", markup=False)
            extras = [f"{k}: {v}" for k, v in p.fields.items() if v is not None]
            if p.by:
                extras.append(f"by: {p.by}")
            if p.people:
                extras.append("people: " + ", ".join(p.people))
            if p.mentioned:
                extras.append("also mentioned: " + ", ".join(p.mentioned))
            if p.same_as:
                extras.append(f"probably the same as {p.same_as}")
            if extras:
                out.print("; ".join(extras), style="dim", markup=False)
        out.print()
        out.print("These are proposals for you to check: nothing is recorded until you confirm it. "
                  "This is information, not legal advice.", style="italic", markup=False)
