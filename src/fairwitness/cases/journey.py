"""The "what happened?" journey in plain words: groups, then the kinds within each group.

A parent does not think in case-format kinds. Step 1 offers groups ("A visit", "A meeting"); step 2
the things that happen within a group, in words a parent uses; each of those is an ``Option`` that
maps to one case-format kind, sometimes with a field already filled in (a home visit is an
``activity`` whose ``activity`` is ``home_visit``). Options that need a family's agreement on a
voluntary footing carry ``consent_activity``: the journey then asks the agreement questions.

Every kind in ``fairwitness.law.caseformat.EVENT_FIELDS`` must be reachable from here; a test
checks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Option:
    slug: str
    label: str
    kind: str
    hint: str = ""
    presets: dict[str, Any] = field(default_factory=dict)
    consent_activity: str | None = None  # ask "did they ask for your agreement?" about this activity


@dataclass(frozen=True)
class Group:
    slug: str
    label: str
    hint: str
    options: tuple[Option, ...]


def _o(slug: str, label: str, kind: str | None = None, hint: str = "", consent: str | None = None,
       **presets: Any) -> Option:
    return Option(slug=slug, label=label, kind=kind or slug, hint=hint, presets=presets, consent_activity=consent)


GROUPS: tuple[Group, ...] = (
    Group("visit", "A visit", "Someone from children's services came to your home, school or nursery", (
        _o("home_visit", "A social worker visited our home", "activity", consent="home_visit", activity="home_visit"),
        _o("child_seen_alone", "They saw or spoke to my child without me", "activity",
           consent="child_seen_alone", activity="child_seen_alone"),
        _o("drug_or_alcohol_test", "They asked for a drug or alcohol test", "activity",
           consent="drug_or_alcohol_test", activity="drug_or_alcohol_test"),
        _o("social_worker_changed", "We were given a new social worker"),
    )),
    Group("meeting", "A meeting", "A conference, core group, child in need meeting, review or strategy meeting", (
        _o("meeting", "A meeting about my child",
           hint="A child protection conference, core group, child in need meeting or review, looked-after review or pre-proceedings meeting"),
        _o("strategy_discussion", "A strategy discussion",
           hint="Police, children's services and others discussed whether to start a child protection enquiry"),
    )),
    Group("assessment", "An assessment or enquiry", "An assessment, a child protection (section 47) enquiry, or a referral", (
        _o("referral_received", "Children's services got a referral about my child"),
        _o("referral_decision", "They decided what to do about a referral"),
        _o("assessment_started", "An assessment started", consent="assessment"),
        _o("assessment_completed", "An assessment finished"),
        _o("s47_enquiry_started", "A child protection (section 47) enquiry started"),
        _o("s47_enquiry_completed", "A child protection (section 47) enquiry finished"),
        _o("notified", "Someone was told children's services were involved"),
    )),
    Group("agreement", "Agreement, information sharing or pressure",
          "You were asked to agree to something, information was shared, or you felt pressured", (
        _o("consent", "I agreed, refused or took back my agreement to something"),
        _o("information_sharing", "They shared information about us with someone", "activity",
           consent="information_sharing", activity="information_sharing"),
        _o("medical_records", "They looked at medical records", "activity", consent="medical_records",
           activity="medical_records"),
        _o("contact_third_party", "They contacted someone about us (a school, doctor, relative)", "activity",
           consent="contact_third_party", activity="contact_third_party"),
        _o("activity", "They did something else that needed our agreement", "activity"),
        _o("pressure", "Someone pressured or threatened us to agree"),
    )),
    Group("plan", "A plan", "A child in need plan, child protection plan, permanence plan, or the case closing", (
        _o("cin_plan_started", "A child in need plan started", consent="plan"),
        _o("cin_plan_ended", "A child in need plan ended"),
        _o("cp_plan_started", "A child protection plan started"),
        _o("cp_plan_ended", "A child protection plan ended"),
        _o("permanence_plan_made", "A permanence plan was made"),
        _o("case_closed", "Children's services closed the case"),
    )),
    Group("home", "A decision about where the child lives",
          "Your child was moved, taken into care, accommodated by agreement, or came home", (
        _o("removed_from_home", "My child was taken or moved from home"),
        _o("returned_home", "My child came home"),
        _o("section_20_started", "My child went into care by agreement (section 20)", consent="section_20_accommodation"),
        _o("section_20_ended", "Care by agreement (section 20) ended"),
        _o("section_20_removal_request", "I asked for my child back from care by agreement"),
        _o("objection", "I objected to an arrangement for my child"),
        _o("placed_with_connected_person", "My child went to live with a relative or friend"),
        _o("looked_after_started", "My child became looked after (I am not sure under which law)"),
        _o("looked_after_ended", "My child stopped being looked after"),
        _o("police_protection_started", "The police took my child into police protection"),
        _o("police_protection_ended", "Police protection ended"),
        _o("parents_informed", "We were told about police protection or an emergency order"),
        _o("connected_person_temporarily_approved", "The relative or friend was approved for now as a foster carer"),
        _o("connected_person_approval_extended", "That temporary approval was extended"),
        _o("foster_carer_approved", "The relative or friend was approved as a foster carer"),
        _o("connected_person_not_approved", "The relative or friend was not approved"),
        _o("accommodation_requested", "I asked the council to look after my child, or told them no one could care for them"),
        _o("accommodation_decision", "The council decided whether to look after my child"),
        _o("placement_started", "My child, while in care, moved to a new placement"),
        _o("placement_ended", "A placement ended while my child stayed in care"),
        _o("placement_plan_made", "A placement plan was made"),
        _o("whereabouts_told", "I was told where my child is living"),
        _o("whereabouts_withheld", "The council would not tell me where my child is living"),
        _o("kinship_information_given", "The relative or friend was given information about their options and support"),
    )),
    Group("court", "A court step", "A letter before proceedings, an application, an order or a hearing's outcome", (
        _o("pre_proceedings_letter", "I got a letter before proceedings"),
        _o("care_application_made", "The council applied to the court for a care order"),
        _o("care_proceedings_issued", "The court issued the council's application (care proceedings started)"),
        _o("epo_granted", "The court made an emergency protection order"),
        _o("epo_extended", "The emergency protection order was extended"),
        _o("epo_ended", "The emergency protection order ended"),
        _o("child_assessment_order", "The court made a child assessment order"),
        _o("interim_care_order", "The court made an interim care order"),
        _o("care_order", "The court made a care order"),
        _o("supervision_order", "The court made a supervision order"),
        _o("special_guardianship_order", "The court made a special guardianship order"),
        _o("placement_order", "The court made a placement order"),
        _o("order_discharged", "An order was discharged (ended by the court)"),
        _o("order_set_aside", "An order was set aside (for example on appeal)"),
        _o("extension_granted", "The court extended the 26-week timetable"),
        _o("proceedings_concluded", "The court case finished"),
    )),
    Group("contact", "Contact", "Time with family was arranged, refused, stopped or started again", (
        _o("contact_arranged", "Contact was arranged"),
        _o("contact_refused", "Contact was refused"),
        _o("contact_stopped", "Contact was stopped"),
        _o("contact_resumed", "Contact started again"),
    )),
    Group("complaint", "A complaint or request", "A complaint, a request for your records, or a challenge to what they wrote", (
        _o("complaint_made", "I made a complaint"),
        _o("complaint_acknowledged", "They acknowledged my complaint"),
        _o("complaint_extension_notified", "They said they need more time to answer my complaint"),
        _o("complaint_response", "They answered my complaint"),
        _o("complaint_declined", "They refused to consider my complaint"),
        _o("review_panel_held", "A review panel met (stage 3)"),
        _o("review_panel_report", "I got the review panel's report"),
        _o("local_authority_final_response", "I got the council's final response"),
        _o("ombudsman_complaint", "I complained to the Ombudsman"),
        _o("ombudsman_decision", "The Ombudsman decided"),
        _o("recommendation_made", "Someone recommended the council do something"),
        _o("recommendation_complied", "The council did what was recommended"),
        _o("regulator_concern", "I raised a concern with a regulator (Social Work England, Ofsted, the ICO)"),
        _o("subject_access_request", "I asked for my records (a subject access request)"),
        _o("subject_access_extension_notified", "They said they need more time to send my records"),
        _o("subject_access_response", "They sent my records"),
        _o("record_disputed", "Something in a report or record about us is wrong"),
        _o("rectification_requested", "I asked them to correct their records"),
        _o("rectification_response", "They answered my request to correct the records"),
    )),
    Group("letter", "A letter or report received", "A letter, report, minutes or a plan was sent to you", (
        _o("letter_received", "A letter or report arrived", "activity",
           hint="Record it here, then add the document on the next page", activity="letter_or_report_received"),
        _o("minutes_received", "Minutes of a meeting arrived", "activity", activity="minutes_received"),
    )),
    Group("other", "Something else", "Anything that does not fit above: describe it in your own words", (
        _o("something_else", "Something else happened", "activity",
           hint="Say what it was; you can add notes and documents"),
    )),
)

GROUPS_BY_SLUG = {g.slug: g for g in GROUPS}


def find_option(group_slug: str, option_slug: str) -> tuple[Group, Option] | None:
    group = GROUPS_BY_SLUG.get(group_slug)
    if group is None:
        return None
    for option in group.options:
        if option.slug == option_slug:
            return group, option
    return None


def option_for_event(data: dict[str, Any]) -> tuple[Group, Option] | None:
    """The journey option a stored event came from, so "Correct this" opens the same questions."""
    kind = data.get("kind")
    best: tuple[Group, Option] | None = None
    for group in GROUPS:
        for option in group.options:
            if option.kind != kind:
                continue
            if option.presets and all(data.get(k) == v for k, v in option.presets.items()):
                return group, option
            if not option.presets and best is None:
                best = (group, option)
    return best


def reachable_kinds() -> set[str]:
    return {o.kind for g in GROUPS for o in g.options}
