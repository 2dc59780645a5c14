"""The oversight journeys in a real browser, every page axe-clean at WCAG 2.2 AA: a family shares
its case; a reviewer triages it and asks the council; the council's officer answers late; the
reviewer upholds an issue with a recommendation; the family reads the outcome. Then a smaller
permission matrix over the main pages, in the browser."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def _staff(make_user, email: str, role: str, council: str | None = None):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from fairwitness.cases.actions import resolve_local_authority
    from fairwitness.oversight import actions

    user = make_user(email)
    user.display_name = email.split("@")[0].title()
    user.save()
    actions.set_staff_role(None, user, role, resolve_local_authority(council) if council else None)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user, device


def sign_in(j, email: str, device=None) -> None:
    from django_otp.oath import totp

    j.submit_password(email)
    if device is not None:
        j.page.wait_for_url(re.compile(r"/accounts/login/code/"))
        j.check("enter a code")
        device.refresh_from_db()
        while int(time.time()) // device.step <= device.last_t:  # a code is accepted once: wait for the app's next one
            time.sleep(1)
        j.page.get_by_label("Code from your authenticator app").fill(f"{totp(device.bin_key):06d}")
        j.page.get_by_role("button", name="Continue").click()
    # Families land on their cases; staff on their own inbox (issue 9).
    j.page.wait_for_url(re.compile(r"/(cases|oversight)/"))


def sign_out(j) -> None:
    j.go("/accounts/logout/")
    j.page.get_by_role("button", name="Sign out").click()


def test_share_triage_ask_answer_late_uphold_and_read_the_outcome(journey, family, make_user):
    from fairwitness.oversight.models import InformationRequest

    j, page = journey, journey.page
    alice, case = family
    reviewer, reviewer_device = _staff(make_user, "reviewer@example.org", "reviewer")
    liaison, liaison_device = _staff(make_user, "liaison@example.org", "liaison", "Hartlepool")

    # 1. The family shares its case.
    sign_in(j, alice.email)
    j.go(f"/oversight/family/{case.public_id}/")
    j.check("independent review, nothing shared")
    page.get_by_role("button", name="Ask Fair Witness to look at this").click()
    j.check("share form")
    page.get_by_label("What do you want us to look at?").fill("They assessed us without asking us first.")
    page.get_by_label("Soon: it is affecting us now").check()
    page.get_by_label("All of it").check()
    page.get_by_role("button", name="Share my case").click()
    page.wait_for_url(re.compile(r"/oversight/family/"))
    j.check("shared")
    assert "Received: waiting for us to acknowledge it" in page.content()
    sign_out(j)

    # 2. The reviewer triages it and sends the council an information request.
    sign_in(j, reviewer.email, reviewer_device)
    j.go("/oversight/")
    j.check("queue")
    page.get_by_role("link", name=re.compile(r"FW-\d+")).first.click()
    j.check("concern")
    page.get_by_role("button", name="Take this concern").click()
    j.check("taken")
    page.get_by_role("link", name="Decide whether to investigate").click()
    page.get_by_label("Investigate", exact=True).check()
    page.get_by_label("Why (the family will read this)").fill("The record shows an assessment without consent.")
    j.check("decide")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_role("button", name="Add issues from the findings").click()
    j.check("issues added")
    page.get_by_role("link", name="Ask the council for information").click()
    page.get_by_label("Which council?").select_option(label="Hartlepool Borough Council")
    page.get_by_label("Questions for the council").fill("Did anyone ask the parents before the assessment?")
    j.check("information request")
    page.get_by_role("button", name="Send the request").click()
    j.check("request sent")
    sign_out(j)

    # Time passes: the answer is now overdue.
    request = InformationRequest.objects.get()
    from fairwitness.cases.law import today

    InformationRequest.objects.filter(pk=request.pk).update(due_on=today() - timedelta(days=2))

    # 3. The council's officer answers, late.
    sign_in(j, liaison.email, liaison_device)
    j.go("/oversight/council/")
    j.check("council inbox")
    assert "Overdue" in page.content()
    page.get_by_role("link", name=re.compile(r"request 1")).click()
    j.check("council request")
    page.get_by_label("Your answer").fill("No. We are sorry; we will write to the family.")
    page.get_by_role("button", name="Send the answer").click()
    j.check("answered")
    sign_out(j)

    # 4. The reviewer upholds an issue with a recommendation and issues the outcome.
    sign_in(j, reviewer.email, reviewer_device)
    j.go("/oversight/")
    page.get_by_role("link", name=re.compile(r"FW-\d+")).first.click()
    assert "late" in page.content()
    issues = page.locator(".govuk-summary-card__title", has_text=re.compile(r"^Issue \d+$")).count()
    for n in range(1, issues + 1):
        page.get_by_role("link", name=f"Record finding on issue {n}").click()
        page.get_by_label("Upheld", exact=True).check()
        page.get_by_label("Reasons").fill("Nothing in the record shows the parents were asked.")
        if n == 1:
            j.check("finding")
        page.get_by_role("button", name="Record the finding").click()
    page.get_by_role("link", name="Add recommendation on issue 1").click()
    page.get_by_label("What the council should do").fill("Apologise in writing.")
    due = today() + timedelta(days=40)
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    j.check("recommendation")
    page.get_by_role("button", name="Add the recommendation").click()
    page.get_by_role("button", name="Issue the outcome letters").click()
    j.check("outcome issued")
    sign_out(j)

    # 5. The family reads the outcome, and who has seen their file.
    sign_in(j, alice.email)
    j.go(f"/oversight/family/{case.public_id}/")
    j.check("family reads the outcome")
    content = page.content()
    for text in ("Outcome sent", "Our finding: upheld", "Apologise in writing", "working day", "late"):
        assert text in content, text
    with page.expect_download() as download:
        page.get_by_role("link", name="Download our outcome letter (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("link", name="Who has seen my file").click()
    j.check("who has seen my file")
    assert "Council liaison officer" in page.content() and "Reviewer" in page.content()


def test_main_pages_permission_matrix_in_the_browser(journey, family, other_family, make_user):
    """The main pages as each role sees them in the browser: the right page or a plain 'not found'
    / 'forbidden', and never another family's names."""
    from fairwitness.oversight import actions

    j, page = journey, journey.page
    alice, case_a = family
    mallory, case_b = other_family
    reviewer, reviewer_device = _staff(make_user, "reviewer@example.org", "reviewer")
    liaison, liaison_device = _staff(make_user, "liaison@example.org", "liaison", "Leeds")
    concern_a = actions.share_case(case_a, alice, what_to_look_at="Please look", urgency="soon")
    actions.share_case(case_b, mallory, what_to_look_at="Vexler asks", urgency="soon")
    actions.assign(concern_a, reviewer, reviewer)
    request_a = actions.send_request(concern_a, reviewer, local_authority=case_a.local_authority, questions="Why?")

    pages = {
        "queue": "/oversight/", "concern A": f"/oversight/concerns/{concern_a.public_id}/",
        "family page A": f"/oversight/family/{case_a.public_id}/", "seen A": f"/oversight/family/{case_a.public_id}/seen/",
        "council inbox": "/oversight/council/", "request A (Hartlepool)": f"/oversight/council/requests/{request_a.public_id}/",
    }
    expected = {
        "alice": {"queue": 403, "concern A": 404, "family page A": 200, "seen A": 200, "council inbox": 403,
                  "request A (Hartlepool)": 403},
        "reviewer": {"queue": 200, "concern A": 200, "family page A": 404, "seen A": 404, "council inbox": 403,
                     "request A (Hartlepool)": 403},
        "liaison (Leeds)": {"queue": 403, "concern A": 404, "family page A": 404, "seen A": 404, "council inbox": 200,
                            "request A (Hartlepool)": 404},
    }
    who = {"alice": (alice, None), "reviewer": (reviewer, reviewer_device), "liaison (Leeds)": (liaison, liaison_device)}
    for name, cells in expected.items():
        user, device = who[name]
        sign_in(j, user.email, device)
        for label, path in pages.items():
            response = page.goto(j.base_url + path)
            assert response.status == cells[label], f"{name} on {label}: {response.status}"
            assert "Vexler" not in page.content(), f"{name} on {label} showed the other family"
            if response.status == 200:
                j.check(f"{name} {label}")
        sign_out(j)
