"""The writes this app makes. Statements, requests, outcomes and letters are case-format events
recorded through ``cases.actions`` (so policy, validation, encryption and the ledger apply as to any
event); generated letters are attached through ``cases.actions.attach_document`` (so their SHA-256
is in the ledger). This module adds only the grouping rows and the calendar link.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fairwitness.cases import actions as case_actions
from fairwitness.cases import policy
from fairwitness.cases.models import Case, Document, Event
from fairwitness.complaints.models import CalendarFeed, LetterDetails, RectificationRequest
from fairwitness.documents.model import Letter
from fairwitness.law.caseformat import CaseFileError, Problem
from fairwitness.ledger.store import append

OUTCOMES = {
    "corrected": "Corrected",
    "statement_of_disagreement_added": "A statement of disagreement was added",
    "refused": "Refused",
}


def _require_edit(case: Case, actor: Any) -> None:
    if case.is_erased or not policy.can_edit_case(actor, case):
        raise policy.PermissionDenied(policy.EDIT_CASE)


# --- correcting the record ---------------------------------------------------------------------

def start_rectification(case: Case, actor: Any, document: str) -> RectificationRequest:
    _require_edit(case, actor)
    document = (document or "").strip()
    if not document:
        raise CaseFileError("request", [Problem("request", "document", "Enter the name and date of the council's document")])
    with transaction.atomic():
        request = RectificationRequest(case=case, created_by=actor)
        request.seal_document(document)
        request.save()
        append(action="rectification_request_started", case=str(case.public_id), actor_id=getattr(actor, "pk", None),
               actor_role=policy.role_in(actor, case) or "user", objects={"request": str(request.public_id)})
    return request


def add_statement(case: Case, actor: Any, request: RectificationRequest, *, statement: str, correction: str,
                  evidence: str = "", on: date | None = None, evidence_file: Any = None) -> Event:
    """One disputed statement: a ``record_disputed`` event quoting it, saying what is true instead and
    naming the evidence; an evidence file is attached to that event."""
    _require_edit(case, actor)
    if request.case_id != case.pk:
        raise policy.PermissionDenied("request from another case")
    if request.request_event_id:
        raise CaseFileError("statement", [Problem("statement", "statement",
                                                  "This request has been sent: start a new request for more statements")])
    data = {
        "kind": "record_disputed", "at": (on or _today()).isoformat(), "document": request.document,
        "statement": (statement or "").strip(), "correction": (correction or "").strip(),
        "evidence": [(evidence or "").strip()] if (evidence or "").strip() else [],
        "source": "family",
    }
    problems = []
    if not data["statement"]:
        problems.append(Problem("statement", "statement", "Enter the statement, quoted exactly from the document"))
    if not data["correction"]:
        problems.append(Problem("statement", "correction", "Say what is wrong and what is true instead"))
    if problems:
        raise CaseFileError("statement", problems)
    with transaction.atomic():
        event = case_actions.record_event(case, actor, data)
        if evidence_file is not None:
            case_actions.attach_document(case, actor, event, evidence_file)
        locked = RectificationRequest.objects.select_for_update().get(pk=request.pk)
        locked.statement_ids = [*locked.statement_ids, event.event_id]
        locked.save(update_fields=["statement_ids"])
        request.statement_ids = locked.statement_ids
    return event


def record_outcome(case: Case, actor: Any, request: RectificationRequest, statement_event_id: str, *,
                   outcome: str, on: date, note: str = "") -> Event:
    """The council's answer about one statement: a ``rectification_response`` event answering it."""
    _require_edit(case, actor)
    if request.case_id != case.pk or statement_event_id not in request.statement_ids:
        raise policy.PermissionDenied("statement from another request")
    if outcome not in OUTCOMES:
        raise CaseFileError("outcome", [Problem("outcome", "outcome", "Choose what the council did")])
    data = {"kind": "rectification_response", "at": on.isoformat(), "outcome": outcome,
            "responds_to": statement_event_id, "note": (note or "").strip() or None}
    return case_actions.record_event(case, actor, data)


