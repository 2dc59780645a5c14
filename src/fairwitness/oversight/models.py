"""The oversight body's records. What a family or a reviewer writes in words is sealed under the
family's own case key (so erasing the case erases the body's copy too); plain columns hold only
ids, dates, states and the law engine's check names, which the queue and the statistics need.

Writes go through ``fairwitness.oversight.actions`` only; each is also a ledger entry on the case.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models

from fairwitness.cases.models import Case, Document, LocalAuthority

STAFF_ROLE_CHOICES = [
    ("reviewer", "Reviewer"),
    ("senior_reviewer", "Senior reviewer"),
    ("liaison", "Local authority liaison officer"),
    ("administrator", "Administrator"),
]
URGENCY_CHOICES = [("urgent", "Urgent: a child's safety or a court hearing is at stake now"),
                   ("soon", "Soon: it is affecting us now"),
                   ("when_possible", "When you can: it has already happened")]
URGENCY_RANK = {"urgent": 0, "soon": 1, "when_possible": 2}
SCOPE_CHOICES = [("all", "All of it"), ("chosen", "Only the events and documents I choose")]
DECISION_CHOICES = [("investigate", "Investigate"), ("not_investigate", "Do not investigate")]
OUTCOME_CHOICES = [("upheld", "Upheld"), ("partly_upheld", "Partly upheld"), ("not_upheld", "Not upheld"),
                   ("cannot_say", "Cannot say")]
REFERRAL_CHOICES = [("ombudsman", "Local Government and Social Care Ombudsman"),
                    ("swe", "Social Work England"), ("ofsted", "Ofsted"),
                    ("ico", "Information Commissioner's Office")]


class StaffRole(models.Model):
    """A user who works for (or with) the oversight body. A liaison officer belongs to one council."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_role")
    role = models.CharField(max_length=20, choices=STAFF_ROLE_CHOICES)
    local_authority = models.ForeignKey(LocalAuthority, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="liaison_officers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(
            condition=~models.Q(role="liaison") | models.Q(local_authority__isnull=False),
            name="liaison_has_a_council")]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class StaffRoleChange(models.Model):
    """A staff role proposed by one administrator and decided by a second person (issue 10).

    Nobody changes their own role; the person who decides is a senior reviewer or an administrator
    other than the one who proposed. Both steps are ledger entries; when the change widens who can
    open families' concerns, each affected case's ledger says so and the family sees it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=STAFF_ROLE_CHOICES)
    local_authority = models.ForeignKey(LocalAuthority, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    previous_role = models.CharField(max_length=20, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=10, blank=True, choices=[("approved", "Approved"), ("rejected", "Rejected")])
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user"], condition=models.Q(decided_at__isnull=True),
                                               name="one_open_role_change_per_user")]

    def __str__(self) -> str:
        return f"{self.role} for {self.user} ({self.decision or 'waiting'})"


class _SealedOnCase(models.Model):
    """Words sealed under the family's case key, bound to this row's id and field name."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True

    @property
    def owning_case(self) -> Case:
        raise NotImplementedError

    def seal_text(self, field: str, value: str | None) -> bytes | None:
        if value is None:
            return None
        return self.owning_case.seal(value, f"oversight:{self.public_id}:{field}")

    def open_text(self, field: str) -> str:
        blob = getattr(self, f"{field}_sealed")
        if blob is None or self.owning_case.is_erased:
            return ""
        return self.owning_case.unseal(blob, f"oversight:{self.public_id}:{field}") or ""


class ConcernStatus(models.TextChoices):
    """Where a concern stands in the body's workflow (as Alaveteli's request states): one explicit
    field, moved only by ``actions`` along ``WORKFLOW``. The timestamps say when; this says where."""

    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    INVESTIGATING = "investigating", "Being investigated"
    NOT_INVESTIGATED = "not_investigated", "Closed: not investigated"
    OUTCOME_ISSUED = "outcome_issued", "Outcome issued: recommendations open"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn by the family"


_S = ConcernStatus
_OPEN = frozenset({_S.RECEIVED, _S.ACKNOWLEDGED})
# Where a concern still needs work (an unassigned one is open to triage: ``permissions``).
LIVE_STATUSES = frozenset({_S.RECEIVED, _S.ACKNOWLEDGED, _S.INVESTIGATING, _S.OUTCOME_ISSUED})
FAMILY, BODY = "family", "body"

