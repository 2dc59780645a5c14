"""The pure hash chain: canonical JSON, entry hashes, and verification catching every change."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairwitness.ledger import chain


def _chain(n: int, case: str = "k") -> list[dict]:
    entries: list[dict] = []
    prev, case_prev = chain.GENESIS, chain.GENESIS
    for i in range(n):
        e = chain.make_entry(prev, case_prev, i, recorded_at=f"2024-01-{i + 1:02d}T10:00:00+00:00", actor_id="1",
                             actor_role="owner", action="event_recorded", case=case, objects={"event": f"e{i}"},
                             content_sha256=chain.content_hash({"i": i}), event_at="2024-01-01",
                             entered_after_fact=i > 0)
        entries.append(e)
        prev = case_prev = e["hash"]
    return entries


def test_canonical_json_is_sorted_compact_utf8():
    assert chain.canonical({"b": 1, "a": "é"}) == '{"a":"é","b":1}'.encode()


def test_entry_hash_is_sha256_of_prev_and_canonical_body():
    import hashlib

    e = _chain(1)[0]
    body = {k: v for k, v in e.items() if k != "hash"}
    assert e["hash"] == hashlib.sha256(chain.GENESIS.encode() + chain.canonical(body)).hexdigest()


def test_a_good_chain_verifies():
    result = chain.verify(_chain(5))
    assert result.ok and result.count == 5 and result.head == _chain(5)[-1]["hash"]


@pytest.mark.parametrize("field", [f for f in chain.HASHED_FIELDS if f != "prev_hash"])
@pytest.mark.parametrize("index", [0, 2, 4])
def test_changing_any_field_of_any_entry_is_caught_at_that_entry(field, index):
    entries = _chain(5)
    entries[index][field] = "tampered" if entries[index][field] != "tampered" else "other"
    result = chain.verify(entries)
    assert not result.ok and result.first_bad_index == index
    assert f"entry {entries[index]['seq']}" in result.reason or "entry" in result.reason


def test_removing_or_reordering_entries_is_caught():
    entries = _chain(4)
    assert chain.verify(entries[:1] + entries[2:]).first_bad_index == 1
    assert chain.verify([entries[1], entries[0], *entries[2:]]).first_bad_index == 0


def test_rehashing_a_changed_entry_still_breaks_the_next_link():
    entries = _chain(3)
    entries[1]["content_sha256"] = "0" * 64
    entries[1]["hash"] = chain.entry_hash(entries[1]["prev_hash"], entries[1])
    assert chain.verify(entries).first_bad_index == 2


def test_case_chain_of_one_case_verifies_without_the_others():
    entries = _chain(3)
    assert chain.verify_case_chain(entries).ok
    broken = copy.deepcopy(entries)
    del broken[1]
    assert not chain.verify_case_chain(broken).ok


def test_entered_after_fact_compares_days():
    assert chain.entered_after_fact("2024-01-01", "2024-01-02T00:10:00")
    assert not chain.entered_after_fact("2024-01-02T09:00", "2024-01-02T23:00:00")
    assert not chain.entered_after_fact(None, "2024-01-02")


@given(st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=10), st.booleans(), st.none()), max_size=6))
def test_content_hash_ignores_key_order(data):
    reordered = dict(reversed(list(data.items())))
    assert chain.content_hash(data) == chain.content_hash(reordered)
