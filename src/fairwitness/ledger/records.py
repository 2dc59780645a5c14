"""Records: what a ledger entry says a stored row looked like, so that verify can check every field
that carries meaning (who, when, order, scope, membership, titles, metadata), not only content.

A record is a small JSON object of a row's meaningful fields: plain values (ids, roles, positions,
times, flags) and, for sealed (encrypted) fields, the SHA-256 of the stored ciphertext (never the
words, and nothing that can be guessed back). Each record has a key naming its row inside the case,
such as ``"case"``, ``"membership:12"``, ``"event:e3"``, ``"version:e3:2"``, ``"child:c1"``,
``"document:<uuid>"``, ``"concern:<uuid>"``.

An entry carries the records of the rows its write created or changed under ``objects["records"]``
and, when a write removes rows for good, their keys under ``objects["removed"]``. ``verify`` reads
a case's entries in order, keeps the newest record of each key, and checks both directions: every
row has a record and matches it field by field, and every recorded row still exists (unless it was
removed, or an erasure entry explains it).

Any code that writes a row verify should cover calls ``record`` (and adds a builder for its kind of
row to ``fairwitness.cases.integrity.RECORD_KINDS``)::

    from fairwitness.ledger.records import record
    record(action="child_updated", case=str(case.public_id), actor_id=user.pk, actor_role="owner",
           subjects={f"child:{child.child_id}": child_record(child)}, content_sha256=child.content_sha256)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fairwitness.ledger.models import LedgerEntry
    from fairwitness.ledger.store import Append

RECORDS_KEY = "records"
REMOVED_KEY = "removed"


def sealed(blob: bytes | memoryview | None) -> str | None:
    """The fingerprint of a sealed (encrypted) column as stored."""
    return None if blob is None else hashlib.sha256(bytes(blob)).hexdigest()


def when(value: datetime | None) -> str | None:
    """A stored time as UTC ISO text, the same whichever database returned it."""
    return None if value is None else value.astimezone(UTC).isoformat()


def records_of(entry: Mapping[str, Any]) -> Mapping[str, Any]:
    objects = entry.get("objects")
    found = objects.get(RECORDS_KEY) if isinstance(objects, Mapping) else None
    return found if isinstance(found, Mapping) else {}


def removed_of(entry: Mapping[str, Any]) -> list[str]:
    objects = entry.get("objects")
    found = objects.get(REMOVED_KEY) if isinstance(objects, Mapping) else None
    return [k for k in found if isinstance(k, str)] if isinstance(found, list) else []


def differences(expected: Mapping[str, Any], actual: Mapping[str, Any]) -> list[str]:
    """The fields whose stored value differs from the record, by name."""
    return sorted(k for k in set(expected) | set(actual) if expected.get(k) != actual.get(k))


def recording(
    *,
    action: str,
    case: str,
    subjects: Mapping[str, Mapping[str, Any]],
    removed: Iterable[str] = (),
    actor_id: int | str | None = None,
    actor_role: str = "system",
    objects: Mapping[str, Any] | None = None,
    content_sha256: str | None = None,
    event_at: Any = None,
    at: datetime | None = None,
) -> Append:
    """The entry ``record`` appends, not yet appended: for ``record_many``."""
    from fairwitness.ledger.store import Append

    payload = dict(objects or {})
    payload[RECORDS_KEY] = {key: dict(value) for key, value in subjects.items()}
    gone = list(removed)
    if gone:
        payload[REMOVED_KEY] = gone
    return Append(action=action, case=case, actor_id=actor_id, actor_role=actor_role, objects=payload,
                  content_sha256=content_sha256, event_at=event_at, at=at)


def record(**fields: Any) -> LedgerEntry:
    """Append one ledger entry that carries the records of the rows a write created or changed:
    the entry ``recording(**fields)`` describes (same keyword arguments).

    Call it inside the write's transaction, after the rows are saved (their ``created_at`` set),
    with ``subjects`` built by the builders in ``fairwitness.cases.integrity``. Returns the entry.
    """
    return record_many([recording(**fields)])[0]


def record_many(recordings: Sequence[Append]) -> list[LedgerEntry]:
    """Append many entries built by ``recording``, in order, in one go (an import's rows): each is
    the entry ``record`` would have written, chained to the one before. Returns the entries."""
    from fairwitness.ledger.store import append_many

    return append_many(recordings)
