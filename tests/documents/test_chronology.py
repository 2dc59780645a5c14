"""The chronology read back from CSV, PDF and Word: every event, in date order, with its source
and document reference."""

from __future__ import annotations

import csv
import io

from fairwitness.documents.chronology import CSV_COLUMNS, build_chronology, chronology_csv
from fairwitness.documents.render_docx import render_chronology_docx
from fairwitness.documents.render_pdf import render_chronology_pdf
from fairwitness.law.findings import DISCLAIMER

from .conftest import docx_text, pdf_text


def test_csv_has_every_event_in_date_order_with_sources_and_references(complaints):
    rows = list(csv.DictReader(io.StringIO(chronology_csv(build_chronology(complaints)))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(complaints.events)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    first, shared = rows[0], next(r for r in rows if r["event_id"] == "e4")
    assert (first["date"], first["source"], first["document_reference"]) == ("2023-11-06", "Local authority document", "B1")
    assert first["event"] == "Local authority received a referral: school attendance."
    assert shared["time"] == "10:30" and "We were not asked." in shared["event"]
    assessment = next(r for r in rows if r["event_id"] == "e6")
    assert assessment["document_reference"] == "B2"  # from a document object's "ref"
    disputed = next(r for r in rows if r["event_id"] == "e7")
    assert "\u201cMother refused to let the social worker into the home.\u201d Correction:" in disputed["event"]
    assert ".." not in disputed["event"]


def test_a_caller_can_give_bundle_references(complaints):
    chron = build_chronology(complaints, doc_refs={"e9": "D1"})
    assert next(r for r in chron.rows if r.event_id == "e9").reference == "D1"


def test_pdf_and_word_hold_the_dates_events_and_references(complaints):
    chron = build_chronology(complaints)
    for text in (pdf_text(render_chronology_pdf(chron)), docx_text(render_chronology_docx(chron))):
        for wanted in ("Chronology: Amy Brook and Ben Brook", "6 November 2023", "20 November 2023, 10:30",
                       "Local authority document", "B1", "D3", "Sarah Brook made a complaint at stage 1",
                       "Exampleshire County Council", DISCLAIMER):
            assert wanted in text, wanted
    pdf = pdf_text(render_chronology_pdf(chron))
    assert pdf.index("6 November 2023") < pdf.index("15 January 2024") < pdf.index("29 March 2024")


def test_events_for_some_children_name_them(section20, complaints):
    case = complaints.model_copy(deep=True)
    case.events[0].children = ["c2"]
    row = build_chronology(case).rows[0]
    assert row.event.startswith("[Ben Brook]")


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe():
    """OWASP CSV injection: =, +, -, @, tab and return at a cell's start are written after a '."""
    from fairwitness.law.caseformat import parse_case

    case = parse_case({
        "as_of": "2024-03-01",
        "children": [{"id": "c1"}],
        "events": [
            {"id": "=HYPERLINK(\"http://evil.example\")", "kind": "activity", "at": "2024-01-02",
             "activity": "=cmd|' /C calc'!A0", "documents": [{"ref": "@SUM(1+1)"}]},
            {"id": "+2", "kind": "activity", "at": "2024-01-03", "activity": "home_visit", "documents": [{"ref": "-3"}]},
        ],
    })
    rows = list(csv.DictReader(io.StringIO(chronology_csv(build_chronology(case)))))
    assert rows[0]["event_id"] == "'=HYPERLINK(\"http://evil.example\")"
    assert rows[0]["document_reference"] == "'@SUM(1+1)"
    assert rows[1]["event_id"] == "'+2" and rows[1]["document_reference"] == "'-3"
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)


def test_a_control_character_or_a_long_name_does_not_break_chronology_docx():
    """Issue 11: \\x0b typed into a child's name, or names over 240 characters, broke the Word file."""
    from fairwitness.law.caseformat import Case

    for name in ("Po\x0bppy", "Anna " * 60):
        case = Case.model_validate({
            "as_of": "2024-03-01", "children": [{"id": "c1", "name": name}, {"id": "c2", "name": name}],
            "people": [{"id": "p1", "name": name, "role": "mother"}],
            "events": [{"id": "e1", "kind": "notified", "person": "p1", "at": "2024-01-02", "note": "a\x0cb"}],
        })
        text = docx_text(render_chronology_docx(build_chronology(case)))
        assert "Poppy" in text or "Anna Anna" in text
