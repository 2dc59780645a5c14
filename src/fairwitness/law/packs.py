"""Rule packs: the law as data.

A pack is a folder of YAML files (``packs/<jurisdiction>/``). ``checks-*.yaml`` hold one entry per
check: its number and unit, the events that start and stop its clock, its legal force, citation,
how well it was verified, the dates it is in force, and the plain-English explanation templates.
``footings.yaml`` says which events open and close each legal footing. Loading validates every
entry; an error names the file and the entry.

Each check names a ``logic``: the kind of reasoning it needs (a clock, a review chain, a lawful
authority test...). The logic functions live in ``law/checks/``; a new check whose logic exists
already is one YAML entry.

The law changes, and a case is judged by the law of its day. As in OpenFisca, every number carries
its own start date and source: a check's own fields are the edition in force now, and
``previous_editions`` lists the earlier ones (Working Together 2010, the 1991 review regulations...),
each with its dates, number, citation and how well it was verified. ``CheckRule.on(day)`` gives the
check as it stood on a day; the finding cites that edition and, where the number is less than
certain, says how sure it is in plain words (``sureness``).

Loading is strict, like OpenFisca's loader: a key written twice in one mapping is an error (YAML
would otherwise keep the last silently), and so is an unknown field, placeholder or event kind.
"""

from __future__ import annotations

import string
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from fairwitness.law.caseformat import EVENT_FIELDS, known_jurisdictions
from fairwitness.law.findings import Citation

PACKS_DIR = Path(__file__).parent / "packs"

Unit = Literal["working_days", "calendar_days", "days_inclusive", "weeks", "weeks_inclusive",
               "calendar_months", "gdpr_months", "hours", "years"]
# primary: read in the instrument itself; secondary: a reliable secondary source; partial: part of it
# read; unverified: from memory or inference only (legal-facts-historic.md "How to read this file").
Verified = Literal["primary", "secondary", "partial", "unverified"]
Force = Literal["statute", "regulations", "statutory_guidance", "case_law", "local_procedure", "good_practice",
                "regulator_policy"]

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


# What a parent reads when a number rests on less than the instrument's own words and the pack gives
# no sentence of its own.
DEFAULT_SURENESS = {
    "unverified": ("We could not check this number against the text of the guidance or regulations of the "
                   "time, so treat it as a question to put to the council rather than a settled figure."),
}


class Edition(BaseModel):
    """An earlier edition of a check's law: when it applied, its number, its source, how sure we are."""

    model_config = ConfigDict(extra="forbid")
    in_force_from: date
    in_force_to: date
    limit: Limit | None = None  # absent: the same number as the current edition
    citation: Citation
    verified: Verified
    facts: list[str] = []
    sureness: str = ""  # plain words for the parent on how certain the number is
    title: str | None = None  # when the edition named the task differently (initial assessment)
    task: str | None = None

    @field_validator("citation", mode="before")
    @classmethod
    def _citation(cls, value: Any) -> Any:
        return Citation(**value) if isinstance(value, dict) else value

    @field_validator("sureness")
    @classmethod
    def _plain(cls, value: str) -> str:
        if "{" in value or "}" in value:
            raise ValueError("sureness is plain words: no placeholders")
        return value


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
    # Answers whose deciding fact is not recorded (a subject access answer not said to be complete):
    # in time, the finding asks at information level; late, it is late whatever the answer held.
    unknown_stops: list[EventMatch] = []
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
    previous_editions: list[Edition] = []
    sureness: str = ""
    actor: str = "the council"
    task: str = ""
    done: str = "It did so"
    family_window: bool = False
    params: dict[str, Any] = {}
    explain: dict[str, str]

    _validate_starts = field_validator("starts", "stops", "cancelled_by", "only_if", "unknown_stops",
                                       mode="before")(_match_list)

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
        if "{" in self.sureness or "}" in self.sureness:
            raise ValueError("sureness is plain words: no placeholders")
        if self.previous_editions:
            if self.in_force_from is None:
                raise ValueError("a check with previous editions needs in_force_from (when the current one began)")
            if self.limit is None and any(e.limit is not None for e in self.previous_editions):
                raise ValueError("previous editions may change the limit only of a check that has one")
            later_start = self.in_force_from
            for edition in reversed(self.previous_editions):
                if edition.in_force_to < edition.in_force_from:
                    raise ValueError(f"previous edition from {edition.in_force_from} ends before it begins")
                if edition.in_force_to >= later_start:
                    raise ValueError(f"previous edition from {edition.in_force_from} overlaps the edition after it "
                                     "(list editions oldest first, each ending before the next begins)")
                later_start = edition.in_force_from
        return self

    def in_force_on(self, day: date) -> bool:
        if self.in_force_from and day < self.in_force_from:
            return any(e.in_force_from <= day <= e.in_force_to for e in self.previous_editions)
        return not (self.in_force_to and day > self.in_force_to)

    def on(self, day: date) -> CheckRule:
        """The check as it stood on ``day``: itself, or the earlier edition then in force (which
        carries its own limit, citation and verification). Outside every edition, itself."""
        if not self.previous_editions or self.in_force_from is None or day >= self.in_force_from:
            return self
        for edition, rule in self._edition_rules:
            if edition.in_force_from <= day <= edition.in_force_to:
                return rule
        return self

    @cached_property
    def _edition_rules(self) -> list[tuple[Edition, CheckRule]]:
        rules = []
        for edition in self.previous_editions:
            update: dict[str, Any] = {
                "limit": edition.limit or self.limit, "citation": edition.citation, "verified": edition.verified,
                "facts": edition.facts, "in_force_from": edition.in_force_from, "in_force_to": edition.in_force_to,
                "previous_editions": [],
                "sureness": edition.sureness or DEFAULT_SURENESS.get(edition.verified, ""),
            }
            if edition.title:
                update["title"] = edition.title
            if edition.task:
                update["task"] = edition.task
            rules.append((edition, self.model_copy(update=update)))
        return rules

    @property
    def editions(self) -> list[tuple[date | None, date | None, Limit | None, Citation, str]]:
        """Every edition, oldest first: from, to, limit, citation, verification (for docs and letters)."""
        out: list[tuple[date | None, date | None, Limit | None, Citation, str]] = [
            (e.in_force_from, e.in_force_to, e.limit or self.limit, e.citation, e.verified) for e in self.previous_editions
        ]
        out.append((self.in_force_from, self.in_force_to, self.limit, self.citation_on(None), self.verified))
        return out

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


