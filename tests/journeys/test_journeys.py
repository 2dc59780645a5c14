"""The journeys a parent takes, in a real browser, each page axe-clean at WCAG 2.2 AA."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


def group(j, name: str):
    return j.page.get_by_role("group", name=name)


def test_sign_up_create_a_case_and_record_an_assessment_done_without_agreement(journey):
    j, page = journey, journey.page
    j.go("/")
    j.check("home")
    page.get_by_role("button", name="Create an account").click()
    j.check("sign up")
    page.get_by_label("Email address").fill("new.parent@example.org")
    page.get_by_label("Create a password").fill("kitchen table evidence 42")
    page.get_by_label("Type the password again").fill("kitchen table evidence 42")
    page.get_by_role("button", name="Create account").click()
    j.check("check your email")
    from django.core import mail  # the live server runs in this process: its outbox is ours

    link = next(line for line in mail.outbox[-1].body.splitlines() if line.startswith("http"))
    page.goto(link)
    page.wait_for_url(re.compile(r"/cases/$"))
    j.check("your cases")

    page.get_by_role("button", name="Start a case").click()
    j.check("start a case")
    page.get_by_label("What do you want to call this case?").fill("Our family")
    page.get_by_label("Which council's children's services are involved?").select_option(label="Leeds City Council")
    page.get_by_role("button", name="Start the case").click()
    j.check("add a child")
    page.get_by_label("Child's name or initials").fill("JS")
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2016")
    page.get_by_role("button", name="Save and continue").click()
    j.check("children and people")
    page.get_by_role("link", name="Add a person").click()
    j.check("add a person")
    page.get_by_label("Name", exact=True).fill("Sam Smith")
    page.get_by_label("Who are they to the children?").fill("mother")
    page.get_by_label("JS").check()
    page.get_by_role("button", name="Add this person").click()
    page.get_by_role("button", name="Continue to the case").click()
    j.check("case page, empty")

    page.get_by_role("button", name="Record what happened").click()
    j.check("what happened")
    page.get_by_label("An assessment or enquiry").check()
    page.get_by_role("button", name="Continue").click()
    j.check("which kind")
    page.get_by_label("An assessment started").check()
    page.get_by_role("button", name="Continue").click()
    j.check("the details")

    # A date that does not exist first: the error summary, and nothing typed is lost.
    when = group(j, "When did it happen?")
    when.get_by_label("Day").fill("31")
    when.get_by_label("Month").fill("2")
    when.get_by_label("Year").fill("2024")
    group(j, "What kind of assessment was it? (optional)").get_by_label("A child in need assessment (section 17)").check()
    group(j, "Did they ask for your agreement?").get_by_label("No", exact=True).check()
    group(j, "Were you told you could say no?").get_by_label("No", exact=True).check()
    group(j, "Did anyone say what would happen if you said no?").get_by_label("No", exact=True).check()
    page.get_by_label("Anything else you want to write down (optional)").fill("She said the assessment had to happen.")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("alert").filter(has_text="There is a problem").is_visible()
    assert group(j, "When did it happen?").get_by_label("Day").input_value() == "31"
    assert page.get_by_label("Anything else you want to write down (optional)").input_value() == "She said the assessment had to happen."
    j.check("the details with an error")
    group(j, "When did it happen?").get_by_label("Day").fill("28")
    page.get_by_role("button", name="Continue").click()
    j.check("check your answers")
    assert page.get_by_text("28 February 2024").is_visible()
    page.get_by_role("button", name="Save to my record").click()
    j.check("the saved event")

    page.get_by_role("link", name="Where things stand").click()
    finding = page.locator('[data-check="voluntary_activity_without_consent"]')
    finding.first.wait_for()
    text = finding.first.inner_text()
    assert "Children Act 1989" in text or "s17" in text or "section 17" in text.lower()
    assert page.get_by_text("information about the law, not legal advice").first.is_visible()
    assert page.locator('svg[role="img"] title').count() >= 1
    j.check("case page with the finding")


def test_correct_an_event_and_see_its_history(journey, family):
    j, page = journey, journey.page
    user, case = family
    j.sign_in(user.email, check=True)
    j.go(f"/cases/{case.public_id}/events/e1/")
    j.check("the event")
    page.get_by_role("button", name="Correct this").click()
    j.check("correct it")
    assert group(j, "When did it happen?").get_by_label("Day").input_value() == "10"
    group(j, "When did it happen?").get_by_label("Day").fill("11")
    page.get_by_label("What was wrong and why are you changing it?").fill("The letter is dated 11 January, not 10.")
    page.get_by_role("button", name="Continue").click()
    j.check("check the correction")
    page.get_by_role("button", name="Save the correction").click()
    j.check("the corrected event")
    assert page.get_by_text("Version 2 (current)").is_visible()
    assert page.get_by_text("Version 1", exact=True).is_visible()
    assert page.get_by_text("The letter is dated 11 January, not 10.").is_visible()
    page.get_by_text("What version 1 said").click()
    assert page.get_by_text("10 January 2024").first.is_visible()


def test_upload_a_document_and_download_it(journey, family, tmp_path):
    j, page = journey, journey.page
    user, case = family
    j.sign_in(user.email, check=True)
    j.go(f"/cases/{case.public_id}/events/e1/")
    upload = tmp_path / "letter from the council.pdf"
    upload.write_bytes(PDF)
    page.get_by_label("Upload a document").set_input_files(str(upload))
    page.get_by_role("button", name="Upload", exact=True).click()
    j.check("event with its document")
    with page.expect_download() as download:
        page.get_by_role("link", name="letter from the council.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF
    j.go(f"/cases/{case.public_id}/documents/")
    j.check("documents")
    assert page.get_by_role("link", name="letter from the council.pdf").is_visible()


def test_sign_in_with_the_demo_user(journey, settings):
    from fairwitness.demo.load import load_demo

    settings.FAIRWITNESS_DEMO = True
    load_demo()
    j, page = journey, journey.page
    j.sign_in("family@example.org", "demo-password-only", check=True)
    j.check("demo cases")
    page.locator("main a.govuk-link").first.click()
    page.get_by_role("heading", name="Where things stand").wait_for()
    assert page.locator("[data-check]").count() > 0
    j.check("demo case page")
    page.get_by_role("link", name="Documents").first.click()
    j.check("demo documents")


def test_a_phone_sized_screen(phone_journey, family):
    j, page = phone_journey, phone_journey.page
    user, case = family
    j.sign_in(user.email, check=True)
    j.go(f"/cases/{case.public_id}/")
    j.check("case page on a phone")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375 + 1
    j.go(f"/cases/{case.public_id}/record/assessment/assessment_started/")
    j.check("recording on a phone")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375 + 1
