"""The case file interchange format, version 1 (``fairwitness-case/1``).

One JSON document holds one family's case. Import, export, the CLI and the API all speak it.
The event kinds and their fields are a table (``EVENT_FIELDS``) from which one pydantic model per
kind is built, joined in a union tagged by ``kind``: the table is the single place to add a kind.

Unknown fields are kept (``extra="allow"``) so that a round trip loses nothing; an unknown kind is
an error naming the event and listing the known kinds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union
from zoneinfo import ZoneInfo

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    create_model,
    model_validator,
)

from fairwitness.law import validation

FORMAT_ID = "fairwitness-case/1"
UK = ZoneInfo("Europe/London")
_PACKS_DIR = Path(__file__).parent / "packs"


@lru_cache(maxsize=4)
def known_jurisdictions(packs_dir: Path = _PACKS_DIR) -> tuple[str, ...]:
    """The jurisdictions that have a rule pack: one folder each under ``law/packs/`` (read once:
    validating a case must not touch the disk)."""
    return tuple(sorted(d.name for d in packs_dir.iterdir() if d.is_dir() and any(d.glob("checks-*.yaml"))))



def _format_when(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes" if value.second == 0 and not value.microsecond else "seconds")
    return value.isoformat()


# pydantic-core parses both natively (a bare date stays a date: smart unions take the exact match);
# offsets are turned into local UK time once per case, in ``Case._local_times``.
When = Annotated[
    date | datetime,
    BeforeValidator(validation.iso_moment),  # text only: a number would be read as seconds since 1970
    PlainSerializer(_format_when, return_type=str),
    WithJsonSchema({"type": "string", "description": "ISO 8601 date (YYYY-MM-DD) or date-time, local UK time unless an offset is given",
                    "anyOf": [{"format": "date"}, {"format": "date-time"}]}),
]

Day = Annotated[date, BeforeValidator(validation.iso_moment)]

Activity = str  # assessment, home_visit, ... or free text
Person = str
Decision = Literal["given", "refused", "withdrawn"]
MeetingType = Literal[
    "icpc", "cp_review_conference", "core_group", "cin_meeting", "cin_review",
    "lac_review", "plo_meeting", "strategy", "other",
]
RemovalAuthority = Literal[
    "section_20", "police_protection", "epo", "interim_care_order", "care_order", "none", "unknown",
]
Stage = Literal[1, 2, 3]
# Before April 2013 an initial assessment came first and a core assessment after it; since then one
# single assessment (Working Together 2013).
AssessmentKind = Literal["initial", "core", "single"]
PlacementType = Literal["foster_care", "connected_person", "residential", "with_parent", "other"]
OrderType = Literal["epo", "interim_care_order", "care_order", "supervision_order",
                    "special_guardianship_order", "placement_order", "child_assessment_order"]
Procedure = Literal["statutory", "corporate", "conference"]
# What a complaint is about, as the family says it (the web journey asks). Structure decides the
# law applied, never the words of ``subject``.
SubjectCategory = Literal[
    "part_iii_service", "child_protection_conference", "section_47", "social_worker_conduct", "records", "other",
]
# The ground the council gave for declining a complaint.
DeclineGrounds = Literal[
    "late", "representative_for_child", "sufficient_interest", "before_court", "before_social_work_england",
    "not_part_iii", "other",
]

# How exactly an event's ``at`` is known. Absent or "day": to the day. The others are estimates (the
# own-words reader writes them: "in March 2019", "that spring", "in 2018", "a few weeks later"); a
# finding that rests on one says so (``engine``).
DatePrecision = Literal["day", "month", "season", "year", "approx"]

# Activities that need agreement on a voluntary (section 17) footing.
CONSENT_ACTIVITIES = (
    "assessment", "home_visit", "child_seen_alone", "information_sharing", "medical_records",
    "drug_or_alcohol_test", "contact_third_party", "section_20_accommodation", "plan",
)


class Exclusion(BaseModel):
    model_config = ConfigDict(extra="allow")
    person: str
    reason: str | None = None


class ReportShared(BaseModel):
    model_config = ConfigDict(extra="allow")
    person: str
    at: When


# kind -> {field name: (type, default)}; "..." means required. A field named like a Python
# keyword is written with a trailing underscore and carries its JSON name as alias.
_F = dict[str, tuple[Any, Any]]
_OPT: Any = None
EVENT_FIELDS: dict[str, _F] = {
    # Involvement and assessment
    "referral_received": {"concern": (str | None, _OPT), "category": (str | None, _OPT)},
    "referral_decision": {
        "decision": (Literal["no_further_action", "early_help", "assessment", "strategy_discussion"], ...),
    },
    "assessment_started": {"basis": (Literal["s17", "s47"] | None, _OPT),
                           "assessment_kind": (AssessmentKind | None, _OPT)},
    "assessment_completed": {"basis": (Literal["s17", "s47"] | None, _OPT),
                             "assessment_kind": (AssessmentKind | None, _OPT)},
    "notified": {"person": (Person, ...)},
    "consent": {
        "person": (Person, ...), "activity": (Activity, ...), "decision": (Decision, ...),
        "informed": (bool | None, _OPT), "in_writing": (bool | None, _OPT),
        # Coventry CC v C [2012] EWHC 2190 (Fam) para 46: capacity, and a language the parent understands
        "capacity_considered": (bool | None, _OPT),
        "interpreter_needed": (bool | None, _OPT), "interpreter_provided": (bool | None, _OPT),
    },
    "activity": {"activity": (Activity, ...), "with_": (str | None, _OPT)},
    "pressure": {"person": (Person | None, _OPT), "said": (str | None, _OPT), "threatened": (str | None, _OPT)},
    # Child protection
    "strategy_discussion": {"outcome": (Literal["s47_enquiry", "no_further_action", "s17"] | None, _OPT)},
    "s47_enquiry_started": {},
    "s47_enquiry_completed": {"outcome": (Literal["icpc", "no_further_action", "s17"] | None, _OPT)},
    "meeting": {
        "meeting_type": (MeetingType, ...),
        "invited": (list[str], []), "attended": (list[str], []),
        "excluded": (list[Exclusion], []), "reports_shared": (list[ReportShared], []),
    },
    "cp_plan_started": {}, "cp_plan_ended": {},
    "cin_plan_started": {}, "cin_plan_ended": {},
    "case_closed": {},
    # Where the child lives
    "removed_from_home": {"from_": (str | None, _OPT), "authority": (RemovalAuthority, "unknown")},
    "returned_home": {"to": (str | None, _OPT)},
    "accommodation_requested": {
        "person": (Person | None, _OPT),
        "ground": (Literal["parent_request", "carer_unable", "no_one_with_pr", "lost_or_abandoned",
                           "child_request"] | None, _OPT),
    },
    "accommodation_decision": {"decision": (Literal["accommodated", "refused", "other_help"] | None, _OPT),
                               "reasons": (str | None, _OPT)},
    "section_20_started": {"consent": (str | None, _OPT)},
    "section_20_ended": {},
    "section_20_removal_request": {"person": (Person, ...)},
    "objection": {"person": (Person, ...), "to": (str | None, _OPT)},
    "police_protection_started": {}, "police_protection_ended": {},
    "parents_informed": {"person": (Person | None, _OPT), "of": (str | None, _OPT)},
    "epo_granted": {"until": (When | None, _OPT)},
    "epo_extended": {"until": (When | None, _OPT)},
    "epo_ended": {},
    "child_assessment_order": {"from_": (When | None, _OPT), "until": (When | None, _OPT)},
    # Court
    "pre_proceedings_letter": {},
    "care_application_made": {},  # filed with the court; the 26 weeks run from its issue
    "care_proceedings_issued": {"application": (str | None, _OPT)},
    "extension_granted": {"weeks": (int, ...)},
    "interim_care_order": {}, "care_order": {}, "supervision_order": {},
    "special_guardianship_order": {}, "placement_order": {}, "order_discharged": {},
    "proceedings_concluded": {"outcome": (str | None, _OPT)},
    "order_set_aside": {"order": (str | None, _OPT), "order_type": (OrderType, ...),
                        "on_appeal": (bool | None, _OPT)},
    # Looked-after children and contact
    "looked_after_started": {}, "looked_after_ended": {},
    "placed_with_connected_person": {
        "person": (str | None, _OPT),
        "arranged_by": (Literal["local_authority", "family", "court"] | None, _OPT),
        "said_to_be": (str | None, _OPT),
    },
    "placement_started": {"placement_type": (PlacementType | None, _OPT), "with_": (str | None, _OPT)},
    # A placement moving or ending while the child stays looked after (the footing goes on).
    "placement_ended": {"placement_type": (PlacementType | None, _OPT), "placement": (str | None, _OPT),
                        "reason": (str | None, _OPT)},
    "placement_plan_made": {"placement": (str | None, _OPT)},
    "whereabouts_told": {"person": (Person, ...)},
    "whereabouts_withheld": {"person": (Person | None, _OPT), "reason": (str | None, _OPT)},
    "kinship_information_given": {"person": (Person | None, _OPT), "in_writing": (bool | None, _OPT),
                                  "financial_support": (bool | None, _OPT)},
    "connected_person_temporarily_approved": {},
    "connected_person_approval_extended": {"until": (When | None, _OPT)},
    "foster_carer_approved": {},
    "connected_person_not_approved": {},
    "permanence_plan_made": {},
    "contact_arranged": {"with_": (str | None, _OPT), "frequency": (str | None, _OPT), "supervised": (bool | None, _OPT)},
    "contact_refused": {"with_": (str | None, _OPT), "reason": (str | None, _OPT)},
    "contact_stopped": {"with_": (str | None, _OPT)},
    "contact_resumed": {"with_": (str | None, _OPT)},
    "social_worker_changed": {"name": (str | None, _OPT)},
    # Challenging and information rights
    "complaint_made": {
        "stage": (Stage, 1), "subject": (str | None, _OPT), "about": (list[str], []),
        "subject_category": (SubjectCategory | None, _OPT),
        "on_behalf_of": (str | None, _OPT),  # a child's id: made for the child, as their representative
    },
    "complaint_acknowledged": {"stage": (Stage | None, _OPT)},
    "complaint_extension_notified": {"stage": (Stage | None, _OPT), "new_due": (Day | None, _OPT)},
    "complaint_response": {
        "stage": (Stage | None, _OPT),
        "outcome": (Literal["upheld", "partly_upheld", "not_upheld", "none"] | None, _OPT),
    },
    "complaint_declined": {
        "stage": (Stage | None, _OPT), "reason": (str | None, _OPT), "grounds": (DeclineGrounds | None, _OPT),
    },
    "review_panel_held": {}, "review_panel_report": {}, "local_authority_final_response": {},
    "recommendation_made": {"action": (str | None, _OPT), "due": (Day | None, _OPT)},
    "recommendation_complied": {},
    "ombudsman_complaint": {},
    "ombudsman_decision": {"outcome": (str | None, _OPT), "remedy": (str | None, _OPT)},
    "regulator_concern": {"to": (str | None, _OPT)},
    # Under the Data Protection Act 1998 the 40 days ran from the latest of the request, the fee and
    # the information needed to identify the person and find the data (s7(3), (8), (10)).
    "subject_access_request": {"person": (Person | None, _OPT), "fee_paid_at": (When | None, _OPT),
                               "information_given_at": (When | None, _OPT)},
    "subject_access_extension_notified": {},
    # Absent is not known (never read as complete): the check asks the council to say.
    "subject_access_response": {"complete": (bool | None, _OPT)},
    "record_disputed": {
        "document": (str | None, _OPT), "statement": (str | None, _OPT),
        "correction": (str | None, _OPT), "evidence": (list[str], []),
    },
    "rectification_requested": {},
    "rectification_response": {
        "outcome": (Literal["corrected", "statement_of_disagreement_added", "refused"] | None, _OPT),
    },
}
KNOWN_KINDS: tuple[str, ...] = tuple(EVENT_FIELDS)
# Fields holding a person's own words. They are shown and kept, never read by the law: no
# finding's status may depend on them (a property test holds the engine to it).
FREE_TEXT_FIELDS = frozenset({
    "note", "subject", "reason", "said", "concern", "statement", "correction", "action", "remedy", "name",
    "frequency", "document",
})


class EventBase(BaseModel):
    """Fields every event may carry."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, frozen=False, ignored_types=(cached_property,))

    id: str = Field(min_length=1)
    kind: str
    at: When
    children: list[str] | None = None
    by: str | None = None
    note: str | None = None
    source: str | None = None
    documents: list[Any] = Field(default_factory=list)
    responds_to: str | None = None
    procedure: Procedure | None = None
    date_precision: DatePrecision | None = None

    def known(self, name: str) -> bool:
        """Was this optional fact recorded? Absent (or null) is "not known"; an explicit value,
        including ``[]``, ``false`` and ``"none"``, is known. A default filled in by the format
        is not a recorded fact."""
        return name in self.__pydantic_fields_set__ and self.__dict__.get(name) is not None

    def get(self, name: str, default: Any = None) -> Any:
        """A field's value, or ``default`` when this kind has no such field. Fields live in the
        instance ``__dict__``; reading it directly avoids pydantic's slow ``__getattr__`` miss path."""
        return self.__dict__.get(name, default)

    @property
    def has_time(self) -> bool:
        return isinstance(self.at, datetime)

    @cached_property
    def day(self) -> date:
        """The calendar day of ``at`` (kept once read: the checks ask for it often)."""
        at = self.at
        return at.date() if isinstance(at, datetime) else at


