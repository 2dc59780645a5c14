"""The stored chain: append-only rows, one chain under concurrent appends, tampering caught."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from fairwitness.ledger import chain
from fairwitness.ledger.models import AppendOnlyError, Checkpoint, LedgerEntry, LedgerHead
from fairwitness.ledger.store import (
    Append,
    append,
    append_many,
    case_head,
    entries_for_case,
    latest_checkpoint,
    verify_stored,
)

pytestmark = pytest.mark.django_db


def test_appends_make_one_verifying_chain():
    for i in range(5):
        append(action="test", case="case-a" if i % 2 else "case-b", objects={"i": i}, content_sha256="ab" * 32)
    result = verify_stored()
    assert result.ok and result.count == 5
    assert LedgerHead.objects.get().seq == 4


def test_a_batch_is_the_same_chain_as_one_append_after_another():
    """An import's entries go in together; each is still its own link, in both chains."""
    append(action="before", case="case-a")
    checkpoints = Checkpoint.objects.count()
    rows = append_many([Append(action="batch", case="case-a" if i % 3 else "case-b", objects={"i": i},
                               content_sha256="ef" * 32, event_at="2024-01-02") for i in range(7)])
    assert [r.seq for r in rows] == list(range(1, 8))
    result = verify_stored()
    assert result.ok and result.count == 8
    for case in ("case-a", "case-b"):
        own = entries_for_case(case)
        assert chain.verify_case_chain(own).ok
        assert case_head(case) == own[-1]["hash"]
    assert entries_for_case("case-a")[1]["case_prev"] == entries_for_case("case-a")[0]["hash"]
    assert all(e["entered_after_fact"] for e in entries_for_case("case-b"))
    # One signed checkpoint, of the new head: the heads in between never existed outside the batch.
    assert Checkpoint.objects.count() == checkpoints + 1
    assert (latest_checkpoint().seq, latest_checkpoint().hash) == (7, rows[-1].hash)
    assert append_many([]) == []


def test_a_raw_change_inside_a_batch_is_caught_at_its_entry():
    append_many([Append(action="batch", content_sha256="cd" * 32) for _ in range(6)])
    with connection.cursor() as cur:
        cur.execute("UPDATE ledger_ledgerentry SET body = REPLACE(body, 'cdcd', 'cdce') WHERE seq = 3")
    result = verify_stored()
    assert not result.ok and result.first_bad_index == 3


def test_rows_are_never_updated_or_deleted():
    row = append(action="test")
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.all().update(action="x")
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.all().delete()


def test_raw_change_to_a_stored_entry_is_caught():
    for _ in range(3):
        append(action="test", content_sha256="cd" * 32)
    with connection.cursor() as cur:
        cur.execute("UPDATE ledger_ledgerentry SET body = REPLACE(body, 'cdcd', 'cdce') WHERE seq = 1")
    result = verify_stored()
    assert not result.ok and result.first_bad_index == 1


def test_cutting_entries_off_the_end_is_caught():
    for _ in range(3):
        append(action="test")
    with connection.cursor() as cur:
        cur.execute("DELETE FROM ledger_ledgerentry WHERE seq = 2")
    result = verify_stored()
    assert not result.ok and "head" in result.reason


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_chain():
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(8):
                append(action="concurrent", case=f"case-{n}", objects={"i": i})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    result = verify_stored()
    assert result.ok and result.count == 32
