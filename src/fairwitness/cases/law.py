"""The one adapter between a stored case and the law core."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fairwitness.cases.models import Case
from fairwitness.law.caseformat import Case as LawCase
from fairwitness.law.caseformat import parse_case
from fairwitness.law.engine import evaluate
from fairwitness.law.findings import Report
from fairwitness.ledger.store import case_head

UK = ZoneInfo("Europe/London")
_CACHE_SIZE = 64


def today() -> date:
    return datetime.now(UK).date()

_reports: OrderedDict[tuple[Any, ...], Report] = OrderedDict()


def case_dict(case: Case) -> dict[str, Any]:
    from fairwitness.cases.actions import stored_case_dict

    return stored_case_dict(case)


def to_law_case(case: Case) -> LawCase:
    return parse_case(case_dict(case), source=f"case {case.public_id}")


def case_report(case: Case, as_of: date | datetime | None = None) -> Report:
    """The engine's report, recomputed whenever the case's ledger head moves (any write)."""
    key = (case.pk, case_head(str(case.public_id)), as_of.isoformat() if as_of else today().isoformat())
    report = _reports.get(key)
    if report is None:
        law_case = to_law_case(case)
        # Judged at: what the caller asks; else the moment the case file names; else today.
        report = evaluate(law_case, as_of=as_of or law_case.as_of or today())
        _reports[key] = report
        while len(_reports) > _CACHE_SIZE:
            _reports.popitem(last=False)
    else:
        _reports.move_to_end(key)
    return report
