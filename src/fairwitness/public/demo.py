"""Synthetic casework for the public figures (demo mode only; run by `fairwitness demo` after the demo families).

Two financial years of invented concerns across ten councils, big and small, so the public pages
show real suppression (``c`` for small councils, secondary suppression from the audit) and funnel
plots. Every case is titled "Synthetic family", belongs to one demo account that cannot sign in, and
the release is recorded as synthetic: the pages and the report say so. Running it again changes
nothing. Dates are in the past, so rows are written directly rather than through the actions
(which stamp today); each case itself is created through ``cases.actions``, ledger and all.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

SYNTHETIC_OWNER = "synthetic-families@example.org"
SYNTHETIC_TITLE = "Synthetic family (statistics demo)"
# Families per financial year, and how likely an investigation is upheld, per council (ONS code).
COUNCILS = [
    ("E08000025", 34, 0.45),  # Birmingham
    ("E08000035", 30, 0.55),  # Leeds
    ("E10000016", 28, 0.40),  # Kent
    ("E06000023", 26, 0.50),  # Bristol
    ("E08000003", 16, 0.50),  # Manchester
    ("E06000001", 7, 0.50),  # Hartlepool
    ("E09000033", 5, 0.50),  # Westminster
    ("E06000017", 3, 0.50),  # Rutland
    ("E09000001", 2, 0.50),  # City of London
    ("E06000053", 1, 1.00),  # Isles of Scilly
]
CHECKS = ["removal_authority", "section_20_objection", "pr_holder_invited", "parent_invited",
          "assessment_timescale", "complaint_stage2", "subject_access_response", ""]
PRE_RELEASE_ACCESS = [{"name": "Statistics lead (synthetic demo)", "role": "production"},
                      {"name": "Quality assurance analyst (synthetic demo)", "role": "quality assurance"}]


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11, 0)))


def _case_file(la_name: str, start: date, rng: random.Random) -> dict[str, Any]:
    """A short synthetic chronology: a referral, the decision, an assessment finished (or not)."""
    decided = start + timedelta(days=rng.choice([0, 1, 1, 3]))
    events = [
        {"id": "e1", "kind": "referral_received", "at": start.isoformat(), "source": "other"},
        {"id": "e2", "kind": "referral_decision", "at": decided.isoformat(), "decision": "assessment",
         "by": "local_authority"},
        {"id": "e3", "kind": "assessment_started", "at": decided.isoformat(), "basis": "s17"},
    ]
    if rng.random() < 0.85:
        events.append({"id": "e4", "kind": "assessment_completed",
                       "at": (start + timedelta(days=rng.choice([30, 45, 55, 60, 70, 90]))).isoformat()})
    return {"format": "fairwitness-case/1", "jurisdiction": "england", "local_authority": la_name,
            "title": SYNTHETIC_TITLE, "children": [{"id": "c1", "name": "Child", "date_of_birth": "2015-01-01"}],
            "people": [{"id": "p1", "name": "Parent", "role": "parent", "parental_responsibility": True}],
            "events": events}


def load_statistics_demo(echo: Any = print, today: date | None = None) -> bool:
    """Load the synthetic casework and publish a synthetic release (once). True if it loaded now."""
    from fairwitness.accounts.models import User
    from fairwitness.cases.law import today as real_today
    from fairwitness.cases.localauthorities import ensure_loaded
    from fairwitness.oversight.models import Concern
    from fairwitness.public import publish
    from fairwitness.public.models import Release
    from fairwitness.statistics import periods

    if not getattr(settings, "FAIRWITNESS_DEMO", False):
        raise ImproperlyConfigured("Synthetic statistics need FAIRWITNESS_DEMO=1 (and are refused in production).")
    if Release.objects.filter(synthetic=True).exists():
        return False
    ensure_loaded()
    now = today or real_today()
    last_closed = periods.year_of(now) - 1
    years = [last_closed - 1, last_closed]
    rng = random.Random(12)
    owner = User.objects.filter(email=SYNTHETIC_OWNER).first()
    if owner is None:
        owner = User.objects.create_user(SYNTHETIC_OWNER, None, display_name="Synthetic families (demo)")
    with transaction.atomic():  # one commit: a few hundred small ones wait on the disk for minutes
        _load_casework(owner, years, rng, now)
    prepared = publish.prepare(now)

    publish.record(prepared, pre_release_access=PRE_RELEASE_ACCESS, synthetic=True)
    if echo:
        echo(f"Synthetic statistics: {Concern.objects.filter(case__created_by=owner).count()} concerns across "
             f"{len(COUNCILS)} councils; release for {', '.join(prepared.release.periods)} at /public/")
    return True


def _load_casework(owner: Any, years: list[int], rng: random.Random, now: date) -> None:
    from fairwitness.cases import actions as case_actions
    from fairwitness.cases.models import LocalAuthority
    from fairwitness.public.models import StatisticsConsent
    from fairwitness.statistics import periods

    for code, per_year, upheld_share in COUNCILS:
        la = LocalAuthority.objects.get(ons_code=code)
        for year in years:
            first, last = periods.bounds(year)
            for _ in range(per_year):
                received = first + timedelta(days=rng.randrange((last - first).days - 20))
                case = case_actions.import_case(owner, _case_file(la.official_name, received - timedelta(days=90), rng))
                if rng.random() < 0.7:
                    StatisticsConsent.objects.create(case=case, given_at=_moment(received), given_on=received,
                                                     given_by=owner)
                _synthetic_concern(case, la, received, upheld_share, rng, now)


def _synthetic_concern(case: Any, la: Any, received: date, upheld_share: float, rng: random.Random, now: date) -> None:
    from fairwitness.oversight.models import (
        Concern,
        InformationRequest,
        Issue,
        Recommendation,
        status_from_history,
    )
    from fairwitness.oversight.standards import answer_due

    acknowledged = received + timedelta(days=rng.choice([0, 1, 1, 2, 4]))
    decided = received + timedelta(days=rng.choice([3, 7, 10, 12, 18]))
    investigate = rng.random() < 0.8
    concern = Concern(case=case, received_on=received, urgency="soon", acknowledged_at=_moment(acknowledged),
                      decided_at=_moment(decided), decision="investigate" if investigate else "not_investigate")
    concern.request_sealed = concern.seal_text("request", "Synthetic concern for the statistics demo.")
    if not investigate:
        concern.closed_at = _moment(decided)
    # Straight to the state its dates imply (these rows are written directly, not moved by actions).
    concern.status = status_from_history(concern)
    concern.save()
    Concern.objects.filter(pk=concern.pk).update(received_at=_moment(received))
    if not investigate:
        return
    sent = decided + timedelta(days=2)
    due = answer_due(sent)
    answered = rng.choices([due - timedelta(days=5), due + timedelta(days=rng.choice([3, 15])), None],
                           weights=[6, 3, 1])[0]
    request = InformationRequest(concern=concern, number=1, local_authority=la, sent_on=sent, original_due_on=due,
                                 due_on=due, answered_on=answered,
                                 answered_at=_moment(answered) if answered else None)
    request.questions_sealed = request.seal_text("questions", "Synthetic question.")
    request.save()
    concluded = decided + timedelta(days=rng.choice([30, 60, 90, 150]))
    if concluded >= now:
        return
    upheld = rng.random() < upheld_share
    for number in range(1, rng.choice([2, 2, 3])):
        check = rng.choice(CHECKS)
        issue = Issue(concern=concern, number=number, source="finding" if check else "reviewer", finding_check=check,
                      outcome=("upheld" if number == 1 else rng.choice(["partly_upheld", "not_upheld"])) if upheld
                      else "not_upheld", decided_at=_moment(concluded))
        issue.title_sealed = issue.seal_text("title", "Synthetic issue.")
        issue.save()
        if issue.outcome in ("upheld", "partly_upheld"):
            rec_due = concluded + timedelta(days=42)
            complied = rng.choices([rec_due - timedelta(days=10), rec_due + timedelta(days=20), None],
                                   weights=[6, 2, 2])[0]
            rec = Recommendation(issue=issue, number=number, due_on=rec_due,
                                 complied_on=complied if complied and complied < now else None)
            rec.text_sealed = rec.seal_text("text", "Synthetic recommendation.")
            rec.save()
    concern.outcome_issued_at = _moment(concluded)
    concern.closed_at = _moment(concluded)
    concern.status = status_from_history(concern)
    concern.save(update_fields=["outcome_issued_at", "closed_at", "status"])
