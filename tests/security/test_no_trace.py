"""Issue 10, done-when: a marker planted in every field a family fills and every file they upload
appears in no log, no printed output, no session row, and (after erasure) in no database page or
WAL frame; nor does the case's old wrapped key.

The journeys run through the real URLs with the handlers settings.LOGGING configures (their streams
swapped for a buffer), so what is checked is what a server's log would hold."""

from __future__ import annotations

import base64
import io
import logging
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from fairwitness.cases import actions
from fairwitness.cases.models import Case

MARKER = "Qzmarkwyvern"
PDF = b"%PDF-1.4\n%" + MARKER.encode() + b"\n%%EOF\n"
BROKEN_PNG = b"\x89PNG\r\n\x1a\n" + (MARKER.encode() + b"\x00\xff") * 400  # WeasyPrint cannot draw it


@pytest.fixture
def server_log():
    buffer = io.StringIO()
    handlers = {h for name in ("", "fairwitness", "django.request", "django.server")
                for h in logging.getLogger(name).handlers if isinstance(h, logging.StreamHandler)}
    # Swapped directly, not with setStream, which would flush a stream pytest may have closed.
    old = {h: h.stream for h in handlers}
    for h in handlers:
        h.stream = buffer
    levels = {name: logging.getLogger(name).level for name in ("weasyprint", "fontTools", "docx")}
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)  # the most a misconfigured server could log
    yield buffer
    for h, stream in old.items():
        h.stream = stream
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def _link(message) -> str:
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def _variants(text: str) -> list[bytes]:
    raw = text.encode()
    return [raw, raw.lower(), raw.upper(), base64.b64encode(raw)[:12], text.encode("utf-16-le")]


def _walk_every_journey(client: Client) -> Case:
    m = MARKER
    client.post("/accounts/signup/", {"email": "walker@example.org", "password": "a-long-test-password-1",
                                      "password_again": "a-long-test-password-1"})
    client.get(_link(mail.outbox[-1]))
    assert client.post("/cases/new/", {"title": f"{m} family", "local_authority": ""}).status_code == 302
    case = Case.objects.latest("created_at")
    base = f"/cases/{case.public_id}"
    assert client.post(f"{base}/children/add/", {"name": f"{m} Child", "date_of_birth-day": "1",
                                                 "date_of_birth-month": "4", "date_of_birth-year": "2015"}).status_code == 302
    assert client.post(f"{base}/people/add/", {"name": f"{m} Parent", "role": f"{m} mother",
                                               "parental_responsibility": ["c1"]}).status_code == 302
    details = client.post(f"{base}/record/visit/home_visit/", {
        "at-day": "4", "at-month": "6", "at-year": "2024", "agreement_person": "p1", "agreement_asked": "yes",
        "agreement_decision": "given", "agreement_informed": "yes", "agreement_in_writing": "no",
        "pressure_any": "yes", "pressure_said": f"{m} said they would go to court", "source": "family",
        "note": f"Visit notes about {m}"})
    assert details.status_code == 302, details.content[:2000]
    assert client.post(details["Location"]).status_code == 302
    event_id = case.events.order_by("-position").first().event_id
    for name, data in ((f"{m}-photo.png", BROKEN_PNG), (f"{m}-letter.pdf", PDF)):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        response = client.post(f"{base}/events/{event_id}/documents/add/", {"file": upload})
        # A picture that will not decode is now refused at upload (issue 11), so it never reaches a
        # bundle; the refusal must leave no trace of it either.
        assert response.status_code == (200 if data is BROKEN_PNG else 302), name
    client.post(f"{base}/share/", {"email": f"{m.lower()}@example.org", "role": "member"})
    for url in (f"{base}/", f"{base}/people/", f"{base}/documents/", f"{base}/events/{event_id}/",
                f"{base}/export/", f"/cases/{case.public_id}/court-documents/bundle.pdf",
                f"/cases/{case.public_id}/court-documents/chronology.docx",
                f"/cases/{case.public_id}/court-documents/chronology.pdf",
                f"/cases/{case.public_id}/letters/complaint-stage-1/?from=p1"):
        response = client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    # The record-what-happened journey left half-way: a draft waits in the session.
    assert client.post(f"{base}/record/visit/home_visit/", {
        "at-day": "5", "at-month": "6", "at-year": "2024", "agreement_person": "p1", "agreement_asked": "no",
        "agreement_informed": "no", "pressure_any": "no", "source": "family",
        "note": f"Unsaved draft about {m}"}).status_code == 302
    # Erasure: asked for, typed, cooled off, carried out.
    assert client.post(f"{base}/delete/", {"confirmation": f"{m} family"}).status_code == 302
    erased = actions.carry_out_due_erasures(now=timezone.now() + timedelta(days=actions.ERASURE_COOLING_OFF_DAYS, hours=1))
    assert erased == [str(case.public_id)]
    return case


@pytest.mark.django_db(transaction=True)
def test_the_marker_is_nowhere_after_every_journey_and_erasure(server_log, capfd):
    case = _walk_every_journey(Client())

    logged = server_log.getvalue() + "".join(capfd.readouterr())
    for variant in _variants(MARKER):
        assert variant.decode("latin-1") not in logged, f"{variant!r} in the logs"
    assert "base64," not in logged

    for row in Session.objects.all():
        assert MARKER.lower() not in repr(row.get_decoded()).lower()

    assert Case.objects.get(pk=case.pk).wrapped_key is None
    if connection.vendor == "sqlite":  # PostgreSQL's files: tests/security/test_erasure.py (VACUUM FULL)
        db_file = Path(connection.settings_dict["NAME"])
        stored = db_file.read_bytes()
        wal = Path(str(db_file) + "-wal")
        stored += wal.read_bytes() if wal.exists() else b""
        for variant in _variants(MARKER):
            assert variant not in stored, f"{variant!r} in the database file or its WAL"
    documents = Path(settings.FAIRWITNESS_DOCUMENTS_DIR)
    assert not (documents / str(case.public_id)).exists()
