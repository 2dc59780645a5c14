"""The chronology in the form family courts use: date, event, source, document reference.

Rows are written from each event's own fields (``describe``), ordered by date and time (a date
without a time sorts before timed entries of that day, then by the order the family entered them).
The PDF and Word forms are in ``render_pdf`` and ``render_docx``; the CSV form is here.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from fairwitness.documents.describe import by_clause, describe, source_words, tidy
from fairwitness.documents.wording import join_names, long_date
from fairwitness.law.caseformat import Case
from fairwitness.law.findings import DISCLAIMER

CSV_COLUMNS = ("date", "time", "event", "source", "document_reference", "event_id", "children")


@dataclass(frozen=True, slots=True)
class ChronologyRow:
    day: date
    time: str | None  # "16:05" when recorded
    event: str
    source: str
    reference: str
    event_id: str
    children: tuple[str, ...] = ()

    @property
    def when(self) -> str:
        return long_date(self.day) + (f", {self.time}" if self.time else "")


@dataclass(slots=True)
class Chronology:
    title: str
    local_authority: str | None
    children: list[str]
    prepared_on: date
    rows: list[ChronologyRow]
    footer: list[str] = field(default_factory=list)

    @property
    def subtitle(self) -> str:
        parts = []
        if self.local_authority:
            parts.append(f"Local authority: {self.local_authority}.")
        parts.append(f"Prepared by the family from their own record on {long_date(self.prepared_on)}.")
        return " ".join(parts)


def _reference(event: Any, doc_refs: dict[str, str] | None) -> str:
    """The document reference: one given by the caller (a bundle's tab, say) wins; else the
    references recorded on the event (a string, or an object with ``ref``/``reference``/``id``)."""
    if doc_refs and event.id in doc_refs:
        return doc_refs[event.id]
    refs = []
    for d in event.documents or []:
        if isinstance(d, str):
            refs.append(d)
        elif isinstance(d, dict):
            ref = d.get("ref") or d.get("reference") or d.get("id")
            if ref:
                refs.append(str(ref))
    return ", ".join(refs)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """Text with control characters and lone surrogates taken out: Word refuses a file holding one
    (a \\x0b typed into a name once broke chronology.docx for good). New input is refused or
    cleaned at the door; this keeps records stored before then printable."""
    return _CONTROL.sub("", text)


def _child_label(case: Case, child_id: str) -> str:
    for c in case.children:
        if c.id == child_id:
            return c.name or c.id
    return child_id


def build_chronology(case: Case, doc_refs: dict[str, str] | None = None, prepared_on: date | None = None,
                     title: str | None = None) -> Chronology:
    indexed = list(enumerate(case.events))

    def key(item: tuple[int, Any]) -> tuple[date, time, int]:
        n, e = item
        return (e.day, e.at.time() if isinstance(e.at, datetime) else time.min, n)

    all_children = {c.id for c in case.children}
    rows = []
    for _, e in sorted(indexed, key=key):
        text = describe(e, case)
        who = by_clause(e, case)
        if who and who.lower() not in text.lower():
            text += f" (By {who}.)"
        subset = [cid for cid in (e.children or []) if cid in all_children]
        if subset and len(all_children) > 1 and set(subset) != all_children:
            text = f"[{join_names([_child_label(case, c) for c in subset])}] " + text
        if e.note:
            text = tidy(f"{text} Note: {e.note}.")
        rows.append(ChronologyRow(
            day=e.day,
            time=e.at.strftime("%H:%M") if isinstance(e.at, datetime) else None,
            event=printable(text),
            source=printable(source_words(e.source)),
            reference=printable(_reference(e, doc_refs)),
            event_id=printable(e.id),
            children=tuple(subset),
        ))
    names = [printable(_child_label(case, c.id)) for c in case.children]
    default_title = "Chronology" + (f": {join_names(names)}" if names else "")
    return Chronology(title or default_title, case.local_authority, names,
                      prepared_on or _as_of_day(case) or date.today(), rows, [DISCLAIMER])


def _as_of_day(case: Case) -> date | None:
    at = case.as_of
    if at is None:
        return None
    return at.date() if isinstance(at, datetime) else at


# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP, "CSV
# Injection"): such cells are written with a leading apostrophe, which shows the text as typed.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_LEADS) else cell


def chronology_csv(chron: Chronology) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in chron.rows:
        cells = [r.time or "", r.event, r.source, r.reference, r.event_id, " ".join(r.children)]
        writer.writerow([r.day.isoformat(), *(spreadsheet_safe(c) for c in cells)])
    return out.getvalue()
