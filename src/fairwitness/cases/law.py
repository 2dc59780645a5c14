"""The one adapter between a stored case and the law core."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fairwitness.cases.headcache import HeadCache
from fairwitness.cases.models import Case
from fairwitness.law.caseformat import Case as LawCase
from fairwitness.law.caseformat import CaseFileError, Problem, parse_case
from fairwitness.law.engine import evaluate
from fairwitness.law.findings import Report
from fairwitness.law.validation import as_of_problem
from fairwitness.ledger.store import case_head

UK = ZoneInfo("Europe/London")
_CACHE_SIZE = 64


def today() -> date:
    return datetime.now(UK).date()

_reports: HeadCache[Report] = HeadCache(size=_CACHE_SIZE)


def case_dict(case: Case) -> dict[str, Any]:
    from fairwitness.cases.actions import stored_case_dict

    return stored_case_dict(case)


def to_law_case(case: Case) -> LawCase:
    return parse_case(case_dict(case), source=f"case {case.public_id}", today=today())


def case_report(case: Case, as_of: date | datetime | None = None) -> Report:
    """The engine's report, recomputed whenever the case's ledger head moves (any write). A moment
    outside 1900 to a year from today is refused (CaseFileError), not judged."""
    wrong = as_of_problem(as_of, today()) if as_of is not None else None
    if wrong:
        raise CaseFileError("as_of", [Problem("request", "as_of", wrong)])
    key = (case.pk, case_head(str(case.public_id)), as_of.isoformat() if as_of else today().isoformat())

    def build() -> Report:
        law_case = to_law_case(case)
        # Judged at: what the caller asks; else the moment the case file names; else today.
        return evaluate(law_case, as_of=as_of or law_case.as_of or today())

    return _reports.get_or_build(key, build)
