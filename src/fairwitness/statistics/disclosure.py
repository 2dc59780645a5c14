"""The publication rules (research/public-statistics.md, section 6), one function per rule.

The attacker is the council: it knows every family that complained to it. So the unit is the
family; every count from 0 to 9 is ``c`` (at every level: a true zero beside a ``c`` would tell a
council with one stage-2 complaint that this family came to us); counts of 10 or more are rounded
to the nearest 5; a rate is shown only when its numerator and its complement are both 10 or more,
as a whole percentage with Wilson 95% limits and the rounded denominator; an event count is ``c``
when one family holds more than half of its events.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from fairwitness.statistics.intervals import wilson

RULES_VERSION = "fw-sdc/1"
CONFIDENTIAL = "c"  # suppressed to protect families
NOT_AVAILABLE = "x"  # not collected, or the council did not exist in the period
NOT_APPLICABLE = "z"
SYMBOLS = (CONFIDENTIAL, NOT_AVAILABLE, NOT_APPLICABLE)

THRESHOLD = 10  # the smallest count shown
ROUND_TO = 5
DOMINANCE_SHARE = 0.5  # one family holding more than this share of an event count suppresses it

Shown = int | str


def round_half_up(value: float) -> int:
    return int(math.floor(value + 0.5))


def round_to_base(count: int, base: int = ROUND_TO) -> int:
    """Nearest multiple of ``base``; halves go up (12 → 10, 13 → 15)."""
    return base * round_half_up(count / base)


def dominated(events_by_family: Iterable[int]) -> bool:
    """True when one family holds more than half of the events (the (1, 50%) dominance rule)."""
    counts = [n for n in events_by_family if n > 0]
    total = sum(counts)
    return total > 0 and max(counts) > DOMINANCE_SHARE * total


def publish_count(count: int, *, is_dominated: bool = False) -> Shown:
    """A count as published: ``c`` for 0–9 or when dominated, otherwise rounded to the nearest 5."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    if count < THRESHOLD or is_dominated:
        return CONFIDENTIAL
    return round_to_base(count)


def revealed_range(shown: Shown, *, primary: bool = True) -> tuple[int, int | None]:
    """What a published value tells anyone about the true count: the smallest and largest it can be
    (None: no upper bound). A ``c`` hides 0–9, or anything when it was suppressed to protect
    another cell or for dominance (``primary=False``)."""
    if shown == CONFIDENTIAL:
        return (0, THRESHOLD - 1) if primary else (0, None)
    if isinstance(shown, str):
        raise ValueError(f"{shown!r} says nothing about a count")
    half = ROUND_TO // 2
    return max(THRESHOLD, shown - half), shown + half


@dataclass(frozen=True)
class Rate:
    """A published rate: whole percentages and the rounded denominator, or symbols."""

    percent: Shown
    lower_ci: Shown
    upper_ci: Shown
    denominator: Shown

    @property
    def shown(self) -> bool:
        return isinstance(self.percent, int)


def rate_shown(numerator: int, denominator: int, *, is_dominated: bool = False) -> bool:
    return (not is_dominated and numerator >= THRESHOLD and denominator - numerator >= THRESHOLD)


def publish_rate(numerator: int, denominator: int, *, is_dominated: bool = False,
                 denominator_dominated: bool = False) -> Rate:
    """The rate from unrounded counts, shown only when numerator and complement are both ≥ 10."""
    if not 0 <= numerator <= denominator:
        raise ValueError(f"numerator {numerator} must lie between 0 and the denominator {denominator}")
    shown_denominator = publish_count(denominator, is_dominated=denominator_dominated)
    if not rate_shown(numerator, denominator, is_dominated=is_dominated):
        return Rate(CONFIDENTIAL, CONFIDENTIAL, CONFIDENTIAL, shown_denominator)
    low, high = wilson(numerator, denominator)
    return Rate(round_half_up(100 * numerator / denominator), round_half_up(100 * low), round_half_up(100 * high),
                shown_denominator)
