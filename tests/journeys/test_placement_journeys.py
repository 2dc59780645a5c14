"""Issue 8 in the browser: a parent records asking the council to accommodate their child, and the
case page says, in plain words and citing section 20(1), that no decision is recorded; the record
of agreeing to section 20 asks about capacity and an interpreter."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def group(j, name: str):
    return j.page.get_by_role("group", name=name)


def test_record_a_request_to_accommodate_and_see_the_concern(journey, family):
    j, page = journey, journey.page
    user, case = family
    j.sign_in(user.email)
    j.go(f"/cases/{case.public_id}/record/home/")
    j.check("where the child lives: which kind")
    page.get_by_label("I asked the council to look after my child, or told them no one could care for them").check()
    page.get_by_role("button", name="Continue").click()
    j.check("request to accommodate: the details")
    when = group(j, "When did it happen?")
    when.get_by_label("Day").fill("2")
    when.get_by_label("Month").fill("9")
    when.get_by_label("Year").fill("2024")
    group(j, "Who asked? (optional)").get_by_label("Alice Smith (mother)").check()
    group(j, "Why did the child need somewhere to live? (optional)").get_by_label(
        "The person caring for the child could not go on").check()
    page.get_by_role("button", name="Continue").click()
    j.check("request to accommodate: check your answers")
    page.get_by_role("button", name="Save to my record").click()
    page.wait_for_url(re.compile(r"/events/"))
    j.check("request to accommodate: saved")

    page.get_by_role("link", name="Where things stand").click()
    finding = page.locator('[data-check="section_20_duty"]')
    finding.first.wait_for()
    text = finding.first.inner_text()
    assert "no decision by the council is recorded" in text
    j.check("case page with the section 20(1) concern")


def test_agreeing_to_section_20_asks_about_capacity_and_an_interpreter(journey, family):
    j, page = journey, journey.page
    user, case = family
    j.sign_in(user.email)
    j.go(f"/cases/{case.public_id}/record/agreement/consent/")
    j.check("agreement: the details")
    assert page.get_by_text("Did anyone check you were well enough, and understood enough, to agree? (optional)").is_visible()
    assert page.get_by_text("Did you need an interpreter to understand? (optional)").is_visible()
    assert page.get_by_text("Was an interpreter there? (optional)").is_visible()
