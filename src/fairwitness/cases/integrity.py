"""Whole-database verification: the chain, then every stored object against the hash the ledger
recorded for it. Used by ``fairwitness verify`` and (per case) by the case page."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from fairwitness import crypto
from fairwitness.cases.models import Case, ChildRecord, Document, Event, EventVersion, PersonRecord
from fairwitness.ledger import chain
from fairwitness.ledger.models import LedgerEntry
from fairwitness.ledger.store import case_head, verify_stored


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
    """Every event version, child, person and document against its ledger entry."""
    problems: list[str] = []
    bad: list[int] = []
    case_list = list(cases) if cases is not None else list(Case.objects.all())
    for case in case_list:
        entries = _entries(str(case.public_id))
        problems_before = len(problems)
        _check_case(case, entries, problems, bad)
        if len(problems) > problems_before and not bad:
            bad.append(min(entries) if entries else 0)
    return problems, (min(bad) if bad else None)


def _check_case(case: Case, entries: dict[int, dict[str, Any]], problems: list[str], bad: list[int]) -> None:
    label = f"case {case.public_id}"
    by_object: dict[tuple[str, str], dict[str, Any]] = {}
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


def verify_database() -> IntegrityReport:
    """The whole chain, then all content. Records the run (its time shows on case pages)."""
    result = verify_stored(record=False)
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