def parse_moment(text: str) -> date | datetime:
    """A moment as the case format writes it: a date alone, or a date and time (local UK time
    unless an offset is given). Raises ValueError with the text in the message."""
    try:
        return date.fromisoformat(text) if len(text) == 10 else _to_uk_local(datetime.fromisoformat(text))
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)") from None


def _to_uk_local(value: Any) -> Any:
    """An offset-bearing time is turned into local UK time; a naive one already is."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UK).replace(tzinfo=None)
    return value


def _kind_model(kind: str, fields: _F) -> type[EventBase]:
    spec: dict[str, Any] = {"kind": (Literal[kind], ...)}  # type: ignore[valid-type]
    for name, (typ, default) in fields.items():
        extra: dict[str, Any] = {"alias": name[:-1]} if name.endswith("_") else {}
        value = Field(default_factory=list, **extra) if default == [] else Field(default, **extra)
        spec[name] = (typ, value)
    class_name = "".join(part.title() for part in kind.split("_")) + "Event"
    return create_model(class_name, __base__=EventBase, **spec)


EVENT_MODELS: dict[str, type[EventBase]] = {k: _kind_model(k, f) for k, f in EVENT_FIELDS.items()}
AnyEvent = Annotated[Union[tuple(EVENT_MODELS.values())], Field(discriminator="kind")]  # type: ignore[valid-type]  # noqa: UP007


class Child(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str = Field(min_length=1)
    name: str | None = None
    date_of_birth: Day | None = None


class CasePerson(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str = Field(min_length=1)
    name: str | None = None
    role: str | None = None
    parental_responsibility: bool | dict[str, bool] = False
    children: list[str] | None = None

    def has_pr_for(self, child_id: str) -> bool:
        pr = self.parental_responsibility
        if isinstance(pr, dict):
            return bool(pr.get(child_id, False))
        if not pr:
            return False
        return self.children is None or child_id in self.children

    def is_named_parent_of(self, child_id: str) -> bool:
        """A birth or legal parent (mother, father), with or without PR."""
        role = (self.role or "").lower()
        related = self.children is None or child_id in self.children
        is_parent = any(w in role for w in ("mother", "father", "parent"))
        return related and is_parent and not any(w in role for w in ("step", "grand", "foster"))


if TYPE_CHECKING:  # to the type checker every event is an EventBase; to pydantic, the tagged union
    EventList = list[EventBase]
else:
    EventList = list[AnyEvent]


class Case(BaseModel):
    model_config = ConfigDict(extra="allow")
    format: Literal["fairwitness-case/1"] = "fairwitness-case/1"
    jurisdiction: str = "england"
    local_authority: str | None = None
    as_of: When | None = None
    children: list[Child] = []
    people: list[CasePerson] = []
    events: EventList = []

    @model_validator(mode="after")
    def _local_times(self) -> Case:
        """Times given with an offset are read as local UK time, once, for the whole case."""
        if isinstance(self.as_of, datetime) and self.as_of.tzinfo is not None:
            self.as_of = _to_uk_local(self.as_of)
        for event in self.events:
            at = event.at
            if type(at) is datetime and at.tzinfo is not None:
                event.at = _to_uk_local(at)
        return self

    def person(self, person_id: str | None) -> CasePerson | None:
        for p in self.people:
            if p.id == person_id:
                return p
        return None

    def to_json_dict(self) -> dict[str, Any]:
        """The document as JSON-ready data: set fields and unknown fields, nothing invented."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_json_dict(), indent=indent, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a case file, located as a person would look for it."""

    where: str  # "event e3", "children[1]", "file"
    field: str  # "stage", "at", ""
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field + ': ' if self.field else ''}{self.message}"


