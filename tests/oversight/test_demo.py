"""The demo loader adds the body's staff and investigations at several stages, once."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_demo_staff_and_investigations(settings, capsys):
    from fairwitness.demo.load import load_demo
    from fairwitness.oversight.demo import demo_code
    from fairwitness.oversight.models import Concern, StaffRole

    settings.FAIRWITNESS_DEMO = True
    load_demo()
    load_demo()  # a second run changes nothing
    roles = dict(StaffRole.objects.values_list("user__email", "role"))
    assert roles == {"reviewer@example.org": "reviewer", "senior@example.org": "senior_reviewer",
                     "liaison@example.org": "liaison", "liaison2@example.org": "liaison",
                     "admin@example.org": "administrator"}
    councils = set(StaffRole.objects.filter(role="liaison").values_list("local_authority__official_name", flat=True))
    assert councils == {"Leeds City Council", "Bristol City Council"}
    concerns = list(Concern.objects.order_by("pk"))
    assert len(concerns) == 3
    assert concerns[0].acknowledged_at is None and concerns[0].top_check == "removal_authority"
    assert concerns[1].decision == "investigate" and concerns[1].outcome_issued_at is None
    assert concerns[2].outcome_issued_at is not None
    assert "otpauth://" in capsys.readouterr().out

    client = Client()
    client.post("/accounts/login/", {"username": "liaison@example.org", "password": "demo-password-only"})
    client.post("/accounts/login/code/", {"code": demo_code("liaison@example.org")})
    inbox = client.get("/oversight/council/")
    assert inbox.status_code == 200 and "Overdue" in inbox.content.decode()


def test_demo_output_says_which_council_each_liaison_officer_covers(settings, capsys):
    from fairwitness.demo.load import load_demo

    settings.FAIRWITNESS_DEMO = True
    load_demo()
    out = capsys.readouterr().out
    assert "liaison@example.org (liaison, covers Leeds City Council)" in out
    assert "liaison2@example.org (liaison, covers Bristol City Council)" in out