def statement_outcomes(case: Case, request: RectificationRequest) -> dict[str, dict[str, Any]]:
    """The latest recorded outcome for each statement of a request: {statement id: event data}."""
    found: dict[str, dict[str, Any]] = {}
    for e in case_actions.case_events(case):
        data = e.data
        if data.get("kind") == "rectification_response" and data.get("responds_to") in request.statement_ids:
            found[data["responds_to"]] = data
    return found


# --- letters ------------------------------------------------------------------------------------

def _tidy_lines(text: str | None) -> str:
    """An address as typed, each line trimmed and blank lines dropped."""
    return "\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


def save_letter_details(case: Case, actor: Any, person_id: str, *, address: str, email: str = "", phone: str = "",
                        council_address: str | None = None) -> LetterDetails:
    """Keep a sender's address, email and phone (and the council's complaints address) for every
    later letter. Sealed under the case key; the change is in the ledger by its hash."""
    _require_edit(case, actor)
    if not case.people.filter(person_id=person_id).exists():
        raise CaseFileError("details", [Problem("details", "sender", "Choose someone recorded on the case")])
    address = _tidy_lines(address)
    problems = []
    if not address:
        problems.append(Problem("details", "address", "Enter your postal address"))
    if not (email or "").strip() and not (phone or "").strip():
        problems.append(Problem("details", "email", "Enter an email address or a phone number, so the council can reply"))
    if problems:
        raise CaseFileError("details", problems)
    with transaction.atomic():
        details, _ = LetterDetails.objects.select_for_update().get_or_create(case=case, defaults={"content_sealed": b""})
        details.case = case
        content = details.content
        content.setdefault("senders", {})[person_id] = {"address": address, "email": (email or "").strip(),
                                                       "phone": (phone or "").strip()}
        if council_address is not None:
            content["council_address"] = _tidy_lines(council_address)
        details.seal_content(content)
        details.updated_by = actor
        details.save()
        digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
        append(action="letter_details_changed", case=str(case.public_id), actor_id=getattr(actor, "pk", None),
               actor_role=policy.role_in(actor, case) or "user", objects={"person": person_id},
               content_sha256=digest)
    return details


def letter_details(case: Case) -> LetterDetails | None:
    found = LetterDetails.objects.filter(case=case).first()
    if found is not None:
        found.case = case
    return found


# letter kind -> the case-format events that record it being sent
LETTER_EVENTS: dict[str, list[dict[str, Any]]] = {
    "complaint-stage-1": [{"kind": "complaint_made", "stage": 1}],
    "complaint-stage-2": [{"kind": "complaint_made", "stage": 2}],
    "review-panel": [{"kind": "complaint_made", "stage": 3}],
    "subject-access": [{"kind": "subject_access_request"}],
    "rectification": [{"kind": "rectification_requested"}],
    # Both ask for the family's own data under Article 15, so a subject access clock runs.
    "threshold-document": [{"kind": "subject_access_request"}],
    "include-pr-holder": [{"kind": "subject_access_request"}],
    "section-20-removal": [{"kind": "section_20_removal_request"}],
    "ombudsman-summary": [{"kind": "ombudsman_complaint"}],
    # The letter withdraws agreement to each voluntary activity it names, from its date.
    "withdraw-consent": [{"kind": "consent", "activity": a, "decision": "withdrawn", "in_writing": True}
                         for a in ("assessment", "home_visit", "child_seen_alone", "information_sharing",
                                   "medical_records", "drug_or_alcohol_test", "contact_third_party")],
}
PERSON_FIELD = {"subject_access_request": "person", "section_20_removal_request": "person", "consent": "person"}


@dataclass(slots=True)
class SentLetter:
    event: Event
    pdf: Document
    docx: Document


