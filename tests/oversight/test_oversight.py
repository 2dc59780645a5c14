"""Consent withdrawal, the access log, council separation, triage order, the body's own clocks,
and the staff second factor."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from django.test import Client

from tests.oversight.conftest import verified_client

pytestmark = pytest.mark.django_db


def test_withdrawing_consent_blocks_a_reviewer_who_had_the_case_open(world):
    from fairwitness.oversight import actions

    reviewer = verified_client(world.users["reviewer"])
    liaison = verified_client(world.users["liaison"])
    ids = world.ids["A"]
    concern_url = f"/oversight/concerns/{ids['concern_id']}/"
    opened = [concern_url, f"{concern_url}events/e1/", f"{concern_url}documents/{ids['file_id']}/",
              f"{concern_url}letters/council/"]
    for url in opened:
        assert reviewer.get(url).status_code == 200, url
    council_url = f"/oversight/council/requests/{ids['request_id']}/"
    assert liaison.get(council_url).status_code == 200

    owner = Client()
    owner.force_login(world.users["owner"])
    response = owner.post(f"/oversight/family/{ids['public_id']}/withdraw/", {"confirm": "on"})
    assert response.status_code == 302

    for url in [*opened, f"{concern_url}decide/"]:
        assert reviewer.get(url).status_code == 404, url
    assert reviewer.post(f"{concern_url}outcome/").status_code == 404
    assert liaison.get(council_url).status_code == 404
    assert ids["concern_id"] not in reviewer.get("/oversight/").content.decode()
    assert ids["request_id"] not in liaison.get("/oversight/council/").content.decode()
    with pytest.raises(actions.policy.PermissionDenied):
        actions.add_issue(world.concerns["A"], world.users["reviewer"], "too late")

    # The withdrawal is on the ledger, and every earlier look is listed for the family.
    from fairwitness.ledger.store import entries_for_case

    entries = entries_for_case(ids["public_id"])
    assert any(e["action"] == "oversight_withdrawn" for e in entries)
    seen_page = owner.get(f"/oversight/family/{ids['public_id']}/seen/").content.decode()
    looks = [e for e in entries if e["action"] == "file_seen"]
    assert len(looks) == len(opened) + 1
    assert f"{len(looks)} looks at your record" in seen_page
    for text in ("Reviewer1", "Liaison", "Reviewer", "Council liaison officer", "one event in your record",
                 "a document from your record", "an outcome letter about your case",
                 "to answer our questions about your case"):
        assert text in seen_page, text


def test_family_looks_are_not_logged_and_others_are(world):
    from fairwitness.oversight.access import accesses

    case = world.concerns["A"].case
    before = len(accesses(case))
    owner = Client()
    owner.force_login(world.users["owner"])
    owner.get(f"/oversight/family/{case.public_id}/")
    assert len(accesses(case)) == before
    verified_client(world.users["senior"]).get(f"/oversight/concerns/{world.concerns['A'].public_id}/")
    latest = accesses(case)[0]
    assert (latest.who, latest.role) == ("Senior", "Senior reviewer")


def test_a_liaison_officer_never_sees_another_councils_requests(world):
    from fairwitness.cases import policy
    from fairwitness.oversight import actions, permissions

    hartlepool, leeds = world.users["liaison"], world.users["liaison2"]
    assert list(permissions.visible_requests(hartlepool)) == [world.requests["A"]]
    assert list(permissions.visible_requests(leeds)) == [world.requests["B"]]
    client = verified_client(hartlepool)
    other = world.requests["B"]
    inbox = client.get("/oversight/council/").content.decode()
    assert str(other.public_id) not in inbox and "Leeds" not in inbox
    for suffix in ("", "events/e1/", f"documents/{world.ids['B']['file_id']}/", "more-time/", "upload/", "letter/"):
        assert client.get(f"/oversight/council/requests/{other.public_id}/{suffix}").status_code == 404
    assert client.post(f"/oversight/council/requests/{other.public_id}/", {"answer": "x"}).status_code == 404
    with pytest.raises(policy.PermissionDenied):
        actions.answer_request(other, hartlepool, "x")
    with pytest.raises(policy.PermissionDenied):
        actions.upload_council_document(other, hartlepool, ("a.pdf", b"%PDF-1.4\n%%EOF\n"))
    # Material the family never shared stays out of the request, even if the reviewer ticked it.
    assert world.requests["A"].event_ids == ["e1"]
    assert world.requests["A"].documents.count() == 1


def test_the_liaison_answers_late_and_it_is_flagged_and_counted(world, monkeypatch):
    from fairwitness.oversight import actions, standards

    req = world.requests["A"]
    late_day = req.due_on + timedelta(days=7)
    assert standards.overdue_requests(late_day).filter(pk=req.pk).exists()
    monkeypatch.setattr(actions, "_today", lambda: late_day)
    actions.answer_request(req, world.users["liaison"], "We did not ask. We are sorry.")
    req.refresh_from_db()
    assert req.answered_late and req.answer == "We did not ask. We are sorry."
    assert not standards.overdue_requests(late_day).filter(pk=req.pk).exists()
    counts = {row["council"]: row for row in standards.council_answer_counts(late_day)}
    assert counts["Hartlepool Borough Council"]["late"] == 1
    assert counts["Leeds City Council"]["overdue"] == 1


def test_more_time_is_asked_on_the_record_and_granted_by_the_reviewer(world):
    from fairwitness.oversight import actions

    req = world.requests["A"]
    new_date = req.due_on + timedelta(days=14)
    actions.ask_more_time(req, world.users["liaison"], new_date, "Records are archived")
    actions.decide_more_time(req, world.users["reviewer"], True)
    req.refresh_from_db()
    assert req.due_on == new_date and req.original_due_on < new_date and req.more_time_reason == "Records are archived"


def test_queue_order_serious_checks_first_then_age_then_urgency(world):
    from fairwitness.oversight.models import Concern
    from fairwitness.oversight.views import queue_order

    a, b = world.concerns["A"], world.concerns["B"]
    Concern.objects.filter(pk=a.pk).update(priority=2)
    Concern.objects.filter(pk=b.pk).update(priority=0, top_check="removal_authority")
    a.refresh_from_db()
    b.refresh_from_db()
    assert queue_order([a, b]) == [b, a]
    b.priority = 2
    assert queue_order([b, a]) == [a, b]  # same priority: the older first
    b.received_at = a.received_at
    b.urgency, a.urgency = "urgent", "when_possible"
    assert queue_order([a, b]) == [b, a]  # same age: the family's urgency decides


def test_sharing_a_removal_without_authority_puts_it_at_the_top(make_user):
    from fairwitness.cases import actions as case_actions
    from fairwitness.demo.data import REMOVED_WITHOUT_AUTHORITY
    from fairwitness.oversight import actions

    user = make_user("sam@example.org")
    case = case_actions.import_case(user, REMOVED_WITHOUT_AUTHORITY)
    concern = actions.share_case(case, user, what_to_look_at="They took my children", urgency="urgent")
    assert concern.priority == 0 and concern.top_check == "removal_authority" and concern.breaches >= 1


def test_our_own_clocks_count_working_days(world):
    from fairwitness.oversight import standards
    from fairwitness.oversight.models import Concern

    concern = world.concerns["B"]
    Concern.objects.filter(pk=concern.pk).update(received_on=date(2024, 12, 24))
    concern.refresh_from_db()
    # Christmas Day, Boxing Day and the weekend are skipped.
    assert standards.acknowledge_by(concern) == date(2024, 12, 30)
    clocks = standards.concern_clocks(concern, date(2025, 1, 31))
    assert [c.status for c in clocks] == ["overdue", "overdue"]
    counts = standards.service_standard_counts(date(2025, 1, 31))
    assert counts["acknowledge"]["overdue"] >= 1


def test_family_reads_each_step_in_plain_english(world):
    owner = Client()
    owner.force_login(world.users["owner"])
    page = owner.get(f"/oversight/family/{world.ids['A']['public_id']}/").content.decode()
    for text in ("Outcome sent", "You shared your case with us on", "we decided to investigate",
                 "we asked Hartlepool Borough Council for information", "Our finding: upheld",
                 "Recommendation 1: Apologise in writing", "Download our outcome letter"):
        assert text in page, text
    pdf = owner.get(f"/oversight/family/{world.ids['A']['public_id']}/letters/{world.ids['A']['concern_id']}/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Issue 1" in text and "upheld" in text and "Apologise in writing" in text


def test_staff_without_a_verified_second_factor_are_sent_to_set_one_up(world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(world.users["reviewer2"])
    response = client.get("/oversight/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/")
    TOTPDevice.objects.create(user=world.users["reviewer2"], name="app", confirmed=True)
    response = client.get("/oversight/")
    assert response.status_code == 302 and response["Location"].startswith("/oversight/verify/")
    # A family member is never asked.
    family = Client()
    family.force_login(world.users["owner"])
    assert family.get("/cases/").status_code == 200


def test_staff_sign_in_with_a_code(world):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = world.users["senior"]
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    client.post("/accounts/login/", {"username": user.email, "password": "a-long-test-password"})
    client.post("/accounts/login/code/", {"code": f"{totp(device.bin_key):06d}"})
    assert client.get("/oversight/").status_code == 200


def test_idle_staff_sessions_end(world, monkeypatch):
    from fairwitness.oversight import middleware

    client = verified_client(world.users["senior"])
    assert client.get("/oversight/").status_code == 200
    real = time.time
    monkeypatch.setattr(middleware.time, "time", lambda: real() + middleware.STAFF_IDLE_SECONDS + 5)
    response = client.get("/oversight/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_content_security_policy_header_is_set(world):
    response = verified_client(world.users["senior"]).get("/oversight/")
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_a_family_cannot_invite_someone_as_a_reviewer(family):
    from fairwitness.cases import actions as case_actions
    from fairwitness.law.caseformat import CaseFileError

    with pytest.raises(CaseFileError):
        case_actions.invite_member(family[1], family[0], "x@example.org", "reviewer")


def test_administrator_gives_roles_but_reads_no_files(world, make_user):
    admin = verified_client(world.users["admin"])
    new = make_user("newreviewer@example.org")
    response = admin.post("/oversight/staff/", {"email": new.email, "role": "reviewer", "local_authority": ""})
    assert response.status_code == 302
    from fairwitness.cases import policy
    from fairwitness.oversight import actions, permissions
    from fairwitness.oversight.models import StaffRoleChange

    assert permissions.staff_role(new) is None  # issue 10: a second person approves
    actions.decide_staff_role(world.users["senior"], StaffRoleChange.objects.get(user=new), approve=True)
    policy.forget_roles(new)

    assert permissions.staff_role(new) == "reviewer"
    assert admin.get(f"/oversight/concerns/{world.ids['B']['concern_id']}/").status_code == 404