# The one table of allowed moves: action -> (the states it may start from, the state it leads to
# (None: it stays), who may take it). Which staff role within the body may is said in
# ``oversight.permissions``; this table says when, whoever it is. Anything not here is refused.
WORKFLOW: dict[str, tuple[frozenset[str], str | None, str]] = {
    "acknowledge": (frozenset({_S.RECEIVED}), _S.ACKNOWLEDGED, BODY),
    "assign": (LIVE_STATUSES, None, BODY),
    "decide_investigate": (_OPEN, _S.INVESTIGATING, BODY),
    "decide_not_investigate": (_OPEN, _S.NOT_INVESTIGATED, BODY),
    "add_issue": (frozenset({_S.INVESTIGATING}), None, BODY),
    # asking the council and noting evidence may come before the decision: they inform it
    "send_request": (_OPEN | {_S.INVESTIGATING}, None, BODY),
    "add_evidence": (_OPEN | {_S.INVESTIGATING}, None, BODY),
    "record_finding": (frozenset({_S.INVESTIGATING}), None, BODY),
    "add_recommendation": (frozenset({_S.INVESTIGATING}), None, BODY),
    "issue_outcome": (frozenset({_S.INVESTIGATING}), _S.OUTCOME_ISSUED, BODY),
    "close_after_outcome": (frozenset({_S.OUTCOME_ISSUED}), _S.CLOSED, BODY),
    "record_compliance": (frozenset({_S.OUTCOME_ISSUED, _S.CLOSED}), None, BODY),
    "refer": (frozenset({_S.INVESTIGATING, _S.NOT_INVESTIGATED, _S.OUTCOME_ISSUED, _S.CLOSED}), None, BODY),
    # consent can always be withdrawn, even after the body has finished: its access ends either way
    "withdraw": (frozenset(set(_S) - {_S.WITHDRAWN}), _S.WITHDRAWN, FAMILY),
}


def status_from_history(concern: Any) -> str:
    """The status the timestamps imply: used once, by the data migration, for rows made before
    the field existed."""
    if concern.withdrawn_at is not None:
        return _S.WITHDRAWN
    if concern.decision == "not_investigate":
        return _S.NOT_INVESTIGATED
    if concern.outcome_issued_at is not None:
        return _S.CLOSED if concern.closed_at is not None else _S.OUTCOME_ISSUED
    if concern.decision == "investigate":
        return _S.INVESTIGATING
    if concern.acknowledged_at is not None:
        return _S.ACKNOWLEDGED
    return _S.RECEIVED


