"""Tampering with any stored event version, ledger entry or document makes verify fail."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from django.conf import settings
from django.db import connection
from typer.testing import CliRunner

from fairwitness.cases import actions
from fairwitness.cases.commands import register
from fairwitness.cases.integrity import verify_database
from fairwitness.cases.models import Document, EventVersion

pytestmark = pytest.mark.django_db


def _cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def _verify_cli():
    return CliRunner().invoke(_cli(), ["verify"])


def _sql(statement: str, *params) -> None:
    with connection.cursor() as cur:
        cur.execute(statement, params)


def test_untouched_database_verifies(family, other_family):
    assert verify_database().ok
    result = _verify_cli()
    assert result.exit_code == 0, result.output


def test_changed_event_version_content_fails(family):
    _, case = family
    version = EventVersion.objects.filter(event__case=case).first()
    sealed = bytearray(bytes(version.content_sealed))
    sealed[-1] ^= 1
    _sql("UPDATE cases_eventversion SET content_sealed = %s WHERE id = %s", bytes(sealed), version.pk)
    report = verify_database()
    assert not report.ok and report.first_bad_entry == version.ledger_seq
    result = _verify_cli()
    assert result.exit_code == 1 and f"first bad ledger entry: {version.ledger_seq}" in result.output


def test_event_version_swapped_for_other_valid_content_fails(family):
    user, case = family
    e1 = EventVersion.objects.get(event__case=case, event__event_id="e1")
    e2 = EventVersion.objects.get(event__case=case, event__event_id="e2")
    # A sealed blob from another row does not open here (its associated data names its row).
    _sql("UPDATE cases_eventversion SET content_sealed = %s WHERE id = %s", bytes(e2.content_sealed), e1.pk)
    assert not verify_database().ok


def test_changed_fingerprint_column_fails(family):
    _, case = family
    version = EventVersion.objects.filter(event__case=case).first()
    _sql("UPDATE cases_eventversion SET content_sha256 = %s WHERE id = %s", "0" * 64, version.pk)
    assert not verify_database().ok


def test_deleted_event_version_fails(family):
    user, case = family
    actions.correct_event(case, user, "e1", {"kind": "assessment_started", "at": "2024-01-11", "basis": "s17"}, "date")
    version = EventVersion.objects.get(event__case=case, event__event_id="e1", number=1)
    _sql("DELETE FROM cases_eventversion WHERE id = %s", version.pk)
    assert not verify_database().ok


def test_changed_ledger_entry_fails(family):
    _sql("UPDATE ledger_ledgerentry SET body = REPLACE(body, '\"owner\"', '\"member\"') WHERE seq = 2")
    report = verify_database()
    assert not report.ok and report.first_bad_entry == 2
    assert "first bad ledger entry: 2" in _verify_cli().output


def test_changed_document_on_disk_fails(other_family):
    document = Document.objects.get()
    path = Path(settings.FAIRWITNESS_DOCUMENTS_DIR) / document.blob_path
    data = bytearray(path.read_bytes())
    data[20] ^= 0xFF
    path.write_bytes(bytes(data))
    report = verify_database()
    assert not report.ok and any("document" in p for p in report.problems)


def test_removed_document_fails(other_family):
    document = Document.objects.get()
    (Path(settings.FAIRWITNESS_DOCUMENTS_DIR) / document.blob_path).unlink()
    assert not verify_database().ok


def test_changed_child_fails(family):
    _, case = family
    child = case.children.get()
    _sql("UPDATE cases_childrecord SET content_sha256 = %s WHERE id = %s", "1" * 64, child.pk)
    assert not verify_database().ok
