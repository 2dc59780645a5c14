"""Whole-database verification: the chain and its signed checkpoints, then every case in both
directions: every stored row against the record the ledger holds for it (``fairwitness.ledger.records``),
and every row the ledger recorded against what is stored, content included. Used by
``fairwitness verify`` and (per case) by the case page.

The record builders below say which fields of each kind of row carry meaning. A new kind of row,
or a new way of changing one, calls ``fairwitness.ledger.records.record`` with the builder's output.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from fairwitness import crypto
from fairwitness.cases.models import Case, ChildRecord, Document, Event, EventVersion, PersonRecord
from fairwitness.ledger import chain
from fairwitness.ledger.models import LedgerEntry
from fairwitness.ledger.records import differences, records_of, removed_of, sealed, when
from fairwitness.ledger.records import record as record_rows
from fairwitness.ledger.store import case_head, verify_stored

# An entry with one of these actions explains why a case's rows are gone or no longer match.
ERASURE_ACTIONS = frozenset({"case_erased"})
ATTEST_ACTION = "records_attested"


# --- what each kind of row must keep -----------------------------------------------------------

def case_record(case: Any) -> dict[str, Any]:
    return {"created_by": case.created_by_id, "created_at": when(case.created_at),
            "local_authority": case.local_authority_id, "title": sealed(case.title_sealed),
            "header": sealed(case.header_sealed)}


def membership_record(membership: Any) -> dict[str, Any]:
    return {"user": membership.user_id, "role": membership.role, "created_at": when(membership.created_at)}


def event_record(event: Any) -> dict[str, Any]:
    """An event's place in the order it was recorded (its content lives in its versions)."""
    return {"position": event.position, "created_at": when(event.created_at)}


def version_record(version: Any) -> dict[str, Any]:
    return {"content_sha256": version.content_sha256, "created_by": version.created_by_id,
            "created_at": when(version.created_at), "entered_after_fact": bool(version.entered_after_fact),
            "reason": sealed(version.reason_sealed)}


def sealed_record(record: Any) -> dict[str, Any]:
    """A child or a person."""
    return {"content_sha256": record.content_sha256, "position": record.position,
            "created_at": when(record.created_at), "content": sealed(record.content_sealed)}


def document_record(document: Any) -> dict[str, Any]:
    return {"event": document.event.event_id if document.event_id else None, "content_type": document.content_type,
            "size": document.size, "sha256": document.sha256, "filename": sealed(document.filename_sealed),
            "blob_path": document.blob_path, "created_by": document.created_by_id,
            "created_at": when(document.created_at)}


def concern_record(concern: Any) -> dict[str, Any]:
    """A family's consent to the oversight body: what is shared, by whom, and whether withdrawn."""
    return {"scope": concern.scope, "events": list(concern.shared_event_ids or []),
            "documents": sorted(str(d) for d in concern.shared_documents.values_list("public_id", flat=True)),
            "urgency": concern.urgency, "shared_by": concern.shared_by_id, "received_at": when(concern.received_at),
            "withdrawn_at": when(concern.withdrawn_at), "withdrawn_by": concern.withdrawn_by_id}


def record_key(kind: str, row: Any) -> str:
    if kind == "case":
        return "case"
    if kind == "membership":
        return f"membership:{row.user_id}"
    if kind == "event":
        return f"event:{row.event_id}"
    if kind == "version":
        return f"version:{row.event.event_id}:{row.number}"
    if kind == "child":
        return f"child:{row.child_id}"
    if kind == "person":
        return f"person:{row.person_id}"
    if kind in ("document", "concern"):
        return f"{kind}:{row.public_id}"
    raise ValueError(kind)


def _default_model(name: str) -> Any:
    from django.apps import apps

    return apps.get_model(name)


# kind -> (model label, the filter to the case's rows, builder)
RECORD_KINDS: dict[str, tuple[str, str, Callable[[Any], dict[str, Any]]]] = {
    "membership": ("cases.Membership", "case", membership_record),
    "event": ("cases.Event", "case", event_record),
    "version": ("cases.EventVersion", "event__case", version_record),
    "child": ("cases.ChildRecord", "case", sealed_record),
    "person": ("cases.PersonRecord", "case", sealed_record),
    "document": ("cases.Document", "case", document_record),
    "concern": ("oversight.Concern", "case", concern_record),
}

_BUILDERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "case": case_record, **{kind: build for kind, (_label, _field, build) in RECORD_KINDS.items()}}


def current_records(case: Any, model: Callable[[str], Any] = _default_model) -> dict[str, dict[str, Any]]:
    """Every row of the case as a record, by key. ``model`` finds the model class (migrations pass
    their historical models, so this works on any schema since records began)."""
    found = {"case": case_record(case)}
    for kind, (label, case_field, build) in RECORD_KINDS.items():
        # The base manager: a removed child or person is hidden from `objects`, not from the record.
        rows = model(label)._base_manager.filter(**{case_field: case})
        if kind in ("version", "document"):
            rows = rows.select_related("event")
        for row in rows:
            found[record_key(kind, row)] = build(row)
    return found


def records_for(*rows: tuple[str, Any]) -> dict[str, dict[str, Any]]:
    """Records for the given (kind, row) pairs, ready for ``ledger.records.record(subjects=...)``."""
    return {record_key(kind, row): _BUILDERS[kind](row) for kind, row in rows}


def attest_case(case: Any, *, reason: str, model: Callable[[str], Any] = _default_model) -> int | None:
    """Record, in one ledger entry, the rows of a case that no entry records yet (data written before
    records existed). Returns the entry's seq, or None when every row was already recorded."""
    recorded: set[str] = set()
    for body in LedgerEntry.objects.filter(case=str(case.public_id)).values_list("body", flat=True):
        recorded.update(records_of(json.loads(body)))
    missing = {k: v for k, v in current_records(case, model).items() if k not in recorded}
    if not missing:
        return None
    entry = record_rows(action=ATTEST_ACTION, case=str(case.public_id), subjects=missing, objects={"reason": reason})
    return int(entry.seq)


@dataclass
class IntegrityReport:
    ok: bool
    entries: int = 0
    problems: list[str] = field(default_factory=list)
    first_bad_entry: int | None = None

    def __bool__(self) -> bool:
        return self.ok


def _entries(case_id: str | None = None) -> dict[int, dict[str, Any]]:
    qs = LedgerEntry.objects.all() if case_id is None else LedgerEntry.objects.filter(case=case_id)
    return {seq: json.loads(body) for seq, body in qs.values_list("seq", "body")}


def check_contents(cases: Any = None) -> tuple[list[str], int | None]:
    """Every case, both ways: its rows against the ledger's records, its content against the
    hashes the ledger recorded, and every case the ledger knows of against the stored cases."""
    problems: list[str] = []
    bad: list[int] = []
    case_list = list(cases) if cases is not None else list(Case.objects.all())
    for case in case_list:
        entries = _entries(str(case.public_id))
        problems_before = len(problems)
        _check_records(str(case.public_id), case, entries, problems, bad)
        _check_case(case, entries, problems, bad)
        if len(problems) > problems_before and not bad:
            bad.append(min(entries) if entries else 0)
    if cases is None:
        stored = {str(c.public_id) for c in case_list}
        ledgered = set(LedgerEntry.objects.exclude(case="").values_list("case", flat=True).distinct())
        for missing in sorted(ledgered - stored):
            _check_records(missing, None, _entries(missing), problems, bad)
    return problems, (min(bad) if bad else None)


