"""The calendar feed: a private, revocable link; every deadline ahead and every family window on its
date; no child's or person's name in it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.complaints.conftest import days_ago

pytestmark = pytest.mark.django_db


def _make_link(client, case) -> str:
    response = client.post(reverse("complaints:calendar", args=[case.public_id]), {"action": "create"})
    assert response.status_code == 200
    url = response.context["feed_url"]
    return url[url.index("/calendar/"):]


def test_feed_holds_every_deadline_and_window_with_the_right_date_and_no_names(signed_in):
    from fairwitness.cases import actions
    from fairwitness.cases.law import case_report

    client, user, case = signed_in
    actions.record_event(case, user, {"kind": "subject_access_request", "at": days_ago(5), "person": "p1"})
    report = case_report(case)
    expected = {(f.check, f.due) for f in report.findings
                if f.due and f.status == "due"}  # council deadlines ahead and open family windows
    assert any(not f.family_window for f in report.findings if f.status == "due")
    assert any(f.family_window for f in report.findings if f.status == "due")

    path = _make_link(client, case)
    client.logout()  # a phone fetches it without signing in
    response = client.get(path)
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    titles = {f.title: f for f in report.findings if f.due and f.status == "due"}
    got = set()
    for e in events:
        summary = str(e.get("summary")).split(": ", 1)[1]
        got.add((titles[summary].check, e.decoded("dtstart")))
    assert got == expected
    body = response.content.decode()
    for secret in ("Amy", "Brook", "Sarah", "Leeds"):
        assert secret not in body


def test_a_new_link_or_turning_it_off_stops_the_old_one(signed_in):
    client, _, case = signed_in
    first = _make_link(client, case)
    assert client.get(first).status_code == 200
    second = _make_link(client, case)
    assert client.get(first).status_code == 404 and client.get(second).status_code == 200
    client.post(reverse("complaints:calendar", args=[case.public_id]), {"action": "revoke"})
    assert client.get(second).status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_only_the_hash_of_the_token_is_stored(signed_in):
    from fairwitness.complaints.models import CalendarFeed

    client, _, case = signed_in
    path = _make_link(client, case)
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    assert not CalendarFeed.objects.filter(token_hash=token).exists()
    assert CalendarFeed.objects.filter(case=case, revoked_at__isnull=True).count() == 1


def test_the_feed_link_uses_the_address_the_family_is_using(signed_in, settings):
    """The reported defect: the link named http://127.0.0.1:8000 whatever address served the page."""
    client, _user, case = signed_in
    settings.FAIRWITNESS_BASE_URL = ""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "fw.example.org"]
    response = client.post(reverse("complaints:calendar", args=[case.public_id]), {"action": "create"},
                           HTTP_HOST="fw.example.org:8443")
    url = response.context["feed_url"]
    assert url.startswith("http://fw.example.org:8443/calendar/"), url
    assert "127.0.0.1:8000" not in response.content.decode()
