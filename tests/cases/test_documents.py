"""Uploads: type from the bytes, size limit, disguised files refused; nothing stored on refusal."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fairwitness.cases import actions, policy
from fairwitness.cases.documents import UploadRejected
from fairwitness.cases.models import Document
from fairwitness.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
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
