"""Correcting the record: many quoted statements per request, each a record_disputed event with its
evidence; the rectification letter quotes this request's statements only; each statement is
tracked to an outcome by a rectification_response event answering it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.complaints.conftest import letter_page, long, pdf_text, today

pytestmark = pytest.mark.django_db

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


def _start(client, case, document="Child and family assessment, 10 January 2024"):
    response = client.post(reverse("complaints:correction_new", args=[case.public_id]), {"document": document})
    assert response.status_code == 302
    return response["Location"]


def test_two_statements_a_letter_and_an_outcome_for_each(signed_in):
    from fairwitness.cases.models import Document, Event
    from fairwitness.complaints.models import RectificationRequest

    client, _, case = signed_in
    page_url = _start(client, case)
    first = client.post(page_url, {"statement": "Mother refused to let the social worker into the home.",
                                   "correction": "I let her in on 8 January; she stayed an hour.",
                                   "evidence": "my text messages of 8 January",
                                   "evidence_file": SimpleUploadedFile("texts.pdf", PDF, "application/pdf")})
    assert first.status_code == 302
    second = client.post(page_url, {"statement": "Amy has missed 40% of school.",
                                    "correction": "Amy's attendance was 96%.", "evidence": "the school's letter"})
    assert second.status_code == 302
    empty = client.post(page_url, {"statement": "", "correction": ""})
    assert "Enter the statement, quoted exactly from the document" in empty.content.decode()

    request = RectificationRequest.objects.get(case=case)
    assert len(request.statement_ids) == 2
    events = {e.event_id: e for e in Event.objects.filter(case=case, event_id__in=request.statement_ids)}
    for e in events.values():
        e.case = case
    assert {e.data["kind"] for e in events.values()} == {"record_disputed"}
    assert events[request.statement_ids[0]].data["document"] == "Child and family assessment, 10 January 2024"
    assert Document.objects.filter(event=events[request.statement_ids[0]]).count() == 1  # the evidence file

    page = client.get(page_url).content.decode()
    letter_url = reverse("complaints:letter", args=[case.public_id, "rectification"]) + f"?request={request.public_id}"
    assert letter_url.replace("?", "?") in page.replace("&amp;", "&")
    form = letter_page(client, letter_url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    response = client.post(letter_url, {**data, "request": str(request.public_id), "action": "final"})
    assert response.status_code == 302, response.content.decode()[:1500]
    request.refresh_from_db()
    sent = Event.objects.get(case=case, event_id=request.request_event_id)
    sent.case = case
    assert sent.data["kind"] == "rectification_requested"
    pdf = Document.objects.get(event=sent, content_type="application/pdf")
    text = pdf_text(client.get(reverse("cases:document_download", args=[case.public_id, pdf.public_id])).content)
    assert "Mother refused to let the social worker into the home." in text and "Amy's attendance was 96%." in text
    assert "Article 16" in text

    from fairwitness.law.calendar import gdpr_month_deadline

    assert long(gdpr_month_deadline(today())) in text

    # Each statement's outcome.
    answer_url = reverse("complaints:statement_outcome", args=[case.public_id, request.public_id, request.statement_ids[0]])
    d = today()
    assert client.post(answer_url, {"outcome": "corrected", "on-day": d.day, "on-month": d.month, "on-year": d.year}).status_code == 302
    answer_url = reverse("complaints:statement_outcome", args=[case.public_id, request.public_id, request.statement_ids[1]])
    assert client.post(answer_url, {"outcome": "refused", "on-day": d.day, "on-month": d.month, "on-year": d.year}).status_code == 302
    page = client.get(page_url).content.decode()
    assert "Corrected" in page and "Refused" in page
    outcome = Event.objects.filter(case=case).order_by("-position").first()
    outcome.case = case
    assert outcome.data == {**outcome.data, "kind": "rectification_response", "outcome": "refused",
                            "responds_to": request.statement_ids[1]}

    # The refusal opens the ICO route on the tracker; the export holds every event.
    from fairwitness.cases.law import case_report
    from fairwitness.complaints.matters import case_matters

    matter = next(m for m in case_matters(case_report(case)) if m.kind == "rectification")
    assert matter.next_steps and "ico.org.uk" in matter.next_steps[0].url
    from fairwitness.cases import actions

    exported = actions.export_case(case, signed_in[1])
    kinds = [e["kind"] for e in exported["events"]]
    assert kinds.count("record_disputed") == 2 and "rectification_requested" in kinds and kinds.count("rectification_response") == 2


def test_a_second_request_quotes_only_its_own_statements(signed_in):
    from fairwitness.complaints.letterdraft import draft_letter
    from fairwitness.complaints.models import RectificationRequest

    client, _, case = signed_in
    first_url = _start(client, case, "Assessment of January")
    client.post(first_url, {"statement": "First wrong thing.", "correction": "First truth."})
    second_url = _start(client, case, "Minutes of the March meeting")
    client.post(second_url, {"statement": "Second wrong thing.", "correction": "Second truth."})
    second = RectificationRequest.objects.get(case=case, public_id=second_url.rstrip("/").split("/")[-1])
    second.case = case
    text = " ".join(draft_letter(case, "rectification", request=second).letter.paragraphs)
    assert "Second wrong thing." in text and "First wrong thing." not in text


def test_a_sent_request_takes_no_more_statements(signed_in):
    from fairwitness.complaints import actions
    from fairwitness.complaints.models import RectificationRequest
    from fairwitness.law.caseformat import CaseFileError

    client, user, case = signed_in
    url = _start(client, case)
    client.post(url, {"statement": "Wrong.", "correction": "Right."})
    request = RectificationRequest.objects.get(case=case)
    request.case = case
    request.request_event_id = "e4"
    request.save()
    with pytest.raises(CaseFileError):
        actions.add_statement(case, user, request, statement="More.", correction="Truth.")