def _letter_events(kind: str, letter: Letter, sender_id: str | None) -> list[dict[str, Any]]:
    out = []
    for n, template in enumerate(LETTER_EVENTS[kind]):
        data = dict(template)
        if n == 0:
            data.update(letter.record)  # a new complaint's subject, the events it is about, its children
        data["at"] = letter.date.isoformat()
        data["note"] = f"Letter sent: {letter.title}"
        data["source"] = "family"
        field = PERSON_FIELD.get(data["kind"])
        if sender_id:
            data[field or "by"] = sender_id
        elif data["kind"] in ("section_20_removal_request", "consent"):  # their person is required
            raise CaseFileError("letter", [Problem("letter", "sender", "Choose who the letter is from: this letter "
                                                   "must come from a person in the case")])
        out.append(data)
    return out


def _filename(kind: str, letter: Letter, ext: str) -> str:
    return f"{letter.date.isoformat()}-{kind}.{ext}"


def finalise_letter(case: Case, actor: Any, kind: str, letter: Letter, *, sender_id: str | None = None,
                    request: RectificationRequest | None = None) -> SentLetter:
    """Make a letter final: refuse it while prompts are unfilled; record the event(s) it stands for;
    attach the final PDF and Word files to the first event, so both fingerprints are in the ledger."""
    from fairwitness.documents.render_docx import render_letter_docx
    from fairwitness.documents.render_pdf import render_letter_pdf

    _require_edit(case, actor)
    if kind not in LETTER_EVENTS:
        raise CaseFileError("letter", [Problem("letter", "kind", f"Unknown letter kind {kind!r}")])
    letter.require_final()  # raises UnfilledPromptsError, listing what is still to fill in
    pdf = render_letter_pdf(letter, final=True)
    docx = render_letter_docx(letter, final=True)
    with transaction.atomic():
        events = [case_actions.record_event(case, actor, data) for data in _letter_events(kind, letter, sender_id)]
        first = events[0]
        pdf_doc = case_actions.attach_document(case, actor, first, (_filename(kind, letter, "pdf"), pdf))
        docx_doc = case_actions.attach_document(case, actor, first, (_filename(kind, letter, "docx"), docx))
        if request is not None and kind == "rectification":
            locked = RectificationRequest.objects.select_for_update().get(pk=request.pk)
            locked.request_event_id = first.event_id
            locked.save(update_fields=["request_event_id"])
            request.request_event_id = first.event_id
    return SentLetter(first, pdf_doc, docx_doc)


# --- the calendar link --------------------------------------------------------------------------

def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()


def create_feed(case: Case, actor: Any) -> str:
    """A new private calendar link for the case; any earlier link stops working. Returns the token
    (shown once: only its hash is kept)."""
    _require_edit(case, actor)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.filter(case=case, revoked_at__isnull=True).update(revoked_at=timezone.now())
        feed = CalendarFeed.objects.create(case=case, token_hash=token_hash(token), created_by=actor)
        append(action="calendar_feed_created", case=str(case.public_id), actor_id=getattr(actor, "pk", None),
               actor_role=policy.role_in(actor, case) or "user", objects={"feed": feed.pk})
    return token


def revoke_feeds(case: Case, actor: Any) -> int:
    _require_edit(case, actor)
    with transaction.atomic():
        n = CalendarFeed.objects.filter(case=case, revoked_at__isnull=True).update(revoked_at=timezone.now())
        if n:
            append(action="calendar_feed_revoked", case=str(case.public_id), actor_id=getattr(actor, "pk", None),
                   actor_role=policy.role_in(actor, case) or "user", objects={"feeds": n})
    return n


def feed_case(token: str) -> Case | None:
    """The case an active calendar link belongs to, or None (unknown, revoked, or the case erased)."""
    feed = CalendarFeed.objects.select_related("case").filter(token_hash=token_hash(token), revoked_at__isnull=True).first()
    if feed is None or feed.case.is_erased:
        return None
    return feed.case


def _today() -> date:
    from fairwitness.cases.law import today

    return today()
