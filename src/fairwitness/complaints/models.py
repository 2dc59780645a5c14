"""The little this app stores for itself. Everything a family says about their case (statements,
letters, outcomes) is a case-format event written through ``cases.actions``; these rows only group
events for the pages, hold a calendar link's hash, and make each reminder happen at most once.

Nothing sensitive sits in a plain column: the council document's name is sealed under the case key.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models

from fairwitness.cases.models import Case


class RectificationRequest(models.Model):
    """One request to correct a council document: the ``record_disputed`` events it carries and,
    once sent, its ``rectification_requested`` event. Outcomes are ``rectification_response``
    events answering each statement (``responds_to``)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="rectification_requests")
    document_sealed = models.BinaryField()  # the council document's name and date, as the family wrote it
    statement_ids = models.JSONField(default=list)  # event ids of the record_disputed events, in order
    request_event_id = models.CharField(max_length=64, blank=True)  # set when the letter is made final
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"rectification request {self.public_id}"

    @property
    def document(self) -> str:
        if self.case.is_erased:
            return ""
        return self.case.unseal(self.document_sealed, f"rectification:{self.public_id}:document")

    def seal_document(self, text: str) -> None:
        self.document_sealed = self.case.seal(text, f"rectification:{self.public_id}:document")


class CalendarFeed(models.Model):
    """A private calendar link for one case. Only the token's SHA-256 is kept; revoking it (or
    making a new one) stops the old link at once."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"calendar feed {self.pk} for {self.case}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Reminder(models.Model):
    """One reminder about one deadline. ``key`` (case + check + event + due date + kind) is unique:
    it is claimed in the same transaction that queues the email task, so a reminder is queued at
    most once and never lost between the two."""

    WINDOW_CLOSING = "window_closing"  # a date that binds the family is near
    COUNCIL_MISSED = "council_missed"  # the council's date passed with nothing recorded
    KINDS = [(WINDOW_CLOSING, "A time limit for the family is near"), (COUNCIL_MISSED, "A council deadline passed")]

    key = models.CharField(max_length=64, unique=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    check_id = models.CharField(max_length=80)
    event_id = models.CharField(max_length=64)
    due = models.DateField()
    kind = models.CharField(max_length=20, choices=KINDS)
    queued_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=1)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Committed just before the email is handed to the mail server: a delivery that finds it set
    # (its worker died mid-send) does not send again (issue 11: never twice).
    send_started_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return f"reminder {self.kind} {self.check_id} due {self.due}"

    @property
    def is_finished(self) -> bool:
        return self.sent_at is not None or self.cancelled_at is not None


class LetterDetails(models.Model):
    """What letters print that the case record does not hold: each sender's postal address, email
    and phone, and the council's complaints address. Asked once, kept for every later letter, and
    editable. Sealed under the case key (so erasing the case erases them); every change is in the
    ledger by its hash."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="letter_details")
    content_sealed = models.BinaryField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    _AAD = "letter-details"

    def __str__(self) -> str:
        return f"letter details for {self.case}"

    @property
    def content(self) -> dict[str, Any]:
        """{"senders": {person id: {"address", "email", "phone"}}, "council_address": text}."""
        if self.case.is_erased or not self.content_sealed:
            return {"senders": {}, "council_address": ""}
        return self.case.unseal(self.content_sealed, self._AAD)

    def seal_content(self, value: dict[str, Any]) -> None:
        self.content_sealed = self.case.seal(value, self._AAD)

    def sender(self, person_id: str | None) -> dict[str, str] | None:
        return self.content.get("senders", {}).get(person_id or "")

    @property
    def council_address(self) -> str:
        return self.content.get("council_address", "")
