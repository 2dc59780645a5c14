"""A parent's own words in, proposed events of the case format out.

``propose(text, reference)`` splits the text into sentences (pysbd, with character offsets), finds in
each the kinds of event its words suggest (``kinds``), the time it names (``timephrases``) and the
people it is about (``people``), and returns one ``Proposal`` per event: nothing is recorded until a
parent confirms it. Dates chain as a story is told: each event is the anchor for the next one's
"after 6 weeks", and named events ("the meeting", "court") for "the day before the meeting".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import pysbd

from fairwitness.narrative.kinds import kinds_in
from fairwitness.narrative.people import (
    PARENTS,
    PROFESSIONALS,
    ROLES,
    Mention,
    Person,
    children_named,
    mentions,
)
from fairwitness.narrative.timephrases import (
    PRECISION_RANK,
    Anchors,
    WhenResolved,
    carried_over,
    dateline,
    resolve_time,
)

# Which named anchor ("the meeting", "court") an event of each kind becomes.
ANCHOR_OF_KIND: dict[str, str] = {
    "meeting": "meeting", "strategy_discussion": "meeting", "care_proceedings_issued": "court",
    "interim_care_order": "court", "care_order": "court", "epo_granted": "court", "supervision_order": "court",
    "special_guardianship_order": "court", "placement_order": "court", "proceedings_concluded": "court",
    "assessment_started": "assessment", "complaint_made": "complaint", "removed_from_home": "removal",
    "section_20_started": "removal", "police_protection_started": "removal",
}
# Kinds that begin something that lasts: a second mention with no date of its own is the same event
# told again ("Instead of help, our son and daughter were put on the Child Protection Register…").
ONCE_KINDS = frozenset({
    "cp_plan_started", "cin_plan_started", "section_20_started", "care_proceedings_issued", "s47_enquiry_started",
    "interim_care_order", "care_order", "special_guardianship_order", "placement_order", "epo_granted",
    "looked_after_started", "placed_with_connected_person",
})
PERSON_KINDS = ("consent", "notified", "objection", "section_20_removal_request")  # kinds that need a person
PLAIN_KIND: dict[str, str] = {
    "referral_received": "a referral to children's services", "assessment_started": "an assessment started",
    "activity": "something the council did", "consent": "an agreement, refusal or withdrawal",
    "pressure": "pressure or a threat", "strategy_discussion": "a strategy discussion",
    "s47_enquiry_started": "a child protection (section 47) enquiry", "meeting": "a meeting",
    "cp_plan_started": "a child protection plan", "cp_plan_ended": "a child protection plan ended",
    "cin_plan_started": "a child in need plan", "cin_plan_ended": "a child in need plan ended",
    "case_closed": "the case closed", "removed_from_home": "a child taken from home",
    "returned_home": "a child came home", "section_20_started": "section 20 (voluntary) accommodation",
    "section_20_removal_request": "asking for a child back from section 20", "objection": "an objection",
    "police_protection_started": "police protection", "epo_granted": "an emergency protection order",
    "pre_proceedings_letter": "a letter before proceedings", "care_proceedings_issued": "care proceedings",
    "interim_care_order": "an interim care order", "care_order": "a care order",
    "supervision_order": "a supervision order", "special_guardianship_order": "a special guardianship order",
    "placement_order": "a placement order", "proceedings_concluded": "the end of proceedings",
    "looked_after_started": "a child placed in foster care", "placed_with_connected_person": "a child placed with family",
    "contact_arranged": "contact arranged", "contact_refused": "contact refused", "contact_stopped": "contact stopped",
    "social_worker_changed": "a change of social worker", "complaint_made": "a complaint",
    "complaint_response": "an answer to a complaint", "subject_access_request": "a request for records",
    "ombudsman_complaint": "a complaint to the Ombudsman", "ombudsman_decision": "the Ombudsman's decision",
    "regulator_concern": "a concern to a regulator", "record_disputed": "a record said to be wrong",
}


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass
class Proposal:
    """One event the text suggests, with everything a parent needs to check it."""

    id: str
    kind: str
    fields: dict[str, Any]
    when: WhenResolved
    sentence: Sentence
    words: str  # the words that suggested the kind
    confidence: float
    people: list[str] = field(default_factory=list)  # ids of recorded people it concerns
    mentioned: list[str] = field(default_factory=list)  # plain roles named but not recorded
    children: list[str] | None = None
    by: str | None = None
    same_as: str | None = None  # an earlier proposal this one probably tells again

    @property
    def plain_kind(self) -> str:
        label = PLAIN_KIND.get(self.kind, self.kind.replace("_", " "))
        if self.kind == "consent":
            label = {"given": "an agreement", "refused": "a refusal", "withdrawn": "an agreement taken back"}.get(
                self.fields.get("decision", ""), label)
        if self.kind == "activity":
            label = {"home_visit": "a home visit", "child_seen_alone": "a child seen or spoken to alone",
                     "contact_third_party": "the council contacted someone else",
                     "information_sharing": "the council shared information"}.get(self.fields.get("activity", ""), label)
        if self.kind == "meeting":
            label = {"icpc": "an initial child protection conference", "cp_review_conference": "a child protection review conference",
                     "core_group": "a core group meeting", "cin_meeting": "a child in need meeting",
                     "lac_review": "a looked-after child review", "plo_meeting": "a pre-proceedings meeting"}.get(
                self.fields.get("meeting_type", ""), label)
        return label

    def to_event(self) -> dict[str, Any]:
        """The proposal as a case-format event, with where it came from as extra fields (which the
        case format keeps on a round trip)."""
        event: dict[str, Any] = {"id": self.id, "kind": self.kind, "at": self.when.day.isoformat()}
        event.update({k: v for k, v in self.fields.items() if v is not None})
        if self.children:
            event["children"] = self.children
        if self.by:
            event["by"] = self.by
        event.update({
            "source": "own account",
            "source_text": self.sentence.text.strip(),
            "source_span": [self.sentence.start, self.sentence.end],
            "date_precision": self.when.precision,
            "date_reasoning": self.when.how,
            "time_phrase": self.when.phrase,
            "confidence": self.confidence,
        })
        if self.mentioned:
            event["mentions"] = self.mentioned
        if self.same_as:
            event["probably_same_as"] = self.same_as
        return event


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets. Blank lines always end a sentence: forum posts and letters
    often drop the full stop at the end of a paragraph."""
    out: list[Sentence] = []
    offset = 0
    for block in text.split("\n"):
        if block.strip():
            for span in _segmenter().segment(block):
                s = span.sent
                lead = len(s) - len(s.lstrip())
                out.append(Sentence(s.strip(), offset + span.start + lead, offset + span.start + lead + len(s.strip())))
        offset += len(block) + 1
    return [s for s in out if s.text]


