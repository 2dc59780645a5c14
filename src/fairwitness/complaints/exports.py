"""The court-style chronology and the evidence bundle, built by ``fairwitness.documents`` from a
stored case and its stored documents.

Bundle sections follow the documents library: B the council's documents, C the family's, D
correspondence (letters the family sent and the council's answers). Only PDFs and pictures can be
paged into a bundle; anything else (Word files, emails, recordings) is listed as left out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from pypdf import PdfReader

from fairwitness.cases import law as case_law
from fairwitness.cases.models import Case, Document
from fairwitness.documents.bundle import SECTIONS, Bundle, build_bundle
from fairwitness.documents.chronology import Chronology, build_chronology
from fairwitness.documents.describe import SOURCE_CATEGORY

# Events whose documents are letters between the family and the council.
CORRESPONDENCE_KINDS = frozenset({
    "complaint_made", "complaint_acknowledged", "complaint_extension_notified", "complaint_response",
    "complaint_declined", "local_authority_final_response", "review_panel_report", "subject_access_request",
    "subject_access_extension_notified", "subject_access_response", "rectification_requested",
    "rectification_response", "ombudsman_complaint", "ombudsman_decision", "section_20_removal_request",
    "pre_proceedings_letter", "regulator_concern",
})
# Events that are the council's own documents (assessments, plans, minutes) when the family has them.
COUNCIL_KINDS = frozenset({
    "referral_decision", "assessment_completed", "s47_enquiry_completed", "meeting", "cp_plan_started",
    "cin_plan_started", "permanence_plan_made", "strategy_discussion",
})
PAGEABLE = ("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp")


@dataclass(slots=True)
class StoredDocument:
    document: Document
    section: str
    title: str
    day: date | None
    event_id: str | None


@dataclass(slots=True)
class CaseBundle:
    bundle: Bundle
    left_out: list[str] = field(default_factory=list)  # filenames that could not be paged


def _section(event_data: dict | None) -> str:
    if not event_data:
        return "C"
    kind = event_data.get("kind", "")
    if kind in CORRESPONDENCE_KINDS:
        return "D"
    source = event_data.get("source")
    if source in SOURCE_CATEGORY:
        return SOURCE_CATEGORY[source]
    return "B" if kind in COUNCIL_KINDS else "C"


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def stored_documents(case: Case) -> list[StoredDocument]:
    out = []
    for d in case.documents.select_related("event", "event__current").order_by("created_at", "pk"):
        d.case = case
        data = None
        if d.event is not None:
            d.event.case = case
            data = d.event.data
        out.append(StoredDocument(d, _section(data), d.filename,
                                  _day(data.get("at")) if data else d.created_at.date(),
                                  d.event.event_id if d.event else None))
    return out


def tabs_for(docs: list[StoredDocument]) -> dict[int, str]:
    """The tab each document gets in the bundle (``B3``), in the bundle's own order: section, then
    date (undated last), ties in the given order. Keyed by document pk."""
    rank = {s: n for n, s in enumerate(SECTIONS)}
    ordered = sorted(docs, key=lambda d: (rank[d.section], d.day is None, d.day or date.min))
    counts = dict.fromkeys(SECTIONS, 0)
    tabs = {}
    for d in ordered:
        counts[d.section] += 1
        tabs[d.document.pk] = f"{d.section}{counts[d.section]}"
    return tabs


def _refs(docs: list[StoredDocument], label: dict[int, str]) -> dict[str, str]:
    refs: dict[str, list[str]] = {}
    for d in docs:
        if d.event_id and d.document.pk in label:
            refs.setdefault(d.event_id, []).append(label[d.document.pk])
    return {k: ", ".join(v) for k, v in refs.items()}


def case_chronology(case: Case) -> Chronology:
    """The chronology, each event's document reference being the stored files attached to it."""
    docs = stored_documents(case)
    return build_chronology(case_law.to_law_case(case), doc_refs=_refs(docs, {d.document.pk: d.title for d in docs}),
                            prepared_on=case_law.today())


def case_bundle(case: Case, title: str | None = None) -> CaseBundle:
    """Index, chronology (its references are the bundle's tabs), then the documents by section."""
    from fairwitness.cases.documents import open_document

    docs = stored_documents(case)
    pageable, left_out = [], []
    for d in docs:
        if d.document.content_type in PAGEABLE:
            pageable.append(d)
        else:
            left_out.append(d.title)
    contents = []
    usable = []
    for d in pageable:
        data = open_document(d.document)
        try:
            if d.document.content_type != "application/pdf":
                from fairwitness.documents.render_pdf import image_to_pdf

                data = image_to_pdf(data, d.title, d.document.content_type)
            if not PdfReader(io.BytesIO(data)).pages:
                raise ValueError("no pages")
        except Exception:  # an unreadable file is left out and named, never a failed bundle
            left_out.append(d.title)
            continue
        usable.append(d)
        contents.append((d, data))
    tabs = tabs_for(usable)
    law_case = case_law.to_law_case(case)
    chronology = build_chronology(law_case, doc_refs=_refs(usable, tabs), prepared_on=case_law.today())
    subtitle = chronology.subtitle
    bundle = build_bundle([(d.section, d.title, d.day, data) for d, data in contents], chronology,
                          title=title or "Evidence bundle", subtitle=subtitle)
    return CaseBundle(bundle, left_out)
