"""The complaint form asks what a complaint is about as a choice (issue 8): the law applied is
decided by that answer and the events it is about, never by the words of the subject."""

from __future__ import annotations

from fairwitness.cases.eventforms import CaseChoices, build_event_form
from fairwitness.cases.journey import Option


def _form(kind: str) -> type:
    choices = CaseChoices(children=[("c1", "Sam")], people=[("p1", "Alex (mother)")], pr_people=["p1"])
    return build_event_form(Option(slug=kind, label=kind, kind=kind), choices)


def test_complaint_form_asks_what_the_complaint_is_about_as_a_choice() -> None:
    field = _form("complaint_made").base_fields["subject_category"]
    assert field.label == "What is the complaint mainly about?"
    values = dict(field.choices)
    assert values["child_protection_conference"] == "A child protection conference or plan"
    assert values["part_iii_service"].startswith("Help or services for my child or family")
    assert "not-sure" in values  # optional: not answering records it as not known


def test_complaint_form_offers_the_children_for_a_representative_complaint() -> None:
    field = _form("complaint_made").base_fields["on_behalf_of"]
    assert ("c1", "Sam") in field.choices


def test_declined_form_offers_the_grounds_in_plain_words() -> None:
    field = _form("complaint_declined").base_fields["grounds"]
    assert dict(field.choices)["before_court"] == "The matter is before a court"
