"""The "what happened?" journey through Django's test client: bad input, agreement, corrections."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fairwitness.cases.journey import reachable_kinds
from fairwitness.law.caseformat import KNOWN_KINDS


def test_every_case_format_kind_is_recordable():
    assert set(KNOWN_KINDS) <= reachable_kinds()


def _details_url(case, group="assessment", option="assessment_started"):
    return reverse("cases:record_details", args=[case.public_id, group, option])


@pytest.mark.django_db
def test_a_wrong_date_shows_the_error_summary_and_keeps_what_was_typed(signed_in):
    from fairwitness.cases.models import Event

    client, _user, case = signed_in
    before = Event.objects.filter(case=case).count()
    response = client.post(_details_url(case), {
        "at-day": "31", "at-month": "2", "at-year": "2024", "at_time": "14:05",
        "basis": "s17", "agreement_person": "p1", "agreement_asked": "no", "agreement_informed": "no",
        "pressure_any": "yes", "pressure_said": "They said they would go to court if I refused",
        "source": "family", "note": "Visit after school, Zanzibar",
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "must be a real date" in html
    assert 'href="#id_at-day"' in html
    assert "<title>Error: " in html
    # Everything typed is still there.
    for typed in ('value="31"', 'value="2"', 'value="2024"', 'value="14:05"', "Zanzibar",
                  "They said they would go to court if I refused"):
        assert typed in html, typed
    assert 'value="s17" checked' in html or ('value="s17"' in html and "checked" in html)
    # Nothing saved, and no draft to confirm.
    assert Event.objects.filter(case=case).count() == before
    check = client.get(reverse("cases:record_check", args=[case.public_id, "assessment", "assessment_started"]))
    assert check.status_code == 302


@pytest.mark.django_db
def test_a_missing_required_answer_is_named(signed_in):
    client, _user, case = signed_in
    response = client.post(_details_url(case), {"at-day": "", "at-month": "", "at-year": "", "source": "family"})
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter the date it happened" in html
    assert "Select an answer to &#39;Did they ask for your agreement?&#39;" in html


@pytest.mark.django_db
def test_recording_without_agreement_saves_the_activity_and_the_pressure(signed_in):
    from fairwitness.cases import actions

    client, _user, case = signed_in
    response = client.post(_details_url(case), {
        "at-day": "3", "at-month": "6", "at-year": "2024", "at_time": "",
        "basis": "s17", "agreement_person": "p1", "agreement_asked": "no", "agreement_informed": "no",
        "pressure_any": "yes", "pressure_said": "If you do not cooperate we will go to conference",
        "pressure_threatened": "child_protection_plan", "source": "family", "note": "",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    check_url = response["Location"]
    check = client.get(check_url)
    html = check.content.decode()
    assert "Check your answers" in html and "3 June 2024" in html and "A child in need assessment" in html
    saved = client.post(check_url)
    assert saved.status_code == 302
    kinds = [(e.kind, e.data) for e in actions.case_events(case)]
    new = [d for k, d in kinds if d.get("at") == "2024-06-03"]
    assert {d["kind"] for d in new} == {"assessment_started", "pressure"}
    pressure = next(d for d in new if d["kind"] == "pressure")
    assert pressure["threatened"] == "child_protection_plan" and pressure["person"] == "p1"
    event_page = client.get(saved["Location"])
    assert "Saved to your record" in event_page.content.decode()


@pytest.mark.django_db
def test_agreement_given_is_a_consent_event(signed_in):
    from fairwitness.cases import actions

    client, _user, case = signed_in
    response = client.post(reverse("cases:record_details", args=[case.public_id, "visit", "home_visit"]), {
        "at-day": "4", "at-month": "6", "at-year": "2024", "agreement_person": "p2", "agreement_asked": "yes",
        "agreement_decision": "given", "agreement_informed": "yes", "agreement_in_writing": "no",
        "pressure_any": "no", "source": "family",
    })
    assert response.status_code == 302
    client.post(response["Location"])
    new = [e.data for e in actions.case_events(case) if e.data.get("at") == "2024-06-04"]
    consent = next(d for d in new if d["kind"] == "consent")
    assert consent == {**consent, "person": "p2", "activity": "home_visit", "decision": "given",
                       "informed": True, "in_writing": False}
    assert any(d["kind"] == "activity" and d["activity"] == "home_visit" for d in new)


@pytest.mark.django_db
def test_correcting_an_event_keeps_every_version(signed_in):
    from fairwitness.cases.models import Event

    client, _user, case = signed_in
    event_url = reverse("cases:event", args=[case.public_id, "e1"])
    page = client.get(event_url).content.decode()
    assert "Correct this" in page
    correct_url = reverse("cases:correct", args=[case.public_id, "e1"]) + "?group=assessment&option=assessment_started"
    form = client.get(correct_url).content.decode()
    assert 'value="10"' in form and 'value="2024"' in form and "Zanzibar note" in form  # pre-filled
    response = client.post(correct_url, {
        "at-day": "11", "at-month": "1", "at-year": "2024", "basis": "s17", "source": "family",
        "note": "Zanzibar note", "reason": "It was the Thursday, not the Wednesday: the letter is dated 11 January",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    client.post(response["Location"])
    event = Event.objects.get(case=case, event_id="e1")
    assert event.version_count == 2 and event.data["at"] == "2024-01-11"
    history = client.get(event_url).content.decode()
    assert "Version 2 (current)" in history and "Version 1" in history
    assert "the letter is dated 11 January" in history