def _check_records(case_id: str, case: Case | None, entries: dict[int, dict[str, Any]],
                   problems: list[str], bad: list[int]) -> None:
    """Both directions: every stored row has a record that matches it field by field, and every
    recorded row is still stored, unless a later entry removed it or an erasure entry explains it."""
    label = f"case {case_id}"
    expected: dict[str, tuple[dict[str, Any], int]] = {}
    erased_in: int | None = None
    for seq in sorted(entries):
        entry = entries[seq]
        for key, value in records_of(entry).items():
            expected[key] = (dict(value) if isinstance(value, dict) else {}, seq)
        for key in removed_of(entry):
            expected.pop(key, None)
        if entry.get("action") in ERASURE_ACTIONS:
            erased_in = seq
    if case is None:
        if erased_in is None and entries:
            first, last = min(entries), max(entries)
            problems.append(f"{label}: the ledger recorded it in entries {first} to {last} but it is not stored: "
                            "it was deleted outside the ledger")
            bad.append(first)
        return
    if erased_in is not None:
        return  # erasure destroyed or blanked what the records describe; the chain still verifies
    for key, actual in current_records(case).items():
        found = expected.pop(key, None)
        if found is None:
            problems.append(f"{label}: {key} is stored but no ledger entry records it: it was added outside the ledger")
            bad.append(max(entries) if entries else 0)
            continue
        record, seq = found
        changed = differences(record, actual)
        if changed:
            problems.append(f"{label}: {key}: its {', '.join(changed)} differ from what ledger entry {seq} recorded")
            bad.append(seq)
    for key, (_record, seq) in expected.items():
        problems.append(f"{label}: {key} was recorded in ledger entry {seq} but is missing: it was deleted outside the ledger")
        bad.append(seq)


def _check_case(case: Case, entries: dict[int, dict[str, Any]], problems: list[str], bad: list[int]) -> None:
    label = f"case {case.public_id}"
    by_object: dict[tuple[str, Any], dict[str, Any]] = {}
    versions_by_seq: dict[int, dict[str, Any]] = {}
    for seq in sorted(entries):
        e = entries[seq]
        objects = e.get("objects") or {}
        if e["action"] in ("event_recorded", "event_corrected"):
            versions_by_seq[seq] = e
            by_object[("event", objects.get("event"))] = e
        elif e["action"] in ("child_added", "child_corrected", "child_removed"):
            by_object[("child", objects.get("child"))] = e  # the latest version is the one stored
        elif e["action"] in ("person_added", "person_corrected", "person_removed"):
            by_object[("person", objects.get("person"))] = e
        elif e["action"] == "document_attached":
            by_object[("document", objects.get("document"))] = e
    readable = not case.is_erased
    if readable:
        try:
            case.key()
        except crypto.ContentUnavailable:
            problems.append(f"{label}: its key cannot be opened")
            readable = False

    def mismatch(what: str, entry: dict[str, Any] | None, message: str) -> None:
        problems.append(f"{label}: {what}: {message}")
        if entry is not None:
            bad.append(entry["seq"])

    seen_versions: set[int] = set()
    latest: dict[int, tuple[int, int]] = {}  # event pk -> (number, version pk) of its newest version
    for version in EventVersion.objects.filter(event__case=case).select_related("event"):
        version.event.case = case
        if version.event_id not in latest or version.number > latest[version.event_id][0]:
            latest[version.event_id] = (version.number, version.pk)
        what = f"event {version.event.event_id} version {version.number}"
        entry = entries.get(version.ledger_seq) if version.ledger_seq is not None else None
        if entry is None or (entry.get("objects") or {}).get("event") != version.event.event_id \
                or (entry.get("objects") or {}).get("version") != version.number:
            mismatch(what, entry, "no ledger entry records it")
            continue
        seen_versions.add(entry["seq"])
        if version.content_sha256 != entry.get("content_sha256"):
            mismatch(what, entry, f"its fingerprint differs from ledger entry {entry['seq']}")
        elif readable:
            try:
                data = case.unseal(version.content_sealed, version._aad("content"))
            except crypto.ContentUnavailable:
                mismatch(what, entry, "its stored content was changed (it no longer opens)")
                continue
            if chain.content_hash(data) != entry.get("content_sha256"):
                mismatch(what, entry, f"its content differs from what ledger entry {entry['seq']} recorded")
    for seq, entry in versions_by_seq.items():
        if seq not in seen_versions:
            mismatch(f"event {(entry.get('objects') or {}).get('event')}", entry, f"the version recorded in ledger entry {seq} is missing")
    for event in Event.objects.filter(case=case):
        if event.current_id != latest.get(event.pk, (0, None))[1]:
            mismatch(f"event {event.event_id}", by_object.get(("event", event.event_id)), "it does not show its latest version")

    for model, kind, id_field in ((ChildRecord, "child", "child_id"), (PersonRecord, "person", "person_id")):
        for record in model.all_objects.filter(case=case):  # removed ones too: they stay recorded
            ident = getattr(record, id_field)
            entry = by_object.pop((kind, ident), None)
            if entry is None:
                mismatch(f"{kind} {ident}", None, "no ledger entry records it")
                continue
            if record.content_sha256 != entry.get("content_sha256"):
                mismatch(f"{kind} {ident}", entry, f"its fingerprint differs from ledger entry {entry['seq']}")
            elif readable:
                try:
                    data = case.unseal(record.content_sealed, f"{kind}:{ident}")
                except crypto.ContentUnavailable:
                    mismatch(f"{kind} {ident}", entry, "its stored content was changed (it no longer opens)")
                    continue
                if chain.content_hash(data) != entry.get("content_sha256"):
                    mismatch(f"{kind} {ident}", entry, f"its content differs from what ledger entry {entry['seq']} recorded")
    for (kind, ident), entry in by_object.items():
        if kind in ("child", "person"):
            mismatch(f"{kind} {ident}", entry, f"recorded in ledger entry {entry['seq']} but missing")

    from fairwitness.cases.documents import open_document

    for document in Document.objects.filter(case=case):
        document.case = case
        what = f"document {document.public_id}"
        entry = by_object.pop(("document", str(document.public_id)), None)
        if entry is None:
            mismatch(what, None, "no ledger entry records it")
            continue
        if document.sha256 != entry.get("content_sha256"):
            mismatch(what, entry, f"its fingerprint differs from ledger entry {entry['seq']}")
        elif readable:
            try:
                data = open_document(document)
            except crypto.ContentUnavailable as exc:
                mismatch(what, entry, str(exc))
                continue
            if hashlib.sha256(data).hexdigest() != entry.get("content_sha256"):
                mismatch(what, entry, "its content differs from what the ledger recorded")
    for (kind, ident), entry in by_object.items():
        if kind == "document" and not case.is_erased:
            mismatch(f"document {ident}", entry, f"recorded in ledger entry {entry['seq']} but missing")


