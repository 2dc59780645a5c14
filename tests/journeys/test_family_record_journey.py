"""A new parent with two children and three adults, in a real browser, at 1280 px and at 320 px.

Parental responsibility for both children, a conference with two invitees and one kept out, a
correction that changes one answer and keeps the rest (the findings before and after), a child's
date of birth corrected, a person recorded by mistake removed, three events shared with the
independent body. Each step asserts what the parent sees on the page; each page is checked with axe
at 1280 px and saved as a screenshot at both widths under test-artifacts/screenshots/family-forms/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE, NARROW = 1280, 320
SHOTS = SCREENSHOTS / "family-forms"


class TwoWidths:
    """Each page: axe at 1280 px, then screenshots at 1280 and 320 px. Pages this work changed
    must also fit a 320 px screen without sideways scrolling."""

    def __init__(self, j) -> None:
        self.j = j
        self.page = j.page
        self.step = 0
        self.too_wide: list[str] = []

    def check(self, label: str, *, must_fit: bool = True) -> None:
        self.j.check(label)  # axe at WCAG 2.2 AA (and the shared screenshot)
        self.step += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{self.step:02d}-{slug}-1280.png"), full_page=True)
        self.page.set_viewport_size({"width": NARROW, "height": 800})
        self.page.wait_for_timeout(50)
        self.page.screenshot(path=str(SHOTS / f"{self.step:02d}-{slug}-320.png"), full_page=True)
        width = self.page.evaluate("() => document.documentElement.scrollWidth")
        if width > NARROW and must_fit:
            self.too_wide.append(f"{label}: {width} px")
        self.page.set_viewport_size({"width": WIDE, "height": 900})


@pytest.fixture
def wide_journey(browser, live_server, request):
    from tests.journeys.conftest import Journey

    context = browser.new_context(viewport={"width": WIDE, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield Journey(page, live_server.url, "family-forms")
    context.close()


def group(page, name: str):
    return page.get_by_role("group", name=name)


def fill_date(scope, day: str, month: str, year: str) -> None:
    scope.get_by_label("Day").fill(day)
    scope.get_by_label("Month").fill(month)
    scope.get_by_label("Year").fill(year)


def findings_on_case_page(page) -> list[str]:
    page.get_by_role("link", name="Where things stand").click()
    return sorted(page.locator("[data-check]").evaluate_all("els => els.map(e => e.dataset.check)"))


def test_a_new_parent_records_two_children_three_adults_a_conference_and_shares_three_events(wide_journey):
    from fairwitness.accounts.models import User
    from fairwitness.cases import actions
    from fairwitness.cases.policy import visible_cases
    from fairwitness.oversight.models import Concern

    j = wide_journey
    page = j.page
    w = TwoWidths(j)

    # Sign up and start a case.
    j.go("/accounts/signup/")
    page.get_by_label("Email address").fill("dana.new@example.org")
    page.get_by_label("Create a password").fill("kitchen table evidence 42")
    page.get_by_label("Type the password again").fill("kitchen table evidence 42")
    page.get_by_role("button", name="Create account").click()
    # Sign-up confirms the address by email first (issue 11: it reveals nothing about existing accounts).
    from django.core import mail  # the live server runs in this process: its outbox is ours

    page.get_by_text("Check your email").first.wait_for()
    link = next(line for line in mail.outbox[-1].body.splitlines() if line.startswith("http"))
    page.goto(link)
    page.wait_for_url(re.compile(r"/cases/$"))
    page.get_by_role("button", name="Start a case").click()
    page.get_by_label("What do you want to call this case?").fill("Our family")
    page.get_by_label("Which council's children's services are involved?").select_option(label="Leeds City Council")
    page.get_by_role("button", name="Start the case").click()

    # Two children; a date of birth in the future is refused in plain words.
    page.get_by_label("Child's name or initials").fill("Kim")
    fill_date(page, "1", "3", "2031")
    page.get_by_role("button", name="Save and add another child").click()
    assert page.get_by_role("alert").filter(has_text="The date of birth must be today or in the past").is_visible()
    w.check("a date of birth in the future")
    fill_date(page, "1", "3", "2016")
    page.get_by_role("button", name="Save and add another child").click()
    page.get_by_label("Child's name or initials").fill("Lee")
    fill_date(page, "9", "7", "2019")
    page.get_by_role("button", name="Save and continue").click()

    # Three adults, and one added by mistake. The father has PR for both children: two boxes.
    for name, role, pr in (("Dana", "mother", ["Kim", "Lee"]), ("Eli", "father", ["Kim", "Lee"]),
                           ("Fay", "grandmother", ["None of them"]), ("Zed", "uncle", [])):
        page.get_by_role("link", name="Add a person").click()
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Who are they to the children?").fill(role)
        pr_group = group(page, "Which children do they have parental responsibility for?")
        for label in pr:
            pr_group.get_by_label(label, exact=True).check()
        if name == "Eli":
            assert pr_group.get_by_label("Kim", exact=True).is_checked() and pr_group.get_by_label("Lee", exact=True).is_checked()
            w.check("add a person with PR for two children")
        page.get_by_role("button", name="Add this person").click()
    eli = page.locator('[data-person="p2"]')
    assert "Kim, Lee" in eli.inner_text()
    assert "None" in page.locator('[data-person="p3"]').inner_text()
    assert "Not known" in page.locator('[data-person="p4"]').inner_text()
    w.check("children and people")

    # A conference: two invited, one kept out. A year before the children were born is questioned first.
    case_url = page.url.split("/people/")[0]
    j.go(case_url.removeprefix(j.base_url) + "/record/meeting/meeting/")
    fill_date(group(page, "When did it happen?"), "3", "4", "2014")
    group(page, "What kind of meeting was it?").get_by_label("Initial child protection conference").check()
    invited = group(page, "Who was invited?")
    invited.get_by_label("Dana (mother)").check()
    invited.get_by_label("Fay (grandmother)").check()
    group(page, "Who went to the meeting?").get_by_label("Dana (mother)").check()
    group(page, "Was anyone kept out of the meeting?").get_by_label("Eli (father)").check()
    page.get_by_label("Why were they kept out? (optional)").fill("The chair said he could not come in.")
    w.check("a conference with two invitees and one kept out")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("alert").filter(has_text="This is before Kim and Lee were born: is the year right?").is_visible()
    assert invited.get_by_label("Fay (grandmother)").is_checked()  # nothing ticked is lost
    w.check("a date before the children were born")
    group(page, "When did it happen?").get_by_label("Year").fill("2024")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("Dana (mother), Fay (grandmother)").is_visible()
    w.check("check the conference")
    page.get_by_role("button", name="Save to my record").click()
    assert page.get_by_text("Dana (mother), Fay (grandmother)").is_visible()
    assert page.get_by_text("Eli (father) (The chair said he could not come in.)").is_visible()
    event_url = page.url
    w.check("the saved conference")

    user = User.objects.get(email="dana.new@example.org")
    case = visible_cases(user).first()
    before = findings_on_case_page(page)
    assert before, "the conference raises findings (Eli, a parent with PR, was kept out)"
    w.check("the case page before the correction", must_fit=False)

    # Correct one answer (the day); everything else stays, and so do the findings.
    page.goto(event_url)
    page.get_by_role("button", name="Correct this").click()
    assert group(page, "Who was invited?").get_by_label("Dana (mother)").is_checked()
    assert group(page, "Who was invited?").get_by_label("Fay (grandmother)").is_checked()
    assert group(page, "Was anyone kept out of the meeting?").get_by_label("Eli (father)").is_checked()
    w.check("correct the conference")
    group(page, "When did it happen?").get_by_label("Day").fill("4")
    page.get_by_label("What was wrong and why are you changing it?").fill("The letter says 4 April.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save the correction").click()
    assert page.get_by_text("Version 2 (current)").is_visible()
    assert page.get_by_text("Dana (mother), Fay (grandmother)").first.is_visible()
    assert page.get_by_text("4 April 2024").first.is_visible()
    w.check("the corrected conference")
    assert findings_on_case_page(page) == before

    # Kim's date of birth was a year out.
    page.get_by_role("link", name="Children and people").first.click()
    page.locator('[data-child="c1"]').get_by_role("link", name="Change").click()
    fill_date(page, "1", "3", "2015")
    page.get_by_label("Why are you changing this? (optional)").fill("I typed the wrong year.")
    page.get_by_role("button", name="Save the change").click()
    assert "1 March 2015" in page.locator('[data-child="c1"]').inner_text()
    page.locator('[data-child="c1"]').get_by_role("link", name="Change").click()
    assert page.get_by_text("Version 2 (current)").is_visible() and page.get_by_text("1 March 2016").is_visible()
    w.check("a child's history after the correction")

    # Zed was added by mistake.
    page.get_by_role("link", name="Back").click()
    page.locator('[data-person="p4"]').get_by_role("link", name="Change").click()
    page.get_by_role("link", name="Added by mistake? Remove them from the case").click()
    page.get_by_label("Why are you removing them?").fill("Added by mistake.")
    w.check("remove a person")
    page.get_by_role("button", name="Remove Zed").click()
    assert page.get_by_text("Zed has been removed from the case.").is_visible()
    assert page.locator('[data-person="p4"]').count() == 0
    w.check("children and people after the removal")

    # Who has access.
    page.get_by_role("link", name="See who has access to this case").click()
    assert page.get_by_text("dana.new@example.org (you)").is_visible()
    w.check("who has access")

    # Share three events with the independent body.
    actions.record_event(case, user, {"kind": "referral_received", "at": "2024-02-01"})
    actions.record_event(case, user, {"kind": "assessment_started", "at": "2024-02-10", "basis": "s17"})
    actions.record_event(case, user, {"kind": "case_closed", "at": "2024-06-01"})
    j.go(f"/oversight/family/{case.public_id}/share/")
    page.get_by_label("What do you want us to look at?").fill("Eli was kept out of the conference.")
    page.get_by_label("Soon: it is affecting us now").check()
    page.get_by_label("Only the events and documents I choose").check()
    chosen = group(page, "If you chose some: which events?")
    for label in ("4 April 2024: Initial child protection conference", "1 February 2024: Children's services got a referral about my child",
                  "10 February 2024: An assessment started"):
        chosen.get_by_label(label).check()
    assert chosen.locator("input:checked").count() == 3
    w.check("share three events", must_fit=False)
    page.get_by_role("button", name="Share my case").click()
    page.wait_for_url(re.compile(r"/oversight/family/"))
    assert page.get_by_text("You have shared your case with Fair Witness").is_visible()
    concern = Concern.objects.get(case=case)
    assert concern.scope == "chosen" and len(concern.shared_event_ids) == 3

    assert not w.too_wide, f"wider than a 320 px screen: {w.too_wide}"
    assert Path(SHOTS).exists()
