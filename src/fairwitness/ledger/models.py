"""The ledger's storage: append-only rows, one per write, chained by ``fairwitness.ledger.chain``."""

from __future__ import annotations

import json
from typing import Any

from django.db import models


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove a record that is kept for ever."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model.__name__} rows are never updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} rows are never deleted")


class AppendOnlyModel(models.Model):
    """A row written once: saving an existing row or deleting one raises ``AppendOnlyError``."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError(f"{type(self).__name__} rows are never deleted")


class LedgerEntry(AppendOnlyModel):
    """One link of the chain. ``body`` is the whole entry as canonical JSON, hash included; the
    other columns repeat a few of its fields so they can be queried (verify checks they agree)."""

    seq = models.BigIntegerField(unique=True)
    hash = models.CharField(max_length=64, unique=True)
    case = models.CharField(max_length=36, blank=True, db_index=True)
    action = models.CharField(max_length=64)
    recorded_at = models.DateTimeField()
    body = models.TextField()

    class Meta:
        ordering = ["seq"]
        verbose_name_plural = "ledger entries"
        # A case's head (its latest entry) is read on every page that shows the case.
        indexes = [models.Index(fields=["case", "-seq"], name="ledger_case_head")]

    def __str__(self) -> str:
        return f"ledger entry {self.seq} ({self.action})"

    @property
    def entry(self) -> dict[str, Any]:
        return json.loads(self.body)

    @property
    def content_sha256(self) -> str | None:
        return self.entry.get("content_sha256")

    @property
    def objects_ids(self) -> dict[str, Any]:
        return self.entry.get("objects") or {}

    @property
    def entered_after_fact(self) -> bool:
        return bool(self.entry.get("entered_after_fact"))


class LedgerHead(models.Model):
    """The single row every append locks, so concurrent appends form one chain (PostgreSQL takes a
    row lock on it; SQLite's IMMEDIATE transactions already hold the database write lock). It also
    records the last entry, so removing entries from the end of the chain is caught."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=-1)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"ledger head {self.seq}"


class VerificationRun(models.Model):
    """When the whole chain was last checked, and what was found (shown on the case page)."""

    at = models.DateTimeField(auto_now_add=True)
    ok = models.BooleanField()
    entries = models.BigIntegerField(default=0)
    first_bad_seq = models.BigIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at"]


class Checkpoint(AppendOnlyModel):
    """A signed statement of the chain's length and head hash, written with every entry (see
    ``fairwitness.ledger.checkpoint``). Copies given away (receipts, the public page) are what
    prove a later shortening or rewrite; the rows here let ``verify`` catch the careless kind."""

    seq = models.BigIntegerField(db_index=True)  # the last entry it covers (size - 1)
    hash = models.CharField(max_length=64)
    signed_at = models.DateTimeField()
    note = models.TextField()

    class Meta:
        ordering = ["-seq", "-pk"]
        get_latest_by = "seq"

    def __str__(self) -> str:
        return f"checkpoint at entry {self.seq}"

    @property
    def size(self) -> int:
        return self.seq + 1
