"""Read the facts the statistics count from the database: the body's casework (ids, councils, dates,
kinds of finding: never words) and, only for records whose family agreed to statistical use, the
law engine's judgement of each statutory deadline."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from fairwitness.oversight.models import Concern, InformationRequest, Recommendation
from fairwitness.oversight.standards import acknowledge_by, decide_by
from fairwitness.public.models import StatisticsConsent
from fairwitness.statistics.councils import Council
from fairwitness.statistics.kinds import kind_of
from fairwitness.statistics.release import ClockFacts, ConcernFacts, Facts, RecommendationFacts, RequestFacts

UPHELD = ("upheld", "partly_upheld")
STATUTORY = ("statute", "regulations", "statutory_guidance")
CLOCK_RESULTS = ("met", "late", "missed")


def _day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def councils() -> list[Council]:
    from fairwitness.cases.localauthorities import ensure_loaded
    from fairwitness.cases.models import LocalAuthority

    ensure_loaded()
    return [Council(la.ons_code, la.name, la.region, la.dfe_la_code, la.in_use_from, la.in_use_to,
                    tuple(c for c in la.replaced_by.split(";") if c)) for la in LocalAuthority.objects.all()]


def _family(case_public_id: object) -> str:
    return str(case_public_id)  # opaque, used only to count distinct families; never published


def collect(cutoff: date) -> Facts:
    facts = Facts()
    concerns = Concern.objects.select_related("case__local_authority").prefetch_related("issues")
    for c in concerns:
        la = c.case.local_authority
        decided = _day(c.decided_at)
        facts.concerns.append(ConcernFacts(
            family=_family(c.case.public_id), council=la.ons_code if la else None, received_on=c.received_on,
            acknowledge_by=acknowledge_by(c), acknowledged_on=_day(c.acknowledged_at),
            decide_by=decide_by(c), decided_on=decided,
            investigated_on=decided if c.decision == "investigate" else None,
            concluded_on=_day(c.outcome_issued_at),
            upheld_kinds=frozenset(kind_of(i.finding_check) for i in c.issues.all() if i.outcome in UPHELD)))
    for r in InformationRequest.objects.select_related("concern__case", "local_authority"):
        facts.requests.append(RequestFacts(_family(r.concern.case.public_id), r.local_authority.ons_code,
                                           r.due_on, r.answered_on))
    for rec in Recommendation.objects.select_related("issue__concern__case__local_authority"):
        case = rec.issue.concern.case
        facts.recommendations.append(RecommendationFacts(
            _family(case.public_id), case.local_authority.ons_code if case.local_authority else None,
            rec.due_on, rec.complied_on))
    facts.clocks = consented_clocks(cutoff)
    return facts


def consented_clocks(cutoff: date) -> list[ClockFacts]:
    """Each statutory deadline the engine judged met, late or missed, in every record whose family's
    agreement is live now (so a withdrawal applies from the next release), judged as at the cut-off.
    The record counts in the financial year the family agreed."""
    from fairwitness.cases.law import case_report

    out = []
    for consent in StatisticsConsent.objects.filter(withdrawn_at__isnull=True).select_related("case__local_authority"):
        case = consent.case
        if case.is_erased:
            continue
        report = case_report(case, as_of=cutoff)
        for finding in report.findings:
            if (finding.status in CLOCK_RESULTS and finding.arithmetic is not None
                    and finding.legal_force in STATUTORY and not finding.family_window):
                out.append(ClockFacts(_family(case.public_id),
                                      case.local_authority.ons_code if case.local_authority else None,
                                      consent.given_on, finding.check, finding.title or finding.check, finding.status))
    return out
