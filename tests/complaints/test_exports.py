"""The chronology and the evidence bundle downloaded from the web, read back."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.complaints.conftest import days_ago, docx_text, pdf_text

pytestmark = pytest.mark.django_db


def _pdf(title: str, pages: int) -> bytes:
    from fairwitness.documents.render_pdf import html_to_pdf

    body = "".join(f'<h1>{title} page {n}</h1><p style="page-break-after: always">x</p>' for n in range(1, pages + 1))
    return html_to_pdf(f"<html><body>{body}</body></html>")


def _docx() -> bytes:
    from docx import Document

    out = io.BytesIO()
    doc = Document()
    doc.add_paragraph("A note")
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def with_documents(signed_in):
    from fairwitness.cases import actions

    client, user, case = signed_in
    assessment = actions.record_event(case, user, {"kind": "assessment_completed", "at": days_ago(150), "basis": "s17",
                                                   "source": "local_authority_document"})
    actions.attach_document(case, user, assessment, ("assessment.pdf", _pdf("Assessment", 3)))
    complaint = next(e for e in actions.case_events(case) if e.data.get("kind") == "complaint_made")
    actions.attach_document(case, user, complaint, ("stage-1-letter.pdf", _pdf("Stage one letter", 2)))
    actions.attach_document(case, user, None, ("note.docx", _docx()))  # a Word file cannot be paged
    return client, user, case


def test_chronology_downloads_in_three_forms(with_documents):
    client, _, case = with_documents
    csv_text = client.get(reverse("complaints:chronology", args=[case.public_id, "csv"])).content.decode()
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assessment = next(r for r in rows if r["date"] == days_ago(150))
    assert assessment["document_reference"] == "assessment.pdf"
    pdf = client.get(reverse("complaints:chronology", args=[case.public_id, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    word = client.get(reverse("complaints:chronology", args=[case.public_id, "docx"]))
    from datetime import date

    d = date.fromisoformat(days_ago(90))
    for text in (pdf_text(pdf.content), docx_text(word.content)):
        assert "Chronology" in text and "Amy Brook" in text
        assert f"{d.day} {d:%B %Y}" in text  # the stage 2 request's date


def test_bundle_has_index_chronology_and_documents_with_matching_page_numbers(with_documents):
    client, _, case = with_documents
    page = client.get(reverse("complaints:court_documents", args=[case.public_id])).content.decode()
    assert "note.docx" in page  # named as left out
    response = client.get(reverse("complaints:bundle", args=[case.public_id]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    pages = [re.sub(r"\s+", " ", p.extract_text() or "") for p in reader.pages]
    index = pages[0]
    assert "Index" in index and "assessment.pdf" in index and "stage-1-letter.pdf" in index
    for n, text in enumerate(pages, 1):
        assert f"Page {n}" in text  # continuous stamps
    # The index's first page for each document is where that document starts.
    for title, heading in (("assessment.pdf", "Assessment page 1"), ("stage-1-letter.pdf", "Stage one letter page 1")):
        m = re.search(re.escape(title) + r" \d{1,2} [A-Z][a-z]+ \d{4} (\d+)", index)  # title, date, first page
        start = next(i for i, t in enumerate(pages, 1) if heading in t)
        assert m and int(m.group(1)) == start, (title, index)
    # The council's assessment is in section B, the complaint letter in D; the chronology cites the tabs.
    assert "B1: assessment.pdf" in pages[next(i for i, t in enumerate(pages) if "Assessment page 1" in t)]
    chronology = " ".join(t for t in pages if "Chronology" in t)
    assert "B1" in chronology and "D1" in chronology
