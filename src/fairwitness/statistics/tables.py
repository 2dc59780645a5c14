"""The fixed catalogue of open-data tables (explore-education-statistics layout): their filters and
indicators, with the labels the ``.meta.csv`` files and the data guidance carry."""

from __future__ import annotations

from dataclasses import dataclass

GEOGRAPHY_COLUMNS = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name",
                     "region_code", "region_name", "old_la_code", "new_la_code", "la_name"]
NATIONAL = "National"
LOCAL_AUTHORITY = "Local authority"
TOTAL = "Total"


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    hint: str = ""
    unit: str = ""  # EES indicator_unit: blank, %, pp, £, £m, numberstring
    dp: int | None = None  # EES indicator_dp


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str
    summary: str
    filters: tuple[Column, ...]
    indicators: tuple[Column, ...]
    levels: tuple[str, ...] = (NATIONAL, LOCAL_AUTHORITY)

    @property
    def columns(self) -> list[str]:
        return GEOGRAPHY_COLUMNS + [c.name for c in self.filters] + [c.name for c in self.indicators]


_RATE_INDICATORS = (
    Column("denominator_count", "Denominator (rounded to the nearest 5)", dp=0),
    Column("rate_percent", "Rate", unit="%", dp=0),
    Column("rate_lower_ci", "Rate: lower 95% confidence limit (Wilson)", unit="%", dp=0),
    Column("rate_upper_ci", "Rate: upper 95% confidence limit (Wilson)", unit="%", dp=0),
)

CASEWORK = TableSpec(
    "casework", "Concerns families brought to us, and what we found",
    "Families whose concerns about a council we received, investigated and concluded, and those upheld in "
    "whole or in part, by kind of finding (multi-label: one family's concern can be upheld on several kinds).",
    (Column("measure", "Measure", "What was counted"),
     Column("breakdown_topic", "Breakdown topic", "Total, or the kind of finding"),
     Column("breakdown", "Breakdown", "Kind of finding (these do not add up to the total)")),
    (Column("families_count", "Families (rounded to the nearest 5)", dp=0),),
)

COUNCIL_MEASURES = TableSpec(
    "council_measures", "How councils did: rates with their uncertainty and England's rate",
    "Rates from unrounded counts, shown only when the numerator and the rest of the denominator are both 10 or more, "
    "with Wilson 95% limits, the rounded denominator, England's rate and where the council lies on the funnel plot.",
    (Column("measure", "Measure", "What the rate is of"),),
    (*_RATE_INDICATORS,
     Column("england_rate_percent", "England's rate", unit="%", dp=0),
     Column("funnel_position", "Position on the funnel plot (99.8% limits)", unit="numberstring")),
)

STATUTORY_CLOCKS = TableSpec(
    "statutory_clocks", "The law's deadlines in records families let us count",
    "Each statutory deadline the law engine found in a family's record, met, late or missed, counted only where the "
    "family agreed to their record being used for statistics, over every kind of deadline (split by kind, the rarer "
    "results could be worked out from the others).",
    (Column("clock", "Deadline", "All statutory deadlines"),
     Column("result", "Result", "Met, late, missed, or Total")),
    (Column("clocks_count", "Deadlines (rounded to the nearest 5)", dp=0),),
)

SERVICE_STANDARDS = TableSpec(
    "service_standards", "How we kept our own service standards",
    "Our own deadlines with families: acknowledging a concern and deciding whether to investigate it. England only.",
    (Column("standard", "Service standard"),),
    _RATE_INDICATORS,
    levels=(NATIONAL,),
)

CATALOGUE = (CASEWORK, COUNCIL_MEASURES, STATUTORY_CLOCKS, SERVICE_STANDARDS)
BY_NAME = {t.name: t for t in CATALOGUE}
