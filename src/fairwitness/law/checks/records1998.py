"""Subject access under the Data Protection Act 1998 (1 March 2000 to 24 May 2018).

The council had 40 days from the later of three things: receiving the request, receiving the fee
(if it asked for one, at most £10), and receiving the information it reasonably needed to confirm
who was asking and to find the data (s7(2), (3), (8), (10)). A request received by 24 May 2018 stays
under the 1998 Act to its end, whenever answered (Data Protection Act 2018 Sch 20 para 2).

The record may not say when the fee or the information came. Then the 40 days run from the
request, and the finding says so and asks for those dates, rather than guessing.
"""

from __future__ import annotations

from datetime import date, datetime

from fairwitness.law.checks.base import Context, long_date
from fairwitness.law.checks.clock import _runs_for, judge
from fairwitness.law.findings import Finding
from fairwitness.law.packs import CheckRule

_LATER_THINGS = (("fee_paid_at", "the fee"), ("information_given_at", "the information needed to find your data"))


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def subject_access_1998(ctx: Context, rule: CheckRule) -> list[Finding]:
    assert rule.limit is not None
    findings = []
    for child, run in _runs_for(ctx, rule):
        request = run.start
        if not rule.in_force_on(request.day):
            continue
        relevant, detail = request.day, f"the request on {long_date(request.day)}"
        for field, words in _LATER_THINGS:
            given = request.get(field)
            if given is not None and _day(given) > relevant:
                relevant, detail = _day(given), f"{words}, received on {long_date(_day(given))}"
        told = any(request.get(field) is not None for field, _ in _LATER_THINGS)
        due = ctx.due_date(relevant, rule.limit)
        finding = judge(ctx, rule, run, rule.limit, child, due=due)
        finding.values["detail"] = detail
        if not told and finding.status in ("late", "missed", "due"):
            finding.values["extra"] = (" If the council asked for a fee or for information to find your data, "
                                       "the 40 days ran from when you gave it: add those dates to the request.")
        findings.append(finding)
    return findings