class Concern(_SealedOnCase):
    """A family's case shared with the body: the consent, what they want looked at, and the
    body's handling of it from triage to outcome. Withdrawal ends all access; the row stays."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="oversight_concerns")
    scope = models.CharField(max_length=10, choices=SCOPE_CHOICES, default="all")
    shared_event_ids = models.JSONField(default=list, blank=True)  # used when scope == "chosen"
    shared_documents = models.ManyToManyField(Document, blank=True, related_name="+")
    request_sealed = models.BinaryField(null=True)
    urgency = models.CharField(max_length=20, choices=URGENCY_CHOICES, default="soon")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    received_at = models.DateTimeField(auto_now_add=True)
    received_on = models.DateField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    # What the law engine found in the shared material when it was shared (check names and counts only).
    priority = models.PositiveSmallIntegerField(default=9)
    top_check = models.CharField(max_length=64, blank=True)
    breaches = models.PositiveIntegerField(default=0)
    concerns = models.PositiveIntegerField(default=0)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="oversight_assignments")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=DECISION_CHOICES, blank=True)
    decision_reason_sealed = models.BinaryField(null=True)
    outcome_issued_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.RECEIVED,
                              db_index=True)

    class Meta:
        ordering = ["received_at"]

    def __str__(self) -> str:
        return f"concern {self.reference}"

    @property
    def owning_case(self) -> Case:
        return self.case

    @property
    def reference(self) -> str:
        return f"FW-{self.pk:05d}" if self.pk else "FW-new"

    @property
    def consent_active(self) -> bool:
        return self.withdrawn_at is None and not self.case.is_erased

    @property
    def what_to_look_at(self) -> str:
        return self.open_text("request")

    @property
    def decision_reason(self) -> str:
        return self.open_text("decision_reason")


class Issue(_SealedOnCase):
    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="issues")
    number = models.PositiveIntegerField()
    title_sealed = models.BinaryField()
    source = models.CharField(max_length=20, default="reviewer")  # finding | family | reviewer
    finding_check = models.CharField(max_length=64, blank=True)  # the engine's check, when it came from a finding
    outcome = models.CharField(max_length=20, choices=OUTCOME_CHOICES, blank=True)
    reasons_sealed = models.BinaryField(null=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["concern", "number"]
        constraints = [models.UniqueConstraint(fields=["concern", "number"], name="issue_number_unique_in_concern")]

    @property
    def owning_case(self) -> Case:
        return self.concern.case

    @property
    def title(self) -> str:
        return self.open_text("title")

    @property
    def reasons(self) -> str:
        return self.open_text("reasons")


class InformationRequest(_SealedOnCase):
    """Questions to one council, with the material the reviewer chose to show its officer."""

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="information_requests")
    number = models.PositiveIntegerField()
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="information_requests")
    questions_sealed = models.BinaryField()
    event_ids = models.JSONField(default=list, blank=True)
    documents = models.ManyToManyField(Document, blank=True, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_on = models.DateField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    original_due_on = models.DateField()
    due_on = models.DateField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    answer_sealed = models.BinaryField(null=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    more_time_asked_at = models.DateTimeField(null=True, blank=True)
    more_time_until = models.DateField(null=True, blank=True)
    more_time_reason_sealed = models.BinaryField(null=True)
    more_time_granted = models.BooleanField(null=True)

    class Meta:
        ordering = ["concern", "number"]
        constraints = [models.UniqueConstraint(fields=["concern", "number"], name="request_number_unique_in_concern")]

    @property
    def owning_case(self) -> Case:
        return self.concern.case

    @property
    def questions(self) -> str:
        return self.open_text("questions")

    @property
    def answer(self) -> str:
        return self.open_text("answer")

    @property
    def more_time_reason(self) -> str:
        return self.open_text("more_time_reason")

    def is_overdue(self, today: date) -> bool:
        return self.answered_on is None and today > self.due_on

    @property
    def answered_late(self) -> bool:
        return self.answered_on is not None and self.answered_on > self.due_on


class CouncilDocument(_SealedOnCase):
    """A file the council's officer uploaded in answer; sealed under the family's case key."""

    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="council_documents")
    filename_sealed = models.BinaryField()
    content_sealed = models.BinaryField()
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def owning_case(self) -> Case:
        return self.request.concern.case

    @property
    def filename(self) -> str:
        return self.open_text("filename")

    def content(self) -> bytes:
        case = self.owning_case
        return case.unseal_bytes(bytes(self.content_sealed), f"oversight:{self.public_id}:content")


class Evidence(_SealedOnCase):
    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="evidence")
    issue = models.ForeignKey(Issue, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence")
    note_sealed = models.BinaryField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    @property
    def owning_case(self) -> Case:
        return self.concern.case

    @property
    def note(self) -> str:
        return self.open_text("note")


class Recommendation(_SealedOnCase):
    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="recommendations")
    number = models.PositiveIntegerField()
    text_sealed = models.BinaryField()
    remedy_sealed = models.BinaryField(null=True)
    due_on = models.DateField()
    complied_on = models.DateField(null=True, blank=True)
    compliance_note_sealed = models.BinaryField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issue", "number"]

    @property
    def owning_case(self) -> Case:
        return self.issue.concern.case

    @property
    def text(self) -> str:
        return self.open_text("text")

    @property
    def remedy(self) -> str:
        return self.open_text("remedy")

    @property
    def compliance_note(self) -> str:
        return self.open_text("compliance_note")


class Referral(_SealedOnCase):
    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="referrals")
    body = models.CharField(max_length=20, choices=REFERRAL_CHOICES)
    reason_sealed = models.BinaryField()
    made_at = models.DateTimeField(auto_now_add=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    @property
    def owning_case(self) -> Case:
        return self.concern.case

    @property
    def reason(self) -> str:
        return self.open_text("reason")
