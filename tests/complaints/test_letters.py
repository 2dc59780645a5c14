"""Letters on the web: the draft from the case's facts, edits, refusal while a part is unfilled, and
the final letter saved as an event with its PDF and Word files in the ledger."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from tests.complaints.conftest import docx_text, letter_page, long, pdf_text, today

pytestmark = pytest.mark.django_db


def _form(client, url):
    """The letter form's current values, as the page shows them."""
    response = letter_page(client, url)
    assert response.status_code == 200
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    return data, form


def test_ombudsman_summary_needs_the_family_part_then_is_saved_with_both_files(signed_in):
    from fairwitness.cases.models import Document, Event
    from fairwitness.ledger.models import LedgerEntry

    client, _, case = signed_in
    url = reverse("complaints:letter", args=[case.public_id, "ombudsman-summary"])
    data, form = _form(client, url)
    assert form.prompt_names, "the summary leaves 'what would put things right' to the family"

    refused = client.post(url, {**data, "action": "final"})
    assert refused.status_code == 200 and "Fill in: what would put things right" in refused.content.decode()
    assert not Event.objects.filter(case=case, current__isnull=False).exclude(event_id__in=["e1", "e2", "e3", "e4"]).exists()

    draft = client.post(url, {**data, "action": "draft_pdf"})
    assert draft["Content-Type"] == "application/pdf" and "Local Government and Social Care Ombudsman" in pdf_text(draft.content)

    fill = next(iter(form.prompt_names))
    data[fill] = "An apology and a proper stage 2 investigation."
    data["p0"] = data["p0"] + " I have kept every letter."
    response = client.post(url, {**data, "action": "final"})
    assert response.status_code == 302, response.content.decode()[:2000]
    event_id = response["Location"].rstrip("/").split("/")[-1]
    event = Event.objects.get(case=case, event_id=event_id)
    event.case = case
    assert event.data["kind"] == "ombudsman_complaint" and event.data["at"] == today().isoformat()
    assert event.data["by"] == "p1"

    page = client.get(response["Location"]).content.decode()
    docs = {d.content_type: d for d in Document.objects.filter(event=event)}
    assert set(docs) == {"application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    pdf = client.get(reverse("cases:document_download", args=[case.public_id, docs["application/pdf"].public_id]))
    word = client.get(reverse("cases:document_download", args=[case.public_id, docs[next(k for k in docs if "word" in k)].public_id]))
    assert "Download the letter (PDF)" in page
    for text in (pdf_text(pdf.content), docx_text(word.content)):
        assert "Leeds City Council" in text
        assert "4 Mill Lane" in text and "sarah.brook@example.org" in text and "0113 496 0000" in text
        assert "An apology and a proper stage 2 investigation." in text and "I have kept every letter." in text
        assert "[Please add" not in text
        assert "Sarah Brook" in text
        assert "Local Government Act 1974" in text or "Ombudsman" in text
    # The PDF's fingerprint is in the ledger.
    digest = hashlib.sha256(pdf.content).hexdigest()
    assert LedgerEntry.objects.filter(case=str(case.public_id), action="document_attached", body__contains=digest).exists()


def test_request_for_review_panel_records_stage_3_and_states_the_panel_date(signed_in):
    from fairwitness.cases.models import Event
    from fairwitness.law.calendar import working_calendar

    client, _, case = signed_in
    url = reverse("complaints:letter", args=[case.public_id, "review-panel"])
    data, _ = _form(client, url)
    response = client.post(url, {**data, "action": "final"})
    assert response.status_code == 302
    event = Event.objects.get(case=case, event_id=response["Location"].rstrip("/").split("/")[-1])
    event.case = case
    assert event.data["kind"] == "complaint_made" and event.data["stage"] == 3
    due = working_calendar().add_working_days(today(), 30)
    pdf = event.documents.get(content_type="application/pdf")
    pdf.case = case
    from fairwitness.cases.documents import open_document

    assert long(due) in pdf_text(open_document(pdf))


def test_a_letter_the_record_cannot_support_says_what_to_record(signed_in):
    client, _, case = signed_in
    page = client.get(reverse("complaints:letter", args=[case.public_id, "section-20-removal"])).content.decode()
    assert "cannot be written from your record yet" in page and "section_20_started" in page


def test_an_advocate_can_draft_but_not_make_final(signed_in, make_user):
    from fairwitness.cases.models import Membership

    client, _, case = signed_in
    advocate = make_user("adv@example.org")
    Membership.objects.create(case=case, user=advocate, role="advocate")
    client.force_login(advocate)
    url = reverse("complaints:letter", args=[case.public_id, "review-panel"])
    data, _ = _form(client, url)
    assert client.post(url, {**data, "action": "final"}).status_code == 404
    assert client.post(url, {**data, "action": "draft_pdf"}).status_code == 200