class FootingPatterns(NamedTuple):
    """One footing's patterns for one event kind, by role."""

    starts: tuple[EventMatch, ...]
    ends: tuple[EventMatch, ...]
    implied_by: tuple[EventMatch, ...]
    implied_since: tuple[EventMatch, ...]
    implied_with_since: tuple[EventMatch, ...]


def any_match(patterns: tuple[EventMatch, ...], event: Any) -> bool:
    """Does the event (already of the patterns' kind) match one of them?"""
    return any(not m.where or m.matches(event) for m in patterns)


class Pack(BaseModel):
    model_config = ConfigDict(ignored_types=(cached_property,))

    jurisdiction: str
    checks: dict[str, CheckRule]
    footings: dict[str, FootingRule]
    compulsory_footings: frozenset[str] = frozenset()

    @cached_property
    def footing_triggers(self) -> dict[str, list[tuple[str, FootingRule, FootingPatterns]]]:
        """Event kind -> the footings whose patterns name it (in pack order), each with only its
        patterns of that kind: the footing walk tests an event against a handful, not the pack."""
        index: dict[str, list[tuple[str, FootingRule, FootingPatterns]]] = {}
        for name, rule in self.footings.items():
            roles = (rule.starts, rule.ends, rule.implied_by, rule.implied_since, rule.implied_with_since)
            for kind in dict.fromkeys(m.kind for group in roles for m in group):
                patterns = FootingPatterns(*(tuple(m for m in group if m.kind == kind) for group in roles))
                index.setdefault(kind, []).append((name, rule, patterns))
        return index


class _StrictLoader(yaml.SafeLoader):
    """YAML that refuses a key written twice in one mapping (plain YAML keeps the last silently,
    so a second ``limit:`` would quietly change the law)."""


def _no_duplicate_keys(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            continue
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} is written twice in one mapping (first on line {seen[key] + 1})",
                key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_keys)


def read_strict_yaml(text: str, name: str) -> Any:
    """Parse YAML text, refusing duplicate keys. Errors name the file and the line."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise PackError(f"{name}: not valid YAML: {exc}") from None


def _read_yaml(path: Path) -> Any:
    return read_strict_yaml(path.read_text(encoding="utf-8"), path.name)


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


def available_jurisdictions() -> tuple[str, ...]:
    """The jurisdictions that have a rule pack (folder names under ``packs/``)."""
    return known_jurisdictions(PACKS_DIR)


@lru_cache(maxsize=8)
def load_pack(jurisdiction: str = "england") -> Pack:
    known = available_jurisdictions()
    if jurisdiction not in known:
        raise PackError(f"no rule pack for jurisdiction {jurisdiction!r}; Fair Witness has rules for: {', '.join(known)}")
    return load_pack_from(PACKS_DIR / jurisdiction)
