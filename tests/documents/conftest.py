"""Shared helpers: the test cases, and reading produced files back (pypdf, python-docx)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from fairwitness.law.caseformat import Case, load_case

CASES = Path(__file__).parent / "cases"


def pdf_pages(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    """All the text, with runs of whitespace made single spaces (PDF text wraps anywhere)."""
    return re.sub(r"\s+", " ", " ".join(pdf_pages(data)))


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return re.sub(r"\s+", " ", " ".join(parts))


def load(name: str) -> Case:
    return load_case(CASES / f"{name}.json")


@pytest.fixture
def complaints() -> Case:
    return load("complaints")


@pytest.fixture
def section20() -> Case:
    return load("section20")


@pytest.fixture
def bare() -> Case:
    return load("bare")
