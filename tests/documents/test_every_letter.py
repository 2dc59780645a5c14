"""Every letter kind for every example case: built from the case, or refused with LetterError
when the case cannot support it; once the family fills the prompts, the final PDF and Word letters
hold no prompt, and a final letter is refused while one is left."""

from __future__ import annotations

from pathlib import Path

import pytest

from fairwitness.documents import KINDS, LetterError, UnfilledPromptsError, build_letter
from fairwitness.documents.render_docx import render_letter_docx
from fairwitness.documents.render_pdf import render_letter_pdf
from fairwitness.documents.wording import PROMPT_PREFIX, long_date
from fairwitness.law.caseformat import load_case
from fairwitness.law.engine import evaluate

from .conftest import CASES, docx_text, pdf_text

ROOT = Path(__file__).resolve().parents[2]
CASE_FILES = sorted((ROOT / "examples").glob("*.json")) + sorted(CASES.glob("*.json"))


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_kind_renders_final_with_no_prompt_left(path):
    case = load_case(path)
    report = evaluate(case)
    built = 0
    for kind in KINDS:
        try:
            letter = build_letter(kind, case, report)
        except LetterError as exc:
            assert str(exc), kind  # refused, and it says why
            continue
        built += 1
        prompts = letter.prompts()
        if prompts:
            with pytest.raises(UnfilledPromptsError):
                render_letter_pdf(letter, final=True)
            letter = letter.with_edits({"fill": {p: "FILLED BY THE FAMILY" for p in prompts}})
        assert letter.is_final
        for text in (pdf_text(render_letter_pdf(letter)), docx_text(render_letter_docx(letter))):
            assert PROMPT_PREFIX.strip() not in text, kind
            assert long_date(letter.date) in text, kind
            if letter.expected_response:
                assert long_date(letter.expected_response) in text, kind
            for citation in letter.citations:
                assert citation.instrument in text, (kind, citation)
    assert built >= 3  # subject access, threshold document and inclusion need nothing special
