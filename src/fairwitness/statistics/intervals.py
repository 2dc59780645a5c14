"""Uncertainty for proportions: Wilson score intervals (the method of PHE/OHID Fingertips and
PHEindicatormethods) and exact binomial funnel-plot limits (Spiegelhalter 2005, Stat Med 24:1185,
appendix A.1.1, with its interpolation between the discrete binomial quantiles)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy.stats import binom, norm

# Two-sided coverages of the funnel's control limits. 99.8% is the one we flag on: with about 150
# councils, some 8 fall outside 95% limits by chance alone.
FUNNEL_COVERAGES = (0.95, 0.998)


def z_for(coverage: float) -> float:
    return float(norm.ppf(1 - (1 - coverage) / 2))


def wilson(successes: int, trials: int, coverage: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for successes/trials, as proportions (0–1)."""
    if trials <= 0:
        raise ValueError("a proportion needs at least one trial")
    if not 0 <= successes <= trials:
        raise ValueError(f"successes ({successes}) must lie between 0 and trials ({trials})")
    z = z_for(coverage)
    p = successes / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    denominator = 1 + z * z / trials
    low = 0.0 if successes == 0 else max(0.0, (centre - spread) / denominator)
    high = 1.0 if successes == trials else min(1.0, (centre + spread) / denominator)
    return low, high


def binomial_limit(target: float, trials: int, tail: float) -> float:
    """The exact binomial control limit at cumulative probability ``tail`` (e.g. 0.001 or 0.999)
    around the target proportion, interpolated as Spiegelhalter describes so the limit is smooth in n."""
    if trials <= 0:
        raise ValueError("a control limit needs at least one trial")
    if not 0 < target < 1:
        raise ValueError("the target proportion must lie strictly between 0 and 1")
    r = float(binom.ppf(tail, trials, target))
    at_r = float(binom.cdf(r, trials, target))
    below_r = float(binom.cdf(r - 1, trials, target)) if r > 0 else 0.0
    alpha = (at_r - tail) / (at_r - below_r) if at_r > below_r else 0.0
    return min(1.0, max(0.0, (r - alpha) / trials))


@dataclass(frozen=True)
class FunnelLimits:
    trials: int
    lower_95: float
    upper_95: float
    lower_998: float
    upper_998: float


def funnel_limits(target: float, trials: int) -> FunnelLimits:
    low95, high95 = (1 - 0.95) / 2, 1 - (1 - 0.95) / 2
    low998, high998 = (1 - 0.998) / 2, 1 - (1 - 0.998) / 2
    return FunnelLimits(trials, binomial_limit(target, trials, low95), binomial_limit(target, trials, high95),
                        binomial_limit(target, trials, low998), binomial_limit(target, trials, high998))


WITHIN = "within expected range"
ABOVE = "above 99.8% limit"
BELOW = "below 99.8% limit"


def funnel_position(successes: int, trials: int, target: float) -> str:
    """Where a council lies on the funnel; only the 99.8% limits flag anything."""
    limits = funnel_limits(target, trials)
    rate = successes / trials
    if rate > limits.upper_998:
        return ABOVE
    if rate < limits.lower_998:
        return BELOW
    return WITHIN
