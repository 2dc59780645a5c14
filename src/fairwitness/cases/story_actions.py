"""Writing what a parent confirmed from their own account: the events, and (only if they chose to
keep it) the account itself as an encrypted document of the case. One transaction: all or nothing."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from fairwitness.cases import actions
from fairwitness.cases.models import Case, Event


def record_story(case: Case, actor: Any, events: list[dict[str, Any]], *, keep_text: str | None = None,
                 written_on: date | None = None) -> list[Event]:
    """Record each confirmed event through the same path as a hand-recorded one (versions, ledger);
    raises CaseFileError naming what is wrong, and then nothing is saved."""
    with transaction.atomic():
        saved = [actions.record_event(case, actor, event) for event in events]
        if keep_text:
            actions.attach_document(case, actor, None, _account_pdf(keep_text, written_on))
    return saved


def _account_pdf(text: str, written_on: date | None) -> SimpleUploadedFile:
    """The account as the parent wrote it, as a PDF (documents are kept as PDFs, pictures, Word
    files, emails or recordings; a PDF opens anywhere and prints as written)."""
    from fairwitness.documents.render_pdf import html_to_pdf
    from fairwitness.law.dates import long_date

    when = f"Written on {long_date(written_on)}." if written_on else ""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    body = (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>My account</title></head>'
            f"<body><h1>My account, in my own words</h1><p>{when}</p>{paragraphs}</body></html>")
    name = f"my-account-{written_on.isoformat() if written_on else 'undated'}.pdf"
    return SimpleUploadedFile(name, html_to_pdf(body), content_type="application/pdf")
