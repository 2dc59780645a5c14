"""The only code that writes the public app's records; each write is one transaction and a ledger
entry (ids and dates only)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from fairwitness.cases import policy
from fairwitness.cases.models import Case
from fairwitness.ledger.store import append
from fairwitness.public.models import StatisticsConsent


def _today() -> Any:
    from fairwitness.cases.law import today

    return today()


def live_consent(case: Case) -> StatisticsConsent | None:
    return StatisticsConsent.objects.filter(case=case, withdrawn_at__isnull=True).first()


def _may_decide(actor: Any, case: Case) -> None:
    # The same people who decide whether the body may see the case decide this.
    if case.is_erased or not policy.has_permission(actor, case, policy.SHARE_WITH_OVERSIGHT):
        raise policy.PermissionDenied(policy.SHARE_WITH_OVERSIGHT)


def give_statistics_consent(case: Case, actor: Any) -> StatisticsConsent:
    _may_decide(actor, case)
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()
        existing = live_consent(case)
        if existing is not None:
            return existing
        consent = StatisticsConsent.objects.create(case=case, given_at=timezone.now(), given_on=_today(), given_by=actor)
        append(action="statistics_consent_given", case=str(case.public_id), actor_id=actor.pk,
               actor_role=policy.role_in(actor, case) or "family", objects={"consent": consent.pk})
    return consent


def withdraw_statistics_consent(case: Case, actor: Any) -> StatisticsConsent | None:
    _may_decide(actor, case)
    with transaction.atomic():
        consent = StatisticsConsent.objects.select_for_update().filter(case=case, withdrawn_at__isnull=True).first()
        if consent is None:
            return None
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = actor
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        append(action="statistics_consent_withdrawn", case=str(case.public_id), actor_id=actor.pk,
               actor_role=policy.role_in(actor, case) or "family", objects={"consent": consent.pk})
    return consent
