"""Synthetic facts for the release tests: a few councils, big and small, two financial years."""

from __future__ import annotations

import random
from datetime import date, timedelta

from fairwitness.statistics.councils import Council
from fairwitness.statistics.release import ClockFacts, ConcernFacts, Facts, RecommendationFacts, RequestFacts

COUNCILS = [
    Council("E08000035", "Leeds", "Yorkshire and The Humber", "383"),
    Council("E08000025", "Birmingham", "West Midlands", "330"),
    Council("E06000023", "Bristol, City of", "South West", "801"),
    Council("E06000053", "Isles of Scilly", "South West", "420"),
    Council("E09000001", "City of London", "London", "201"),
    Council("E10000023", "North Yorkshire", "Yorkshire and The Humber", "815", in_use_to=date(2023, 3, 31),
            replaced_by=("E06000065",)),
    Council("E06000065", "North Yorkshire", "Yorkshire and The Humber", "815", in_use_from=date(2023, 4, 1)),
]
SIZES = {"E08000035": 40, "E08000025": 35, "E06000023": 12, "E06000053": 1, "E09000001": 3, "E06000065": 6}


def synthetic_facts(seed: int = 4, years: tuple[int, ...] = (2024, 2025)) -> Facts:
    rng = random.Random(seed)
    facts = Facts()
    n = 0
    for year in years:
        for code, size in SIZES.items():
            for _ in range(size):
                n += 1
                family = f"family-{n}"
                received = date(year, 4, 1) + timedelta(days=rng.randrange(300))
                investigated = received + timedelta(days=7) if rng.random() < 0.8 else None
                concluded = investigated + timedelta(days=rng.choice([20, 40, 200])) if investigated else None
                kinds = frozenset(rng.sample(["authority", "participation", "timescales"], rng.randint(0, 2))) \
                    if concluded and rng.random() < 0.5 else frozenset()
                facts.concerns.append(ConcernFacts(
                    family, code, received, received + timedelta(days=2),
                    received + timedelta(days=rng.choice([1, 3])), received + timedelta(days=14),
                    received + timedelta(days=rng.choice([7, 20])), investigated, concluded, kinds))
                if investigated:
                    due = investigated + timedelta(days=28)
                    facts.requests.append(RequestFacts(family, code, due, due + timedelta(days=rng.choice([-3, 5]))))
                if kinds:
                    due = concluded + timedelta(days=42)
                    facts.recommendations.append(RecommendationFacts(family, code, due, rng.choice([due, None])))
                for _ in range(rng.randint(1, 3)):
                    facts.clocks.append(ClockFacts(family, code, received, "assessment_timescale",
                                                   "Finishing an assessment", rng.choice(["met", "met", "late", "missed"])))
    # a record held against North Yorkshire's old county council counts under its successor
    facts.concerns.append(ConcernFacts("family-old", "E10000023", date(2024, 6, 1), date(2024, 6, 3), None,
                                       date(2024, 6, 14), None))
    return facts
