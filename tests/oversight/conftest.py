"""Oversight tests share the web tests' database fixtures and add the body's world: staff with
verified second factors, two shared cases, one unshared, requests to two councils."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))

from fairwitness_fixtures import *  # noqa: E402,F401,F403

PDF = b"%PDF-1.4\n%test-letter\n%%EOF\n"


def verified_client(user: Any) -> Any:
    """A test client signed in as ``user`` with a confirmed TOTP device verified for the session,
    as django-otp's middleware expects after a real code was entered."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def make_staff(make_user):
    from fairwitness.cases.actions import resolve_local_authority
    from fairwitness.oversight import actions

    def make(email: str, role: str, council: str | None = None) -> Any:
        user = make_user(email)
        user.display_name = email.split("@")[0].title()
        user.save()
        actions.set_staff_role(None, user, role, resolve_local_authority(council) if council else None)
        return user

    return make


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    ids: dict[str, dict[str, str]] = field(default_factory=dict)
    concerns: dict[str, Any] = field(default_factory=dict)
    requests: dict[str, Any] = field(default_factory=dict)


@pytest.fixture
def world(family, other_family, make_user, make_staff) -> World:
    """Case A (Hartlepool) shares e1 and one document, keeps e3 and a second document back; its
    concern is assigned to reviewer 1, has a request to Hartlepool and an issued outcome. Case B
    (Leeds) shares everything, unassigned, with a request to Leeds. Case U is never shared."""
    from fairwitness.cases import actions as case_actions
    from fairwitness.cases.models import Document, Event
    from fairwitness.oversight import actions
    from fairwitness.oversight.models import CouncilDocument

    alice, case_a = family
    mallory, case_b = other_family
    w = World()
    member, advocate = make_user("bob@example.org"), make_user("carol@example.org")
    for user, role in ((member, "member"), (advocate, "advocate")):
        inv = case_actions.invite_member(case_a, alice, user.email, role)
        case_actions.accept_invitation(inv.token, user)
    e1 = Event.objects.get(case=case_a, event_id="e1")
    shared_doc = case_actions.attach_document(case_a, alice, e1, ("assessment-letter.pdf", PDF))
    hidden = case_actions.record_event(case_a, alice, {"kind": "referral_received", "at": "2024-01-02",
                                                        "concern": "Kumquat private note"})
    hidden_doc = case_actions.attach_document(case_a, alice, None, ("kumquat-diary.pdf", PDF))
    case_u = case_actions.create_case(alice, "Alice's second case", "Hartlepool")

    w.users.update(owner=alice, member=member, advocate=advocate, other_family=mallory,
                   reviewer=make_staff("reviewer1@example.org", "reviewer"),
                   reviewer2=make_staff("reviewer2@example.org", "reviewer"),
                   senior=make_staff("senior@example.org", "senior_reviewer"),
                   liaison=make_staff("liaison@example.org", "liaison", "Hartlepool"),
                   liaison2=make_staff("liaison2@example.org", "liaison", "Leeds"),
                   admin=make_staff("admin@example.org", "administrator"))
    senior = w.users["senior"]

    ca = actions.share_case(case_a, alice, what_to_look_at="They assessed us without asking", urgency="soon",
                            scope="chosen", event_ids=["e1"], document_ids=[str(shared_doc.public_id)])
    actions.assign(ca, senior, w.users["reviewer"])
    reviewer = w.users["reviewer"]
    actions.decide(ca, reviewer, "investigate", "The record shows an assessment without consent")
    ra = actions.send_request(ca, reviewer, local_authority=case_a.local_authority, questions="Why no consent?",
                              event_ids=["e1", hidden.event_id], document_ids=[str(shared_doc.public_id), str(hidden_doc.public_id)])
    cda = actions.upload_council_document(ra, w.users["liaison"], ("council-reply.pdf", PDF))
    issue = actions.add_issue(ca, reviewer, "Assessment without informed consent")
    actions.record_finding(issue, reviewer, "upheld", "Nothing shows consent was asked for")
    from fairwitness.cases.law import today

    actions.add_recommendation(issue, reviewer, "Apologise in writing", "An apology", today() + timedelta(days=30))
    actions.issue_outcome(ca, reviewer)

    cb = actions.share_case(case_b, mallory, what_to_look_at="Vexler wants a review", urgency="urgent")
    rb = actions.send_request(cb, senior, local_authority=case_b.local_authority, questions="Explain the referral",
                              event_ids=["e1"], document_ids=[str(Document.objects.get(case=case_b).public_id)])
    cdb = actions.upload_council_document(rb, w.users["liaison2"], ("leeds-reply.pdf", PDF))

    w.concerns.update(A=ca, B=cb)
    w.requests.update(A=ra, B=rb)
    import uuid

    missing = str(uuid.uuid4())
    w.ids = {
        "A": {"public_id": str(case_a.public_id), "concern_id": str(ca.public_id), "event_id": "e1",
              "file_id": str(shared_doc.public_id), "council_file_id": str(cda.public_id), "request_id": str(ra.public_id),
              "recipient": "family", "number": "1"},
        "B": {"public_id": str(case_b.public_id), "concern_id": str(cb.public_id), "event_id": "e1",
              "file_id": str(Document.objects.get(case=case_b).public_id), "council_file_id": str(cdb.public_id),
              "request_id": str(rb.public_id), "recipient": "family", "number": "1"},
        "A-hidden": {"public_id": str(case_a.public_id), "concern_id": str(ca.public_id), "event_id": hidden.event_id,
                     "file_id": str(hidden_doc.public_id), "council_file_id": missing, "request_id": str(ra.public_id),
                     "recipient": "nobody", "number": "99"},
        "U": {"public_id": str(case_u.public_id), "concern_id": missing, "event_id": "e1", "file_id": missing,
              "council_file_id": missing, "request_id": missing, "recipient": "family", "number": "1"},
    }
    assert CouncilDocument.objects.count() == 2
    return w
