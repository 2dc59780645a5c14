"""A family's case as stored: everything the family wrote is encrypted under the case's own key.

Plain columns hold only what the system needs to find rows (ids, dates the row was made, sizes,
hashes). Names, notes, events, filenames and titles are ciphertext, opened through properties,
so destroying a case's wrapped key (``actions.erase_case``) leaves nothing readable.

Writes go through ``fairwitness.cases.actions`` only; every write is also a ledger entry.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from fairwitness import crypto
from fairwitness.law.dates import month_and_year
from fairwitness.ledger.models import AppendOnlyModel

ROLE_CHOICES = [("owner", "Owner"), ("member", "Family member"), ("advocate", "Advocate")]


class LocalAuthority(models.Model):
    """An English children's services authority, current or former (see cases/data/*.csv)."""

    ons_code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=120)
    official_name = models.CharField(max_length=160)
    type = models.CharField(max_length=40)
    region = models.CharField(max_length=60)
    dfe_la_code = models.CharField(max_length=3, blank=True)
    in_use_from = models.DateField(null=True, blank=True)
    in_use_to = models.DateField(null=True, blank=True)
    replaced_by = models.CharField(max_length=60, blank=True)  # ONS codes, ";"-separated

    class Meta:
        ordering = ["name", "-in_use_to"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.official_name if self.is_current else f"{self.official_name} (until {month_and_year(self.in_use_to)})"

    @property
    def is_current(self) -> bool:
        return self.in_use_to is None

    @property
    def replacements(self) -> list[str]:
        return [c for c in self.replaced_by.split(";") if c]


class Case(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title_sealed = models.BinaryField()
    header_sealed = models.BinaryField()  # the case file's top level other than children, people, events
    local_authority = models.ForeignKey(LocalAuthority, null=True, blank=True, on_delete=models.PROTECT, related_name="cases")
    wrapped_key = models.BinaryField(null=True)  # None once erased
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    erased_at = models.DateTimeField(null=True, blank=True)
    # Erasure the family asked for (issue 10): it happens when the cooling-off period ends, unless
    # they cancel first. Both null when no erasure is waiting.
    erasure_requested_at = models.DateTimeField(null=True, blank=True)
    erasure_due_at = models.DateTimeField(null=True, blank=True)
    erasure_requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"case {self.public_id}"

    # --- encryption helpers -------------------------------------------------------------
    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None or not self.wrapped_key

    def key(self) -> bytes:
        return crypto.unwrap_key(self.wrapped_key, case_label=str(self.public_id))

    def seal(self, value: Any, aad: str) -> bytes:
        return crypto.encrypt(self.key(), json.dumps(value, ensure_ascii=False).encode("utf-8"), f"{self.public_id}:{aad}")

    def unseal(self, blob: bytes | memoryview | None, aad: str) -> Any:
        if blob is None:
            return None
        return json.loads(crypto.decrypt(self.key(), bytes(blob), f"{self.public_id}:{aad}"))

    def seal_bytes(self, data: bytes, aad: str) -> bytes:
        return crypto.encrypt(self.key(), data, f"{self.public_id}:{aad}")

    def unseal_bytes(self, blob: bytes, aad: str) -> bytes:
        return crypto.decrypt(self.key(), blob, f"{self.public_id}:{aad}")

    # --- readable content ---------------------------------------------------------------
    @property
    def title(self) -> str:
        if self.is_erased:
            return "Erased case"
        return self.unseal(self.title_sealed, "title")

    @property
    def header(self) -> dict[str, Any]:
        if self.is_erased:
            return {}
        cached = self.__dict__.get("_header_cache")
        if cached is None:
            cached = self.__dict__["_header_cache"] = self.unseal(self.header_sealed, "header")
        return dict(cached)

    @property
    def local_authority_name(self) -> str | None:
        return self.header.get("local_authority") or (self.local_authority.official_name if self.local_authority else None)


class Membership(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="one_membership_per_user_and_case")]

    def __str__(self) -> str:
        return f"{self.user} is {self.role} of {self.case}"


class Invitation(models.Model):
    """An invitation to share a case, sent by email; the token is stored only as its hash."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=ROLE_CHOICES, default="member")
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    token: str = ""  # the plain token, set only on the object invite_member returns, for the email link

    def __str__(self) -> str:
        return f"invitation to {self.case}"

    def status(self, now: Any) -> str:
        """One of ``INVITATION_STATUSES``: what the family sees in the list of invitations."""
        if self.accepted_at is not None:
            return "accepted"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "pending"


INVITATION_STATUSES = {"pending": "Waiting to be accepted", "accepted": "Accepted", "revoked": "Withdrawn",
                       "expired": "Expired"}


class _CurrentRecords(models.Manager):
    """Children and people still in the case: one removed (recorded by mistake) keeps its row and
    its versions, but is no longer part of the case file."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(removed_at__isnull=True)


class _SealedRecord(models.Model):
    """A child or a person: the case-format dict, sealed, with a stable id inside the case.

    ``content_sealed`` is the current version; every earlier one is a ``RecordVersion`` (like an
    event's versions), so a correction or a removal never loses what was there before."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT)
    content_sealed = models.BinaryField()
    content_sha256 = models.CharField(max_length=64)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = _CurrentRecords()
    all_objects = models.Manager()

    _aad_kind = ""

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    @property
    def record_id(self) -> str:
        raise NotImplementedError

    @property
    def data(self) -> dict[str, Any]:
        """The case-format dict (unknown fields included). Empty once the case is erased."""
        cached = self.__dict__.get("_data_cache")
        if cached is None:
            if self.case.is_erased:
                return {}
            cached = self.__dict__["_data_cache"] = self.case.unseal(self.content_sealed, f"{self._aad_kind}:{self.record_id}")
        return dict(cached)

    @property
    def name(self) -> str:
        return self.data.get("name") or self.record_id


class ChildRecord(_SealedRecord):
    child_id = models.CharField(max_length=64)
    _aad_kind = "child"

    class Meta(_SealedRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["case", "child_id"], name="child_id_unique_in_case")]
        default_related_name = "children"

    def __str__(self) -> str:
        return f"child {self.child_id}"

    @property
    def record_id(self) -> str:
        return self.child_id

    @property
    def date_of_birth(self) -> date | None:
        raw = self.data.get("date_of_birth")
        try:
            return date.fromisoformat(raw) if raw else None
        except ValueError:
            return None


class PersonRecord(_SealedRecord):
    person_id = models.CharField(max_length=64)
    _aad_kind = "person"

    class Meta(_SealedRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["case", "person_id"], name="person_id_unique_in_case")]
        default_related_name = "people"

    def __str__(self) -> str:
        return f"person {self.person_id}"

    @property
    def record_id(self) -> str:
        return self.person_id

    @property
    def role(self) -> str:
        return self.data.get("role") or ""

    @property
    def parental_responsibility(self) -> bool | dict[str, bool]:
        return self.data.get("parental_responsibility", False)

    @property
    def children(self) -> list[str] | None:
        return self.data.get("children")

    def has_pr_for(self, child_id: str) -> bool:
        pr = self.parental_responsibility
        if isinstance(pr, dict):
            return bool(pr.get(child_id, False))
        return bool(pr) and (self.children is None or child_id in self.children)


class RecordVersion(AppendOnlyModel):
    """What a child, a person or the case's own details (title, council) said at one moment.

    Written when one of them is corrected or removed: version 1 is what was there before the first
    change, so the whole history is kept, with who changed it, when and why."""

    KINDS = [("child", "Child"), ("person", "Person"), ("case", "Case details")]

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="record_versions")
    kind = models.CharField(max_length=10, choices=KINDS)
    record_id = models.CharField(max_length=64)  # the child's or person's id; "case" for the case's details
    number = models.PositiveIntegerField()
    content_sealed = models.BinaryField()
    content_sha256 = models.CharField(max_length=64)
    removed = models.BooleanField(default=False)
    reason_sealed = models.BinaryField(null=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    ledger_seq = models.BigIntegerField(null=True)

    class Meta:
        ordering = ["case", "kind", "record_id", "number"]
        constraints = [models.UniqueConstraint(fields=["case", "kind", "record_id", "number"],
                                               name="one_record_version_number")]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id} version {self.number}"

    def _aad(self, part: str) -> str:
        return f"{self.kind}:{self.record_id}:v{self.number}:{part}"

    @property
    def data(self) -> dict[str, Any]:
        if self.case.is_erased:
            return {}
        return self.case.unseal(self.content_sealed, self._aad("content"))

    @property
    def reason(self) -> str:
        if self.reason_sealed is None or self.case.is_erased:
            return ""
        return self.case.unseal(self.reason_sealed, self._aad("reason")) or ""


class Event(models.Model):
    """One thing that happened. Its content lives in versions; ``current`` is the latest."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    event_id = models.CharField(max_length=64)
    current = models.ForeignKey("EventVersion", null=True, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "event_id"], name="event_id_unique_in_case")]

    def __str__(self) -> str:
        return f"event {self.event_id}"

    @property
    def data(self) -> dict[str, Any]:
        version = self.current
        if version is None:
            return {}
        version._state.fields_cache.setdefault("event", self)  # no query back to this event
        return version.data

    @property
    def kind(self) -> str:
        return self.data.get("kind", "")

    @property
    def at(self) -> str:
        return self.data.get("at", "")

    @property
    def version_count(self) -> int:
        return self.current.number if self.current else 0


