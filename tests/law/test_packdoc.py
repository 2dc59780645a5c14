"""docs/checks.md shows every check of the pack beside the others, with each edition's citation,
written from the pack itself: when the pack changes, the document must be regenerated."""

from __future__ import annotations

from pathlib import Path

from fairwitness.law.packdoc import BEGIN, END, render
from fairwitness.law.packs import load_pack

DOC = Path(__file__).resolve().parents[2] / "docs" / "checks.md"


def test_the_document_holds_the_tables_the_pack_gives() -> None:
    text = DOC.read_text(encoding="utf-8")
    generated = text[text.index(BEGIN):text.index(END) + len(END)] + "\n"
    assert generated == render(load_pack("england")), "run: fairwitness pack-doc, and paste it into docs/checks.md"


def test_every_check_and_every_edition_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    pack = load_pack("england")
    for rule in pack.checks.values():
        assert f"| `{rule.id}` |" in text
        for edition in rule.previous_editions:
            assert edition.citation.instrument in text
