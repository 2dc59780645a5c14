"""The publication rules and the audit gate."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fairwitness.statistics.audit import AtMost, Figure, Publication, RateFigure, audit, protect
from fairwitness.statistics.disclosure import (
    CONFIDENTIAL,
    dominated,
    publish_count,
    publish_rate,
    revealed_range,
    round_to_base,
)


def test_counts_below_ten_are_c_even_zero():
    assert [publish_count(n) for n in range(10)] == [CONFIDENTIAL] * 10
    assert publish_count(10) == 10
    assert publish_count(12) == 10
    assert publish_count(13) == 15
    assert publish_count(127) == 125


@given(st.integers(0, 100_000))
def test_every_published_count_is_c_or_a_multiple_of_five_at_least_ten(n):
    shown = publish_count(n)
    assert shown == CONFIDENTIAL or (shown >= 10 and shown % 5 == 0 and abs(shown - n) <= 2)
    low, high = revealed_range(shown)
    assert low <= n <= high


def test_dominance_one_family_with_most_events_suppresses():
    assert dominated([6, 2, 2, 1])  # 6 of 11
    assert not dominated([5, 5])  # exactly half is not more than half
    assert publish_count(40, is_dominated=True) == CONFIDENTIAL


def test_rate_needs_numerator_and_complement_of_ten():
    assert publish_rate(20, 20).percent == CONFIDENTIAL  # "everyone was upheld" is not shown
    assert publish_rate(9, 40).percent == CONFIDENTIAL
    shown = publish_rate(10, 20)
    assert (shown.percent, shown.lower_ci, shown.upper_ci, shown.denominator) == (50, 30, 70, 20)
    assert publish_rate(81, 263).percent == 31
    assert publish_rate(81, 263).denominator == 265


@given(st.integers(0, 500).flatmap(lambda d: st.tuples(st.integers(0, d), st.just(d))))
def test_a_shown_rate_always_hides_a_small_numerator_or_complement(counts):
    k, n = counts
    rate = publish_rate(k, n)
    if rate.shown:
        assert k >= 10 and n - k >= 10
        assert rate.lower_ci <= rate.percent <= rate.upper_ci
    assert rate.denominator == publish_count(n)
    assert round_to_base(n) % 5 == 0


def _count(key, atoms, truth, frozen=False):
    shown = publish_count(truth)
    low, high = revealed_range(shown)
    return Figure(key, tuple(atoms), low, high, sensitive=shown == CONFIDENTIAL, truth=truth, frozen=frozen)


def test_three_year_total_pins_a_suppressed_year():
    # research §6: a 3-year total of 30 with years 1 and 2 shown as 10 forces year 3 into 4–9.
    pub = Publication([_count("year 1", ["y1"], 10), _count("year 2", ["y2"], 10), _count("year 3", ["y3"], 5),
                       _count("three years", ["y1", "y2", "y3"], 25)])
    # 25 is published as 25 (23–27); 10 and 10 mean 10–12 each; so year 3 lies in 0–7... safe:
    assert audit(pub) == []
    pub = Publication([_count("year 1", ["y1"], 10), _count("year 2", ["y2"], 10), _count("year 3", ["y3"], 9),
                       _count("three years", ["y1", "y2", "y3"], 29)])
    (failure,) = audit(pub)
    assert failure.key == "year 3"
    assert (failure.smallest, failure.largest) == (4, 9)


def test_differencing_a_council_out_of_its_region_is_refused_then_protected():
    # Region total published, all but one council published: the last is the difference.
    truths = {"A": 20, "B": 20, "C": 9}
    figures = [_count(f"council {k}", [k], v) for k, v in truths.items()]
    figures.append(_count("region", list(truths), sum(truths.values())))  # 49 → 50 (48–52), so C is 4–9
    pub = Publication(figures)
    failures = audit(pub)
    assert [f.key for f in failures] == ["council C"]
    protected, suppressed, left = protect(pub)
    assert suppressed == ["council A"] and left == []  # the smallest neighbour (a tie, broken by name)
    assert audit(protected) == []


def test_an_earlier_release_that_leaks_through_differencing_is_refused():
    # Last year's release published England as 15 (frozen); this release, after a correction,
    # publishes council A as 15 and council B as c. England's 15 (13-17) less A's 15 (13-17)
    # still allows B = 0…4, so B cannot reach 5: disclosed, and nothing frozen can be suppressed.
    earlier = Figure("2024-25 England (earlier release)", ("A", "B"), 13, 17, frozen=True)
    now_a = Figure("2024-25 council A", ("A",), 13, 17, truth=15)
    now_b = Figure("2024-25 council B", ("B",), 0, 9, sensitive=True, truth=1)
    pub = Publication([earlier, now_a, now_b])
    assert [f.key for f in audit(pub)] == ["2024-25 council B"]
    protected, _, _ = protect(pub)
    assert audit(protected) == []  # suppressing A this time protects B
    # but when A too was in the earlier release, nothing can be done and the gate refuses
    frozen_a = Figure("2024-25 council A (earlier release)", ("A",), 13, 17, frozen=True)
    pub = Publication([earlier, frozen_a, now_b])
    protected, suppressed, left = protect(pub)
    assert [f.key for f in left] == ["2024-25 council B"]
    assert suppressed == [] and [f.key for f in audit(protected)] == ["2024-25 council B"]


def test_a_published_rate_bounds_its_numerator():
    # 50% of a denominator published as 20 (18–22) means numerator 9–11: not the c numerator's 0–9.
    den = _count("concluded", ["n"], 20)
    num = Figure("upheld", ("k",), 0, 9, sensitive=True, truth=9)
    rate = RateFigure("upheld rate", ("k",), ("n",), 45)
    pub = Publication([den, num], [rate], [AtMost(("k",), ("n",))])
    (failure,) = audit(pub)
    assert failure.key == "upheld" and failure.smallest >= 8


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=2, max_size=6), st.integers(0, 40))
def test_property_protected_releases_reveal_no_suppressed_count(councils, other_region):
    """Councils in a region, their region total and England (with another region): after
    protection, every suppressed count can still be 0 and can still be 5 or more."""
    atoms = [f"la{i}" for i in range(len(councils))]
    figures = [_count(f"council {i}", [a], v) for i, (a, v) in enumerate(zip(atoms, councils, strict=True))]
    figures.append(_count("region", atoms, sum(councils)))
    figures.append(_count("other region", ["other"], other_region))
    figures.append(_count("England", [*atoms, "other"], sum(councils) + other_region))
    protected, _, left = protect(Publication(figures))
    assert left == []
    assert audit(protected) == []
    truth = dict(zip(atoms, councils, strict=True)) | {"other": other_region}
    for f in protected.figures:  # what is published stays true
        total = sum(truth[a] for a in f.atoms)
        assert f.low <= total and (f.high is None or total <= f.high)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=2, max_size=5), st.lists(st.integers(0, 30), min_size=2, max_size=5))
def test_property_quick_proofs_agree_with_the_full_programme(region_a, region_b):
    """The audit's shortcut (a checked witness built from the truth) never passes a cell the
    integer programme alone would fail, and vice versa."""
    from dataclasses import replace

    figures, atoms_all = [], []
    for name, counts in (("a", region_a), ("b", region_b)):
        atoms = [f"2025|{name}{i}|received" for i in range(len(counts))]  # councils alike share answers
        atoms_all += atoms
        figures += [_count(f"council {a}", [a], v) for a, v in zip(atoms, counts, strict=True)]
        figures.append(_count(f"region {name}", atoms, sum(counts)))
    figures.append(_count("England", atoms_all, sum(region_a) + sum(region_b)))
    with_truth = Publication(figures)
    blind = Publication([replace(f, truth=None) for f in figures])
    expected = sorted(str(d) for d in audit(with_truth, exhaustive=True))
    assert sorted(str(d) for d in audit(with_truth)) == expected
    assert sorted(str(d) for d in audit(blind)) == expected
