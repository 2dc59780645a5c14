"""'Tell us what happened in your own words' through Django's test client: proposals shown beside the
words, nothing saved until confirmed, edits and rejections honoured, another family kept out."""

from __future__ import annotations

import pytest
from django.urls import reverse

STORY = ("On 3 March 2024 the social worker came to our house. Two days later they held a strategy meeting "
         "without telling Bob. I refused the assessment on 20 March 2024. Over Easter they stopped all contact.")


def _events(case):
    from fairwitness.cases.models import Event
    return Event.objects.filter(case=case).count()


@pytest.mark.django_db
def test_proposals_appear_beside_the_words_and_nothing_is_saved(signed_in):
    client, _user, case = signed_in
    before = _events(case)
    response = client.post(reverse("cases:story", args=[case.public_id]),
                           {"text": STORY, "written_on-day": "1", "written_on-month": "6", "written_on-year": "2024"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Check the events in your account" in html
    assert html.count('class="fw-story-mark"') == 4  # each sentence that gave an event is marked
    assert "A home visit" in html and "A strategy discussion" in html
    assert 'name="story-2-at-day" type="text" inputmode="numeric" value="5"' in html  # two days after 3 March
    assert "Alice Smith (mother)" in html  # the case's people offered as checkboxes
    assert _events(case) == before  # nothing is saved by reading


@pytest.mark.django_db
def test_confirm_saves_what_was_ticked_with_the_parent_s_edits(signed_in):
    from fairwitness.cases import actions

    client, _user, case = signed_in
    before = _events(case)
    data = {"story": STORY, "written_on": "2024-06-01",
            "story-1-accept": "yes", "story-1-kind": "activity:home_visit",
            "story-1-at-day": "3", "story-1-at-month": "3", "story-1-at-year": "2024",
            # story-2 (the strategy discussion) is left unticked: rejected
            "story-3-accept": "yes", "story-3-kind": "consent:refused",
            "story-3-at-day": "21", "story-3-at-month": "3", "story-3-at-year": "2024",  # the parent corrects the day
            "story-3-people": ["p1"]}
    response = client.post(reverse("cases:story_confirm", args=[case.public_id]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _events(case) == before + 2
    saved = [e.data for e in actions.case_events(case)][-2:]
    visit, refusal = saved
    assert (visit["kind"], visit["activity"], visit["at"]) == ("activity", "home_visit", "2024-03-03")
    assert visit["source_text"].startswith("On 3 March 2024 the social worker came")
    assert (refusal["kind"], refusal["decision"], refusal["person"], refusal["at"]) == ("consent", "refused", "p1", "2024-03-21")
    assert refusal["date_precision"] == "day" and refusal["date_reasoning"] == "The date you gave."
    page = client.get(reverse("cases:detail", args=[case.public_id])).content.decode()
    assert "2 events from your account added" in page


@pytest.mark.django_db
def test_a_bad_date_keeps_every_choice_and_saves_nothing(signed_in):
    client, _user, case = signed_in
    before = _events(case)
    response = client.post(reverse("cases:story_confirm", args=[case.public_id]), {
        "story": STORY, "written_on": "2024-06-01", "story-1-accept": "yes", "story-1-kind": "activity:home_visit",
        "story-1-at-day": "31", "story-1-at-month": "2", "story-1-at-year": "2024",
        "story-3-accept": "yes", "story-3-kind": "consent:refused",
        "story-3-at-day": "20", "story-3-at-month": "3", "story-3-at-year": "2024"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and "Enter a real date" in html
    assert 'value="31"' in html and 'id="story-3-accept" name="story-3-accept" type="checkbox" value="yes" checked' in html
    assert _events(case) == before


@pytest.mark.django_db
def test_keeping_the_account_stores_it_encrypted_as_a_document(signed_in):
    from fairwitness.cases.models import Document

    client, _user, case = signed_in
    client.post(reverse("cases:story_confirm", args=[case.public_id]), {
        "story": STORY, "written_on": "2024-06-01", "keep": "yes", "story-1-accept": "yes",
        "story-1-kind": "activity:home_visit", "story-1-at-day": "3", "story-1-at-month": "3", "story-1-at-year": "2024"})
    document = Document.objects.get(case=case)
    assert document.filename == "my-account-2024-06-01.pdf"
    from pathlib import Path

    from django.conf import settings

    from fairwitness.cases import actions
    from fairwitness.narrative import extract_text
    stored = [p.read_bytes() for p in Path(settings.FAIRWITNESS_DOCUMENTS_DIR).rglob("*") if p.is_file()]
    assert stored and not any(b.startswith(b"%PDF") for b in stored)  # encrypted at rest
    opened = actions.read_document(document, _user)
    assert "strategy meeting" in " ".join(extract_text(opened).split())  # and it is the parent's account, word for word


@pytest.mark.django_db
def test_without_keeping_it_the_account_is_not_stored(signed_in):
    from fairwitness.cases.models import Document

    client, _user, case = signed_in
    client.post(reverse("cases:story_confirm", args=[case.public_id]), {
        "story": STORY, "written_on": "2024-06-01", "story-1-accept": "yes",
        "story-1-kind": "activity:home_visit", "story-1-at-day": "3", "story-1-at-month": "3", "story-1-at-year": "2024"})
    assert not Document.objects.filter(case=case).exists()
    assert "strategy" not in str(dict(client.session))


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "message"), [
    ({"text": ""}, "Write what happened, or upload a document"),
    ({"text": "x", "written_on-day": "1", "written_on-month": "1", "written_on-year": "2999"}, "must be today or in the past"),
])
def test_start_page_explains_what_is_missing(signed_in, data, message):
    client, _user, case = signed_in
    html = client.post(reverse("cases:story", args=[case.public_id]), data).content.decode()
    assert "There is a problem" in html and message in html


@pytest.mark.django_db
def test_an_unreadable_upload_is_explained(signed_in):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client, _user, case = signed_in
    html = client.post(reverse("cases:story", args=[case.public_id]),
                       {"text": "", "upload": SimpleUploadedFile("x.pdf", b"%PDF-1.4 broken")}).content.decode()
    assert "This PDF could not be read" in html


@pytest.mark.django_db
def test_another_family_cannot_read_or_write_through_the_journey(client, family, other_family):
    _user, case = family
    intruder, _ = other_family
    client.force_login(intruder)
    assert client.get(reverse("cases:story", args=[case.public_id])).status_code == 404
    response = client.post(reverse("cases:story_confirm", args=[case.public_id]), {
        "story": STORY, "written_on": "2024-06-01", "story-1-accept": "yes", "story-1-kind": "activity:home_visit",
        "story-1-at-day": "3", "story-1-at-month": "3", "story-1-at-year": "2024"})
    assert response.status_code == 404