@dataclass
class CaseContext:
    """What the story is matched against: the case's people and children, and who is telling it."""

    people: list[Person] = field(default_factory=list)
    children: list[Person] = field(default_factory=list)
    writer: str | None = None  # the recorded person telling the story

    @classmethod
    def from_case(cls, case: dict[str, Any] | None, writer: str | None = None) -> CaseContext:
        if not case:
            return cls()
        people = [Person(p["id"], p.get("name") or "", p.get("role") or "") for p in case.get("people", [])]
        children = [Person(c["id"], c.get("name") or "", "child") for c in case.get("children", [])]
        if writer is None:
            pr = [p for p in case.get("people", []) if p.get("parental_responsibility")]
            writer = pr[0]["id"] if pr else None
        return cls(people, children, writer)


def propose(text: str, reference: date, case: CaseContext | None = None) -> list[Proposal]:
    """The events a text suggests, in the order they are told."""
    ctx = case or CaseContext()
    anchors = Anchors(reference)
    proposals: list[Proposal] = []
    stamps = _datelines(text)
    for sentence in sentences(text):
        while stamps and stamps[0][0] <= sentence.start:  # a new post: its own day, its own story
            _, stamped = stamps.pop(0)
            anchors = Anchors(min(stamped, reference))
        matches = kinds_in(sentence.text, _paragraph(text, sentence))
        if not matches:
            continue
        when = resolve_time(sentence.text, anchors)
        carried = when is None
        if when is None:
            when = carried_over(anchors)
        found = mentions(sentence.text, ctx.people)
        for match in matches:
            proposal = Proposal(
                id=f"story-{len(proposals) + 1}", kind=match.kind, fields=dict(match.fields), when=when,
                sentence=sentence, words=match.words,
                confidence=round(max(0.1, match.confidence - (0.1 if carried else 0.0)), 2),
            )
            earlier = next((p for p in proposals if p.kind == match.kind and match.kind in ONCE_KINDS), None)
            if earlier is not None and (carried or PRECISION_RANK[when.precision] >= PRECISION_RANK["approx"]):
                proposal.same_as = earlier.id
                proposal.confidence = min(proposal.confidence, 0.3)
            _attach_people(proposal, found, ctx, match.start)
            proposal.children = children_named(sentence.text, ctx.children) or None
            proposals.append(proposal)
            anchor = ANCHOR_OF_KIND.get(match.kind)
            if anchor:
                anchors.named[anchor] = when
        if not carried or anchors.previous is None:
            anchors.previous = when
    return proposals


