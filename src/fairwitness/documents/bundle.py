"""An evidence bundle: index, chronology, then the documents in sections, one PDF, every page
numbered continuously.

Sections follow family court practice: A case summary and chronology, B local authority documents,
C the family's documents, D correspondence; within a section, documents run in date order. Every
page is stamped at the foot with its bundle page number and the document's tab and title, so a
page torn out of the bundle still says where it belongs. The index gives each document's first
page; it is laid out again until its own length stops changing, so the numbers it prints are the
numbers stamped.

Stamps are drawn by WeasyPrint (one small page per bundle page, A4) and laid over each page with
pypdf, centred on the page's foot whatever its size.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pypdf import PdfReader, PdfWriter, Transformation

from fairwitness.documents.chronology import Chronology
from fairwitness.documents.render_pdf import chronology_html, html_to_pdf, image_to_pdf
from fairwitness.documents.wording import long_date

SECTIONS = {
    "A": "Case summary and chronology",
    "B": "Local authority documents",
    "C": "Family's documents",
    "D": "Correspondence",
}
A4_WIDTH_PT = 595.28
NO_OWN_NUMBERS = "@page { @bottom-right { content: none; } }"  # the bundle stamps its own
STAMP_CSS = """
@page { size: A4; margin: 0; @bottom-right { content: none; } }
html { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; }
.s { height: 297mm; position: relative; page-break-after: always; }
.s:last-child { page-break-after: auto; }
.f { position: absolute; bottom: 4mm; left: 12mm; right: 12mm; text-align: center; line-height: 1.25; }
.n { font-size: 9pt; font-weight: bold; }
.t { font-size: 6.5pt; color: #333; }
"""


class BundleError(ValueError):
    """A document the bundle cannot take (an unknown section, unreadable bytes)."""


@dataclass(frozen=True, slots=True)
class BundleEntry:
    tab: str  # "B3": the third document in section B
    section: str
    title: str
    date: date | None
    first_page: int
    pages: int


@dataclass(slots=True)
class Bundle:
    pdf: bytes
    entries: list[BundleEntry]
    index_pages: int
    total_pages: int


@dataclass(slots=True)
class _Doc:
    section: str
    title: str
    date: date | None
    reader: PdfReader


def _as_reader(title: str, data: bytes) -> PdfReader:
    if not data.startswith(b"%PDF"):
        try:
            data = image_to_pdf(data, title)
        except ValueError as exc:
            raise BundleError(str(exc)) from None
    try:
        return PdfReader(io.BytesIO(data))
    except Exception as exc:  # pypdf raises several kinds for a broken file
        raise BundleError(f"{title!r} is not a readable PDF: {exc}") from None


def _order(docs: list[_Doc]) -> list[_Doc]:
    """Section by section; within one, by date (undated last), keeping the given order for ties."""
    rank = {s: n for n, s in enumerate(SECTIONS)}
    return sorted(docs, key=lambda d: (rank[d.section], d.date is None, d.date or date.min))


def _index_html(title: str, subtitle: str, entries: list[BundleEntry]) -> str:
    rows = []
    current = None
    for e in entries:
        if e.section != current:
            current = e.section
            rows.append(f'<tr class="section"><td colspan="4">Section {e.section}: {html.escape(SECTIONS[e.section])}</td></tr>')
        rows.append(f'<tr><td>{e.tab}</td><td>{html.escape(e.title)}</td><td>{html.escape(long_date(e.date))}</td>'
                    f'<td class="page">{e.first_page}</td></tr>')
    body = (f"<h1>{html.escape(title)}</h1>" + (f'<p class="small">{html.escape(subtitle)}</p>' if subtitle else "")
            + "<h2>Index</h2>"
            '<table class="index"><colgroup><col class="tab"><col><col class="date"><col class="page"></colgroup>'
            "<thead><tr><th>Tab</th><th>Document</th><th>Date</th><th>Page</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
    return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
            f"<body>{body}</body></html>")


def _entries(docs: list[_Doc], first_page: int) -> list[BundleEntry]:
    entries, page, counts = [], first_page, dict.fromkeys(SECTIONS, 0)
    for d in docs:
        counts[d.section] += 1
        n = len(d.reader.pages)
        entries.append(BundleEntry(f"{d.section}{counts[d.section]}", d.section, d.title, d.date, page, n))
        page += n
    return entries


def _stamps(labels: list[str]) -> PdfReader:
    pages = "".join(
        f'<div class="s"><div class="f"><div class="n">Page {n}</div><div class="t">{html.escape(label)}</div></div></div>'
        for n, label in enumerate(labels, 1)
    )
    doc = f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"></head><body>{pages}</body></html>'
    from weasyprint import CSS, HTML

    return PdfReader(io.BytesIO(HTML(string=doc).write_pdf(stylesheets=[CSS(string=STAMP_CSS)])))


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def build_bundle(documents: Iterable[tuple[str, str, date | None, bytes]], chronology: Chronology | None = None,
                 title: str = "Evidence bundle", subtitle: str = "") -> Bundle:
    """One PDF: the index, then section A (the chronology first), B, C and D.

    ``documents`` are ``(section, title, date, bytes)``; bytes that are not a PDF are taken as an
    image and wrapped in a page.
    """
    docs: list[_Doc] = []
    if chronology is not None:
        chron_pdf = html_to_pdf(chronology_html(chronology), extra_css=NO_OWN_NUMBERS)
        docs.append(_Doc("A", "Chronology", chronology.prepared_on, PdfReader(io.BytesIO(chron_pdf))))
    given = []
    for section, doc_title, doc_date, data in documents:
        key = section.strip().upper()[:1]
        if key not in SECTIONS:
            raise BundleError(f"{doc_title!r}: section {section!r} is not one of {', '.join(SECTIONS)}")
        given.append(_Doc(key, doc_title, doc_date, _as_reader(doc_title, data)))
    # The chronology heads section A whatever its date; the rest run in section and date order.
    docs += _order(given)

    index_pages = 1
    for _ in range(6):  # the index's length moves every number after it: lay out until stable
        entries = _entries(docs, index_pages + 1)
        index_reader = PdfReader(io.BytesIO(html_to_pdf(_index_html(title, subtitle, entries), extra_css=NO_OWN_NUMBERS)))
        if len(index_reader.pages) == index_pages:
            break
        index_pages = len(index_reader.pages)
    else:  # pragma: no cover - an index that never settles would be a layout bug
        raise BundleError("the index did not settle on a page count")

    labels = [f"Index: {_short(title)}"] * index_pages
    for e in entries:
        labels.extend([f"{e.tab}: {_short(e.title)}"] * e.pages)
    stamps = _stamps(labels)

    writer = PdfWriter()
    for page in index_reader.pages:
        writer.add_page(page)
    for d in docs:
        for page in d.reader.pages:
            writer.add_page(page)
    for n, page in enumerate(writer.pages):
        if page.get("/Rotate"):
            page.transfer_rotation_to_content()
        width = float(page.mediabox.width)
        left, bottom = float(page.mediabox.left), float(page.mediabox.bottom)
        page.merge_transformed_page(
            stamps.pages[n], Transformation().translate(left + (width - A4_WIDTH_PT) / 2, bottom), over=True
        )
    writer.add_metadata({"/Title": title, "/Producer": "Fair Witness"})
    out = io.BytesIO()
    writer.write(out)
    return Bundle(out.getvalue(), entries, index_pages, len(writer.pages))