class CaseFileError(ValueError):
    """A case file that could not be read or is not valid. Holds every problem found."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: {len(problems)} problem(s)\n" + "\n".join(f"  - {p}" for p in problems))


_CASE_ADAPTER = TypeAdapter(Case)


def _locate(loc: tuple[Any, ...], raw: Any) -> tuple[str, str]:
    """Turn a pydantic error location into ("event e3", "field")."""
    if len(loc) >= 2 and loc[0] == "events" and isinstance(loc[1], int):
        index = loc[1]
        event_id = None
        if isinstance(raw, dict):
            events = raw.get("events")
            if isinstance(events, list) and index < len(events) and isinstance(events[index], dict):
                event_id = events[index].get("id")
        where = f"event {event_id}" if event_id else f"events[{index}]"
        rest = [str(p) for p in loc[2:]]
        if rest and rest[0] in EVENT_FIELDS:  # the union tag pydantic puts in the path
            rest = rest[1:]
        return where, ".".join(rest)
    if len(loc) >= 2 and isinstance(loc[1], int):
        return f"{loc[0]}[{loc[1]}]", ".".join(str(p) for p in loc[2:])
    return "file", ".".join(str(p) for p in loc)


def _friendly(err: Any) -> str:
    if err["type"] == "union_tag_invalid":
        return f"unknown kind {err['ctx']['tag']!r}; the known kinds are: {', '.join(KNOWN_KINDS)}"
    if err["type"] == "union_tag_not_found":
        return "every event needs a 'kind'"
    if err["type"] == "missing":
        return "this field is required"
    if err["type"] == "value_error":
        return str(err["ctx"]["error"])
    return str(err["msg"])


# Fields that name another event of the case by its id.
_EVENT_REFERENCE_FIELDS = {"placement_ended": ("placement",), "placement_plan_made": ("placement",),
                           "order_set_aside": ("order",), "care_proceedings_issued": ("application",)}


def _pack_and_reference_problems(case: Case) -> list[Problem]:
    """What the law core itself needs of a file, beside ``validation``'s checks (which hold every
    date to the range the working calendar counts): a rule pack for its jurisdiction, who a
    complaint is made for, who was told where a child lives, and the events that name another event."""
    problems: list[Problem] = []
    known = known_jurisdictions()
    if case.jurisdiction not in known:
        problems.append(Problem("file", "jurisdiction", f"Fair Witness has no rules for {case.jurisdiction!r}; "
                                f"it can check cases in: {', '.join(known)}"))
    child_ids = {c.id for c in case.children}
    person_ids = {p.id for p in case.people}
    event_ids = {e.id for e in case.events}
    for e in case.events:
        where = f"event {e.id}"
        behalf = e.get("on_behalf_of")
        if behalf is not None and behalf not in child_ids:
            problems.append(Problem(where, "on_behalf_of", f"no child with id {behalf!r}"))
        if e.kind == "whereabouts_told" and e.get("person") not in person_ids:
            problems.append(Problem(where, "person", f"no person with id {e.get('person')!r}"))
        for name in _EVENT_REFERENCE_FIELDS.get(e.kind, ()):
            ref = e.get(name)
            if ref is not None and ref not in event_ids:
                problems.append(Problem(where, name, f"no event with id {ref!r}"))
    return problems


def _all_problems(case: Case, today: date | None) -> list[Problem]:
    return _pack_and_reference_problems(case) + validation.case_problems(case, today or date.today())


def parse_case(data: Any, source: str = "case", today: date | None = None) -> Case:
    """Validate already-parsed JSON data; raise CaseFileError listing every problem.

    ``today`` bounds the dates when the case has no ``as_of`` (the web passes the request's day);
    without it the clock is read here, at the edge, never in the engine."""
    if not isinstance(data, dict):
        raise CaseFileError(source, [Problem("file", "", "a case file is a JSON object")])
    problems = validation.string_problems(data)
    if problems:
        raise CaseFileError(source, problems)
    try:
        case = _CASE_ADAPTER.validate_python(data)
    except ValidationError as exc:
        raise CaseFileError(source, _problems_from(exc, data)) from None
    problems = _all_problems(case, today)
    if problems:
        raise CaseFileError(source, problems)
    return case


_WHEN_BRANCHES = ("date", "datetime", "function-after[_to_uk_local(), datetime]")


def _problems_from(exc: ValidationError, raw: Any) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if loc and loc[-1] in _WHEN_BRANCHES:  # a date that is neither a date nor a date and time
            where, field = _locate(loc[:-1], raw)
            problem = Problem(where, field, f"{err['input']!r} is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)")
            if problem not in problems:
                problems.append(problem)
            continue
        where, field = _locate(loc, raw)
        problems.append(Problem(where, field, _friendly(err)))
    return problems


def loads_case(raw: str | bytes, source: str = "case", today: date | None = None) -> Case:
    """Parse and validate JSON text (``today`` as for ``parse_case``). The text is checked first
    (size, encoding, depth, control characters: ``validation``); then the fast path lets
    pydantic-core read the JSON itself; only a file with problems is parsed a second time, to name
    each problem's event."""
    text, problems = validation.decode(raw)
    if text is None:
        raise CaseFileError(source, problems)
    if validation.needs_close_reading(text):
        problems = validation.text_problems(text)
        data, json_problems = validation.parse_json(text) if not problems else (None, [])
        problems = problems or json_problems or validation.string_problems(data)
        if problems:
            raise CaseFileError(source, problems)
    try:
        case = _CASE_ADAPTER.validate_json(text)
    except ValidationError as exc:
        raw_data, problems = validation.parse_json(text)
        problems = validation.text_problems(text) or problems  # too deep says so, not "recursion"
        if problems:
            raise CaseFileError(source, problems) from None
        if not isinstance(raw_data, dict):
            raise CaseFileError(source, [Problem("file", "", "a case file is a JSON object")]) from None
        raise CaseFileError(source, _problems_from(exc, raw_data)) from None
    problems = validation.extra_field_problems(case) + _all_problems(case, today)
    if problems:
        raise CaseFileError(source, problems)
    return case


def read_case_json(raw: str | bytes, source: str = "case file") -> dict[str, Any]:
    """The JSON of an uploaded case file, as data, after the text checks (size, UTF-8, depth):
    for callers that store the file as it is (the web import, the API). Never an exception other
    than CaseFileError, whatever the bytes."""
    text, problems = validation.decode(raw)
    if text is None:
        raise CaseFileError(source, problems)
    problems = validation.text_problems(text)
    data, json_problems = validation.parse_json(text) if not problems else (None, [])
    problems = problems or json_problems
    if problems:
        raise CaseFileError(source, problems)
    if not isinstance(data, dict):
        raise CaseFileError(source, [Problem("file", "", "a case file is a JSON object")])
    return data


def load_case(path: str | Path, today: date | None = None) -> Case:
    p = Path(path)
    try:
        if p.stat().st_size > validation.MAX_FILE_BYTES:  # refused before it is read into memory
            raise CaseFileError(str(p), [Problem(
                "file", "", f"the file is larger than {validation.MAX_FILE_BYTES // 1_048_576} MB, the most a case file may be")])
        text = p.read_bytes()
    except OSError as exc:
        raise CaseFileError(str(p), [Problem("file", "", f"cannot read: {exc.strerror}")]) from None
    return loads_case(text, str(p), today)


def iter_case_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories into the *.json files inside them, sorted; keep files as given."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.json") if q.is_file()))
        else:
            out.append(p)
    return out


def json_schema() -> dict[str, Any]:
    schema = _CASE_ADAPTER.json_schema(by_alias=True)
    schema["$id"] = "https://fairwitness.example/schema/fairwitness-case-1.json"
    schema["title"] = "Fair Witness case file, version 1"
    return schema