def _paragraph(text: str, sentence: Sentence) -> str:
    start = text.rfind("\n", 0, sentence.start) + 1
    end = text.find("\n", sentence.end)
    return text[start:end if end >= 0 else len(text)]


def _datelines(text: str) -> list[tuple[int, date]]:
    """Offsets where a line stamps the text after it with the day it was written."""
    out: list[tuple[int, date]] = []
    offset = 0
    for line in text.split("\n"):
        stamped = dateline(line)
        if stamped is not None:
            out.append((offset, stamped))
        offset += len(line) + 1
    return out


# "I refused …", "we signed the papers …": the words just before the kind name the writer as its subject.
WRITER_SUBJECT = re.compile(r"\b(?:I|we)(?:'ve|\s+have|\s+had)?\s+(?:\w+\s+){0,2}$")


def _attach_people(proposal: Proposal, found: list[Mention], ctx: CaseContext, kind_start: int) -> None:
    recorded = [pid for m in found if (pid := m.person_id or (ctx.writer if m.role == "writer" else None))]
    proposal.people = list(dict.fromkeys(recorded))
    proposal.mentioned = list(dict.fromkeys(ROLES[m.role][2] for m in found if m.person_id is None and m.role in ROLES))
    actors = [m for m in found if m.role in PROFESSIONALS or (m.role == "name" and m.person_id and _is_professional(m.person_id, ctx))]
    actor = min(actors, key=lambda m: PROFESSIONALS.index(m.role) if m.role in PROFESSIONALS else -1, default=None)
    if actor is not None:
        proposal.by = actor.person_id or ROLES[actor.role][2]
    if proposal.kind in PERSON_KINDS:
        # "I refused" is the writer's own refusal; otherwise the parent the sentence names.
        subject_is_writer = ctx.writer is not None and WRITER_SUBJECT.search(proposal.sentence.text[:kind_start]) is not None
        parent = ctx.writer if subject_is_writer else next(
            (m.person_id for m in found if m.person_id and (m.role in PARENTS or m.role == "name")
             and not _is_professional(m.person_id, ctx)), None)
        proposal.fields["person"] = parent or ctx.writer or "writer"
    if proposal.kind == "consent":
        proposal.fields.setdefault("activity", _activity(proposal.sentence.text))


def _is_professional(person_id: str, ctx: CaseContext) -> bool:
    from fairwitness.narrative.people import _role_keys
    person = next((p for p in ctx.people if p.id == person_id), None)
    return bool(person and _role_keys(person.role) & set(PROFESSIONALS))


def _activity(sentence: str) -> str:
    """What an agreement was about, from its sentence; the case format's own words where they fit."""
    s = sentence.lower()
    for words, activity in (
        (("section 20", "s20", "voluntary care", "accommodat", "foster"), "section_20_accommodation"),
        (("assessment",), "assessment"), (("visit", "come to the house", "come round"), "home_visit"),
        (("medical", "health records", "gp records"), "medical_records"), (("drug", "alcohol", "hair strand"), "drug_or_alcohol_test"),
        (("school", "gp", "doctor", "speak to"), "contact_third_party"), (("plan",), "plan"),
        (("see the children alone", "speak to the children", "see him alone", "see her alone"), "child_seen_alone"),
    ):
        if any(w in s for w in words):
            return activity
    return "not stated"


def story_case(proposals: list[Proposal], reference: date, case: dict[str, Any] | None = None) -> dict[str, Any]:
    """A whole case file (``fairwitness-case/1``) holding the proposals, so the law can be checked on
    them at once. With no case given, the people the story needs are added by role."""
    out: dict[str, Any] = {"format": "fairwitness-case/1", "jurisdiction": "england", "as_of": reference.isoformat()}
    if case:
        out.update({k: v for k, v in case.items() if k not in ("events", "format", "as_of")})
    out.setdefault("children", [])
    out.setdefault("people", [])
    ids = {p["id"] for p in out["people"]}
    taken = {e["id"] for e in (case or {}).get("events", [])}
    events = list((case or {}).get("events", []))
    for proposal in proposals:
        event = proposal.to_event()
        while event["id"] in taken:
            event["id"] += "x"
        taken.add(event["id"])
        person = event.get("person")
        if person is not None and person not in ids:
            out["people"].append({"id": person, "name": "The person telling this account", "role": "parent (writer)",
                                  "parental_responsibility": True})
            ids.add(person)
        events.append(event)
    out["events"] = events
    return out
