"""The case file format: load, validate, round-trip, and clear errors that name events and fields."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from fairwitness.law.caseformat import (
    EVENT_FIELDS,
    CaseFileError,
    json_schema,
    loads_case,
    parse_case,
)


def _doc(*events: dict, **top: object) -> dict:
    return {
        "format": "fairwitness-case/1",
        "jurisdiction": "england",
        "local_authority": "Exampleshire County Council",
        "children": [{"id": "c1", "name": "A", "date_of_birth": "2015-01-01"}],
        "people": [{"id": "p1", "name": "M", "role": "mother", "parental_responsibility": True}],
        "events": list(events),
        **top,
    }


def test_round_trip_keeps_unknown_fields_everywhere() -> None:
    doc = _doc(
        {"id": "e1", "kind": "complaint_made", "at": "2024-01-15", "stage": 1, "by": "p1",
         "council_reference": "CF/123", "nested": {"a": [1, 2]}},
        {"id": "e2", "kind": "removed_from_home", "at": "2024-01-15T16:05", "from": "p1", "authority": "none"},
        {"id": "e3", "kind": "meeting", "at": "2024-02-01", "meeting_type": "icpc", "invited": ["p1"],
         "excluded": [{"person": "p1", "reason": "none given", "said_by": "chair"}]},
        family_note="kept",
    )
    doc["children"][0]["school"] = "kept too"
    case = parse_case(doc)
    again = case.to_json_dict()
    assert again == doc


def test_dates_and_times_keep_their_meaning() -> None:
    case = parse_case(_doc(
        {"id": "a", "kind": "police_protection_started", "at": "2024-06-01"},
        {"id": "b", "kind": "police_protection_ended", "at": "2024-06-03T09:30+00:00"},
    ))
    a, b = case.events
    assert a.at == date(2024, 6, 1) and not a.has_time
    # an offset is turned into local UK time (BST in June)
    assert b.at == datetime(2024, 6, 3, 10, 30) and b.has_time


def test_every_problem_is_listed_by_event_and_field() -> None:
    doc = _doc(
        {"id": "e1", "kind": "complaint_made", "at": "2024-02-30", "stage": 7},
        {"id": "e2", "kind": "consent", "at": "2024-01-01", "activity": "assessment"},
        {"id": "e3", "kind": "made_up_kind", "at": "2024-01-01"},
    )
    with pytest.raises(CaseFileError) as info:
        parse_case(doc, "family.json")
    problems = {(p.where, p.field) for p in info.value.problems}
    assert ("event e1", "at") in problems
    assert ("event e1", "stage") in problems
    assert ("event e2", "person") in problems
    assert ("event e2", "decision") in problems
    unknown = next(p for p in info.value.problems if p.where == "event e3")
    assert "made_up_kind" in unknown.message and "complaint_made" in unknown.message
    assert "2024-02-30" in str(info.value)


def test_references_to_unknown_children_people_and_events_are_errors() -> None:
    doc = _doc(
        {"id": "e1", "kind": "notified", "at": "2024-01-01", "person": "nobody", "children": ["c9"]},
        {"id": "e1", "kind": "complaint_response", "at": "2024-01-02", "responds_to": "missing"},
    )
    with pytest.raises(CaseFileError) as info:
        parse_case(doc)
    messages = [str(p) for p in info.value.problems]
    assert any("no person with id 'nobody'" in m for m in messages)
    assert any("no child with id 'c9'" in m for m in messages)
    assert any("more than one event" in m for m in messages)
    assert any("no event with id 'missing'" in m for m in messages)


@pytest.mark.parametrize("text", ["{", "[]", "", "null"])
def test_malformed_json_is_a_clear_error(text: str) -> None:
    with pytest.raises(CaseFileError) as info:
        loads_case(text, "broken.json")
    assert info.value.problems[0].where == "file"


def test_every_kind_in_the_spec_is_known() -> None:
    spec_kinds = {
        "referral_received", "referral_decision", "assessment_started", "assessment_completed", "notified",
        "consent", "activity", "pressure", "strategy_discussion", "s47_enquiry_started", "s47_enquiry_completed",
        "meeting", "cp_plan_started", "cp_plan_ended", "cin_plan_started", "cin_plan_ended", "case_closed",
        "removed_from_home", "returned_home", "section_20_started", "section_20_ended",
        "section_20_removal_request", "objection", "police_protection_started", "police_protection_ended",
        "parents_informed", "epo_granted", "epo_extended", "epo_ended", "child_assessment_order",
        "pre_proceedings_letter", "care_proceedings_issued", "extension_granted", "interim_care_order",
        "care_order", "supervision_order", "special_guardianship_order", "placement_order", "order_discharged",
        "proceedings_concluded", "looked_after_started", "looked_after_ended", "placed_with_connected_person",
        "connected_person_temporarily_approved", "connected_person_approval_extended", "foster_carer_approved",
        "connected_person_not_approved", "permanence_plan_made", "contact_arranged", "contact_refused",
        "contact_stopped", "contact_resumed", "social_worker_changed", "complaint_made", "complaint_acknowledged",
        "complaint_extension_notified", "complaint_response", "review_panel_held", "review_panel_report",
        "local_authority_final_response", "complaint_declined", "recommendation_made", "recommendation_complied",
        "ombudsman_complaint", "ombudsman_decision", "regulator_concern", "subject_access_request",
        "subject_access_extension_notified", "subject_access_response", "record_disputed",
        "rectification_requested", "rectification_response",
    }
    # Added for issue 8 (events the real decisions needed), documented in docs/case-format.md.
    issue_8_kinds = {
        "accommodation_requested", "accommodation_decision", "care_application_made", "order_set_aside",
        "placement_started", "placement_ended", "placement_plan_made", "whereabouts_told", "whereabouts_withheld",
        "kinship_information_given",
    }
    assert spec_kinds | issue_8_kinds == set(EVENT_FIELDS)


def test_schema_names_every_kind() -> None:
    text = json.dumps(json_schema())
    for kind in EVENT_FIELDS:
        assert f'"{kind}"' in text


def test_parental_responsibility_per_child() -> None:
    doc = _doc()
    doc["children"].append({"id": "c2"})
    doc["people"].append({"id": "f", "role": "father", "parental_responsibility": {"c1": True, "c2": False}})
    case = parse_case(doc)
    father = case.person("f")
    assert father is not None and father.has_pr_for("c1") and not father.has_pr_for("c2")
    assert father.is_named_parent_of("c2")
