"""Challenging what happened, in a real browser, every page axe-clean at WCAG 2.2 AA: a parent
disputes two statements in an assessment and downloads the rectification letter; a parent whose
stage 2 answer is overdue sees it flagged and downloads the summary for the Ombudsman."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def _days_ago(n: int) -> str:
    from fairwitness.cases.law import today

    return (today() - timedelta(days=n)).isoformat()


def _text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages))


def give_letter_details(j) -> None:
    """The first letter from a parent asks, once, for the address, email and phone it prints."""
    page = j.page
    page.wait_for_load_state("load")
    if "/letters/your-details/" not in page.url:
        return
    j.check("details for your letters")
    page.get_by_label("Your postal address").fill("4 Mill Lane\nLeeds\nLS1 4AB")
    page.get_by_label("Your email address (optional)").fill("sarah.brook@example.org")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r"/letters/[a-z0-9-]+/"))


def download(j, name: str) -> bytes:
    with j.page.expect_download() as info:
        j.page.get_by_role("link", name=name).click()
    return info.value.path().read_bytes()


@pytest.fixture
def brook(make_user):
    from fairwitness.cases import actions

    user = make_user("sarah@example.org")
    case = actions.create_case(user, "Brook family", "Leeds")
    actions.add_child(case, user, "Amy Brook", "2015-04-02")
    actions.add_person(case, user, "Sarah Brook", "mother", True, ["c1"])
    actions.record_event(case, user, {"kind": "assessment_started", "at": _days_ago(200), "basis": "s17"})
    actions.record_event(case, user, {"kind": "assessment_completed", "at": _days_ago(160), "basis": "s17"})
    return user, case


def test_dispute_two_statements_in_an_assessment_and_download_the_letter(journey, brook):
    j, page = journey, journey.page
    user, case = brook
    j.sign_in(user.email)
    j.go(f"/cases/{case.public_id}/")
    page.get_by_role("link", name="Correct their records").first.click()
    j.check("correct their records")
    page.get_by_role("button", name="Start a request").click()
    j.check("which document")
    page.get_by_label("Which council document is wrong?").fill("Child and family assessment, 10 January 2024")
    page.get_by_role("button", name="Continue").click()
    j.check("the request, empty")

    page.get_by_label("The statement, quoted exactly").fill("Mother refused to let the social worker into the home.")
    page.get_by_label("What is wrong, and what is true instead").fill("I let her in on 8 January and she stayed an hour.")
    page.get_by_label("Your evidence (optional)").fill("my text messages of 8 January")
    page.get_by_role("button", name="Add this statement").click()
    j.check("one statement")
    page.get_by_label("The statement, quoted exactly").fill("Amy has missed 40% of school this term.")
    page.get_by_label("What is wrong, and what is true instead").fill("Amy's attendance this term was 96%.")
    page.get_by_role("button", name="Add this statement").click()
    j.check("two statements")
    assert page.get_by_text("Statement 2").is_visible()

    page.get_by_role("button", name="Write the letter asking for corrections").click()
    give_letter_details(j)
    j.check("the draft letter")
    page.get_by_role("button", name="Make it final and save it to my record").click()
    page.wait_for_url(re.compile(r"/letters/sent/"))
    j.check("letter saved")
    text = _text(download(j, "Download the letter (PDF)"))
    assert "Mother refused to let the social worker into the home." in text
    assert "Amy's attendance this term was 96%." in text
    assert "Article 16" in text and "Leeds City Council" in text

    page.get_by_role("link", name="See your complaints and deadlines").click()
    j.check("tracker with the rectification request")
    assert page.locator('[data-matter="rectification"]').count() == 1


def test_overdue_stage_2_is_flagged_and_the_ombudsman_summary_downloads(journey, brook):
    from fairwitness.cases import actions

    j, page = journey, journey.page
    user, case = brook
    actions.record_event(case, user, {"kind": "complaint_made", "at": _days_ago(130), "stage": 1, "by": "p1",
                                      "subject": "how the assessment was done"})
    actions.record_event(case, user, {"kind": "complaint_response", "at": _days_ago(118), "stage": 1, "outcome": "not_upheld"})
    actions.record_event(case, user, {"kind": "complaint_made", "at": _days_ago(90), "stage": 2, "by": "p1"})
    j.sign_in(user.email)
    j.go(f"/cases/{case.public_id}/")
    j.check("case page with the complaints panel")
    assert page.locator('[data-panel="complaints"]').get_by_text("overdue").is_visible()
    page.get_by_role("link", name="See complaints and deadlines").click()
    j.check("tracker, stage 2 overdue")
    matter = page.locator('[data-matter="complaint"]')
    assert matter.get_attribute("data-status") == "missed"
    assert matter.get_by_text("Overdue", exact=True).first.is_visible()  # the stage date and its history row
    assert matter.get_by_text("Stage 2: investigation", exact=True).is_visible()

    matter.get_by_role("link", name="Go to the Ombudsman").click()
    give_letter_details(j)
    j.check("ombudsman summary draft")
    page.get_by_role("button", name="Make it final and save it to my record").click()
    j.check("ombudsman summary with a part to fill")
    assert page.get_by_role("alert").filter(has_text="There is a problem").is_visible()
    page.get_by_label(re.compile("Please add: what would put things right")).fill(
        "A proper stage 2 investigation and an apology.")
    page.get_by_role("button", name="Make it final and save it to my record").click()
    page.wait_for_url(re.compile(r"/letters/sent/"))
    j.check("ombudsman summary saved")
    text = _text(download(j, "Download the letter (PDF)"))
    assert "Local Government and Social Care Ombudsman" in text
    assert "4 Mill Lane" in text and "sarah.brook@example.org" in text
    assert "A proper stage 2 investigation and an apology." in text
    assert "None has come" in text  # the overdue stage 2 answer, with its due date
    d = date.fromisoformat(_days_ago(90))
    assert f"{d.day} {d:%B %Y}" in text
