"""Demo staff and investigations at several stages (demo mode only; run by ``demo/load.py``).

Staff second factor in the demo: each demo staff user gets a confirmed TOTP device whose secret is
derived from their email address, so it is the same on every load. The secret and an otpauth://
URI are printed at load, to add to any authenticator app; ``fairwitness oversight demo-code EMAIL``
prints the current code for a demo staff user. Both refuse to run outside FAIRWITNESS_DEMO=1.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from fairwitness.demo.data import DEMO_PASSWORD

STAFF = [
    ("reviewer@example.org", "Priya Shah (reviewer)", "reviewer", None),
    ("senior@example.org", "Tom Okafor (senior reviewer)", "senior_reviewer", None),
    ("liaison@example.org", "Leeds liaison officer", "liaison", "Leeds City Council"),
    ("liaison2@example.org", "Bristol liaison officer", "liaison", "Bristol City Council"),
    ("admin@example.org", "Fair Witness administrator", "administrator", None),
]


def _require_demo() -> None:
    if not getattr(settings, "FAIRWITNESS_DEMO", False):
        raise ImproperlyConfigured("Demo staff need FAIRWITNESS_DEMO=1 (and are refused in production).")


def demo_totp_key(email: str) -> str:
    """A fixed 20-byte secret (hex, as django-otp stores it) for a demo staff user."""
    return hashlib.sha256(f"fairwitness-demo-totp:{email}".encode()).hexdigest()[:40]


def demo_code(email: str) -> str:
    from django_otp.oath import totp

    _require_demo()
    return f"{totp(bytes.fromhex(demo_totp_key(email))):06d}"


def _staff_user(email: str, name: str, role: str, council: str | None) -> tuple[Any, str]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from fairwitness.accounts.models import User
    from fairwitness.cases.actions import resolve_local_authority
    from fairwitness.oversight import actions

    user = User.objects.filter(email=email).first() or User.objects.create_user(email, DEMO_PASSWORD, display_name=name)
    actions.set_staff_role(None, user, role, resolve_local_authority(council) if council else None)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Demo authenticator",
                                                 defaults={"key": demo_totp_key(email), "confirmed": True})
    return user, device.config_url


def _case_of(email: str) -> Any:
    from fairwitness.accounts.models import User
    from fairwitness.cases.policy import visible_cases

    user = User.objects.filter(email=email).first()
    return (user, visible_cases(user).first()) if user else (None, None)


def load_oversight_demo(echo: Any = print) -> list[str]:
    """Staff users and three investigations: just received; investigating with the council's answer
    overdue; outcome sent after a late answer. Running it again changes nothing."""
    from fairwitness.cases.law import today
    from fairwitness.oversight import actions
    from fairwitness.oversight.models import Concern, InformationRequest

    _require_demo()
    lines = []
    with transaction.atomic():
        users = {}
        for email, name, role, council in STAFF:
            users[role if role != "liaison" else email], uri = _staff_user(email, name, role, council)
            secret = base64.b32encode(bytes.fromhex(demo_totp_key(email))).decode()
            covers = f", covers {council}" if council else ""
            lines.append(f"{email} ({role}{covers}): password {DEMO_PASSWORD}, authenticator secret {secret}  {uri}")
        reviewer, senior = users["reviewer"], users["senior_reviewer"]
        stage = [(_case_of(e)) for e in ("family@example.org", "family2@example.org", "family3@example.org")]
        if all(c for _, c in stage) and not Concern.objects.filter(case__in=[c for _, c in stage]).exists():
            (sam, sam_case), (mark, mark_case), (mary, mary_case) = stage
            # 1. Just received: a removal without authority, top of the queue, not yet acknowledged.
            actions.share_case(sam_case, sam, urgency="urgent", what_to_look_at=(
                "My children were taken to a foster carer while I was in hospital. Nothing was signed and there "
                "was no court order."))
            # 2. Investigating; the council's answer is overdue.
            c2 = actions.share_case(mark_case, mark, urgency="soon", what_to_look_at=(
                "I was never told about the meetings that made a plan for my son."))
            actions.assign(c2, senior, reviewer)
            actions.decide(c2, reviewer, "investigate", "The record shows plans made without the father being told.")
            actions.issues_from_findings(c2, reviewer)
            r2 = actions.send_request(c2, reviewer, local_authority=mark_case.local_authority,
                                      questions="Why was Mr Ellis not invited to the child in need meetings?",
                                      event_ids=["e1", "e2"])
            sent = today() - timedelta(days=40)
            InformationRequest.objects.filter(pk=r2.pk).update(
                sent_on=sent, original_due_on=sent + timedelta(days=28), due_on=sent + timedelta(days=28))
            # 3. Outcome sent after a late answer; one recommendation being followed up.
            c3 = actions.share_case(mary_case, mary, urgency="when_possible", what_to_look_at=(
                "Our adopted son was accommodated and we were told we had no say."))
            actions.assign(c3, senior, reviewer)
            actions.decide(c3, reviewer, "investigate", "The family's account raises a question of consent.")
            r3 = actions.send_request(c3, reviewer, local_authority=mary_case.local_authority,
                                      questions="Please send the signed section 20 agreement.")
            InformationRequest.objects.filter(pk=r3.pk).update(due_on=today() - timedelta(days=3),
                                                               original_due_on=today() - timedelta(days=3))
            r3.refresh_from_db()
            actions.answer_request(r3, users["liaison2@example.org"], "We cannot find a signed agreement.")
            issue = actions.add_issue(c3, reviewer, "The child was accommodated without the parents' agreement.")
            actions.record_finding(issue, reviewer, "upheld", "The council holds no signed agreement and the parents objected.")
            actions.add_recommendation(issue, reviewer, "Apologise to the family in writing and review every "
                                       "section 20 arrangement made by the team that year.", "A written apology",
                                       today() + timedelta(days=42))
            actions.issue_outcome(c3, reviewer)
    if echo:
        echo("Demo staff (each must enter a code from an authenticator app; `fairwitness oversight demo-code EMAIL` "
             "prints the current one):")
        for line in lines:
            echo("  " + line)
    return lines
