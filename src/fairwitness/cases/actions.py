"""The only code that writes a case. Each action checks policy, writes in one transaction, and
appends to the ledger the hash of what it wrote (never the content itself).

Errors a person can fix (a wrong date, a missing field, an unknown kind) raise ``CaseFileError``
with one ``Problem`` per mistake, before anything is stored. Someone without the right raises
``policy.PermissionDenied`` (views turn that into a 404).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from fairwitness import crypto
from fairwitness.cases import policy
from fairwitness.cases.headcache import HeadCache, forget_case
from fairwitness.cases.integrity import record_key, records_for
from fairwitness.cases.models import (
    Case,
    ChildRecord,
    Document,
    Event,
    EventVersion,
    Invitation,
    LocalAuthority,
    Membership,
    PersonRecord,
    RecordVersion,
)
from fairwitness.law.caseformat import FORMAT_ID, CaseFileError, Problem, parse_case
from fairwitness.ledger import chain
from fairwitness.ledger.records import record
from fairwitness.ledger.store import UK, append, case_head

INVITATION_DAYS = 7
EARLIEST_YEAR = 1900  # a birth or an event before this is a mistyped year
CASE_FILE_PARTS = ("children", "people", "events")
Row = TypeVar("Row", ChildRecord, PersonRecord)


class InvitationError(Exception):
    """The invitation link is unknown, used, withdrawn, expired, or for another (or unconfirmed) address."""

    def __init__(self, message: str, *, wrong_account: bool = False, needs_verification: bool = False):
        super().__init__(message)
        self.wrong_account = wrong_account
        self.needs_verification = needs_verification


# --- helpers --------------------------------------------------------------------------------

def _jsonable(value: Any) -> Any:
    """Plain JSON data: dates become ISO strings (forms hand us date objects)."""

    def default(obj: Any) -> Any:
        if isinstance(obj, datetime):
            return obj.isoformat(timespec="minutes") if not obj.second and not obj.microsecond else obj.isoformat()
        if isinstance(obj, date):
            return obj.isoformat()
        raise TypeError(f"{type(obj).__name__} cannot be stored in a case file")

    return json.loads(json.dumps(value, default=default, ensure_ascii=False))


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


def _role(actor: Any, case: Case) -> str:
    if actor is None:
        return "system"
    return policy.role_in(actor, case) or "user"


def _actor_id(actor: Any) -> int | None:
    return getattr(actor, "pk", None)


def _require(actor: Any, case: Case, permission: str) -> None:
    if case.is_erased:
        raise policy.PermissionDenied("this case was erased")
    policy.require(actor, case, permission)


def resolve_local_authority(value: Any) -> LocalAuthority | None:
    """A LocalAuthority from an instance, an ONS code, or a name as a family writes it."""
    if value is None or value == "":
        return None
    if isinstance(value, LocalAuthority):
        return value
    text = str(value).strip()
    from fairwitness.cases.localauthorities import ensure_loaded

    ensure_loaded()
    found = LocalAuthority.objects.filter(ons_code__iexact=text).first()
    if found:
        return found
    for field in ("official_name__iexact", "name__iexact"):
        matches = list(LocalAuthority.objects.filter(**{field: text}).order_by("in_use_to"))
        if matches:
            current = [m for m in matches if m.is_current]
            return (current or matches)[0]
    return None


def stored_case_dict(case: Case, *, events: dict[str, dict[str, Any]] | None = None,
                     children: list[dict[str, Any]] | None = None, people: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The case file as stored (events in the order they were recorded), with optional changes."""
    doc = case.header
    doc.setdefault("format", FORMAT_ID)
    doc["children"] = children if children is not None else [c.data for c in case.children.all()]
    doc["people"] = people if people is not None else [p.data for p in case.people.all()]
    stored = [e.data for e in case_snapshot(case).recorded]
    changes = dict(events or {})
    merged = []
    for data in stored:
        merged.append(changes.pop(str(data.get("id")), data))
    merged.extend(changes.values())
    doc["events"] = merged
    return doc


def _validate(case: Case, **changes: Any) -> None:
    parse_case(stored_case_dict(case, **changes), source=f"case {case.public_id}")


def _event_day(data: dict[str, Any]) -> str | None:
    at = data.get("at")
    return at if isinstance(at, str) else None


# --- cases ----------------------------------------------------------------------------------

