"""Plain-English descriptions of events, written only from the event's own fields.

Used by the chronology and by letters that recount what happened. Each kind has a short sentence;
optional fields add clauses only when the family recorded them, so nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fairwitness.documents.wording import humanise, join_names, long_date, person_name
from fairwitness.law.caseformat import Case

ACTIVITY_WORDS = {
    "assessment": "an assessment",
    "home_visit": "a home visit",
    "child_seen_alone": "the child being seen alone",
    "information_sharing": "sharing information",
    "medical_records": "access to medical records",
    "drug_or_alcohol_test": "a drug or alcohol test",
    "contact_third_party": "contacting a third party",
    "section_20_accommodation": "accommodation under section 20",
    "plan": "a plan",
}
MEETING_WORDS = {
    "icpc": "Initial child protection conference",
    "cp_review_conference": "Child protection review conference",
    "core_group": "Core group meeting",
    "cin_meeting": "Child in need meeting",
    "cin_review": "Child in need review",
    "lac_review": "Looked-after child review",
    "plo_meeting": "Pre-proceedings (PLO) meeting",
    "strategy": "Strategy meeting",
    "other": "Meeting",
}
AUTHORITY_WORDS = {
    "section_20": "under section 20 (accommodation by agreement)",
    "police_protection": "under police protection",
    "epo": "under an emergency protection order",
    "interim_care_order": "under an interim care order",
    "care_order": "under a care order",
    "none": "with no legal order or agreement recorded",
    "unknown": "(legal basis not known to the family)",
}
STAGE_WORDS = {1: "stage 1 (local resolution)", 2: "stage 2 (investigation)", 3: "stage 3 (review panel)"}
OUTCOME_WORDS = {"upheld": "upheld", "partly_upheld": "partly upheld", "not_upheld": "not upheld",
                 "none": "no outcome given"}
SOURCE_WORDS = {
    "family": "Family",
    "local_authority_document": "Local authority document",
    "court_document": "Court document",
    "reviewer": "Reviewer",
}
SOURCE_CATEGORY = {  # the bundle section a source's documents usually belong to
    "family": "C", "local_authority_document": "B", "court_document": "B", "reviewer": "C",
}


def activity_words(activity: str | None) -> str:
    return ACTIVITY_WORDS.get(activity or "", humanise(activity))


def source_words(source: str | None) -> str:
    """Who the fact comes from. With no source recorded, the fact is in the family's own record."""
    if not source:
        return "Family"
    return SOURCE_WORDS.get(source, humanise(source).capitalize())


def _g(e: Any, name: str) -> Any:
    return getattr(e, name, None)


def _pn(case: Case, pid: str | None) -> str:
    return person_name(case, pid)


def _consent(e: Any, case: Case) -> str:
    who = _pn(case, e.person) or "A parent"
    verb = {"given": "gave", "refused": "refused", "withdrawn": "withdrew"}[e.decision]
    s = f"{who} {verb} consent to {activity_words(e.activity)}"
    extras = []
    if e.informed is True:
        extras.append("told it was voluntary")
    elif e.informed is False:
        extras.append("not told it was voluntary")
    if e.in_writing is True:
        extras.append("in writing")
    elif e.in_writing is False:
        extras.append("not in writing")
    return s + (f" ({', '.join(extras)})" if extras else "") + "."


def _meeting(e: Any, case: Case) -> str:
    s = MEETING_WORDS.get(e.meeting_type, "Meeting") + " held."
    if e.invited:
        s += f" Invited: {join_names([_pn(case, p) for p in e.invited])}."
    if e.attended:
        s += f" Attended: {join_names([_pn(case, p) for p in e.attended])}."
    for x in e.excluded:
        s += f" {_pn(case, x.person)} was excluded" + (f" ({x.reason})." if x.reason else ".")
    for r in e.reports_shared:
        s += f" Report shared with {_pn(case, r.person)} on {long_date(r.at)}."
    return s


def _removed(e: Any, case: Case) -> str:
    s = "Child removed from the care of " + (_pn(case, e.from_) or "a parent")
    return s + " " + AUTHORITY_WORDS.get(e.authority, humanise(e.authority)) + "."


def _complaint(e: Any, case: Case) -> str:
    stage = STAGE_WORDS.get(e.stage, f"stage {e.stage}")
    who = _pn(case, e.by)
    s = (f"{who} made a complaint at {stage}" if who else f"Complaint made at {stage}")
    if e.procedure:
        s += f" under the {e.procedure} procedure"
    if e.subject:  # the family's own words: a sentence of their own, never joined into ours
        subject = e.subject.strip()
        s += f": \u201c{subject[:1].upper() + subject[1:]}\u201d"
    return s + "."


