"""Letters read back from the PDF and Word files: dates, names, citations, expected answers."""

from __future__ import annotations

from datetime import date

import pytest

from fairwitness.documents import KINDS, LetterError, UnfilledPromptsError, build_letter
from fairwitness.documents.render_docx import render_letter_docx
from fairwitness.documents.render_pdf import render_letter_pdf
from fairwitness.law.engine import evaluate
from fairwitness.law.findings import DISCLAIMER, FootingInterval, Report

from .conftest import docx_text, pdf_text


def both(letter, final=True):
    return pdf_text(render_letter_pdf(letter, final)), docx_text(render_letter_docx(letter, final))


def test_stage_1_complaint_cites_the_procedure_and_its_ten_working_days(complaints):
    letter = build_letter("complaint-stage-1", complaints)
    assert letter.date == date(2024, 1, 15)  # the recorded complaint fixes the letter's date
    assert letter.expected_response == date(2024, 1, 29)
    for text in both(letter):
        for wanted in ("Sarah Brook", "15 January 2024", "29 January 2024", "10 working days", "26(3)",
                       "SI 2006/1738", "Exampleshire County Council", "20 November 2023", "Amy Brook and Ben Brook"):
            assert wanted in text, wanted


def test_stage_2_request_says_stage_1_was_late_and_gives_25_and_65_working_days(complaints):
    letter = build_letter("complaint-stage-2", complaints)
    assert (letter.date, letter.expected_response) == (date(2024, 2, 12), date(2024, 3, 18))
    for text in both(letter):
        for wanted in ("2 February 2024", "due by 29 January 2024", "regulation 17", "18 March 2024",
                       "65 working days (16 May 2024)", "did not uphold"):
            assert wanted in text, wanted


def test_stage_2_without_a_stage_1_complaint_says_what_to_record(section20):
    with pytest.raises(LetterError, match="complaint_made.*stage 1"):
        build_letter("complaint-stage-2", section20)


def test_stage_2_refused_while_the_stage_1_clock_still_runs(complaints):
    case = complaints.model_copy(deep=True)
    case.events = [e for e in case.events if e.id not in ("e10", "e11")]
    with pytest.raises(LetterError, match="until 29 January 2024"):
        build_letter("complaint-stage-2", case, today=date(2024, 1, 22))
    late = build_letter("complaint-stage-2", case, today=date(2024, 2, 5))
    assert "I have not received one" in late.body_text()


def test_review_panel_counts_30_working_days_from_the_request(complaints):
    letter = build_letter("review-panel", complaints)  # as of 3 June 2024; stage 2 unanswered
    assert letter.expected_response == date(2024, 7, 15)
    pdf, word = both(letter)
    for text in (pdf, word):
        assert "regulation 19" in text and "15 July 2024" in text and "due by 18 March 2024" in text


def test_subject_access_month_rolls_past_easter_monday(bare):
    letter = build_letter("subject-access", bare, edits={"fill": {"your name": "A Parent",
                                                                  "the council's name": "Westshire Council",
                                                                  "the name (or initials) of child c1": "C.D."}})
    assert letter.date == date(2024, 3, 1)
    assert letter.expected_response == date(2024, 4, 2)  # 1 April 2024 was Easter Monday
    for text in both(letter):
        assert "2 April 2024" in text and "Article 15" in text and "Westshire Council" in text and "C.D." in text
    assert any("Easter" in n or "not a working day" in n for n in letter.notes)


def test_rectification_quotes_every_disputed_statement(complaints):
    letter = build_letter("rectification", complaints)
    assert letter.expected_response == date(2024, 7, 3)
    for text in both(letter):
        for wanted in ("Mother refused to let the social worker into the home.", "Father has had no contact for two years.",
                       "Tom sees both children every other weekend", "Article 16", "Article 18(1)(a)", "3 July 2024",
                       "8 November 2023"):
            assert wanted in text, wanted


def test_rectification_needs_a_disputed_statement(section20):
    with pytest.raises(LetterError, match="record_disputed"):
        build_letter("rectification", section20)


