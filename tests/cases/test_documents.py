"""Uploads: type from the bytes, size limit, disguised files refused; nothing stored on refusal."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf.generic import NameObject

from fairwitness.cases import actions, policy
from fairwitness.cases.documents import UploadRejected
from fairwitness.cases.models import Document
from fairwitness.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db

def _real_pdf(**catalog_extra: object) -> bytes:
    """A one-page PDF, as a scanner or a council's system makes (the whole file is checked now)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    for key, value in catalog_extra.items():
        writer._root_object[NameObject(key)] = value  # type: ignore[index]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _real_png(width: int = 4, height: int = 3) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


PDF = _real_pdf()
PNG = _real_png()
EML = b"Received: from mx\r\nFrom: Social Worker <sw@council.example>\r\nTo: me@example.org\r\nSubject: Visit\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nHello\r\n"
EXE = b"MZ\x90\x00\x03" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40


def _counts():
    return Document.objects.count(), LedgerEntry.objects.count()


@pytest.mark.parametrize("name, data, mime", [
    ("letter.pdf", PDF, "application/pdf"),
    ("photo.png", PNG, "image/png"),
    ("email.eml", EML, "message/rfc822"),
    ("recording.wav", WAV, "audio/x-wav"),
    ("misnamed.docx", PDF, "application/pdf"),
])
def test_accepted_types_are_stored_encrypted_and_read_back(family, name, data, mime):
    user, case = family
    event = case.events.first()
    document = actions.attach_document(case, user, event, SimpleUploadedFile(name, data))
    assert document.content_type == mime and document.size == len(data) and document.filename == name
    assert actions.read_document(document, user) == data
    entry = LedgerEntry.objects.order_by("-seq").first()
    assert entry.action == "document_attached" and entry.content_sha256 == document.sha256


@pytest.mark.parametrize("name, data, words", [
    ("letter.pdf", EXE, "really a program"),
    ("report.pdf", HTML, "really a web page"),
    ("script.pdf", b"#!/bin/sh\nrm -rf /\n", "really a script"),
    ("notes.txt", b"just some words", "must be a PDF"),
    ("empty.pdf", b"", "empty"),
])
def test_refused_uploads_say_why_and_store_nothing(family, name, data, words):
    user, case = family
    before = _counts()
    with pytest.raises(UploadRejected) as info:
        actions.attach_document(case, user, None, SimpleUploadedFile(name, data))
    assert words in info.value.message
    assert _counts() == before


def test_oversized_upload_is_refused(family, settings):
    settings.FAIRWITNESS_MAX_UPLOAD_BYTES = 1024
    user, case = family
    before = _counts()
    with pytest.raises(UploadRejected) as info:
        actions.attach_document(case, user, None, SimpleUploadedFile("big.pdf", PDF + b"0" * 2048))
    assert "smaller than" in info.value.message
    with pytest.raises(UploadRejected):
        actions.attach_document(case, user, None, ("big.pdf", io.BytesIO(PDF + b"0" * 2048).read()))
    assert _counts() == before


def test_another_family_cannot_read_a_document(family, other_family):
    user, _ = family
    document = Document.objects.get(case=other_family[1])
    with pytest.raises(policy.PermissionDenied):
        actions.read_document(document, user)


# --- issue 11: the whole file is checked against its type --------------------------------------

def _pdf_with_javascript() -> bytes:
    from pypdf.generic import ArrayObject, DictionaryObject, TextStringObject

    script = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})
    names = DictionaryObject({NameObject("/JavaScript"): DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("run"), script])})})
    return _real_pdf(**{"/Names": names})


