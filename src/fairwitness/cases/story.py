"""The "tell us in your own words" journey's rules, between the page and the record: which kinds a
parent may choose for a proposal, and how a confirmed proposal becomes a case-format event.

The parent's own words are re-read on every step (the reader is deterministic), so nothing from the
story waits anywhere unencrypted between pages: not in the session, not on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fairwitness.narrative.story import PERSON_KINDS, PLAIN_KIND, Proposal

# What a parent may call a proposal: (value, label, kind, fields the choice itself sets).
KIND_CHOICES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("consent:given", "You (or another parent) agreed to something", "consent", {"decision": "given"}),
    ("consent:refused", "You (or another parent) refused something", "consent", {"decision": "refused"}),
    ("consent:withdrawn", "You (or another parent) took back an agreement", "consent", {"decision": "withdrawn"}),
    ("meeting:icpc", "An initial child protection conference", "meeting", {"meeting_type": "icpc"}),
    ("meeting:cp_review_conference", "A child protection review conference", "meeting", {"meeting_type": "cp_review_conference"}),
    ("meeting:core_group", "A core group meeting", "meeting", {"meeting_type": "core_group"}),
    ("meeting:cin_meeting", "A child in need meeting", "meeting", {"meeting_type": "cin_meeting"}),
    ("meeting:lac_review", "A looked-after child review", "meeting", {"meeting_type": "lac_review"}),
    ("meeting:plo_meeting", "A pre-proceedings (PLO) meeting", "meeting", {"meeting_type": "plo_meeting"}),
    ("meeting:other", "Another meeting", "meeting", {"meeting_type": "other"}),
    ("activity:home_visit", "A home visit", "activity", {"activity": "home_visit"}),
    ("activity:child_seen_alone", "A child seen or spoken to alone", "activity", {"activity": "child_seen_alone"}),
    ("activity:contact_third_party", "The council contacted someone else (school, GP, family)", "activity", {"activity": "contact_third_party"}),
    ("activity:information_sharing", "The council shared information", "activity", {"activity": "information_sharing"}),
    ("complaint_made:1", "A complaint (stage 1)", "complaint_made", {"stage": 1}),
    ("complaint_made:2", "A complaint taken to stage 2", "complaint_made", {"stage": 2}),
    ("complaint_made:3", "A complaint taken to a review panel (stage 3)", "complaint_made", {"stage": 3}),
    *[(kind, PLAIN_KIND[kind][0].upper() + PLAIN_KIND[kind][1:], kind, {}) for kind in PLAIN_KIND
      if kind not in ("consent", "meeting", "activity", "complaint_made")],
]
KIND_BY_VALUE = {value: (label, kind, preset) for value, label, kind, preset in KIND_CHOICES}


def kind_value(proposal: Proposal) -> str:
    """The choice that matches what the reader proposed."""
    if proposal.kind == "consent":
        return f"consent:{proposal.fields.get('decision', 'given')}"
    if proposal.kind == "meeting":
        return f"meeting:{proposal.fields.get('meeting_type', 'other')}"
    if proposal.kind == "activity":
        return f"activity:{proposal.fields.get('activity', 'home_visit')}"
    if proposal.kind == "complaint_made":
        return f"complaint_made:{proposal.fields.get('stage', 1)}"
    return proposal.kind


@dataclass
class Choice:
    """What the parent decided about one proposal."""

    accept: bool
    kind_value: str
    day: date | None
    people: list[str] = field(default_factory=list)


class CannotRecord(ValueError):
    """A confirmed proposal that cannot become an event as it stands; the message says what to do."""


def to_event(proposal: Proposal, choice: Choice, pr_people: list[str], writer: str | None) -> dict[str, Any]:
    """The case-format event for a confirmed proposal, keeping where it came from."""
    if choice.kind_value not in KIND_BY_VALUE:
        raise CannotRecord("Choose what happened from the list")
    if choice.day is None:
        raise CannotRecord("Enter the date it happened")
    _, kind, preset = KIND_BY_VALUE[choice.kind_value]
    event: dict[str, Any] = {"kind": kind, "at": choice.day.isoformat()}
    if kind == proposal.kind:
        event.update({k: v for k, v in proposal.fields.items() if k != "person"})
    event.update(preset)
    if kind in PERSON_KINDS:
        chosen_pr = [p for p in choice.people if p in pr_people]
        person = (chosen_pr or choice.people or ([writer] if writer else []))[:1]
        if not person:
            raise CannotRecord("Add the people in your case first, then choose whose this was")
        event["person"] = person[0]
    if kind == "consent":
        event.setdefault("activity", "not stated")
    if proposal.children:
        event["children"] = proposal.children
    if proposal.by:
        event["by"] = proposal.by
    changed_day = choice.day != proposal.when.day
    event.update({
        "source_text": proposal.sentence.text,
        "date_precision": "day" if changed_day else proposal.when.precision,
        "date_reasoning": "The date you gave." if changed_day else proposal.when.how,
    })
    if choice.people:
        event["people"] = choice.people
    return event