def create_case(owner: Any, title: str, local_authority: Any = None, *, header: dict[str, Any] | None = None) -> Case:
    title = (title or "").strip()
    if not title:
        raise CaseFileError("case", [Problem("case", "title", "give the case a name, for example your family name")])
    la = resolve_local_authority(local_authority)
    if header is None:
        header = {"format": FORMAT_ID, "jurisdiction": "england"}
        if la is not None:
            header["local_authority"] = la.official_name
    with transaction.atomic():
        case = Case(created_by=owner, local_authority=la)
        _, case.wrapped_key = crypto.new_case_key(case_label=str(case.public_id))
        case.title_sealed = case.seal(title, "title")
        case.header_sealed = case.seal(header, "header")
        case.save()
        membership = Membership.objects.create(case=case, user=owner, role="owner")
        policy.forget_roles(owner)
        record(action="case_created", case=str(case.public_id), actor_id=_actor_id(owner), actor_role="owner",
               content_sha256=chain.content_hash(header), objects={"title_sha256": chain.content_hash(title)},
               subjects=records_for(("case", case), ("membership", membership)))
    return case


def _case_details(case: Case) -> dict[str, Any]:
    return _without_empty({"title": case.title, "local_authority": case.header.get("local_authority")})


def update_case(case: Case, actor: Any, *, title: str | None = None, local_authority: Any = ...,
                reason: str = "") -> Case:
    """Rename the case or change its local authority. The details before and after are kept as
    versions (``RecordVersion`` of kind "case"), as a correction of an event is."""
    _require(actor, case, policy.MANAGE_CASE)
    with transaction.atomic():
        before = _case_details(case)
        header = case.header
        objects: dict[str, Any] = {}
        if title is not None:
            title = title.strip()
            if not title:
                raise CaseFileError("case", [Problem("case", "title", "give the case a name")])
            case.title_sealed = case.seal(title, "title")
            objects["title_sha256"] = chain.content_hash(title)
        if local_authority is not ...:
            la = resolve_local_authority(local_authority)
            if local_authority not in (None, "") and la is None:
                raise CaseFileError("case", [Problem("case", "local_authority", f"no local authority called {local_authority!r}")])
            case.local_authority = la
            if la is None:
                header.pop("local_authority", None)
            else:
                header["local_authority"] = la.official_name
            case.header_sealed = case.seal(header, "header")
            case.__dict__.pop("_header_cache", None)
        after = {**before, "title": title if title is not None else before["title"]}
        after = _without_empty({**after, "local_authority": header.get("local_authority")})
        if after == before:
            raise CaseFileError("case", [Problem("case", "", "this changes nothing")])
        case.save()
        number = _first_version(case, actor, "case", "case", before)
        objects["version"] = number
        entry = record(action="case_updated", case=str(case.public_id), actor_id=_actor_id(actor),
                       actor_role=_role(actor, case), content_sha256=chain.content_hash(header), objects=objects,
                       subjects=records_for(("case", case)))
        _add_version(case, actor, "case", "case", number, after, reason, entry.seq)
    return case


# --- versions of children, people and the case's details ------------------------------------

def _first_version(case: Case, actor: Any, kind: str, record_id: str, current: dict[str, Any]) -> int:
    """Keep what is there now as version 1 if this is its first change; the next version's number."""
    last = RecordVersion.objects.filter(case=case, kind=kind, record_id=record_id).aggregate(m=Max("number"))["m"]
    if last is None:
        _add_version(case, actor, kind, record_id, 1, current, "", None)
        return 2
    return last + 1


def _add_version(case: Case, actor: Any, kind: str, record_id: str, number: int, data: dict[str, Any],
                 reason: str, ledger_seq: int | None, *, removed: bool = False) -> RecordVersion:
    version = RecordVersion(case=case, kind=kind, record_id=record_id, number=number, removed=removed,
                            content_sha256=chain.content_hash(data), created_by=actor if number > 1 else None,
                            ledger_seq=ledger_seq)
    version.content_sealed = case.seal(data, version._aad("content"))
    if reason.strip():
        version.reason_sealed = case.seal(reason.strip(), version._aad("reason"))
    version.save()
    return version


def record_versions(case: Case, kind: str, record_id: str) -> list[RecordVersion]:
    """A child's, a person's or the case details' versions, oldest first (none if never changed)."""
    versions = list(RecordVersion.objects.filter(case=case, kind=kind, record_id=record_id)
                    .select_related("created_by").order_by("number"))
    for v in versions:
        v.case = case
    return versions


def _replace_record(case: Case, actor: Any, row: ChildRecord | PersonRecord, data: dict[str, Any], reason: str,
                    *, removed: bool = False) -> None:
    """A child or person's new version (or its removal): the earlier versions stay."""
    kind = row._aad_kind
    ident = row.record_id
    number = _first_version(case, actor, kind, ident, row.data)
    row.content_sealed = case.seal(data, f"{kind}:{ident}")
    row.content_sha256 = chain.content_hash(data)
    row.removed_at = timezone.now() if removed else None
    row.save(update_fields=["content_sealed", "content_sha256", "removed_at"])
    row.__dict__.pop("_data_cache", None)
    # The ledger entry carries the row as it now stands, so `verify` can hold the stored row to it.
    entry = record(action=f"{kind}_removed" if removed else f"{kind}_corrected", case=str(case.public_id),
                   actor_id=_actor_id(actor), actor_role=_role(actor, case), content_sha256=chain.content_hash(data),
                   objects={kind: ident, "version": number}, subjects=records_for((kind, row)))
    _add_version(case, actor, kind, ident, number, data, reason, entry.seq, removed=removed)