def test_withdraw_consent_rests_on_part_3_and_is_refused_under_a_plan(complaints):
    letter = build_letter("withdraw-consent", complaints)
    assert "Part III" in pdf_text(render_letter_pdf(letter))
    assert "a home visit (8 November 2023)" in letter.body_text()
    report = Report(complaints, date(2024, 6, 3), [FootingInterval("c1", "cp_plan", date(2024, 5, 1), None)], [])
    with pytest.raises(LetterError, match="(?i)child protection plan"):
        build_letter("withdraw-consent", complaints, report)


def test_threshold_document_asks_for_both_documents_and_the_record(complaints):
    letter = build_letter("threshold-document", complaints)
    text = pdf_text(render_letter_pdf(letter))
    for wanted in ("threshold document", "local protocol for assessment", "6 November 2023", "Working Together",
                   "3 July 2024"):
        assert wanted in text, wanted


def test_include_pr_holder_lists_the_meetings_the_parent_was_left_out_of(section20):
    letter = build_letter("include-pr-holder", section20, sender_person_id="f1",
                          edits={"fill": {"your name": "Dan Marsh"}})
    text = pdf_text(render_letter_pdf(letter))
    assert "looked-after child review on 22 April 2024" in text
    assert "both parents" in text and "Dan Marsh" in text
    assert letter.expected_response == date(2024, 6, 10)


def test_section_20_removal_expects_the_child_home_the_same_day(section20):
    letter = build_letter("section-20-removal", section20)
    assert letter.date == letter.expected_response == date(2024, 5, 7)
    for text in both(letter):
        for wanted in ("Jo Marsh", "Leo Marsh", "1 April 2024", "section 20(8)", "Williams", "[2018] UKSC 37",
                       "today, 7 May 2024"):
            assert wanted in text, wanted


def test_section_20_removal_only_from_a_person_with_pr(section20):
    with pytest.raises(LetterError, match="parental responsibility"):
        build_letter("section-20-removal", section20, sender_person_id="f1")


def test_ombudsman_summary_cannot_be_final_until_the_family_says_what_they_want(complaints):
    letter = build_letter("ombudsman-summary", complaints)
    assert letter.expected_response is None
    with pytest.raises(UnfilledPromptsError):
        render_letter_pdf(letter, final=True)
    with pytest.raises(UnfilledPromptsError):
        render_letter_docx(letter, final=True)
    draft = pdf_text(render_letter_pdf(letter, final=False))
    assert "[Please add: what would put things right" in draft
    filled = letter.with_edits({"fill": {"what would put things right for you and your family": "An apology."}})
    text = pdf_text(render_letter_pdf(filled))
    assert "An apology." in text and "[Please add" not in text
    assert "due by 18 March 2024" in text and "Local Government Act 1974" in text


def test_disclaimer_is_on_the_draft_cover_note_not_in_the_letter_sent(complaints):
    letter = build_letter("subject-access", complaints)
    assert DISCLAIMER in pdf_text(render_letter_pdf(letter, final=False))
    assert DISCLAIMER in docx_text(render_letter_docx(letter, final=False))
    assert DISCLAIMER not in pdf_text(render_letter_pdf(letter, final=True))
    assert DISCLAIMER not in docx_text(render_letter_docx(letter, final=True))


def test_edits_change_paragraphs_before_the_letter_is_final(complaints):
    letter = build_letter("subject-access", complaints)
    n = len(letter.paragraphs)
    edited = build_letter("subject-access", complaints, edits={0: "My own first paragraph.", "4": None,
                                                                "append": ["Thank you."], "title": "My request"})
    assert edited.paragraphs[0] == "My own first paragraph."
    assert edited.paragraphs[-1] == "Thank you." and len(edited.paragraphs) == n
    assert "My request" in pdf_text(render_letter_pdf(edited))
    with pytest.raises(LetterError, match="no paragraph 99"):
        build_letter("subject-access", complaints, edits={99: "x"})


def test_letters_use_the_engines_findings_when_it_has_them(complaints):
    report = evaluate(complaints)
    assert build_letter("complaint-stage-2", complaints, report).expected_response == date(2024, 3, 18)


def test_unknown_kind_lists_the_kinds(complaints):
    with pytest.raises(LetterError, match="complaint-stage-1"):
        build_letter("nope", complaints)
    assert len(KINDS) == 10
