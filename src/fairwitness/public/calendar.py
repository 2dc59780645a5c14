"""The release calendar (Code of Practice T3: dates and times announced ahead, 09:30 release to
everyone at once). Council figures come once a year, for the financial year that ended in March."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from fairwitness.statistics import periods

UK = ZoneInfo("Europe/London")
RELEASE_TIME = time(9, 30)
RELEASE_MONTH = 7  # July: the second Thursday, after the year's outcomes are in


@dataclass(frozen=True)
class PlannedRelease:
    at: datetime
    title: str
    covers: str


def second_thursday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 7)


def planned(today: date, months: int = 12) -> list[PlannedRelease]:
    """Every annual release in the next ``months`` months."""
    out = []
    horizon = today + timedelta(days=round(months * 30.44))
    for year in (today.year, today.year + 1):
        day = second_thursday(year, RELEASE_MONTH)
        if today <= day <= horizon:
            covered = periods.label(year - 1)
            out.append(PlannedRelease(datetime.combine(day, RELEASE_TIME, tzinfo=UK),
                                      f"Concerns about children's services: {covered}",
                                      f"Financial year {covered} (April {year - 1} to March {year}), England and each council"))
    return out