def _existing(case: Case, kind: str, ident: str) -> Any:
    """The child's or person's row in this case (``kind`` "child" or "person"), or the problem."""
    rows = case.children.filter(child_id=ident) if kind == "child" else case.people.filter(person_id=ident)
    row = rows.first()
    if row is None:
        raise CaseFileError(kind, [Problem(f"{kind} {ident}", "", f"there is no such {kind} in this case")])
    return row


def _check_removable(row: ChildRecord | PersonRecord, reason: str, naming: list[EventSnapshot]) -> None:
    """A removal says why, and waits until no event names the child or person (so none points at nobody)."""
    kind, where = row._aad_kind, f"{row._aad_kind} {row.record_id}"
    if not (reason or "").strip():
        raise CaseFileError(kind, [Problem(where, "reason", "say why you are removing them")])
    if naming:
        raise CaseFileError(kind, [Problem(where, "", (
            f"{row.name} is named in {len(naming)} event{'s' if len(naming) != 1 else ''}: correct "
            f"{'it' if len(naming) == 1 else 'them'} first, then remove {row.name}"))])


def correct_child(case: Case, actor: Any, child_id: str, *, name: str, date_of_birth: date | str | None,
                  reason: str = "") -> ChildRecord:
    """A child's name or date of birth corrected: a new version, the earlier one kept."""
    _require(actor, case, policy.EDIT_CASE)
    record = _existing(case, "child", child_id)
    data = {k: v for k, v in record.data.items() if k not in ("name", "date_of_birth")}
    data = _jsonable(_without_empty({**data, "name": (name or "").strip() or None, "date_of_birth": date_of_birth}))
    if data == record.data:
        raise CaseFileError("child", [Problem(f"child {child_id}", "", "this changes nothing")])
    _check_date_of_birth(child_id, data.get("date_of_birth"))
    current = [data if c.child_id == child_id else c.data for c in case.children.all()]
    _validate(case, children=current)
    with transaction.atomic():
        _replace_record(case, actor, record, data, reason)
    return record


def correct_person(case: Case, actor: Any, person_id: str, *, name: str, role: str,
                   parental_responsibility: bool | dict[str, bool] | None, reason: str = "") -> PersonRecord:
    """A person's name, role or parental responsibility corrected (``None``: not known)."""
    _require(actor, case, policy.EDIT_CASE)
    record = _existing(case, "person", person_id)
    data = {k: v for k, v in record.data.items() if k not in ("name", "role", "parental_responsibility")}
    data = _jsonable(_without_empty({**data, "name": (name or "").strip() or None, "role": (role or "").strip() or None,
                                     "parental_responsibility": parental_responsibility}))
    if data == record.data:
        raise CaseFileError("person", [Problem(f"person {person_id}", "", "this changes nothing")])
    current = [data if p.person_id == person_id else p.data for p in case.people.all()]
    _validate(case, people=current)
    with transaction.atomic():
        _replace_record(case, actor, record, data, reason)
    return record


_PERSON_KEYS = ("person", "from", "to", "by", "invited", "attended")


def events_naming(case: Case, *, person: str | None = None, child: str | None = None) -> list[EventSnapshot]:
    """The events (current versions) that name this person or this child."""
    def names_person(c: dict[str, Any]) -> bool:
        return any(c.get(k) == person or (isinstance(c.get(k), list) and person in c[k]) for k in _PERSON_KEYS) \
            or any(isinstance(x, dict) and x.get("person") == person
                   for k in ("excluded", "reports_shared") for x in c.get(k) or [])

    return [e for e in case_snapshot(case).chronological
            if (child is not None and child in (e.content.get("children") or []))
            or (person is not None and names_person(e.content))]


def remove_person(case: Case, actor: Any, person_id: str, reason: str) -> PersonRecord:
    """Take a person recorded by mistake out of the case. Refused while an event names them (correct
    those first, so no event points at nobody); their versions stay in the record."""
    _require(actor, case, policy.EDIT_CASE)
    record = _existing(case, "person", person_id)
    _check_removable(record, reason, events_naming(case, person=person_id))
    with transaction.atomic():
        _replace_record(case, actor, record, record.data, reason, removed=True)
    return record


