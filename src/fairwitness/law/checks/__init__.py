"""The kinds of reasoning the pack's checks name in ``logic``.

A check whose logic is already here costs one YAML entry. New logic is one small function added to
a module below and registered here. ``WINDOW_LOGIC`` functions run last: they read the other
findings (a window to complain opens on each problem found).
"""

from __future__ import annotations

from collections.abc import Callable

from fairwitness.law.checks import (
    authority,
    clock,
    complaints,
    emergency,
    participation,
    placements,
    records1998,
    reviews,
    voluntary,
)
from fairwitness.law.findings import Finding

LOGIC: dict[str, Callable[..., list[Finding]]] = {
    "clock": clock.clock,
    "review_chain": reviews.review_chain,
    "after_conference": reviews.after_conference,
    "by_second_review": reviews.by_second_review,
    "hours_limit": emergency.hours_limit,
    "epo_limit": emergency.epo_limit,
    "order_length": emergency.order_length,
    "removal_authority": authority.removal_authority,
    "section_20_objection": authority.section_20_objection,
    "section_20_return_request": authority.section_20_return_request,
    "section_20_consent_quality": authority.section_20_consent_quality,
    "section_20_drift": authority.section_20_drift,
    "connected_person_looked_after": authority.connected_person_looked_after,
    "voluntary_activity_without_consent": voluntary.voluntary_activity_without_consent,
    "pressure_on_voluntary_footing": voluntary.pressure_on_voluntary_footing,
    "escalation_after_refusal": voluntary.escalation_after_refusal,
    "pr_holder_informed": participation.pr_holder_informed,
    "not_invited_pr_holder": participation.pr_holder_invited,
    "not_invited_parent": participation.parent_invited,
    "police_protection_parents_informed": participation.police_protection_parents_informed,
    "conference_report_shared": participation.conference_report_shared,
    "statutory_complaint_procedure": complaints.statutory_complaint_procedure,
    "complaint_route": complaints.complaint_route,
    "turnover": complaints.turnover,
    "complaint_window": complaints.complaint_window,
    "ombudsman_window": complaints.ombudsman_window,
    "ico_window": complaints.ico_window,
    "subject_access_1998": records1998.subject_access_1998,
    "placement_plan": placements.placement_plan,
    "whereabouts_told": placements.whereabouts_told,
    "kinship_information": placements.kinship_information,
    "section_20_duty": placements.section_20_duty,
    "consent_capacity": placements.consent_capacity,
}
# Event kinds a logic needs at least one of before it can find anything; the engine skips a check
# whose kinds are all absent (most cases hold a handful of kinds). Logic not listed always runs.
# Footings are also inferred from evidence (``implied_by`` in the pack): a meeting, an end.
_FOOTING_OPENERS = ("section_20_started", "removed_from_home", "interim_care_order", "care_order",
                    "looked_after_started", "meeting", "looked_after_ended", "section_20_ended",
                    "section_20_removal_request")
_SECTION_20 = ("section_20_started", "removed_from_home", "section_20_ended", "section_20_removal_request")
NEEDS: dict[str, tuple[str, ...]] = {
    "review_chain": ("cp_plan_started", "cp_plan_ended", *_FOOTING_OPENERS),
    "after_conference": ("cp_plan_started", "cp_plan_ended", "meeting"),
    "by_second_review": _FOOTING_OPENERS,
    "hours_limit": ("police_protection_started", "removed_from_home", "police_protection_ended"),
    "epo_limit": ("epo_granted", "removed_from_home", "epo_ended", "epo_extended"),
    "removal_authority": ("removed_from_home",),
    "section_20_objection": ("objection",),
    "section_20_return_request": ("section_20_removal_request",),
    "section_20_consent_quality": _SECTION_20,
    "section_20_drift": _SECTION_20,
    "connected_person_looked_after": ("placed_with_connected_person",),
    "voluntary_activity_without_consent": ("activity", "assessment_started"),
    "pressure_on_voluntary_footing": ("pressure",),
    "escalation_after_refusal": ("consent",),
    "not_invited_pr_holder": ("meeting",),
    "not_invited_parent": ("meeting",),
    "police_protection_parents_informed": ("police_protection_started", "removed_from_home", "police_protection_ended"),
    "conference_report_shared": ("meeting",),
    "statutory_complaint_procedure": ("complaint_made",),
    "complaint_route": ("complaint_made",),
    "turnover": ("social_worker_changed",),
    "subject_access_1998": ("subject_access_request",),
    "placement_plan": ("placement_started", "section_20_started", "placed_with_connected_person"),
    "whereabouts_told": ("placement_started", "section_20_started", "placed_with_connected_person"),
    "kinship_information": ("placed_with_connected_person",),
    "section_20_duty": ("accommodation_requested",),
    "consent_capacity": ("consent",),
}
WINDOW_LOGIC = frozenset({"complaint_window", "ombudsman_window", "ico_window"})
