"""The kinds of finding the public figures break upheld concerns down by, and which of the law
engine's checks belongs to which. Issues a reviewer raised by hand carry no check: they count
under "Other" (a family's concern can be upheld on any ground)."""

from __future__ import annotations

KINDS: dict[str, str] = {
    "authority": "Lawful authority and consent",
    "participation": "People left out",
    "timescales": "Timescales",
    "complaints": "Complaints handling",
    "records": "Records",
    "other": "Other",
}

_CHECKS: dict[str, tuple[str, ...]] = {
    "authority": ("connected_person_looked_after", "escalation_after_refusal", "pressure_on_voluntary_footing",
                  "removal_authority", "section_20_consent_quality", "section_20_drift", "section_20_objection",
                  "section_20_return_request", "voluntary_activity_without_consent", "epo_limit",
                  "police_protection_limit", "child_assessment_order_limit", "contact_refusal_limit",
                  "section_20_duty", "consent_capacity"),
    "participation": ("conference_report_shared", "parent_invited", "police_protection_parents_informed",
                      "pr_holder_informed", "pr_holder_invited", "whereabouts_told", "kinship_information"),
    "timescales": ("assessment_timescale", "care_proceedings_26_weeks", "connected_person_approval",
                   "core_group_first", "cp_review_first", "cp_review_interval", "icpc_timescale", "lac_review_first",
                   "lac_review_interval", "lac_review_second", "permanence_plan", "referral_decision",
                   "social_worker_turnover", "recommendation_compliance", "initial_assessment_timescale",
                   "core_assessment_timescale", "placement_plan"),
    "complaints": ("complaint_final_response", "complaint_panel", "complaint_panel_report", "complaint_stage1",
                   "complaint_stage2", "complaint_route", "complaint_window", "ombudsman_window",
                   "statutory_complaint_procedure"),
    "records": ("subject_access_response", "subject_access_response_1998", "rectification_response", "ico_window"),
}
KIND_OF_CHECK: dict[str, str] = {check: kind for kind, checks in _CHECKS.items() for check in checks}


def kind_of(check: str | None) -> str:
    return KIND_OF_CHECK.get(check or "", "other")