def remove_child(case: Case, actor: Any, child_id: str, reason: str) -> ChildRecord:
    """Take a child recorded by mistake out of the case; each person's parental responsibility for
    them is taken out too (a new version of that person). Refused while an event names the child."""
    _require(actor, case, policy.EDIT_CASE)
    record = _existing(case, "child", child_id)
    _check_removable(record, reason, events_naming(case, child=child_id))
    with transaction.atomic():
        for person in case.people.all():
            data = person.data
            pr = data.get("parental_responsibility")
            changed = False
            if isinstance(pr, dict) and child_id in pr:
                data["parental_responsibility"] = {k: v for k, v in pr.items() if k != child_id}
                changed = True
            if isinstance(data.get("children"), list) and child_id in data["children"]:
                data["children"] = [c for c in data["children"] if c != child_id]
                changed = True
            if changed:
                _replace_record(case, actor, person, data, f"{record.name} was removed from the case")
        _replace_record(case, actor, record, record.data, reason, removed=True)
    return record


# --- children and people --------------------------------------------------------------------

def _next_id(existing: set[str], prefix: str) -> str:
    n = len(existing) + 1
    while f"{prefix}{n}" in existing:
        n += 1
    return f"{prefix}{n}"


def _check_date_of_birth(child_id: str, value: Any) -> None:
    try:
        born = date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return  # the case format's own check names it
    if born is None:
        return
    if born > timezone.localdate():
        raise CaseFileError("child", [Problem(f"child {child_id}", "date_of_birth", "the date of birth must be today or in the past")])
    if born.year < EARLIEST_YEAR:
        raise CaseFileError("child", [Problem(f"child {child_id}", "date_of_birth",
                                              f"the year must be {EARLIEST_YEAR} or later: check the year")])


def add_child(case: Case, actor: Any, name: str, date_of_birth: date | str | None = None, *,
              child_id: str | None = None, extra: dict[str, Any] | None = None) -> ChildRecord:
    _require(actor, case, policy.EDIT_CASE)
    existing = set(ChildRecord.all_objects.filter(case=case).values_list("child_id", flat=True))
    child_id = child_id or _next_id(existing, "c")
    data = _jsonable(_without_empty({"id": child_id, "name": (name or "").strip() or None, "date_of_birth": date_of_birth, **(extra or {})}))
    _check_date_of_birth(child_id, data.get("date_of_birth"))
    current = [c.data for c in case.children.all()]
    _validate(case, children=[*current, data])
    return _store_child(case, actor, data)


def _store_child(case: Case, actor: Any, data: dict[str, Any]) -> ChildRecord:
    return _store_record(case, actor, ChildRecord(case=case, child_id=data["id"]), case.children, data)


def add_person(case: Case, actor: Any, name: str, role: str, parental_responsibility: bool | dict[str, bool] | None = False,
               children: list[str] | None = None, *, person_id: str | None = None,
               extra: dict[str, Any] | None = None) -> PersonRecord:
    _require(actor, case, policy.EDIT_CASE)
    existing = set(PersonRecord.all_objects.filter(case=case).values_list("person_id", flat=True))
    person_id = person_id or _next_id(existing, "p")
    data = _jsonable(_without_empty({
        "id": person_id, "name": (name or "").strip() or None, "role": (role or "").strip() or None,
        "parental_responsibility": parental_responsibility, "children": children, **(extra or {}),
    }))
    current = [p.data for p in case.people.all()]
    _validate(case, people=[*current, data])
    return _store_person(case, actor, data)


def _store_person(case: Case, actor: Any, data: dict[str, Any]) -> PersonRecord:
    return _store_record(case, actor, PersonRecord(case=case, person_id=data["id"]), case.people, data)


def _store_record(case: Case, actor: Any, row: Row, rows: Any, data: dict[str, Any]) -> Row:
    """A new child or person, sealed, placed after the others in ``rows``, and in the ledger."""
    kind = row._aad_kind
    with transaction.atomic():
        row.position = (rows.aggregate(m=Max("position"))["m"] or 0) + 1
        row.content_sha256 = chain.content_hash(data)
        row.content_sealed = case.seal(data, f"{kind}:{data['id']}")
        row.save()
        record(action=f"{kind}_added", case=str(case.public_id), actor_id=_actor_id(actor), actor_role=_role(actor, case),
               content_sha256=row.content_sha256, objects={kind: data["id"]}, subjects=records_for((kind, row)))
    return row


# --- events ---------------------------------------------------------------------------------

