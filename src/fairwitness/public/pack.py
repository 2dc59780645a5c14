"""The evidence pack for a petition or a select committee (issue 12 point 7): every signed-off
account, England's figures as the latest release published them (symbols and rounding as
published, never recounted here), and the law each family's record shows broken, as the law engine
cites it. PDF through ``documents.render_pdf.html_to_pdf``; Word through python-docx.

Accounts come only from ``evidence.for_pack`` (signed off, the approved text unchanged); the law comes
only from the engine's findings (title and citation: never the explanation, which names people)."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fairwitness.law.dates import long_date
from fairwitness.public import evidence
from fairwitness.public.publish import latest
from fairwitness.statistics import periods
from fairwitness.statistics.tables import CASEWORK, COUNCIL_MEASURES, NATIONAL, TOTAL

BROKEN = ("breach", "missed", "late")  # the engine's statuses for the law not followed
TITLE = "Evidence from families: children's social care in England"
INTRO = ("These are families' own accounts of what children's services did, published with their agreement. "
         "Names, places, exact dates and children's ages have been removed or made general, and each family "
         "approved the exact words printed here. The law listed after each account is what the Fair Witness law "
         "engine found not followed in that family's record. This is information, not legal advice.")


@dataclass
class LawBroken:
    title: str
    citation: str
    url: str | None


@dataclass
class PackAccount:
    number: int
    text: str
    law: list[LawBroken]


@dataclass
class Pack:
    made_on: date
    accounts: list[PackAccount]
    figures_year: str = ""
    figures: list[tuple[str, str]] = field(default_factory=list)  # (what, as published)
    release_label: str = ""
    synthetic: bool = False


def law_broken(case: Any, as_of: date) -> list[LawBroken]:
    """Each distinct provision the engine found not followed in this record, by its own citation."""
    from fairwitness.cases.law import case_report

    seen: dict[str, LawBroken] = {}
    for finding in case_report(case, as_of=as_of).findings:
        if finding.status in BROKEN and not finding.family_window:
            cite = str(finding.citation)
            seen.setdefault(cite, LawBroken(finding.title or finding.check, cite, finding.citation.url))
    return sorted(seen.values(), key=lambda item: item.citation)


def _shown(value: Any) -> str:
    return f"{value}" if value not in (None, "") else "z"


def national_figures(release: Any) -> tuple[str, list[tuple[str, str]]]:
    """England's figures for the latest year of a published release, exactly as published."""
    if release is None or not release.periods:
        return "", []
    year = release.periods[-1]
    rows: list[tuple[str, str]] = []
    for row in release.tables.get(CASEWORK.name, []):
        if str(row["time_period"]) == year and row["geographic_level"] == NATIONAL and row["breakdown_topic"] == TOTAL:
            rows.append((f"{row['measure']} (families)", _shown(row["families_count"])))
    for row in release.tables.get(COUNCIL_MEASURES.name, []):
        if str(row["time_period"]) == year and row["geographic_level"] == NATIONAL:
            rate = row["rate_percent"]
            shown = (f"{rate}% (95% limits {row['rate_lower_ci']}% to {row['rate_upper_ci']}%, "
                     f"of {row['denominator_count']})" if isinstance(rate, int) else _shown(rate))
            rows.append((row["measure"], shown))
    return periods.label(periods.year_from_time_period(year)), rows


def build(today: date) -> Pack:
    release = latest()
    year, figures = national_figures(release)
    accounts = [PackAccount(n, account.redacted_text, law_broken(account.case, today))
                for n, account in enumerate(evidence.for_pack(), start=1)]
    return Pack(today, accounts, year, figures, release.label if release else "", bool(release and release.synthetic))


def _figures_note(pack: Pack) -> str:
    if not pack.figures:
        return "No statistics release has been published yet, so there are no national figures in this pack."
    return (f"England, {pack.figures_year}, from release {pack.release_label}, as published: counts under 10 are "
            "shown as c and others rounded to the nearest 5." + (" These figures are synthetic (a demonstration)."
                                                                  if pack.synthetic else ""))


def to_html(pack: Pack) -> str:
    e = html.escape
    parts = [f"<html><head><meta charset='utf-8'><title>{e(TITLE)}</title></head><body>",
             f"<h1>{e(TITLE)}</h1>", f"<p>Made on {long_date(pack.made_on)}.</p>", f"<p>{e(INTRO)}</p>",
             "<h2>National figures</h2>", f"<p>{e(_figures_note(pack))}</p>"]
    if pack.figures:
        parts.append("<table><thead><tr><th>Measure</th><th>England</th></tr></thead><tbody>")
        parts += [f"<tr><td>{e(what)}</td><td>{e(value)}</td></tr>" for what, value in pack.figures]
        parts.append("</tbody></table>")
    parts.append("<h2>Families' accounts</h2>")
    if not pack.accounts:
        parts.append("<p>No account has been approved for publication yet.</p>")
    for account in pack.accounts:
        parts.append(f"<h3>Account {account.number}</h3>")
        parts += [f"<p>{e(para)}</p>" for para in account.text.split("\n") if para.strip()]
        parts.append("<h4>The law the record shows was not followed</h4>")
        if account.law:
            parts.append("<ul>" + "".join(f"<li>{e(item.title)}: {e(item.citation)}</li>" for item in account.law)
                         + "</ul>")
        else:
            parts.append("<p>The law engine found no deadline or duty missed in this record.</p>")
    parts.append("</body></html>")
    return "".join(parts)


def to_pdf(pack: Pack) -> bytes:
    from fairwitness.documents.render_pdf import html_to_pdf

    return html_to_pdf(to_html(pack), "table { border-collapse: collapse; } td, th { border-bottom: 1px solid #b1b4b6;"
                                      " padding: 2mm; text-align: left; } h3 { page-break-after: avoid; }")


def to_docx(pack: Pack) -> bytes:
    from docx import Document

    doc = Document()
    doc.core_properties.title = TITLE
    doc.core_properties.comments = "Made with Fair Witness"
    doc.add_heading(TITLE, level=0)
    doc.add_paragraph(f"Made on {long_date(pack.made_on)}.")
    doc.add_paragraph(INTRO)
    doc.add_heading("National figures", level=1)
    doc.add_paragraph(_figures_note(pack))
    if pack.figures:
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Measure", "England"
        for what, value in pack.figures:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = what, value
    doc.add_heading("Families' accounts", level=1)
    if not pack.accounts:
        doc.add_paragraph("No account has been approved for publication yet.")
    for account in pack.accounts:
        doc.add_heading(f"Account {account.number}", level=2)
        for para in account.text.split("\n"):
            if para.strip():
                doc.add_paragraph(para)
        doc.add_heading("The law the record shows was not followed", level=3)
        if account.law:
            for item in account.law:
                doc.add_paragraph(f"{item.title}: {item.citation}", style="List Bullet")
        else:
            doc.add_paragraph("The law engine found no deadline or duty missed in this record.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
