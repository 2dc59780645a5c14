"""Word output through python-docx, for families and solicitors who edit before sending.

A4, Arial (Liberation Sans, Debian's metric twin, renders it identically where Arial is absent).
The draft carries the same cover note as the PDF draft; the final letter carries only the letter.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from fairwitness.documents.chronology import Chronology
from fairwitness.documents.model import Letter
from fairwitness.documents.wording import long_date


def _new_document(title: str, author: str = "") -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(22)
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10.5)
    # Word's document properties hold at most 255 characters (long or many children's names)
    doc.core_properties.title = title if len(title) <= 255 else title[:254] + "…"
    doc.core_properties.author = author[:255]
    doc.core_properties.comments = "Made with Fair Witness"
    return doc


def _bytes(doc: Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _cover_note(doc: Document, letter: Letter) -> None:
    heading = doc.add_heading("Draft: notes for you (not part of the letter)", level=1)
    for run in heading.runs:
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    prompts = list(dict.fromkeys(letter.prompts()))
    if prompts:
        doc.add_paragraph("Fill these in before the letter can be final:")
        for p in prompts:
            doc.add_paragraph(p, style="List Bullet")
    else:
        doc.add_paragraph("Nothing is left to fill in. Read it through and change anything you want to.")
    if letter.expected_response:
        doc.add_paragraph(f"Answer expected by: {long_date(letter.expected_response)}")
    for note in letter.notes:
        doc.add_paragraph(note).runs[0].font.size = Pt(9)
    doc.add_page_break()


def render_letter_docx(letter: Letter, final: bool = True) -> bytes:
    """The letter as a Word document. A final letter is refused while a prompt is unfilled."""
    if final:
        letter.require_final()
    doc = _new_document(letter.title, letter.sender)
    if not final:
        _cover_note(doc, letter)
    block = doc.add_paragraph()
    block.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for n, line in enumerate([letter.sender, *letter.sender_lines]):
        run = block.add_run(line)
        if n < len(letter.sender_lines):
            run.add_break()
    to = doc.add_paragraph()
    for n, line in enumerate([letter.recipient, *letter.recipient_lines]):
        run = to.add_run(line)
        if n < len(letter.recipient_lines):
            run.add_break()
    doc.add_paragraph(long_date(letter.date))
    doc.add_paragraph(letter.salutation)
    doc.add_paragraph().add_run(letter.title).bold = True
    for text in letter.paragraphs:
        if text.startswith("\u2022 "):
            doc.add_paragraph(text[2:], style="List Bullet")
        else:
            doc.add_paragraph(text)
    doc.add_paragraph(letter.closing)
    doc.add_paragraph(letter.sender)
    if letter.citations:
        p = doc.add_paragraph()
        p.add_run("The law this letter relies on").bold = True
        for c in letter.citations:
            item = doc.add_paragraph(str(c) + (f" ({c.url})" if c.url else ""), style="List Bullet")
            item.runs[0].font.size = Pt(9)
    return _bytes(doc)


def render_chronology_docx(chron: Chronology) -> bytes:
    doc = _new_document(chron.title)
    doc.add_heading(chron.title, level=1)
    doc.add_paragraph(chron.subtitle)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    header = table.rows[0]
    for cell, label in zip(header.cells, ("Date", "Event", "Source", "Document"), strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(label).bold = True
    _repeat_header(header)
    widths = (Mm(30), Mm(95), Mm(30), Mm(15))
    for r in chron.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, (r.when, r.event, r.source, r.reference), strict=True):
            cell.text = value
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w
    for line in chron.footer:
        doc.add_paragraph(line).runs[0].font.size = Pt(8.5)
    return _bytes(doc)


def _repeat_header(row: object) -> None:
    """Repeat the header row on every page of a long chronology."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)
