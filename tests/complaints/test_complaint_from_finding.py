""""Make a complaint about it" on the case page opens a new complaint about that finding, dated
today, with what it is about filled in; making it final adds a new complaint to the record and the
tracker, and the family's earlier complaint stays exactly as it was."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from tests.complaints.conftest import docx_text, letter_page, long, pdf_text, today

pytestmark = pytest.mark.django_db

SECTION_20 = Path(__file__).resolve().parents[1] / "documents" / "cases" / "section20.json"
OLD_SUBJECT = "The social worker did not return my calls for three weeks."


@pytest.fixture
def marsh(client, make_user):
    """Jo Marsh asked for Leo back from section 20 on 7 May 2024 and he was not returned; she had
    already complained, on 2 May 2024, about something else."""
    from fairwitness.cases import actions

    user = make_user("jo.marsh@example.org")
    data = json.loads(SECTION_20.read_text())
    data.pop("as_of")  # a family's own record is judged today, as the web judges it
    case = actions.import_case(user, data)
    old = actions.record_event(case, user, {"kind": "complaint_made", "at": "2024-05-02", "stage": 1, "by": "m1",
                                            "subject": OLD_SUBJECT})
    client.force_login(user)
    return client, case, old


def _complain_link(client, case) -> str:
    page = client.get(reverse("cases:detail", args=[case.public_id])).content.decode()
    now = page[page.index('id="what-matters-now"'):page.index("</section>", page.index('id="what-matters-now"'))]
    items = now.split('class="fw-now__item"')[1:]
    item = next(i for i in items if "Make a complaint about it" in i)
    assert "Asking for a child back" in item or "section 20" in item
    return html_lib.unescape(re.search(r'href="([^"]+)"[^>]*>Make a complaint about it', item).group(1))


def test_make_a_complaint_about_it_opens_a_new_complaint_about_that_finding(marsh):
    client, case, _old = marsh
    link = _complain_link(client, case)
    assert urlsplit(link).path == reverse("complaints:letter", args=[case.public_id, "complaint-stage-1"])
    assert parse_qs(urlsplit(link).query).get("about"), link

    response = letter_page(client, link)
    assert response.status_code == 200
    draft = response.context["letter"]
    text = " ".join(draft.paragraphs)
    assert OLD_SUBJECT not in text  # not the earlier complaint's letter
    assert "asked on 7 May 2024 for Leo Marsh to come home from section 20 accommodation" in text
    assert draft.date == today()  # a new complaint is dated today, not the old complaint's day
    form = response.context["form"]
    assert "Leo Marsh" in (form["subject"].value() or "")  # what it is about, filled in and editable


def test_making_it_final_adds_a_new_complaint_and_keeps_the_old_one(marsh):
    from fairwitness.cases.models import Event

    client, case, old = marsh
    link = _complain_link(client, case)
    response = letter_page(client, link)
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["subject"] = "Leo was not returned to me when I asked on 7 May 2024"
    data["about"] = parse_qs(urlsplit(link).query)["about"][0]
    sent = client.post(link, {**data, "action": "final"})
    assert sent.status_code == 302, re.findall(r"govuk-error-message[^>]*>(.*?)</", sent.content.decode(), re.S) or re.findall(r"error-summary__list.*?</ul>", sent.content.decode(), re.S)

    new = Event.objects.get(case=case, event_id=sent["Location"].rstrip("/").split("/")[-1])
    new.case = case
    assert new.data["kind"] == "complaint_made" and new.data["stage"] == 1
    assert new.data["at"] == today().isoformat()
    assert new.data["subject"] == "Leo was not returned to me when I asked on 7 May 2024"
    assert "a4" in new.data["about"]  # the request to have Leo back: the finding's own event

    kept = Event.objects.select_related("current").get(case=case, event_id=old.event_id)
    kept.case = case
    assert kept.data["subject"] == OLD_SUBJECT and kept.data["at"] == "2024-05-02"

    tracker = client.get(reverse("complaints:tracker", args=[case.public_id])).content.decode()
    assert "2 May 2024" in tracker and long(today()) in tracker  # both complaints, each with its own dates

    pdf = new.documents.get(content_type="application/pdf")
    word = new.documents.exclude(content_type="application/pdf").get()
    from fairwitness.cases.documents import open_document

    pdf.case = word.case = case
    for got in (pdf_text(open_document(pdf)), docx_text(open_document(word))):
        assert "for Leo Marsh to come home from section 20 accommodation" in got and OLD_SUBJECT not in got


def test_a_finding_no_longer_in_the_record_is_refused_plainly(marsh):
    client, case, _old = marsh
    url = reverse("complaints:letter", args=[case.public_id, "complaint-stage-1"]) + "?about=assessment_timescale:zz"
    page = letter_page(client, url)
    assert page.status_code == 200 and "not in your record as it stands today" in page.content.decode()
    assert client.get(reverse("complaints:letter", args=[case.public_id, "complaint-stage-1"])
                      + "?about=%3Cscript%3E").status_code == 404
