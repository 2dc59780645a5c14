"""Rule packs: the law as data.

A pack is a folder of YAML files (``packs/<jurisdiction>/``). ``checks-*.yaml`` hold one entry per
check: its number and unit, the events that start and stop its clock, its legal force, citation,
how well it was verified, the dates it is in force, and the plain-English explanation templates.
``footings.yaml`` says which events open and close each legal footing. Loading validates every
entry; an error names the file and the entry.

Each check names a ``logic``: the kind of reasoning it needs (a clock, a review chain, a lawful
authority test...). The logic functions live in ``law/checks/``; a new check whose logic exists
already is one YAML entry.
"""

from __future__ import annotations

import string
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from fairwitness.law.caseformat import EVENT_FIELDS
from fairwitness.law.findings import Citation

PACKS_DIR = Path(__file__).parent / "packs"

Unit = Literal["working_days", "calendar_days", "days_inclusive", "weeks", "weeks_inclusive",
               "calendar_months", "gdpr_months", "hours", "years"]
Verified = Literal["primary", "secondary", "partial"]
Force = Literal["statute", "regulations", "statutory_guidance", "case_law", "local_procedure", "good_practice"]

# Placeholders an explanation template may use (filled by the check that makes the finding).
TEMPLATE_FIELDS = (
    "due", "limit", "start", "stopped_at", "overdue", "as_of", "child", "person", "task", "actor",
    "Actor", "done", "detail", "count", "days", "hours", "what", "window", "closes", "activity",
    "meeting", "delay", "route", "stage", "until", "extra",
)


class PackError(ValueError):
    """A rule pack that does not load. Says which file and which entry."""


class Limit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    number: int = Field(ge=0)
    unit: Unit

    def describe(self) -> str:
        n = self.number
        words = {
            "working_days": ("working day", "working days"),
            "calendar_days": ("day", "days"),
            "days_inclusive": ("day", "days"),
            "weeks": ("week", "weeks"),
            "weeks_inclusive": ("week", "weeks"),
            "calendar_months": ("calendar month", "calendar months"),
            "gdpr_months": ("calendar month", "calendar months"),
            "hours": ("hour", "hours"),
            "years": ("year", "years"),
        }[self.unit]
        return f"{n} {words[0] if n == 1 else words[1]}"


class EventMatch(BaseModel):
    """Which events count: a kind, and optionally field values (a list means any of them)."""

    model_config = ConfigDict(extra="forbid")
    kind: str
    where: dict[str, Any] = {}

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in EVENT_FIELDS:
            raise ValueError(f"unknown event kind {kind!r}")
        return kind

    def matches(self, event: Any) -> bool:
        if event.kind != self.kind:
            return False
        for name, wanted in self.where.items():
            value = event.__dict__.get(name)
            if isinstance(wanted, list):
                if value not in wanted:
                    return False
            elif value != wanted:
                return False
        return True


def _match_list(value: Any) -> Any:
    """Allow a bare kind name as shorthand for {kind: name}."""
    if isinstance(value, list):
        return [{"kind": v} if isinstance(v, str) else v for v in value]
    return value


class Extension(BaseModel):
    """A longer limit that applies when an event (a notice, a court's extension) allows it."""

    model_config = ConfigDict(extra="forbid")
    event: str
    limit: Limit | None = None  # the longest the extension can take the total to
    per_event_field: str | None = None  # e.g. ``weeks`` on extension_granted
    max_each: int | None = None  # the most one extension may add (in the limit's unit)
    notice_within_original: bool = False  # the notice must come inside the first limit


