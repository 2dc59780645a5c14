"""What a parent records stays as they recorded it: several answers to a question, corrections that
change one answer only, children and people corrected or removed, and dates checked in plain words.

Each test posts what a browser would post: the page's own form, read from its HTML, with the one
change a parent makes.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse


class _FormReader(HTMLParser):
    """The name/value pairs a browser would submit from the page's forms, as they are shown."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.pairs.append((name, a.get("value") or "on"))
            elif kind not in ("submit", "button", "file"):
                self.pairs.append((name, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            self.pairs.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def as_posted(html: str, **changes: str | list[str]) -> dict[str, list[str]]:
    reader = _FormReader()
    reader.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in reader.pairs:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name.replace("__", "-")] = value if isinstance(value, list) else [value]
    return data


def _findings(case) -> set[tuple[str, tuple[str, ...]]]:
    from fairwitness.cases.law import case_report

    return {(f.check, tuple(f.events)) for f in case_report(case).findings if f.is_problem}


def _post_through_check(client, url: str, data: dict) -> None:
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = client.post(response["Location"])
    assert saved.status_code == 302, saved.content.decode()[:3000]


@pytest.mark.django_db
def test_a_meeting_can_have_two_invitees_and_one_kept_out(client, make_user):
    from fairwitness.cases import actions

    user = make_user("dana@example.org")
    client.force_login(user)
    case = actions.create_case(user, "Dana's case", "Leeds")
    actions.add_child(case, user, "Kim", "2016-03-01")
    for name, role in (("Dana", "mother"), ("Eli", "father"), ("Fay", "grandmother")):
        actions.add_person(case, user, name, role, {"c1": role != "grandmother"}, ["c1"])
    url = reverse("cases:record_details", args=[case.public_id, "meeting", "meeting"])
    page = client.get(url).content.decode()
    assert page.count('name="invited" type="checkbox"') == 4  # three people and "nobody"
    _post_through_check(client, url, as_posted(
        page, at__day="3", at__month="4", at__year="2024", meeting_type="icpc", invited=["p1", "p2"],
        attended=["p1"], excluded_people=["p3"], excluded_reason="Told to wait outside"))
    data = actions.case_events(case)[-1].data
    assert data["invited"] == ["p1", "p2"] and data["attended"] == ["p1"]
    assert data["excluded"] == [{"person": "p3", "reason": "Told to wait outside"}]


@pytest.mark.django_db
def test_nobody_is_recorded_as_known_and_unticked_as_not_known(signed_in):
    from fairwitness.cases import actions

    client, _user, case = signed_in
    url = reverse("cases:record_details", args=[case.public_id, "meeting", "meeting"])
    page = client.get(url).content.decode()
    assert "Nobody in the family was invited" in page and 'data-behaviour="exclusive"' in page
    _post_through_check(client, url, as_posted(page, at__day="3", at__month="4", at__year="2024",
                                               meeting_type="core_group", invited=["nobody"]))
    data = actions.case_events(case)[-1].data
    assert data["invited"] == [] and "attended" not in data and "excluded" not in data
    both = client.post(url, as_posted(page, at__day="3", at__month="4", at__year="2024", meeting_type="core_group",
                                      invited=["nobody", "p1"]))
    assert "or the ones that apply, not both" in both.content.decode()


@pytest.mark.django_db
def test_a_correction_keeps_every_answer_the_parent_did_not_change(signed_in):
    """The reported defect: correcting a conference's date dropped who was invited, and the
    'father not invited' finding vanished."""
    from fairwitness.cases import actions

    client, user, case = signed_in
    meeting = actions.record_event(case, user, {
        "kind": "meeting", "at": "2024-03-01", "meeting_type": "icpc", "invited": ["p1"], "attended": ["p1"],
        "reports_shared": [{"person": "p1", "at": "2024-02-28"}], "children": ["c1"], "by": "local_authority",
        "note": "The chair read the report aloud"})
    before = _findings(case)
    assert ("pr_holder_invited", (meeting.event_id,)) in before  # Bob, the father, was not invited
    url = reverse("cases:correct", args=[case.public_id, meeting.event_id]) + "?group=meeting&option=meeting"
    page = client.get(url).content.decode()
    _post_through_check(client, url + "", as_posted(page, at__day="2", reason="The letter says 2 March"))
    reread = client.get(url)  # the draft is gone; the page starts again from the new version
    assert reread.status_code == 200
    data = next(e.data for e in actions.case_events(case) if e.event_id == meeting.event_id)
    assert data["at"] == "2024-03-02"
    assert data["invited"] == ["p1"] and data["attended"] == ["p1"]
    assert data["reports_shared"] == [{"person": "p1", "at": "2024-02-28"}]
    assert data["note"] == "The chair read the report aloud" and data["by"] == "local_authority"
    assert _findings(case) == before


@pytest.mark.django_db
def test_a_correction_keeps_a_free_text_answer_the_choices_do_not_offer(signed_in):
    from fairwitness.cases import actions

    client, user, case = signed_in
    event = actions.record_event(case, user, {"kind": "pressure", "at": "2024-02-01", "person": "p1",
                                              "threatened": "losing the flat", "by": "a neighbour"})
    url = reverse("cases:correct", args=[case.public_id, event.event_id]) + "?group=agreement&option=pressure"
    page = client.get(url).content.decode()
    _post_through_check(client, url, as_posted(page, said="Sign or else", reason="I remembered what was said"))
    data = next(e.data for e in actions.case_events(case) if e.event_id == event.event_id)
    assert data["threatened"] == "losing the flat" and data["by"] == "a neighbour" and data["said"] == "Sign or else"


@pytest.mark.django_db
def test_pr_for_two_children_is_recorded(client, make_user):
    from fairwitness.cases import actions

    user = make_user("gail@example.org")
    client.force_login(user)
    case = actions.create_case(user, "Gail's case", "Leeds")
    actions.add_child(case, user, "Kim", "2016-03-01")
    actions.add_child(case, user, "Lee", "2019-07-09")
    url = reverse("cases:person_add", args=[case.public_id])
    page = client.get(url).content.decode()
    assert page.count('name="parental_responsibility" type="checkbox"') == 3  # two children and "none"
    response = client.post(url, {"name": "Hal", "role": "father", "parental_responsibility": ["c1", "c2"]})
    assert response.status_code == 302
    hal = case.people.get()
    assert hal.has_pr_for("c1") and hal.has_pr_for("c2")
    people = client.get(reverse("cases:people", args=[case.public_id])).content.decode()
    assert "Kim, Lee" in people


@pytest.mark.django_db
def test_a_date_of_birth_in_the_future_or_before_1900_is_refused(signed_in):
    client, _user, case = signed_in
    url = reverse("cases:child_add", args=[case.public_id])
    html = client.post(url, {"name": "Kim", "date_of_birth-day": "1", "date_of_birth-month": "1",
                             "date_of_birth-year": "2031"}).content.decode()
    assert "The date of birth must be today or in the past" in html
    html = client.post(url, {"name": "Kim", "date_of_birth-day": "1", "date_of_birth-month": "1",
                             "date_of_birth-year": "1890"}).content.decode()
    assert "1900 or later" in html
    assert case.children.count() == 1


@pytest.mark.django_db
def test_an_event_before_1900_is_refused(signed_in):
    client, _user, case = signed_in
    url = reverse("cases:record_details", args=[case.public_id, "plan", "case_closed"])
    html = client.post(url, {"at-day": "1", "at-month": "1", "at-year": "1890", "source": "family"}).content.decode()
    assert "The year must be 1900 or later" in html


@pytest.mark.django_db
def test_a_date_before_the_child_was_born_is_a_warning_the_parent_can_confirm(signed_in):
    from fairwitness.cases import actions

    client, _user, case = signed_in  # Poppy was born on 1 April 2015
    url = reverse("cases:record_details", args=[case.public_id, "plan", "case_closed"])
    posted = {"at-day": "1", "at-month": "1", "at-year": "2014", "source": "family"}
    html = client.post(url, posted).content.decode()
    assert "This is before Poppy Smith was born: is the year right?" in html
    assert "Yes, the date is right" in html
    count = len(actions.case_events(case))
    _post_through_check(client, url, {**posted, "date_confirmed": "on"})
    assert len(actions.case_events(case)) == count + 1


@pytest.mark.django_db
def test_agreement_answers_are_not_dropped_when_nobody_is_recorded(client, make_user):
    from fairwitness.cases import actions

    user = make_user("ida@example.org")
    client.force_login(user)
    case = actions.create_case(user, "Ida's case", "Leeds")
    actions.add_child(case, user, "Kim", "2016-03-01")
    url = reverse("cases:record_details", args=[case.public_id, "visit", "home_visit"])
    page = client.get(url).content.decode()
    assert "Add a person" in page and "people/add/?next=" in page
    html = client.post(url, {"at-day": "1", "at-month": "2", "at-year": "2024", "agreement_asked": "yes",
                             "agreement_decision": "refused", "agreement_informed": "no", "pressure_any": "no",
                             "source": "family"}).content.decode()
    assert "Add the people in your case first" in html
    assert actions.case_events(case) == []