def verify_database(checkpoints: Sequence[str] = ()) -> IntegrityReport:
    """The whole chain (against the stored checkpoints and any ``checkpoints`` given: signed-note
    texts a family or a mirror kept), then all content. Records the run (its time shows on case pages)."""
    result = verify_stored(record=False, checkpoints=checkpoints)
    problems: list[str] = []
    first_bad: int | None = None
    if not result.ok:
        problems.append(result.reason)
        first_bad = result.first_bad_index
    content_problems, content_bad = check_contents()
    problems.extend(content_problems)
    if first_bad is None:
        first_bad = content_bad
    elif content_bad is not None:
        first_bad = min(first_bad, content_bad)
    ok = not problems
    from fairwitness.ledger.models import VerificationRun

    VerificationRun.objects.create(ok=ok, entries=result.count, first_bad_seq=first_bad, reason="\n".join(problems)[:10000])
    return IntegrityReport(ok, result.count, problems, first_bad)


_case_cache: dict[int, tuple[str, bool, datetime]] = {}


def case_status(case: Case) -> tuple[bool, datetime]:
    """This case's own chain and content, checked again whenever its ledger head moves."""
    head_hash = case_head(str(case.public_id))
    cached = _case_cache.get(case.pk)
    if cached and cached[0] == head_hash:
        return cached[1], cached[2]
    entries = [json.loads(b) for b in LedgerEntry.objects.filter(case=str(case.public_id)).order_by("seq").values_list("body", flat=True)]
    ok = chain.verify_case_chain(entries).ok
    if ok:
        problems, _ = check_contents([case])
        ok = not problems
    at = timezone.now()
    _case_cache[case.pk] = (head_hash, ok, at)
    return ok, at