def _pdf_with_launch() -> bytes:
    from pypdf.generic import DictionaryObject, TextStringObject

    action = DictionaryObject({NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")})
    return _real_pdf(**{"/OpenAction": action})


def _pdf_flate_bomb() -> bytes:
    """220 MB of zeros in one compressed stream (about 200 KB on disk), written by hand."""
    import zlib

    packed = zlib.compress(b"\x00" * (220 * 1024 * 1024), 9)
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>",
               b"<</Length " + str(len(packed)).encode() + b"/Filter/FlateDecode>>stream\n" + packed + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer <</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _docx_zip_bomb() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        with z.open("word/media/padding.bin", "w", force_zip64=True) as part:
            block = b"\x00" * (1 << 20)
            for _ in range(220):
                part.write(block)
    return out.getvalue()


def _gif_html_polyglot() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("P", (2, 2)).save(out, "GIF")
    return out.getvalue() + b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize("name, make, words", [
    ("letter.pdf", _pdf_with_javascript, "contains JavaScript"),
    ("letter.pdf", _pdf_with_launch, "starts a program"),
    ("report.pdf", _pdf_flate_bomb, "expands to more than"),
    ("report.docx", _docx_zip_bomb, "expands to more than"),
    ("photo.gif", _gif_html_polyglot, "partly a web page"),
    ("huge.png", lambda: _real_png(12_000, 12_000), "megapixels"),
    ("fake.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "cannot be opened"),
    ("fake.docx", lambda: _docx_missing_document(), "not one"),
])
def test_files_that_are_not_wholly_what_they_claim_are_refused(family, name, make, words):
    user, case = family
    before = _counts()
    with pytest.raises(UploadRejected) as info:
        actions.attach_document(case, user, None, (name, make()))
    assert words in info.value.message
    assert _counts() == before


def _docx_missing_document() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/other.xml", "<x/>")
    return out.getvalue()


def test_an_ordinary_word_document_and_a_pdf_that_opens_at_a_page_are_kept(family):
    from docx import Document as WordDocument
    from pypdf.generic import ArrayObject, NumberObject

    user, case = family
    out = io.BytesIO()
    WordDocument().save(out)
    actions.attach_document(case, user, None, ("letter.docx", out.getvalue()))
    fit = _real_pdf(**{"/OpenAction": ArrayObject([NumberObject(0), NameObject("/Fit")])})
    actions.attach_document(case, user, None, ("fit.pdf", fit))


def test_each_account_has_a_storage_quota_with_a_plain_message(family, settings):
    user, case = family
    settings.FAIRWITNESS_STORAGE_QUOTA_BYTES = len(PDF) * 2 + 10
    actions.attach_document(case, user, None, ("one.pdf", PDF))
    actions.attach_document(case, user, None, ("two.pdf", PDF))
    before = _counts()
    with pytest.raises(UploadRejected) as info:
        actions.attach_document(case, user, None, ("three.pdf", PDF))
    assert "of the" in info.value.message and "each account can keep" in info.value.message
    assert _counts() == before


# --- hostile files fail fast (a 20 MB junk "PDF" took pypdf 10 to 25 seconds to give up on) -------

def _junk(size: int = 20 * 1024 * 1024) -> bytes:
    import random

    block = random.Random(7).randbytes(1 << 20)
    return b"%PDF-1.7\n" + (block * (size // len(block)))[:size]


def _many_parts(count: int) -> bytes:
    return b"%PDF-1.4\n" + b"".join(b"%d 0 obj\n<</A %d>>\nendobj\n" % (i, i) for i in range(1, count + 1)) + b"%%EOF\n"


def _seconds(check, *args) -> float:
    import time

    start = time.perf_counter()
    check(*args)
    return time.perf_counter() - start


def test_a_large_file_that_only_starts_like_a_pdf_is_refused_at_once(family):
    user, case = family
    before = _counts()

    def upload() -> None:
        with pytest.raises(UploadRejected) as info:
            actions.attach_document(case, user, None, ("statement.pdf", _junk()))
        assert "not complete" in info.value.message

    assert _seconds(upload) < 3
    assert _counts() == before


@pytest.mark.parametrize("filler", [b"\x00", b" ", b"A"], ids=["zeros", "spaces", "letters"])
def test_a_damaged_pdf_with_an_end_is_judged_quickly(filler):
    """Damaged PDFs (old scanners write some) are still kept when nothing in them runs, but pypdf
    must not spend many seconds reading a megabytes-long "line" back from the end."""
    from fairwitness.cases.uploadcheck import check_content

    data = b"%PDF-1.4\n" + filler * (24 << 20) + b"\n%%EOF\n"  # one 24 MB "line" before the end
    assert _seconds(check_content, "application/pdf", data) < 1  # 2 to 13 s before; 0.2 s now


def test_a_pdf_of_too_many_parts_is_refused_before_it_is_read():
    from fairwitness.cases.uploadcheck import MAX_PDF_OBJECTS, Refused, check_content

    def check() -> None:
        with pytest.raises(Refused, match="unusual way"):
            check_content("application/pdf", _many_parts(MAX_PDF_OBJECTS + 1))

    assert _seconds(check) < 3
