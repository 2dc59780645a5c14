"""What the engine returns: findings, footing intervals and the report that holds them.

These are the machine contract of ``fairwitness check --format json`` (see the case format spec).
Plain dataclasses with slots: the engine makes many of them, so they stay cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fairwitness.law.caseformat import Case

STATUSES = ("met", "late", "missed", "due", "breach", "concern", "info")
SEVERITIES = ("info", "concern", "breach")
# regulator_policy: what a regulator expects of the public (the ICO's 3 months), its policy and not the law.
LEGAL_FORCES = ("statute", "regulations", "statutory_guidance", "case_law", "local_procedure", "good_practice",
                "regulator_policy")
SEVERITY_RANK = {"breach": 0, "concern": 1, "info": 2}
STATUS_RANK = {"breach": 0, "missed": 1, "late": 2, "concern": 3, "due": 4, "info": 5, "met": 6}

DISCLAIMER = (
    "This is information about the law, not legal advice: check anything important with a solicitor "
    "or an advice service before you rely on it."
)


@dataclass(frozen=True, slots=True)
class Citation:
    instrument: str
    provision: str
    url: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"instrument": self.instrument, "provision": self.provision, "url": self.url}

    def __str__(self) -> str:
        return f"{self.instrument}, {self.provision}" if self.provision else self.instrument


@dataclass(slots=True)
class Arithmetic:
    """How a clock was counted: start, limit, the holidays skipped, what stopped it."""

    start: date | datetime
    limit: str
    skipped: list[dict[str, str]] = field(default_factory=list)
    stopped_by: str | None = None
    stopped_at: date | datetime | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "start": _iso(self.start),
            "limit": self.limit,
            "skipped": self.skipped,
            "stopped_by": self.stopped_by,
            "stopped_at": _iso(self.stopped_at),
        }


@dataclass(slots=True)
class Finding:
    check: str
    status: str
    severity: str
    children: list[str]
    people: list[str]
    events: list[str]
    due: date | None
    legal_force: str
    citation: Citation
    verified: str
    template: str  # the plain-English sentence(s) with {placeholders}
    values: dict[str, Any]  # what fills them, as the check gave them
    phrases: tuple[str, ...] = ()  # the check's words (actor, Actor, done, task) and the judging day
    arithmetic: Arithmetic | None = None
    title: str = ""  # the check's short plain name, for headings ("Answer to a stage 1 complaint")
    family_window: bool = False  # a window that binds the family, not the council
    # Evidence the finding rests on by inference rather than by a recorded event: the ids of the
    # events the inference was drawn from, and the sentence that says so (part of the explanation).
    inferred_from: list[str] = field(default_factory=list)
    inference: str = ""
    # Events it rests on whose date is an estimate (a month, a season, a year, roughly), and the
    # sentence that says so (added once by the engine, for every check).
    estimated_dates: list[str] = field(default_factory=list)
    estimate: str = ""
    _explanation: str | None = None

    @property
    def explanation(self) -> str:
        """Written when first read: bulk statistics and triage need the status, not the prose."""
        if self._explanation is None:
            from fairwitness.law.checks.base import fill_template

            text = fill_template(self)
            self._explanation = " ".join(part for part in (text, self.inference, self.estimate) if part)
        return self._explanation

    def rests_on(self, event_ids: Iterable[str], sentence: str) -> Finding:
        """Say that this finding rests on an inference drawn from these events (kept once each)."""
        for event_id in event_ids:
            if event_id not in self.inferred_from:
                self.inferred_from.append(event_id)
        if sentence and sentence not in self.inference:
            self.inference = f"{self.inference} {sentence}".strip()
        self._explanation = None
        return self

    def rests_on_estimates(self, event_ids: list[str], sentence: str) -> Finding:
        """Say that this finding rests on dates recorded only roughly."""
        self.estimated_dates = list(event_ids)
        self.estimate = sentence
        self._explanation = None
        return self

    def as_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "status": self.status,
            "severity": self.severity,
            "children": self.children,
            "people": self.people,
            "events": self.events,
            "due": _iso(self.due),
            "legal_force": self.legal_force,
            "citation": self.citation.as_json(),
            "verified": self.verified,
            "explanation": self.explanation,
            "arithmetic": self.arithmetic.as_json() if self.arithmetic else None,
            "title": self.title,
            "inferred_from": self.inferred_from,
            "estimated_dates": self.estimated_dates,
        }

    @property
    def sort_key(self) -> tuple[int, int, date, str, list[str]]:
        return (SEVERITY_RANK[self.severity], STATUS_RANK[self.status], self.due or date.max, self.check, self.events)

    @property
    def is_problem(self) -> bool:
        return self.severity in ("breach", "concern")


@dataclass(frozen=True, slots=True)
class FootingInterval:
    child: str
    footing: str
    start: date
    end: date | None  # None while it lasts
    events: tuple[str, ...] = ()  # the events that opened it
    ended_by: str | None = None  # the event that closed it
    # Not recorded but implied: the events it was inferred from (empty when recorded), and the
    # sentence a finding resting on it adds to its explanation.
    inferred_from: tuple[str, ...] = ()
    inference: str = ""

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"child": self.child, "footing": self.footing, "from": _iso(self.start),
                               "to": _iso(self.end)}
        if self.inferred_from:
            out["inferred_from"] = list(self.inferred_from)
        return out

    def holds_on(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d < self.end)


@dataclass(slots=True)
class Report:
    case: Case
    as_of: date | datetime
    footings: list[FootingInterval]
    findings: list[Finding]

    @property
    def as_of_date(self) -> date:
        return self.as_of.date() if isinstance(self.as_of, datetime) else self.as_of

    def problems(self) -> list[Finding]:
        """Breaches and concerns, most serious first."""
        return [f for f in self.findings if f.is_problem]

    def deadlines_ahead(self) -> list[Finding]:
        """Council deadlines still running, soonest first."""
        return sorted((f for f in self.findings if f.status == "due" and not f.family_window),
                      key=lambda f: f.due or date.max)

    def family_windows(self) -> list[Finding]:
        """Windows that bind the family (complain within a year, the Ombudsman, the ICO)."""
        return sorted((f for f in self.findings if f.family_window), key=lambda f: f.due or date.max)

    def current_footings(self, child_id: str) -> list[str]:
        d = self.as_of_date
        found = [i.footing for i in self.footings if i.child == child_id and i.holds_on(d) and i.footing != "none"]
        return found or ["none"]

    def case_summary(self) -> dict[str, Any]:
        c = self.case
        return {
            "format": c.format,
            "jurisdiction": c.jurisdiction,
            "local_authority": c.local_authority,
            "children": [ch.id for ch in c.children],
            "people": [p.id for p in c.people],
            "events": len(c.events),
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "case": self.case_summary(),
            "as_of": _iso(self.as_of),
            "footings": [i.as_json() for i in self.footings],
            "findings": [f.as_json() for f in self.findings],
            "disclaimer": DISCLAIMER,
        }


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
