"""Letters on the web: the draft built by ``documents.letters.build_letter`` from the stored case's
facts, with the family's edits applied.

A rectification letter written for one request quotes only that request's statements: the letter
is built from the case with the other requests' ``record_disputed`` events left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fairwitness.cases import law as case_law
from fairwitness.cases.models import Case
from fairwitness.complaints.actions import letter_details
from fairwitness.complaints.models import RectificationRequest
from fairwitness.documents.letters import KINDS, ComplaintTopic, build_letter, letter_kinds
from fairwitness.documents.model import Letter
from fairwitness.law.engine import evaluate

__all__ = ["KINDS", "Draft", "draft_letter", "letter_kinds"]


@dataclass(slots=True)
class Draft:
    letter: Letter
    sender_id: str | None  # the person the letter is from: the one chosen, else the library's default
    has_contact: bool = False  # their address, email or phone are stored for letters


def draft_letter(case: Case, kind: str, *, sender_id: str | None = None, request: RectificationRequest | None = None,
                 edits: dict[Any, Any] | None = None, as_of: date | None = None,
                 topic: ComplaintTopic | None = None) -> Draft:
    """The letter ``kind`` from the case's facts as they stand (raises ``LetterError`` saying what to
    record first when the case cannot support it). ``topic``: a new stage 1 complaint about that
    finding, whatever complaints the case already holds."""
    when = as_of or case_law.today()
    if request is None:
        report = case_law.case_report(case, when)
        law_case = report.case
    else:
        law_case = case_law.to_law_case(case)
        keep = set(request.statement_ids)
        law_case = law_case.model_copy(update={"events": [
            e for e in law_case.events if e.kind != "record_disputed" or e.id in keep]})
        report = evaluate(law_case, as_of=when)
    if not sender_id:
        # The documents library's own choice when nobody is chosen (the person the matter's events
        # name, else the first with parental responsibility), so the saved event names the same person.
        from fairwitness.documents.letters import default_sender

        chosen = default_sender(law_case, kind)
        sender_id = chosen.id if chosen else None
    details = letter_details(case)
    contact = (details.sender(sender_id) if details else None) or {}
    letter = build_letter(kind, law_case, report, sender_person_id=sender_id or None, today=when, edits=edits,
                          contact=contact, council_address=details.council_address if details else None,
                          topic=topic if kind == "complaint-stage-1" else None)
    return Draft(letter, sender_id, has_contact=bool(contact))
