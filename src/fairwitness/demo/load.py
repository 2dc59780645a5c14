"""Load the demo families, once: running it again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from fairwitness.demo.data import DEMO_PASSWORD, FAMILIES, LETTER_PDF


@dataclass(frozen=True)
class DemoSignIn:
    email: str
    password: str
    case_title: str
    created: bool


def load_demo() -> list[DemoSignIn]:
    from fairwitness.accounts.models import User
    from fairwitness.cases import actions
    from fairwitness.cases.models import Event
    from fairwitness.cases.policy import visible_cases
    from fairwitness.oversight.demo import load_oversight_demo

    if not getattr(settings, "FAIRWITNESS_DEMO", False):
        raise ImproperlyConfigured("The demo sign-ins need FAIRWITNESS_DEMO=1 (and are refused in production).")
    out = []
    for email, name, case_file in FAMILIES:
        with transaction.atomic():
            user = User.objects.filter(email=email).first()
            if user is None:
                # Demo accounts count as confirmed: nobody reads mail at these addresses.
                user = User.objects.create_user(email, DEMO_PASSWORD, display_name=name, email_verified_at=timezone.now())
            created = False
            if not visible_cases(user).exists():
                case = actions.import_case(user, case_file)
                created = True
                first_event = Event.objects.filter(case=case).order_by("position").first()
                if first_event is not None:
                    actions.attach_document(case, user, first_event, ("letter-from-childrens-services.pdf", LETTER_PDF))
        out.append(DemoSignIn(email, DEMO_PASSWORD, str(case_file.get("title", "")), created))
    load_oversight_demo()  # issue 5: reviewer, senior, two liaison officers, admin, investigations at several stages
    return out
