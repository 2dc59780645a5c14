"""Wilson and exact binomial limits, checked against published values and scipy's own."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binom, binomtest

from fairwitness.statistics.intervals import ABOVE, BELOW, WITHIN, funnel_limits, funnel_position, wilson

# Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857,
# table I, method 3 (Wilson score, no continuity correction).
NEWCOMBE = [((81, 263), (0.2553, 0.3662)), ((15, 148), (0.0624, 0.1605)),
            ((0, 20), (0.0, 0.1611)), ((1, 29), (0.0061, 0.1718))]


@pytest.mark.parametrize(("counts", "published"), NEWCOMBE)
def test_wilson_matches_newcombes_published_intervals(counts, published):
    low, high = wilson(*counts)
    assert low == pytest.approx(published[0], abs=5e-5)
    assert high == pytest.approx(published[1], abs=5e-5)


@given(st.integers(1, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_agrees_with_scipy(counts):
    k, n = counts
    expected = binomtest(k, n).proportion_ci(0.95, method="wilson")
    low, high = wilson(k, n)
    assert low == pytest.approx(expected.low, abs=1e-9)
    assert high == pytest.approx(expected.high, abs=1e-9)
    assert low <= k / n <= high


def test_wilson_refuses_impossible_counts():
    with pytest.raises(ValueError):
        wilson(5, 4)
    with pytest.raises(ValueError):
        wilson(0, 0)


@given(st.floats(0.05, 0.95), st.integers(5, 3000))
def test_funnel_limits_hold_the_stated_binomial_tail_probabilities(p0, n):
    limits = funnel_limits(p0, n)
    assert limits.lower_998 <= limits.lower_95 <= p0 <= limits.upper_95 <= limits.upper_998
    # Each limit sits between the two discrete binomial quantiles around its tail (the
    # interpolation), and a count above the upper quantile is rarer than the tail.
    for limit, tail in ((limits.upper_95, 0.975), (limits.upper_998, 0.999),
                        (limits.lower_95, 0.025), (limits.lower_998, 0.001)):
        r = binom.ppf(tail, n, p0)
        assert r - 1 - 1e-9 <= n * limit <= r + 1e-9
    assert binom.sf(binom.ppf(0.999, n, p0), n, p0) <= 0.001


def test_funnel_limits_known_values():
    # Spiegelhalter's interpolated exact limit for p0 = 0.2, n = 100, from binomial tables:
    # the 97.5% quantile is r = 28, F(28) = 0.97998, F(27) = 0.96585,
    # α = (0.97998 − 0.975)/(0.97998 − 0.96585) = 0.3524, limit = (28 − 0.3524)/100 = 0.27648.
    limits = funnel_limits(0.2, 100)
    assert limits.upper_95 == pytest.approx(0.27648, abs=5e-5)
    # and the normal approximation p0 ± 1.96·√(p0(1−p0)/n) = 0.2784 is close but not equal.
    assert abs(limits.upper_95 - 0.2784) < 0.01


def test_funnel_flags_only_outside_998():
    assert funnel_position(20, 100, 0.2) == WITHIN
    assert funnel_position(29, 100, 0.2) == WITHIN  # outside 95% but inside 99.8%: not flagged
    assert funnel_position(40, 100, 0.2) == ABOVE
    assert funnel_position(5, 100, 0.2) == BELOW