def record_event(case: Case, actor: Any, data: dict[str, Any]) -> Event:
    """Record a new event (a case-format event dict). Raises CaseFileError listing every problem."""
    _require(actor, case, policy.EDIT_CASE)
    if not isinstance(data, dict):
        raise CaseFileError("event", [Problem("event", "", "an event is a JSON object")])
    data = _jsonable(_without_empty(dict(data)))
    existing = set(Event.objects.filter(case=case).values_list("event_id", flat=True))
    if not data.get("id"):
        data["id"] = _next_id(existing, "e")
    elif data["id"] in existing:
        raise CaseFileError("event", [Problem(f"event {data['id']}", "id", "this id is used by another event in the case")])
    data = {"id": data.pop("id"), **data}
    _validate(case, events={data["id"]: data})
    with transaction.atomic():
        position = (Event.objects.filter(case=case).aggregate(m=Max("position"))["m"] or 0) + 1
        event = Event.objects.create(case=case, event_id=data["id"], position=position)
        _new_version(case, event, actor, data, number=1, reason=None, action="event_recorded")
    return event


def correct_event(case: Case, actor: Any, event_id: str, data: dict[str, Any], reason: str) -> Event:
    """A correction is a new version saying what changed and why; the old versions stay."""
    _require(actor, case, policy.EDIT_CASE)
    event = Event.objects.filter(case=case, event_id=event_id).select_related("current").first()
    if event is None:
        raise CaseFileError("event", [Problem(f"event {event_id}", "", "there is no such event in this case")])
    data = _jsonable(_without_empty(dict(data)))
    problems = []
    if data.get("id", event_id) != event_id:
        problems.append(Problem(f"event {event_id}", "id", "a correction cannot change an event's id"))
    data = {"id": event_id, **{k: v for k, v in data.items() if k != "id"}}
    if not (reason or "").strip():
        problems.append(Problem(f"event {event_id}", "reason", "say what was wrong and why you are correcting it"))
    if event.current and data == event.current.data:
        problems.append(Problem(f"event {event_id}", "", "this correction changes nothing"))
    if problems:
        raise CaseFileError("correction", problems)
    _validate(case, events={event_id: data})
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        number = (locked.versions.aggregate(m=Max("number"))["m"] or 0) + 1
        _new_version(case, locked, actor, data, number=number, reason=reason.strip(), action="event_corrected")
    return locked


def _new_version(case: Case, event: Event, actor: Any, data: dict[str, Any], *, number: int,
                 reason: str | None, action: str) -> EventVersion:
    digest = chain.content_hash(data)
    # The version carries its entry's own time, so verify can hold one against the other.
    now = timezone.now()
    version = EventVersion(event=event, number=number, content_sha256=digest, created_by=actor, created_at=now,
                           entered_after_fact=chain.entered_after_fact(_event_day(data), now.astimezone(UK)))
    version.content_sealed = case.seal(data, version._aad("content"))
    if reason:
        version.reason_sealed = case.seal(reason, version._aad("reason"))
    subjects = records_for(("version", version), *([("event", event)] if number == 1 else []))
    entry = record(action=action, case=str(case.public_id), actor_id=_actor_id(actor), actor_role=_role(actor, case),
                   content_sha256=digest, event_at=_event_day(data), at=now,
                   objects={"event": event.event_id, "version": number}, subjects=subjects)
    version.ledger_seq = entry.seq
    version.save()
    # Event.current is a pointer, not the record: verify checks it names the latest version.
    Event.objects.filter(pk=event.pk).update(current=version)
    event.current = version
    return version


def event_history(event: Event) -> list[EventVersion]:
    return list(event.versions.select_related("event__case", "created_by").order_by("number"))


def case_events(case: Case) -> list[Event]:
    """The case's events sorted by when they happened (then by when they were recorded)."""
    events = list(Event.objects.filter(case=case).select_related("current"))
    for e in events:
        e.case = case  # share one Case (and its unwrapped key) across the list
    return sorted(events, key=lambda e: (str(e.at), e.position))


