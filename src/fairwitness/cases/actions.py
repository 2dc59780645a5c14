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
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from fairwitness import crypto
from fairwitness.cases import policy
from fairwitness.cases.headcache import HeadCache, forget_case
from fairwitness.cases.integrity import records_for
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
)
from fairwitness.law.caseformat import FORMAT_ID, CaseFileError, Problem, parse_case
from fairwitness.ledger import chain
from fairwitness.ledger.records import record
from fairwitness.ledger.store import UK, append, case_head

INVITATION_DAYS = 14
CASE_FILE_PARTS = ("children", "people", "events")


class InvitationError(Exception):
    """The invitation link is unknown, used already, or expired."""


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


def update_case(case: Case, actor: Any, *, title: str | None = None, local_authority: Any = ...) -> Case:
    """Rename the case or change its local authority."""
    _require(actor, case, policy.MANAGE_CASE)
    with transaction.atomic():
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
        case.save()
        record(action="case_updated", case=str(case.public_id), actor_id=_actor_id(actor), actor_role=_role(actor, case),
               content_sha256=chain.content_hash(header), objects=objects, subjects=records_for(("case", case)))
    return case


# --- children and people --------------------------------------------------------------------

def _next_id(existing: set[str], prefix: str) -> str:
    n = len(existing) + 1
    while f"{prefix}{n}" in existing:
        n += 1
    return f"{prefix}{n}"


def add_child(case: Case, actor: Any, name: str, date_of_birth: date | str | None = None, *,
              child_id: str | None = None, extra: dict[str, Any] | None = None) -> ChildRecord:
    _require(actor, case, policy.EDIT_CASE)
    existing = set(case.children.values_list("child_id", flat=True))
    child_id = child_id or _next_id(existing, "c")
    data = _jsonable(_without_empty({"id": child_id, "name": (name or "").strip() or None, "date_of_birth": date_of_birth, **(extra or {})}))
    current = [c.data for c in case.children.all()]
    _validate(case, children=[*current, data])
    return _store_child(case, actor, data)


def _store_child(case: Case, actor: Any, data: dict[str, Any]) -> ChildRecord:
    with transaction.atomic():
        position = (case.children.aggregate(m=Max("position"))["m"] or 0) + 1
        child = ChildRecord(case=case, child_id=data["id"], position=position, content_sha256=chain.content_hash(data))
        child.content_sealed = case.seal(data, f"child:{data['id']}")
        child.save()
        record(action="child_added", case=str(case.public_id), actor_id=_actor_id(actor), actor_role=_role(actor, case),
               content_sha256=child.content_sha256, objects={"child": data["id"]}, subjects=records_for(("child", child)))
    return child


def add_person(case: Case, actor: Any, name: str, role: str, parental_responsibility: bool | dict[str, bool] = False,
               children: list[str] | None = None, *, person_id: str | None = None,
               extra: dict[str, Any] | None = None) -> PersonRecord:
    _require(actor, case, policy.EDIT_CASE)
    existing = set(case.people.values_list("person_id", flat=True))
    person_id = person_id or _next_id(existing, "p")
    data = _jsonable(_without_empty({
        "id": person_id, "name": (name or "").strip() or None, "role": (role or "").strip() or None,
        "parental_responsibility": parental_responsibility, "children": children, **(extra or {}),
    }))
    current = [p.data for p in case.people.all()]
    _validate(case, people=[*current, data])
    return _store_person(case, actor, data)


def _store_person(case: Case, actor: Any, data: dict[str, Any]) -> PersonRecord:
    with transaction.atomic():
        position = (case.people.aggregate(m=Max("position"))["m"] or 0) + 1
        person = PersonRecord(case=case, person_id=data["id"], position=position, content_sha256=chain.content_hash(data))
        person.content_sealed = case.seal(data, f"person:{data['id']}")
        person.save()
        record(action="person_added", case=str(case.public_id), actor_id=_actor_id(actor), actor_role=_role(actor, case),
               content_sha256=person.content_sha256, objects={"person": data["id"]}, subjects=records_for(("person", person)))
    return person


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


# --- sharing --------------------------------------------------------------------------------

def invite_member(case: Case, actor: Any, email: str, role: str = "member") -> Invitation:
    """Make an invitation; the returned object's ``token`` is the secret for the email link."""
    _require(actor, case, policy.INVITE)
    email = (email or "").strip().lower()
    if "@" not in email:
        raise CaseFileError("invitation", [Problem("invitation", "email", "enter an email address, like name@example.com")])
    if role not in policy.ROLE_PERMISSIONS or role == "owner":
        raise CaseFileError("invitation", [Problem("invitation", "role", "choose family member or advocate")])
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            case=case, email=email, role=role, token_hash=hashlib.sha256(token.encode()).hexdigest(),
            invited_by=actor, expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        append(action="invitation_created", case=str(case.public_id), actor_id=_actor_id(actor),
               actor_role=_role(actor, case), objects={"invitation": invitation.pk, "role": role})
    invitation.token = token
    return invitation


def accept_invitation(token: str, user: Any) -> Membership:
    digest = hashlib.sha256((token or "").encode()).hexdigest()
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("case").filter(token_hash=digest).first()
        if invitation is None or invitation.case.is_erased:
            raise InvitationError("This invitation link is not valid.")
        if invitation.accepted_at is not None:
            raise InvitationError("This invitation has been used already.")
        if invitation.expires_at < timezone.now():
            raise InvitationError("This invitation has expired. Ask for a new one.")
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


# --- import, export, erasure ----------------------------------------------------------------

def import_case(owner: Any, data: dict[str, Any], *, title: str | None = None) -> Case:
    """Store a whole case file as a new case owned by ``owner``. Nothing is stored if it is invalid."""
    from fairwitness.cases.importexport import import_case as _import

    return _import(owner, data, title=title)


def export_case(case: Case, actor: Any) -> dict[str, Any]:
    from fairwitness.cases.importexport import export_case as _export

    _require(actor, case, policy.EXPORT_CASE)
    return _export(case)


def erase_case(case: Case, actor: Any) -> None:
    """Crypto-shred: destroy the case's key and its encrypted files. The ledger keeps its hashes."""
    from fairwitness.cases.documents import remove_blobs

    _require(actor, case, policy.ERASE_CASE)
    with transaction.atomic():
        case.wrapped_key = None
        case.erased_at = timezone.now()
        case.save(update_fields=["wrapped_key", "erased_at"])
        append(action="case_erased", case=str(case.public_id), actor_id=_actor_id(actor), actor_role="owner")
    remove_blobs(case)
    crypto.forget_cached_keys()
    forget_case(case.pk)  # no decrypted events or reports of this case stay in memory
    case.__dict__.pop("_header_cache", None)


def ledger_status(case: Case) -> tuple[bool, datetime]:
    """Whether this case's ledger entries and stored content agree, and when that was checked."""
    from fairwitness.cases.integrity import case_status

    return case_status(case)
