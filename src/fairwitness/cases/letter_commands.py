"""``fairwitness letter`` and ``fairwitness chronology``: the documents from the command line.

A case comes from a case file (``FILE``) or from the stored case record (``--case ID``, the case's
public id). The stored record is reached only when asked for, through the case app's adapter, so
these commands stay quick and work without a database when given a file. They live in the case layer
because loading a stored case is the case record's work; ``fairwitness.documents`` renders only the
case it is handed and imports nothing from Django.

Exit status: 0 written; 1 the case cannot support the document (the message says what to record)
or a final letter still has parts to fill in; 2 an invalid case file or a usage error.
"""

from __future__ import annotations

import os
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from fairwitness.documents.letters import KINDS
from fairwitness.documents.wording import long_date
from fairwitness.law.caseformat import Case, CaseFileError, load_case, parse_moment

LETTER_FORMATS = ("pdf", "docx")
CHRONOLOGY_FORMATS = ("pdf", "docx", "csv")
KINDS_HELP = "One of: " + ", ".join(KINDS)


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code)


def _parse_as_of(value: str | None) -> date | datetime | None:
    if value is None:
        return None
    try:
        return parse_moment(value)
    except ValueError as exc:
        raise _fail(f"--as-of: {exc}", 2) from None


def _stored_case(public_id: str) -> Case:
    """The stored case as the law core's Case, through the case app's one adapter."""
    try:
        uuid.UUID(public_id)
    except ValueError:
        raise _fail(f"--case {public_id!r} is not a case id (a case's public id looks like 1b4e28ba-2fa1-11d2-883f-0016d3cca427)", 2) from None
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairwitness.web.settings")
    try:
        import django

        django.setup()
        from fairwitness.cases.law import to_law_case
        from fairwitness.cases.models import Case as StoredCase
    except ImportError as exc:
        raise _fail(f"--case needs the case record app, which is not available here ({exc.name or exc}). "
                    "Export the case to a file and pass the FILE instead.", 2) from None
    try:
        stored = StoredCase.objects.filter(public_id=public_id).first()
        if stored is None:
            raise _fail(f"No stored case with id {public_id}.", 2)
        return to_law_case(stored)
    except typer.Exit:
        raise
    except CaseFileError as exc:
        raise _invalid(exc) from None
    except Exception as exc:  # the database or the key store is not set up: say so, nothing more
        raise _fail(f"Could not read case {public_id} from the case record: {type(exc).__name__}. "
                    "Is the database set up (fairwitness migrate) and the key configured?", 2) from None


def _invalid(exc: CaseFileError) -> typer.Exit:
    lines = [f"{exc.source}: not a valid case file ({len(exc.problems)} problem(s)):"]
    lines.extend(f"  - {p}" for p in exc.problems)
    return _fail("\n".join(lines), 2)


def _load(file: Path | None, case_id: str | None) -> Case:
    if (file is None) == (case_id is None):
        raise _fail("Give either a case FILE or --case ID (not both).", 2)
    if case_id is not None:
        return _stored_case(case_id)
    assert file is not None
    try:
        return load_case(file)
    except CaseFileError as exc:
        raise _invalid(exc) from None


def register(app: typer.Typer) -> None:

    @app.command("letter")
    def letter_command(
        kind: Annotated[str, typer.Argument(help=KINDS_HELP)],
        out: Annotated[Path, typer.Option("--out", help="Where to write the letter.")],
        file: Annotated[Path | None, typer.Argument(help="A case file (fairwitness-case/1 JSON).")] = None,
        case_id: Annotated[str | None, typer.Option("--case", help="A stored case's public id, instead of FILE.")] = None,
        fmt: Annotated[str, typer.Option("--format", help="pdf or docx.")] = "pdf",
        as_of: Annotated[str | None, typer.Option("--as-of", help="Judge the case, and date the letter, on this day.")] = None,
        sender: Annotated[str | None, typer.Option("--from", help="The person id the letter is from.")] = None,
        draft: Annotated[bool, typer.Option("--draft", help="Write the editable draft: notes for you, and prompts left to fill.")] = False,
    ) -> None:
        """Write a letter from the case's own facts, citing the law and the date an answer is due."""
        from fairwitness.documents.model import LetterError, UnfilledPromptsError

        if kind not in KINDS:
            raise _fail(f"Unknown letter kind {kind!r}. {KINDS_HELP}", 2)
        if fmt not in LETTER_FORMATS:
            raise _fail(f"--format must be one of {', '.join(LETTER_FORMATS)}", 2)
        when = _parse_as_of(as_of)
        case = _load(file, case_id)
        from fairwitness.documents.letters import build_letter
        from fairwitness.law.engine import evaluate

        report = evaluate(case, when)
        try:
            letter = build_letter(kind, case, report, sender_person_id=sender)
            if fmt == "pdf":
                from fairwitness.documents.render_pdf import render_letter_pdf

                data = render_letter_pdf(letter, final=not draft)
            else:
                from fairwitness.documents.render_docx import render_letter_docx

                data = render_letter_docx(letter, final=not draft)
        except LetterError as exc:
            hint = " Use --draft to write the editable draft." if isinstance(exc, UnfilledPromptsError) else ""
            raise _fail(f"{exc}{hint}", 1) from None
        out.write_bytes(data)
        due = f"; answer expected by {long_date(letter.expected_response)}" if letter.expected_response else ""
        typer.echo(f"Wrote {out} ({kind}, dated {long_date(letter.date)}{due}).", err=True)

    @app.command("chronology")
    def chronology_command(
        out: Annotated[Path, typer.Option("--out", help="Where to write the chronology.")],
        file: Annotated[Path | None, typer.Argument(help="A case file (fairwitness-case/1 JSON).")] = None,
        case_id: Annotated[str | None, typer.Option("--case", help="A stored case's public id, instead of FILE.")] = None,
        fmt: Annotated[str, typer.Option("--format", help="pdf, docx or csv.")] = "pdf",
    ) -> None:
        """Write the chronology in the form family courts use: date, event, source, document."""
        if fmt not in CHRONOLOGY_FORMATS:
            raise _fail(f"--format must be one of {', '.join(CHRONOLOGY_FORMATS)}", 2)
        case = _load(file, case_id)
        from fairwitness.documents.chronology import build_chronology, chronology_csv

        chron = build_chronology(case)
        if fmt == "csv":
            out.write_text(chronology_csv(chron), encoding="utf-8", newline="")
        elif fmt == "docx":
            from fairwitness.documents.render_docx import render_chronology_docx

            out.write_bytes(render_chronology_docx(chron))
        else:
            from fairwitness.documents.render_pdf import render_chronology_pdf

            out.write_bytes(render_chronology_pdf(chron))
        typer.echo(f"Wrote {out} ({len(chron.rows)} entries).", err=True)

