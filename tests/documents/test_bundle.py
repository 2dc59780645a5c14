"""The bundle's index and its stamped page numbers agree, read back from the PDF itself."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from PIL import Image

from fairwitness.documents.bundle import BundleError, build_bundle
from fairwitness.documents.chronology import build_chronology
from fairwitness.documents.render_pdf import html_to_pdf

from .conftest import pdf_pages


def _pdf(title: str, pages: int) -> bytes:
    body = "<div style='page-break-after:always'></div>".join(f"<h1>{title}</h1><p>Original page {i + 1}</p>" for i in range(pages))
    return html_to_pdf(f"<html><body>{body}</body></html>")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def bundle_and_pages():
    from .conftest import load

    docs = [
        ("D", "Letter from the council", date(2024, 2, 2), _pdf("Letter", 2)),
        ("B", "Child and family assessment", date(2024, 1, 10), _pdf("Assessment", 7)),
        ("C", "Photo of the kitchen", date(2023, 11, 8), _png()),
        ("B", "Referral record", date(2023, 11, 6), _pdf("Referral", 3)),
        ("C", "School attendance letter", None, _pdf("School", 1)),
    ]
    many = [("B", f"Case note {n}", date(2024, 3, 1 + n), _pdf("Note", 1)) for n in range(25)]  # a two-page index
    bundle = build_bundle(docs + many, build_chronology(load("complaints")), title="Bundle: Amy and Ben Brook")
    return bundle, pdf_pages(bundle.pdf)


def _index_numbers(pages: list[str], index_pages: int) -> dict[str, int]:
    """Tab -> first page, as printed in the index text (a row: tab, title, date, page)."""
    text = "\n".join(pages[:index_pages])
    found = {}
    for m in re.finditer(r"^([A-D]\d+) (.+?)(?:\n| )(\d+)$", text, flags=re.M):
        found[m.group(1)] = int(m.group(3))
    return found


def test_index_page_numbers_match_the_stamped_pages(bundle_and_pages):
    bundle, pages = bundle_and_pages
    assert bundle.index_pages == 2
    printed = _index_numbers(pages, bundle.index_pages)
    assert set(printed) == {e.tab for e in bundle.entries}
    for e in bundle.entries:
        page = pages[printed[e.tab] - 1]
        assert f"Page {printed[e.tab]}" in page, e
        assert f"{e.tab}: {e.title}" in page, e
        if printed[e.tab] > 1:  # and the page before belongs to something else: it is the first page
            assert f"{e.tab}: {e.title}" not in pages[printed[e.tab] - 2]


def test_every_page_is_numbered_continuously(bundle_and_pages):
    bundle, pages = bundle_and_pages
    assert len(pages) == bundle.total_pages == bundle.index_pages + sum(e.pages for e in bundle.entries)
    for n, text in enumerate(pages, 1):
        assert re.search(rf"\bPage {n}\b", text), n


def test_sections_in_order_chronology_first_then_by_date(bundle_and_pages):
    bundle, _ = bundle_and_pages
    assert [e.tab for e in bundle.entries[:2]] == ["A1", "B1"]
    assert bundle.entries[0].title == "Chronology"
    b = [e.title for e in bundle.entries if e.section == "B"]
    assert b[:2] == ["Referral record", "Child and family assessment"]
    c = [e.title for e in bundle.entries if e.section == "C"]
    assert c == ["Photo of the kitchen", "School attendance letter"]  # undated last


def test_unknown_section_and_unreadable_bytes_are_refused():
    with pytest.raises(BundleError, match="section"):
        build_bundle([("Z", "x", None, _pdf("x", 1))])
    with pytest.raises(BundleError):
        build_bundle([("B", "x", None, b"not a document")])