def _copy_json(value: Any) -> Any:
    """A copy of JSON-shaped data (dicts, lists, scalars): several times faster than deepcopy."""
    if isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_json(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class EventSnapshot:
    """An event's latest version as read for display and for the law core: no row, no key.

    ``content`` is shared by every request that reads the same state of the case: read it, never
    change it. ``data`` is a private copy, as ``Event.data`` gives."""

    event_id: str
    position: int
    version_count: int
    content: dict[str, Any]

    @property
    def data(self) -> dict[str, Any]:
        return _copy_json(self.content)

    @property
    def kind(self) -> str:
        return self.content.get("kind", "")

    @property
    def at(self) -> str:
        return self.content.get("at", "")


@dataclass(frozen=True, slots=True)
class CaseSnapshot:
    """Every event of one state of a case, decrypted once: as recorded, and as the chronology sorts them."""

    head: str  # the case's ledger head this was read at
    recorded: tuple[EventSnapshot, ...]
    chronological: tuple[EventSnapshot, ...]


_snapshots: HeadCache[CaseSnapshot] = HeadCache(size=32)


def case_snapshot(case: Case) -> CaseSnapshot:
    """The case's events, decrypted once per state of the case (its ledger head) and process.

    A 1,000-event case took about 160 ms to load, build a model object per row and decrypt every
    time the case page was shown; the case page, the engine's report and validation on every write
    all read the same events. An erased case has no events to show."""
    head = case_head(str(case.public_id))
    if case.is_erased:
        return CaseSnapshot(head, (), ())
    return _snapshots.get_or_build((case.pk, head), lambda: _read_snapshot(case, head))


def _read_snapshot(case: Case, head: str) -> CaseSnapshot:
    rows = EventVersion.objects.filter(event__case=case, event__current=F("pk")).order_by("event__position", "event__pk")
    recorded = []
    for event_id, position, number, sealed in rows.values_list("event__event_id", "event__position", "number",
                                                                "content_sealed"):
        content = case.unseal(sealed, f"event:{event_id}:v{number}:content")  # EventVersion._aad("content")
        recorded.append(EventSnapshot(event_id, position, number, content))
    chronological = sorted(recorded, key=lambda e: (str(e.at), e.position))
    return CaseSnapshot(head, tuple(recorded), tuple(chronological))


# --- documents ------------------------------------------------------------------------------

def attach_document(case: Case, actor: Any, event: Event | None, uploaded_file: Any) -> Document:
    from fairwitness.cases.documents import store_document

    _require(actor, case, policy.EDIT_CASE)
    if event is not None and event.case_id != case.pk:
        raise policy.PermissionDenied("event from another case")
    return store_document(case, actor, event, uploaded_file)


def read_document(document: Document, actor: Any) -> bytes:
    from fairwitness.cases.documents import open_document

    if not policy.can_view_document(actor, document):
        raise policy.PermissionDenied(policy.VIEW_DOCUMENT)
    return open_document(document)


# --- drafts of the "what happened?" journey -------------------------------------------------

def seal_draft(case: Case, key: str, fields: dict[str, list[str]]) -> str:
    """A half-finished event, sealed under the case's key for keeping in the session."""
    import base64

    return base64.b64encode(case.seal(fields, f"draft:{key}")).decode("ascii")


def open_draft(case: Case, key: str, sealed: str) -> dict[str, list[str]] | None:
    """The draft, or None when it cannot be read (the case was erased, or it is not this draft)."""
    import base64
    import binascii

    if case.is_erased:
        return None
    try:
        opened = case.unseal(base64.b64decode(sealed.encode("ascii"), validate=True), f"draft:{key}")
    except (binascii.Error, ValueError, crypto.ContentUnavailable):
        return None
    return opened if isinstance(opened, dict) else None


# --- sharing --------------------------------------------------------------------------------

def invite_member(case: Case, actor: Any, email: str, role: str = "member") -> Invitation:
    """Make an invitation bound to ``email``; the returned object's ``token`` is the secret for the
    email link. Only an account whose confirmed address is ``email`` can accept it, once, within
    ``INVITATION_DAYS``, unless the family withdraws it first."""
    _require(actor, case, policy.INVITE)
    email = (email or "").strip().lower()
    if "@" not in email:
        raise CaseFileError("invitation", [Problem("invitation", "email", "enter an email address, like name@example.com")])
    if role not in policy.ROLE_PERMISSIONS or role == "owner":
        raise CaseFileError("invitation", [Problem("invitation", "role", "choose family member or advocate")])
    if Membership.objects.filter(case=case, user__email__iexact=email).exists():
        raise CaseFileError("invitation", [Problem("invitation", "email", "this person can already see the case")])
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            case=case, email=email, role=role, token_hash=hashlib.sha256(token.encode()).hexdigest(),
            invited_by=actor, expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        append(action="invitation_created", case=str(case.public_id), actor_id=_actor_id(actor),
               actor_role=_role(actor, case),
               objects={"invitation": invitation.pk, "role": role})
    invitation.token = token
    return invitation


def _invitation_by_token(token: str, *, lock: bool = False) -> Invitation | None:
    digest = hashlib.sha256((token or "").encode()).hexdigest()
    rows = Invitation.objects.select_related("case")
    if lock:
        rows = rows.select_for_update()
    return rows.filter(token_hash=digest).first()


def check_invitation(token: str, user: Any) -> Invitation:
    """The invitation ``user`` may accept with ``token``, or ``InvitationError`` saying why not.

    A wrong account is told only that the invitation was sent to another address, never which."""
    invitation = _invitation_by_token(token)
    _check_invitation(invitation, user)
    assert invitation is not None
    return invitation


def _check_invitation(invitation: Invitation | None, user: Any) -> None:
    now = timezone.now()
    if invitation is None or invitation.case.is_erased:
        raise InvitationError("This invitation link is not valid.")
    status = invitation.status(now)
    if status == "accepted":
        raise InvitationError("This invitation has been used already.")
    if status == "revoked":
        raise InvitationError("This invitation was withdrawn by the family who sent it.")
    if status == "expired":
        raise InvitationError("This invitation has expired. Ask for a new one.")
    if (getattr(user, "email", "") or "").lower() != invitation.email:
        raise InvitationError("This invitation was sent to a different email address. Sign in with the account "
                              "for the address it was sent to, or ask the family to invite this address.",
                              wrong_account=True)
    if not getattr(user, "email_verified", False):
        raise InvitationError("Confirm your email address first: we will send a link to it.", needs_verification=True)


def accept_invitation(token: str, user: Any) -> Membership:
    with transaction.atomic():
        invitation = _invitation_by_token(token, lock=True)
        _check_invitation(invitation, user)
        assert invitation is not None
        membership, created = Membership.objects.get_or_create(case=invitation.case, user=user, defaults={"role": invitation.role})
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        policy.forget_roles(user)
        if created:
            record(action="member_added", case=str(invitation.case.public_id), actor_id=_actor_id(user),
                   actor_role=membership.role, objects={"invitation": invitation.pk, "user": user.pk, "role": membership.role},
                   subjects=records_for(("membership", membership)))
    return membership


def remove_member(case: Case, actor: Any, membership_id: int) -> Membership:
    """Take away someone's access to the case. The ledger records who did it and whose access it was.
    The case always keeps an owner: the last one cannot be removed."""
    _require(actor, case, policy.INVITE)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(case=case, pk=membership_id).first()
        if membership is None:
            raise CaseFileError("access", [Problem("access", "", "this person does not have access to the case")])
        if membership.role == "owner" and not Membership.objects.filter(case=case, role="owner").exclude(pk=membership.pk).exists():
            raise CaseFileError("access", [Problem("access", "", "the case must keep an owner: you cannot remove the last one")])
        user = membership.user
        gone = record_key("membership", membership)
        membership.delete()
        record(action="member_removed", case=str(case.public_id), actor_id=_actor_id(actor),
               actor_role=_role(actor, case), objects={"user": user.pk, "role": membership.role},
               subjects={}, removed=[gone])
    policy.forget_roles(user)
    policy.forget_roles(actor)
    return membership


@dataclass(frozen=True, slots=True)
class InvitationRow:
    """One invitation as the family's access page lists it."""

    id: int
    email: str
    role: str
    role_label: str
    status: str
    status_label: str
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None
    can_revoke: bool


def list_invitations(case: Case, actor: Any) -> list[InvitationRow]:
    """Every invitation the case has sent, newest first, with its status (for the access page)."""
    from fairwitness.cases.models import INVITATION_STATUSES, ROLE_CHOICES

    _require(actor, case, policy.INVITE)
    now = timezone.now()
    labels = dict(ROLE_CHOICES)
    rows = []
    for inv in case.invitations.order_by("-created_at", "-pk"):
        status = inv.status(now)
        rows.append(InvitationRow(inv.pk, inv.email, inv.role, labels.get(inv.role, inv.role), status,
                                  INVITATION_STATUSES[status], inv.created_at, inv.expires_at, inv.accepted_at,
                                  inv.revoked_at, status == "pending"))
    return rows


def revoke_invitation(case: Case, actor: Any, invitation_id: int | str) -> Invitation:
    """Withdraw an invitation that has not been accepted: its link stops working at once."""
    _require(actor, case, policy.INVITE)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(case=case, pk=invitation_id).first()
        if invitation is None:
            raise InvitationError("There is no such invitation for this case.")
        if invitation.status(timezone.now()) != "pending":
            raise InvitationError("Only an invitation still waiting to be accepted can be withdrawn.")
        invitation.revoked_at = timezone.now()
        invitation.revoked_by = actor
        invitation.save(update_fields=["revoked_at", "revoked_by"])
        append(action="invitation_revoked", case=str(case.public_id), actor_id=_actor_id(actor),
               actor_role=_role(actor, case), objects={"invitation": invitation.pk})
    return invitation


# --- import, export, erasure ----------------------------------------------------------------

def import_case(owner: Any, data: dict[str, Any], *, title: str | None = None) -> Case:
    """Store a whole case file as a new case owned by ``owner``. Nothing is stored if it is invalid."""
    from fairwitness.cases.importexport import import_case as _import

    return _import(owner, data, title=title)


def import_case_file(owner: Any, raw: bytes, *, title: str | None = None) -> Case:
    """Import an uploaded case file's bytes: the text checked (size, UTF-8, depth, control
    characters) before it is parsed, every problem a CaseFileError."""
    from fairwitness.cases.importexport import import_case_file as _import_file

    return _import_file(owner, raw, title=title)


def export_case(case: Case, actor: Any) -> dict[str, Any]:
    from fairwitness.cases.importexport import export_case as _export

    _require(actor, case, policy.EXPORT_CASE)
    return _export(case)


ERASURE_COOLING_OFF_DAYS = 14


class ErasureError(Exception):
    """An erasure request that cannot be made or cancelled as asked (the message says why)."""


def _normalised(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def request_erasure(case: Case, actor: Any, confirmation: str, *, now: datetime | None = None) -> Case:
    """The family asks for the case to be deleted for good. ``confirmation`` must be the case's name
    as typed by them. Nothing is destroyed until the cooling-off period ends; they can cancel until then."""
    _require(actor, case, policy.ERASE_CASE)
    if _normalised(confirmation) != _normalised(case.title):
        raise CaseFileError("erasure", [Problem("erasure", "confirmation",
                                                "type the name of the case exactly as it is shown")])
    now = now or timezone.now()
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.erasure_due_at is not None:
            raise ErasureError("This case is already waiting to be deleted.")
        locked.erasure_requested_at = now
        locked.erasure_due_at = now + timedelta(days=ERASURE_COOLING_OFF_DAYS)
        locked.erasure_requested_by = actor
        locked.save(update_fields=["erasure_requested_at", "erasure_due_at", "erasure_requested_by"])
        append(action="erasure_requested", case=str(case.public_id), actor_id=_actor_id(actor),
               actor_role=_role(actor, case), objects={"due": locked.erasure_due_at.isoformat()})
    case.erasure_requested_at, case.erasure_due_at = locked.erasure_requested_at, locked.erasure_due_at
    case.erasure_requested_by = actor
    return case


def cancel_erasure(case: Case, actor: Any) -> Case:
    """Keep the case after all, any time before the cooling-off period ends."""
    _require(actor, case, policy.ERASE_CASE)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.erasure_due_at is None:
            raise ErasureError("This case is not waiting to be deleted.")
        locked.erasure_requested_at = locked.erasure_due_at = locked.erasure_requested_by = None
        locked.save(update_fields=["erasure_requested_at", "erasure_due_at", "erasure_requested_by"])
        append(action="erasure_cancelled", case=str(case.public_id), actor_id=_actor_id(actor),
               actor_role=_role(actor, case))
    case.erasure_requested_at = case.erasure_due_at = case.erasure_requested_by = None
    return case


def erase_case(case: Case, actor: Any) -> None:
    """Crypto-shred at once (the owner, or tests). Families go through ``request_erasure``."""
    _require(actor, case, policy.ERASE_CASE)
    _erase(case, actor_id=_actor_id(actor), actor_role="owner", reason="owner")


def carry_out_due_erasures(now: datetime | None = None) -> list[str]:
    """Erase every case whose cooling-off period has ended (``fairwitness erase-due``, the worker).
    Returns the public ids erased."""
    now = now or timezone.now()
    erased = []
    for case in Case.objects.filter(erasure_due_at__lte=now, erased_at__isnull=True):
        _erase(case, actor_id=None, actor_role="system", reason="family_request")
        erased.append(str(case.public_id))
    return erased


def _erase(case: Case, *, actor_id: int | None, actor_role: str, reason: str) -> None:
    """Destroy the case's key, its encrypted files and any waiting invitations. The ledger keeps its
    hashes and gains a ``case_erased`` entry (no content), so the chain still verifies; after commit
    the database files are cleared of the old key (cases/shredding.py)."""
    from fairwitness.cases.documents import remove_blobs
    from fairwitness.cases.shredding import shred_free_space

    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.erased_at is not None:
            return
        requested_at = locked.erasure_requested_at
        locked.wrapped_key = None
        locked.erased_at = timezone.now()
        locked.erasure_due_at = None
        locked.save(update_fields=["wrapped_key", "erased_at", "erasure_due_at"])
        Invitation.objects.filter(case=case, accepted_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=locked.erased_at)
        # The addresses the family invited are theirs to erase too (the accounts that joined stay).
        Invitation.objects.filter(case=case).update(email="")
        append(action="case_erased", case=str(case.public_id), actor_id=actor_id, actor_role=actor_role,
               objects={"reason": reason, "requested_at": requested_at.isoformat() if requested_at else None})
        transaction.on_commit(shred_free_space)
    case.wrapped_key, case.erased_at, case.erasure_due_at = None, locked.erased_at, None
    remove_blobs(case)
    crypto.forget_cached_keys()
    forget_case(case.pk)  # no decrypted events or reports of this case stay in memory
    case.__dict__.pop("_header_cache", None)


def ledger_status(case: Case) -> tuple[bool, datetime]:
    """Whether this case's ledger entries and stored content agree, and when that was checked."""
    from fairwitness.cases.integrity import case_status

    return case_status(case)
