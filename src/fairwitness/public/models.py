"""A family's say over statistical use of its record, and the releases published.

Written only by ``fairwitness.public.actions``. Nothing is deleted: a withdrawal is a date on the
consent row, and each release keeps exactly what it published (the audit of every later release
reads it, and its years are never re-cut)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fairwitness.cases.models import Case


class StatisticsConsent(models.Model):
    """"You may count what the law engine finds in our record in your public statistics." One row per
    time it is given; withdrawing dates the row. Applied from the next release."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="statistics_consents")
    given_at = models.DateTimeField()
    given_on = models.DateField()  # the financial year the record counts in
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["given_at"]
        constraints = [models.UniqueConstraint(fields=["case"], condition=models.Q(withdrawn_at__isnull=True),
                                               name="one_live_statistics_consent_per_case")]

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class Release(models.Model):
    """One published release: its tables (as published, symbols and all), its figures for the
    audit of later releases, its charts and who had pre-release access."""

    label = models.CharField(max_length=40, unique=True)
    cutoff = models.DateField()
    published_at = models.DateTimeField(auto_now_add=True)
    rules_version = models.CharField(max_length=40)
    periods = models.JSONField(default=list)
    new_periods = models.JSONField(default=list)
    tables = models.JSONField(default=dict)
    publication = models.JSONField(default=dict)
    charts = models.JSONField(default=list)  # [{slug, title, svg, alt, time_period, measure}]
    suppressed = models.JSONField(default=list)
    manifest = models.JSONField(default=dict)
    pre_release_access = models.JSONField(default=list)  # [{"name": …, "role": …}]
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["published_at", "pk"]

    def __str__(self) -> str:
        return self.label


class AccountStatus(models.TextChoices):
    OFFERED = "offered", "Offered by the family"
    DRAFTED = "drafted", "Redacted draft ready for the family"
    FAMILY_APPROVED = "family_approved", "Family approved the exact text"
    SIGNED_OFF = "signed_off", "Signed off: in the evidence pack"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PublishedAccount(models.Model):
    """A family's account offered for the evidence pack (issue 12 point 7).

    The family's own words and the phrases they marked as identifying are sealed with the case's key;
    only ``redacted_text`` (the body's draft, approved word for word by the family) is ever published.
    ``status`` moves only as ``fairwitness.public.evidence.TRANSITIONS`` allows. ``approved_sha256``
    is the hash of the exact text the family approved, so an edit after approval cannot be signed off
    unseen. Nothing is deleted: withdrawal is a state, and the pack reads only ``signed_off``."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="published_accounts")
    status = models.CharField(max_length=20, choices=AccountStatus.choices, default=AccountStatus.OFFERED)
    account_sealed = models.BinaryField()
    identifying_sealed = models.BinaryField()
    redacted_text = models.TextField(blank=True)
    approved_sha256 = models.CharField(max_length=64, blank=True)
    offered_at = models.DateTimeField()
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    drafted_at = models.DateTimeField(null=True, blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    family_approved_at = models.DateTimeField(null=True, blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["offered_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["case"], condition=~models.Q(status="withdrawn"),
                                               name="one_live_published_account_per_case")]

    def __str__(self) -> str:
        return f"account {self.pk} ({self.status})"
