"""Error pages are branded, carry "Exit this page" and a way back; staff land on their own inbox."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse


def _branded(html: str) -> None:
    assert "govuk-exit-this-page" in html and "https://www.bbc.co.uk/weather" in html
    assert "Fair Witness" in html and 'href="/"' in html


@pytest.mark.django_db
def test_not_found_is_branded_with_a_way_back(client):
    response = client.get("/no-such-page/", HTTP_REFERER="http://testserver/about/")
    assert response.status_code == 404
    html = response.content.decode()
    _branded(html)
    assert "Page not found" in html and 'href="http://testserver/about/"' in html


@pytest.mark.django_db
def test_another_familys_case_reads_as_not_found(client, family, other_family):
    client.force_login(other_family[0])
    response = client.get(reverse("cases:detail", args=[family[1].public_id]))
    assert response.status_code == 404 and "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_is_branded_and_says_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "a@example.org", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    _branded(html)
    assert "Your session has timed out or the form was already sent" in html


@pytest.mark.django_db
def test_server_error_and_bad_request_are_branded():
    from fairwitness.web import views

    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    for response, words in ((views.server_error(request), "Sorry, there is a problem with the service"),
                            (views.bad_request(request), "Something in that request was not right"),
                            (views.permission_denied(request), "You cannot see this page")):
        assert response.status_code in (500, 400, 403)
        html = response.content.decode()
        assert words in html and "Exit this page" in html


@pytest.mark.django_db
def test_staff_land_on_their_own_inbox_not_start_a_case(client, make_user):
    from fairwitness.oversight import actions

    user = make_user("reviewer@example.org")
    actions.set_staff_role(None, user, "reviewer", None)
    client.force_login(user)
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code in (200, 302)
    assert "Start a case" not in client.get(reverse("cases:list"), follow=True).content.decode()
