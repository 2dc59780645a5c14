"""The ten letters for a case with two children and three adults, read back from PDF and Word as a
council complaints manager would read them: who they are from and where to reply, the council's
address, only what had failed by the letter's date listed as a failure, no line that reads as a
concession, and the citations and dates the engine uses."""

from __future__ import annotations

import re
from datetime import date

import pytest

from fairwitness.documents import KINDS, build_letter
from fairwitness.documents.render_docx import render_letter_docx
from fairwitness.documents.render_pdf import render_letter_pdf
from fairwitness.documents.wording import long_date
from fairwitness.law.engine import evaluate

from .conftest import docx_text, load, pdf_text

CONTACT = {"address": "12 Station Road\nNorthtown\nNT1 2AB", "email": "jo.bloggs@example.org", "phone": "07700 900123"}
COUNCIL = "Complaints Team\nTown Hall\nNorthtown NT1 1AA"
SENDER = {"include-pr-holder": "p2"}  # the father with parental responsibility who was left out
DATE_IN_LINE = re.compile(r"(not done|done late), due by (\d{1,2} \w+ \d{4})")


@pytest.fixture(scope="module")
def case():
    return load("two_children")


@pytest.fixture(scope="module")
def letters(case):
    report = evaluate(case)
    out = {}
    for kind in KINDS:
        letter = build_letter(kind, case, report, sender_person_id=SENDER.get(kind), contact=CONTACT,
                              council_address=COUNCIL)
        filled = letter.with_edits({"fill": {p: "Put things right." for p in letter.prompts()}})
        out[kind] = (letter, pdf_text(render_letter_pdf(filled)), docx_text(render_letter_docx(filled)))
    return out


def _date(text: str) -> date:
    from datetime import datetime

    return datetime.strptime(text, "%d %B %Y").date()


def test_all_ten_letters_build_for_the_case(letters):
    assert set(letters) == set(KINDS) and len(KINDS) == 10


@pytest.mark.parametrize("kind", list(KINDS))
def test_sender_details_and_the_councils_address_are_on_the_letter(letters, kind):
    letter, pdf, docx = letters[kind]
    for text in (pdf, docx):
        for wanted in ("12 Station Road", "NT1 2AB", "jo.bloggs@example.org", "07700 900123", letter.sender):
            assert wanted in text, (kind, wanted)
        if kind in ("complaint-stage-1", "complaint-stage-2", "review-panel"):
            assert "Town Hall" in text and "Northtown NT1 1AA" in text, kind
        else:  # the complaints address is not where a data protection officer or team manager is
            assert "Town Hall" not in text, kind
    assert letter.sender == ("Alex Bloggs" if kind == "include-pr-holder" else "Jo Bloggs")


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_failure_is_listed_with_a_due_date_after_the_letters_date(letters, kind):
    letter, pdf, docx = letters[kind]
    for text in (pdf, docx, " ".join(letter.paragraphs)):
        for _status, when in DATE_IN_LINE.findall(text):
            assert _date(when) < letter.date, (kind, when, letter.date)


@pytest.mark.parametrize("kind", list(KINDS))
def test_wording_reads_as_a_person_wrote_it_and_concedes_nothing(letters, kind):
    letter, pdf, docx = letters[kind]
    for text in (pdf, docx):
        assert "My complaint is about The" not in text and "about The " not in text, kind
        assert "paragraph not verified" not in text and "no paragraph number verified" not in text, kind
        # The family's agreement is never recited as if given freely: a bullet names what was missing.
        assert "gave consent to" not in text, kind
        assert not re.search(r"\.\.(?!\.)", text.replace("...", "")), kind
    if kind == "ombudsman-summary":
        assert "you relied on" not in " ".join(letter.paragraphs)  # "you" is the Ombudsman here


def test_citations_and_dates_are_the_engines(case, letters):
    report = evaluate(case)

    def due(check: str, event: str) -> date:
        found = [f for f in report.findings if f.check == check and event in f.events]
        assert found, (check, event)
        return found[0].due

    # The complaint letters' answer dates are the engine's deadlines for the recorded requests.
    assert letters["complaint-stage-1"][0].expected_response == due("complaint_stage1", "e9")
    assert letters["complaint-stage-2"][0].expected_response == due("complaint_stage2", "e11")
    assert letters["review-panel"][0].expected_response == due("complaint_panel", "e14")
    assert letters["subject-access"][0].expected_response == due("subject_access_response", "e12")
    for kind, (letter, pdf, docx) in letters.items():
        for text in (pdf, docx):
            assert long_date(letter.date) in text, kind
            if letter.expected_response:
                assert long_date(letter.expected_response) in text, kind
            for citation in letter.citations:
                assert citation.instrument in text, (kind, citation)
    # Each deadline the letter states cites the rule the engine judged it by.
    stage2 = [f for f in report.findings if f.check == "complaint_stage2"][0]
    assert str(stage2.citation) in [str(c) for c in letters["complaint-stage-2"][0].citations]


def test_the_ombudsman_note_shows_the_engines_sum(case, letters):
    report = evaluate(case)
    windows = [f for f in report.findings if f.check == "ombudsman_window"]
    assert windows
    notes = " ".join(letters["ombudsman-summary"][0].notes)
    for window in windows:
        assert window.explanation in notes
        assert long_date(window.due) in notes and window.values["start"] in notes


def test_a_letter_dated_before_a_deadline_lists_it_as_due_by_not_as_a_failure(case):
    # The stage 1 complaint without the events it is about: the letter then recounts the engine's
    # findings as they stood on its date, 11 March 2024.
    events = [e.model_copy(update={"about": []}) if e.id == "e9" else e for e in case.events]
    bare = case.model_copy(update={"events": events})
    letter = build_letter("complaint-stage-1", bare, evaluate(bare), contact=CONTACT)
    assert letter.date == date(2024, 3, 11)
    text = " ".join(letter.paragraphs)
    # Ben became accommodated on 1 March 2024: his first looked-after review was not yet due.
    assert "The first looked-after review for Ben Bloggs is due to be held by" in text
    assert "The first looked-after review for Ben Bloggs was not held" not in text
    assert text.index("still within time") < text.index("The first looked-after review")
    # Nothing recorded after the letter's date is recounted.
    assert "subject access" not in text.lower() and "12 August 2024" not in text
