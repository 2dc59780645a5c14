"""Placeholder until the engine lands (minutes away): the signature is the contract."""
from __future__ import annotations

from datetime import date, datetime

from fairwitness.law.caseformat import Case
from fairwitness.law.findings import Report


def evaluate(case: Case, as_of: date | datetime | None = None) -> Report:
    as_of = as_of or case.as_of or date.today()
    return Report(case=case, as_of=as_of, footings=[], findings=[])
