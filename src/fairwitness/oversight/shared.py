"""What a concern lets the body see: the shared part of the family's record, and what the law
engine finds in that part alone (so an unshared event can never surface through a finding)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fairwitness.cases import actions as case_actions
from fairwitness.cases.models import Document, Event
from fairwitness.law.caseformat import CaseFileError, parse_case
from fairwitness.law.engine import evaluate
from fairwitness.law.findings import Finding, Report
from fairwitness.oversight import permissions
from fairwitness.oversight.models import Concern

# The checks the body looks at first: a child taken without lawful authority, and the hard time
# limits on police protection and emergency protection orders.
MOST_SERIOUS = ("removal_authority", "police_protection_limit", "epo_limit")


def shared_events(concern: Concern) -> list[Event]:
    events = case_actions.case_events(concern.case)
    return [e for e in events if permissions.shares_event(concern, e.event_id)]


def shared_documents(concern: Concern) -> list[Document]:
    docs = Document.objects.filter(case=concern.case).select_related("event", "case")
    return [d for d in docs if permissions.shares_document(concern, d)]


def shared_case_dict(concern: Concern) -> dict[str, Any]:
    doc = case_actions.stored_case_dict(concern.case)
    if concern.scope != "all":
        chosen = set(concern.shared_event_ids or [])
        doc["events"] = [e for e in doc["events"] if e.get("id") in chosen]
    return doc


def shared_report(concern: Concern, as_of: date | None = None) -> Report | None:
    """The engine's report on the shared part, or None when the chosen events cannot be read on
    their own (for example an answer shared without the complaint it answers)."""
    from fairwitness.cases.law import today

    try:
        law_case = parse_case(shared_case_dict(concern), source=f"concern {concern.public_id}")
    except CaseFileError:
        return None
    return evaluate(law_case, as_of=as_of or law_case.as_of or today())


def priority_of(findings: list[Finding]) -> tuple[int, str, int, int]:
    """(priority, top check, breaches, concerns): 0 the most serious checks, 1 other breaches,
    2 concerns only, 9 nothing found."""
    problems = sorted((f for f in findings if f.is_problem), key=lambda f: f.sort_key)
    breaches = sum(1 for f in problems if f.severity == "breach")
    concerns = sum(1 for f in problems if f.severity == "concern")
    serious = [f for f in problems if f.check in MOST_SERIOUS]
    if serious:
        return 0, serious[0].check, breaches, concerns
    if breaches:
        return 1, problems[0].check, breaches, concerns
    if concerns:
        return 2, problems[0].check, breaches, concerns
    return 9, "", 0, 0
