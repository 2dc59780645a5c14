"""A stage 1 complaint states what the family says went wrong, the duty and its citation, in the
family's own voice: never an engine heading that describes good practice next to a name (which a
council would read as a concession), never a researcher's note, and only what the council answers
for."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from fairwitness.documents import build_letter
from fairwitness.documents.render_docx import render_letter_docx
from fairwitness.documents.render_pdf import render_letter_pdf
from fairwitness.law.caseformat import load_case, parse_case
from fairwitness.law.packs import load_pack

from .conftest import docx_text, pdf_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _case(events: list[dict], **extra) -> object:
    return parse_case({
        "format": "fairwitness-case/1", "jurisdiction": "england", "local_authority": "Northtown Borough Council",
        "children": [{"id": "c1", "name": "Amy Bloggs", "date_of_birth": "2016-05-01"}],
        "people": [{"id": "p1", "name": "Jo Bloggs", "role": "mother", "parental_responsibility": True},
                   {"id": "p2", "name": "Alex Bloggs", "role": "father", "parental_responsibility": True}],
        "events": events, **extra})


def both(letter) -> tuple[str, str]:
    return pdf_text(render_letter_pdf(letter, final=False)), docx_text(render_letter_docx(letter, final=False))


def _bullets(letter) -> list[str]:
    return [p for p in letter.paragraphs if p.startswith("\u2022 ")]


def test_a_late_assessment_is_stated_as_what_happened_the_duty_and_its_citation():
    case = _case([
        {"id": "e1", "kind": "referral_received", "at": "2025-01-06", "source": "family"},
        {"id": "e2", "kind": "referral_decision", "at": "2025-01-07", "decision": "assessment"},
        {"id": "e3", "kind": "assessment_started", "at": "2025-01-08", "basis": "s17"},
        {"id": "e4", "kind": "consent", "at": "2025-01-08", "person": "p1", "activity": "assessment", "decision": "given",
         "informed": True, "in_writing": True},
    ])
    letter = build_letter("complaint-stage-1", case, today=date(2025, 5, 1), sender_person_id="p1")
    bullets = _bullets(letter)
    assert any(b.startswith("\u2022 The assessment was not completed within 45 working days of the referral on "
                            "6 January 2025") for b in bullets), bullets
    assessment = next(b for b in bullets if "assessment was not completed" in b)
    assert "Working Together to Safeguard Children 2023" in assessment  # the edition in force, from the pack
    for text in both(letter):
        assert "Finishing an assessment" not in text  # the engine's heading is not the family's complaint
        assert "The assessment was not completed within 45 working days of the referral on 6 January 2025" in text


def test_no_bullet_reads_as_a_concession_or_carries_the_engines_advice():
    case = load_case(EXAMPLES / "petition-family.json")
    letter = build_letter("complaint-stage-1", case)
    titles = {rule.title for rule in load_pack("england").checks.values()}
    for bullet in _bullets(letter):
        head = re.split(r"[.:(]", bullet[2:], maxsplit=1)[0].strip()
        assert head not in titles, bullet
        assert "concern rather than a breach" not in bullet and "not by itself a breach" not in bullet, bullet
        assert "you recorded" not in bullet.lower() and "record it" not in bullet.lower(), bullet
    said = " ".join(_bullets(letter))
    # What the family says happened, in their voice, with the duty.
    assert "A.B., J.B. and T.B. were removed from home on 12 September 2023 at 16:30 with no lawful authority" in said
    assert "Agreement to section 20 must be real, informed and freely given" in said


def test_what_the_police_or_the_court_did_is_not_put_to_the_council():
    case = load_case(EXAMPLES / "police-protection-kinship.json")
    letter = build_letter("complaint-stage-1", case)
    said = " ".join(_bullets(letter))
    assert "Police protection" not in said and "72 hours" not in said
    assert any("police" in n.lower() and "council's complaints procedure" in n for n in letter.notes), letter.notes


def test_a_researchers_note_in_a_citation_is_left_out_of_the_letter():
    case = _case([
        {"id": "e1", "kind": "strategy_discussion", "at": "2025-01-06"},
        {"id": "e2", "kind": "s47_enquiry_started", "at": "2025-01-06"},
        {"id": "e3", "kind": "meeting", "at": "2025-01-20", "meeting_type": "icpc", "invited": ["p1", "p2"],
         "attended": ["p1", "p2"], "reports_shared": [{"person": "p1", "at": "2025-01-20"}]},
    ])
    letter = build_letter("complaint-stage-1", case, today=date(2025, 2, 3), sender_person_id="p1")
    for text in both(letter):
        assert "given the report for the initial child protection conference only on 20 January 2025" in text
        assert "no national number" not in text.lower()
        assert "Working Together to Safeguard Children" in text


def test_the_ombudsman_summary_states_the_same_way_and_a_data_request_is_not_a_childs():
    letter = build_letter("ombudsman-summary", load_case(EXAMPLES / "petition-family.json"))
    said = " ".join(_bullets(letter))
    assert "The subject access request of 13 January 2025 was not answered in full within 1 calendar month" in said
    assert "but the council handled it under the council's general complaints procedure" in said  # not "you"