class EventVersion(AppendOnlyModel):
    """What an event said at one moment. Never updated or deleted: a correction is a new version."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    content_sealed = models.BinaryField()
    content_sha256 = models.CharField(max_length=64)
    reason_sealed = models.BinaryField(null=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)  # the time of its ledger entry, set by actions
    entered_after_fact = models.BooleanField(default=False)
    ledger_seq = models.BigIntegerField(null=True)

    class Meta:
        ordering = ["event", "number"]
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="one_version_number_per_event")]

    def __str__(self) -> str:
        return f"{self.event} version {self.number}"

    def _aad(self, part: str) -> str:
        return f"event:{self.event.event_id}:v{self.number}:{part}"

    @property
    def data(self) -> dict[str, Any]:
        cached = self.__dict__.get("_data_cache")
        if cached is None:
            case = self.event.case
            if case.is_erased:
                return {}
            cached = self.__dict__["_data_cache"] = case.unseal(self.content_sealed, self._aad("content"))
        return dict(cached)

    @property
    def reason(self) -> str:
        if self.reason_sealed is None or self.event.case.is_erased:
            return ""
        return self.event.case.unseal(self.reason_sealed, self._aad("reason")) or ""


class Document(AppendOnlyModel):
    """An uploaded file: encrypted on disk under the case key; its plaintext SHA-256 is in the ledger."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    filename_sealed = models.BinaryField()
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    blob_path = models.CharField(max_length=255)  # relative to settings.FAIRWITNESS_DOCUMENTS_DIR
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"document {self.public_id}"

    @property
    def filename(self) -> str:
        if self.case.is_erased:
            return "erased"
        return self.case.unseal(self.filename_sealed, f"document:{self.public_id}:name")