def _complaint_response(e: Any, case: Case) -> str:
    stage = STAGE_WORDS.get(e.stage, "") if e.stage else ""
    s = f"Local authority responded to the {stage + ' ' if stage else ''}complaint"
    if e.outcome:
        s += f": {OUTCOME_WORDS.get(e.outcome, humanise(e.outcome))}"
    return s + "."


def _disputed(e: Any, case: Case) -> str:
    s = "Family disputed a statement"
    if e.document:
        s += f" in {e.document}"
    if e.statement:
        s += f": \u201c{e.statement}\u201d"
    s += "."
    if e.correction:
        s += f" Correction: {e.correction}."
    return s


def _with(prefix: str) -> Callable[[Any, Case], str]:
    def f(e: Any, case: Case) -> str:
        w = _g(e, "with_")
        return prefix + (f" with {_pn(case, w)}" if w else "") + "."
    return f


def _simple(text: str) -> Callable[[Any, Case], str]:
    return lambda e, case: text


def _until(text: str) -> Callable[[Any, Case], str]:
    def f(e: Any, case: Case) -> str:
        u = _g(e, "until")
        return text + (f" until {long_date(u)}" if u else "") + "."
    return f


DESCRIBERS: dict[str, Callable[[Any, Case], str]] = {
    "referral_received": lambda e, c: "Local authority received a referral"
    + (f" ({e.category})" if e.category else "") + (f": {e.concern}" if e.concern else "") + ".",
    "referral_decision": lambda e, c: f"Decision on the referral: {humanise(e.decision)}.",
    "assessment_started": lambda e, c: "Assessment started" + (f" under {e.basis.replace('s', 'section ')}" if e.basis else "") + ".",
    "assessment_completed": lambda e, c: "Assessment completed" + (f" (under {e.basis.replace('s', 'section ')})" if e.basis else "") + ".",
    "notified": lambda e, c: f"{_pn(c, e.person)} was told of the local authority's involvement.",
    "consent": _consent,
    "activity": lambda e, c: f"{activity_words(e.activity)[0].upper()}{activity_words(e.activity)[1:]} took place"
    + (f" (with {e.with_})" if e.with_ else "") + ".",
    "pressure": lambda e, c: (f"Pressure on {_pn(c, e.person)}" if e.person else "Pressure recorded")
    + (f": \u201c{e.said}\u201d" if e.said else "") + (f" (threatened: {humanise(e.threatened)})" if e.threatened else "") + ".",
    "strategy_discussion": lambda e, c: "Strategy discussion held" + (f"; outcome: {humanise(e.outcome)}" if e.outcome else "") + ".",
    "s47_enquiry_started": _simple("Section 47 enquiry started."),
    "s47_enquiry_completed": lambda e, c: "Section 47 enquiry completed" + (f"; outcome: {humanise(e.outcome)}" if e.outcome else "") + ".",
    "meeting": _meeting,
    "cp_plan_started": _simple("Child protection plan started."),
    "cp_plan_ended": _simple("Child protection plan ended."),
    "cin_plan_started": _simple("Child in need plan started."),
    "cin_plan_ended": _simple("Child in need plan ended."),
    "case_closed": _simple("Local authority closed the case."),
    "removed_from_home": _removed,
    "returned_home": lambda e, c: "Child returned home" + (f" to {_pn(c, e.to)}" if e.to else "") + ".",
    "section_20_started": _simple("Accommodation under section 20 began."),
    "section_20_ended": _simple("Accommodation under section 20 ended."),
    "section_20_removal_request": lambda e, c: f"{_pn(c, e.person)} asked for the child to be returned from section 20 accommodation.",
    "objection": lambda e, c: f"{_pn(c, e.person)} objected" + (f" to {humanise(e.to)}" if e.to else "") + ".",
    "police_protection_started": _simple("Police protection began."),
    "police_protection_ended": _simple("Police protection ended."),
    "parents_informed": lambda e, c: (f"{_pn(c, e.person)} was informed" if e.person else "Parents informed")
    + (f" of {humanise(e.of)}" if e.of else "") + ".",
    "epo_granted": _until("Emergency protection order granted"),
    "epo_extended": _until("Emergency protection order extended"),
    "epo_ended": _simple("Emergency protection order ended."),
    "child_assessment_order": lambda e, c: "Child assessment order made"
    + (f", from {long_date(e.from_)}" if e.from_ else "") + (f" until {long_date(e.until)}" if e.until else "") + ".",
    "pre_proceedings_letter": _simple("Pre-proceedings letter sent."),
    "care_proceedings_issued": _simple("Care proceedings issued."),
    "extension_granted": lambda e, c: f"Court extended the proceedings by {e.weeks} weeks.",
    "interim_care_order": _simple("Interim care order made."),
    "care_order": _simple("Care order made."),
    "supervision_order": _simple("Supervision order made."),
    "special_guardianship_order": _simple("Special guardianship order made."),
    "placement_order": _simple("Placement order made."),
    "order_discharged": _simple("Order discharged."),
    "proceedings_concluded": lambda e, c: "Proceedings concluded" + (f": {e.outcome}" if e.outcome else "") + ".",
    "looked_after_started": _simple("Child became looked after."),
    "looked_after_ended": _simple("Child stopped being looked after."),
    "placed_with_connected_person": lambda e, c: "Child went to live with "
    + (_pn(c, e.person) or "a relative or friend")
    + (f", arranged by {humanise(e.arranged_by)}" if e.arranged_by else "")
    + (f"; described by the council as {humanise(e.said_to_be)}" if e.said_to_be else "") + ".",
    "connected_person_temporarily_approved": _simple("Connected person temporarily approved as a foster carer."),
    "connected_person_approval_extended": _until("Temporary approval of the connected person extended"),
    "foster_carer_approved": _simple("Connected person approved as a foster carer."),
    "connected_person_not_approved": _simple("Connected person not approved as a foster carer."),
    "permanence_plan_made": _simple("Permanence plan made."),
    "contact_arranged": lambda e, c: "Contact arranged" + (f" with {_pn(c, e.with_)}" if e.with_ else "")
    + (f", {e.frequency}" if e.frequency else "")
    + ({True: ", supervised", False: ", unsupervised"}.get(e.supervised, "")) + ".",
    "contact_refused": lambda e, c: "Local authority refused contact" + (f" with {_pn(c, e.with_)}" if e.with_ else "")
    + (f": {e.reason}" if e.reason else "") + ".",
    "contact_stopped": _with("Contact stopped"),
    "contact_resumed": _with("Contact resumed"),
    "social_worker_changed": lambda e, c: "Social worker changed" + (f"; new social worker: {e.name}" if e.name else "") + ".",
    "complaint_made": _complaint,
    "complaint_acknowledged": lambda e, c: "Local authority acknowledged the "
    + (STAGE_WORDS.get(e.stage, "") + " " if e.stage else "") + "complaint.",
    "complaint_extension_notified": lambda e, c: "Local authority said it needs more time for the "
    + (STAGE_WORDS.get(e.stage, "") + " " if e.stage else "") + "complaint"
    + (f", new date {long_date(e.new_due)}" if e.new_due else "") + ".",
    "complaint_response": _complaint_response,
    "complaint_declined": lambda e, c: "Local authority declined to consider the complaint" + (f": {e.reason}" if e.reason else "") + ".",
    "review_panel_held": _simple("Complaint review panel held."),
    "review_panel_report": _simple("Review panel report sent."),
    "local_authority_final_response": _simple("Local authority's final response to the review panel."),
    "recommendation_made": lambda e, c: f"Recommendation made by {humanise(e.by) or 'a reviewing body'}"
    + (f": {e.action}" if e.action else "") + (f" (due {long_date(e.due)})" if e.due else "") + ".",
    "recommendation_complied": _simple("Recommendation carried out."),
    "ombudsman_complaint": _simple("Complaint made to the Local Government and Social Care Ombudsman."),
    "ombudsman_decision": lambda e, c: "Ombudsman's decision" + (f": {e.outcome}" if e.outcome else "")
    + (f"; remedy: {e.remedy}" if e.remedy else "") + ".",
    "regulator_concern": lambda e, c: "Concern raised" + (f" with {humanise(e.to).replace('ico', 'the ICO').replace('ofsted', 'Ofsted').replace('social work england', 'Social Work England')}" if e.to else " with a regulator") + ".",
    "subject_access_request": lambda e, c: (f"{_pn(c, e.person)} made" if e.person else "Family made") + " a subject access request.",
    "subject_access_extension_notified": _simple("Local authority extended the time to answer the subject access request."),
    "subject_access_response": lambda e, c: "Local authority answered the subject access request"
    + ("" if e.complete else " (incomplete)") + ".",
    "record_disputed": _disputed,
    "rectification_requested": _simple("Family asked for the record to be corrected (rectification)."),
    "rectification_response": lambda e, c: "Local authority answered the rectification request"
    + (f": {humanise(e.outcome)}" if e.outcome else "") + ".",
}


def describe(event: Any, case: Case) -> str:
    """One or two sentences saying what happened, from the event's fields (and its note)."""
    fn = DESCRIBERS.get(event.kind)
    text = fn(event, case) if fn else humanise(event.kind).capitalize() + "."
    return tidy(text)


_DOUBLE_STOP = re.compile(r"([.!?])([\"\u201d\u2019]?)\.")


def tidy(text: str) -> str:
    """One full stop where a quoted or free-text field already ended its sentence."""
    return _DOUBLE_STOP.sub(r"\1\2", text)


def by_clause(event: Any, case: Case) -> str:
    """"By whom", when recorded and not already said by the description."""
    if not event.by or event.kind in ("complaint_made", "recommendation_made"):
        return ""
    return person_name(case, event.by)
