"""A parent on the case page chooses "Make a complaint about it": the letter is a new complaint about
that finding, its subject filled in; made final, it joins the tracker beside the earlier complaint,
which is unchanged. Each page axe-clean and screenshotted."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
SECTION_20 = Path(__file__).resolve().parents[1] / "documents" / "cases" / "section20.json"
OLD_SUBJECT = "The social worker did not return my calls for three weeks."


@pytest.fixture
def marsh(make_user):
    from fairwitness.cases import actions

    user = make_user("jo.marsh@example.org")
    data = json.loads(SECTION_20.read_text())
    data.pop("as_of")
    case = actions.import_case(user, data)
    actions.record_event(case, user, {"kind": "complaint_made", "at": "2024-05-02", "stage": 1, "by": "m1",
                                      "subject": OLD_SUBJECT})
    return user, case


def test_make_a_complaint_about_it_from_the_case_page(journey, marsh):
    user, case = marsh
    j, page = journey, journey.page
    j.go("/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/cases/$"))

    j.go(f"/cases/{case.public_id}/")
    page.locator(".fw-now").get_by_role("link", name=re.compile("Make a complaint about it")).click()
    # The first letter asks once for the sender's address.
    page.wait_for_url(re.compile(r"/letters/your-details/"))
    page.get_by_label("Your postal address").fill("4 Mill Lane\nNorthtown\nNT1 4AB")
    page.get_by_label("Email address").fill("jo.marsh@example.org")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r"/letters/complaint-stage-1/\?"))
    subject = page.get_by_label("What is this complaint about?")
    assert "Leo Marsh" in subject.input_value()
    body = page.locator("main textarea").evaluate_all("els => els.map(e => e.value).join(' ')")
    assert OLD_SUBJECT not in body and "for Leo Marsh to come home from section 20 accommodation" in body
    j.check("a new complaint about the finding")

    subject.fill("Leo was not returned to me when I asked on 7 May 2024")
    page.get_by_role("button", name="Make it final and save it to my record").click()
    page.wait_for_url(re.compile(r"/letters/sent/"))
    j.check("the complaint is saved")

    j.go(f"/cases/{case.public_id}/complaints/")
    tracker = page.locator("main").inner_text()
    assert "Leo was not returned to me when I asked on 7 May 2024" in tracker
    assert OLD_SUBJECT.rstrip(".") in tracker  # the earlier complaint is still there, as it was
    j.check("the tracker with both complaints")
