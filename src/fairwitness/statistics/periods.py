"""Frozen periods: financial years, April to March. A case counts in the year it was shared, an
outcome in the year it concluded; a year is published only once it has ended, and never re-cut."""

from __future__ import annotations

from datetime import date

TIME_IDENTIFIER = "Financial year"


def year_of(day: date) -> int:
    """The financial year a day falls in, named by the calendar year it starts in."""
    return day.year if day.month >= 4 else day.year - 1


def bounds(year: int) -> tuple[date, date]:
    return date(year, 4, 1), date(year + 1, 3, 31)


def time_period(year: int) -> str:
    """EES's six-digit financial year: 2025 → "202526"."""
    return f"{year}{(year + 1) % 100:02d}"


def label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def year_from_time_period(value: str) -> int:
    return int(str(value)[:4])


def closed_years(first_day: date, cutoff: date) -> list[int]:
    """Every financial year from the one holding ``first_day`` that ended before ``cutoff``."""
    years = []
    year = year_of(first_day)
    while bounds(year)[1] < cutoff:
        years.append(year)
        year += 1
    return years