class CheckRule(BaseModel):
    model_config = ConfigDict(extra="forbid", ignored_types=(cached_property,))
    id: str
    title: str
    logic: str
    limit: Limit | None = None
    starts: list[EventMatch] = []
    stops: list[EventMatch] = []
    cancelled_by: list[EventMatch] = []  # the clock no longer runs (e.g. no further action)
    only_if: list[EventMatch] = []  # past due counts only when one of these confirms it was needed
    restart: bool = False  # a later start replaces an open one (the last strategy discussion)
    per_child: bool = False
    match_fields: list[str] = []  # a stop answers a start only if these fields agree (when set)
    extension: Extension | None = None
    legal_force: Force
    legal_force_by: dict[str, Force] = {}
    severity: Literal["breach", "concern", "info"] | None = None  # for checks that are not deadlines
    citation: Citation | list[dict[str, Any]]
    facts: list[str] = []
    verified: Verified
    in_force_from: date | None = None
    in_force_to: date | None = None
    actor: str = "the council"
    task: str = ""
    done: str = "It did so"
    family_window: bool = False
    params: dict[str, Any] = {}
    explain: dict[str, str]

    _validate_starts = field_validator("starts", "stops", "cancelled_by", "only_if", mode="before")(_match_list)

    @field_validator("citation", mode="before")
    @classmethod
    def _citation(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return Citation(**value)
        if isinstance(value, list):
            for item in value:
                Citation(**{k: v for k, v in item.items() if k in ("instrument", "provision", "url")})
            return value
        raise ValueError("citation must be a mapping or a list of dated mappings")

    @field_validator("task")
    @classmethod
    def _task_template(cls, value: str) -> str:
        cls._templates({"task": value})
        return value

    @field_validator("explain")
    @classmethod
    def _templates(cls, value: dict[str, str]) -> dict[str, str]:
        allowed = set(TEMPLATE_FIELDS)
        for status, text in value.items():
            for _, name, _, _ in string.Formatter().parse(text):
                if name is not None and name not in allowed:
                    raise ValueError(f"explain.{status} uses unknown placeholder {{{name}}}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> CheckRule:
        from fairwitness.law.checks import LOGIC  # the registry of logic functions

        if self.logic not in LOGIC:
            raise ValueError(f"unknown logic {self.logic!r}; known: {', '.join(sorted(LOGIC))}")
        if self.logic == "clock" and (self.limit is None or not self.starts or not self.stops):
            raise ValueError("a clock needs a limit, starts and stops")
        if self.in_force_from and self.in_force_to and self.in_force_to < self.in_force_from:
            raise ValueError("in_force_to is before in_force_from")
        return self

    def in_force_on(self, day: date) -> bool:
        if self.in_force_from and day < self.in_force_from:
            return False
        return not (self.in_force_to and day > self.in_force_to)

    def citation_on(self, day: date | None) -> Citation:
        """The citation in force on ``day`` (guidance editions change; the numbers may not)."""
        if isinstance(self.citation, Citation):
            return self.citation
        editions = self._editions
        if day is not None:
            for start, end, citation in editions:
                if (start is None or day >= start) and (end is None or day <= end):
                    return citation
        return editions[-1][2]

    @cached_property
    def _editions(self) -> list[tuple[date | None, date | None, Citation]]:
        assert isinstance(self.citation, list)
        return [(item.get("in_force_from"), item.get("in_force_to"),
                 Citation(item["instrument"], item.get("provision", ""), item.get("url"))) for item in self.citation]

    @cached_property
    def needs_kinds(self) -> frozenset[str]:
        """Event kinds without which this check cannot find anything (empty: always run)."""
        from fairwitness.law.checks import NEEDS

        if self.logic == "clock" or self.logic == "order_length":
            return frozenset(m.kind for m in self.starts)
        return frozenset(NEEDS.get(self.logic, ()))

    @cached_property
    def phrases(self) -> tuple[str, str, str, str]:
        """actor, Actor, done, task: the words every explanation of this check may use."""
        return self.actor, self.actor[:1].upper() + self.actor[1:], self.done, self.task

    def force_for(self, by: str | None) -> str:
        return self.legal_force_by.get(by or "", self.legal_force)


class FootingRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    starts: list[EventMatch]
    ends: list[EventMatch] = []
    # Evidence: events that show the footing holds on their day although nothing recorded started
    # it (a review conference exists only because a plan does), and the events it is then taken to
    # run from (the latest of them since the footing last ended: "from at least the previous
    # conference"). An ``implied_by`` event that is also an end closes what it implies.
    implied_by: list[EventMatch] = []
    implied_since: list[EventMatch] = []
    implied_with_since: list[EventMatch] = []  # evidence only with an ``implied_since`` event before it
    implied_unless: list[str] = []  # footings that already explain the evidence (no inference then)
    named: str = ""  # how a sentence names it ("the child protection plan"); the title otherwise
    voluntary: bool = False
    looked_after: bool = False

    _validate = field_validator("starts", "ends", "implied_by", "implied_since", "implied_with_since",
                                mode="before")(_match_list)


class Pack(BaseModel):
    model_config = ConfigDict(ignored_types=(cached_property,))

    jurisdiction: str
    checks: dict[str, CheckRule]
    footings: dict[str, FootingRule]
    compulsory_footings: frozenset[str] = frozenset()

    @cached_property
    def footing_triggers(self) -> dict[str, list[tuple[str, FootingRule]]]:
        """Event kind -> the footings whose start or end patterns name it (in pack order)."""
        index: dict[str, list[tuple[str, FootingRule]]] = {}
        for name, rule in self.footings.items():
            for kind in dict.fromkeys(m.kind for m in [*rule.starts, *rule.ends, *rule.implied_by, *rule.implied_since,
                                                     *rule.implied_with_since]):
                index.setdefault(kind, []).append((name, rule))
        return index


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PackError(f"{path.name}: not valid YAML: {exc}") from None


def _entry_error(path: Path, entry_id: str, exc: ValidationError) -> PackError:
    lines = [f"{path.name}: entry {entry_id!r} is not valid:"]
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err["loc"]) or "(entry)"
        lines.append(f"  - {loc}: {err['msg']}")
    return PackError("\n".join(lines))


def load_pack_from(folder: Path) -> Pack:
    if not folder.is_dir():
        raise PackError(f"no rule pack at {folder}")
    checks: dict[str, CheckRule] = {}
    for path in sorted(folder.glob("checks-*.yaml")):
        data = _read_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("checks"), list):
            raise PackError(f"{path.name}: expected a mapping with a 'checks' list")
        for index, raw in enumerate(data["checks"]):
            entry_id = raw.get("id", f"#{index}") if isinstance(raw, dict) else f"#{index}"
            try:
                rule = CheckRule.model_validate(raw)
            except ValidationError as exc:
                raise _entry_error(path, entry_id, exc) from None
            if rule.id in checks:
                raise PackError(f"{path.name}: entry {rule.id!r} is defined twice")
            checks[rule.id] = rule
    footings_path = folder / "footings.yaml"
    data = _read_yaml(footings_path) if footings_path.exists() else {"footings": {}}
    footings: dict[str, FootingRule] = {}
    for name, raw in (data.get("footings") or {}).items():
        try:
            footings[name] = FootingRule.model_validate(raw)
        except ValidationError as exc:
            raise _entry_error(footings_path, name, exc) from None
    compulsory = frozenset(data.get("compulsory", []))
    unknown = compulsory - set(footings)
    if unknown:
        raise PackError(f"footings.yaml: 'compulsory' names unknown footings: {sorted(unknown)}")
    return Pack(jurisdiction=folder.name, checks=checks, footings=footings, compulsory_footings=compulsory)


@lru_cache(maxsize=8)
def load_pack(jurisdiction: str = "england") -> Pack:
    return load_pack_from(PACKS_DIR / jurisdiction)
