"""Dates the way letters, courts and people in England write them: 6 January 2025.

The project's one date formatter. It lives in the law core because that is the layer every other
may import (pages, letters, the terminal report, the reading of a family's own words), while the law
itself may import none of them.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


@lru_cache(maxsize=4096)
def long_date(d: date | datetime | None) -> str:
    """29 January 2024; with a time, 29 January 2024 at 16:05; nothing for no date. Pass
    ``moment.date()`` to show a datetime's day alone. (No strftime: it is slow and follows the
    locale.)"""
    if d is None:
        return ""
    text = f"{d.day} {MONTHS[d.month]} {d.year}"
    if isinstance(d, datetime):
        return f"{text} at {d.hour:02d}:{d.minute:02d}"
    return text


def month_and_year(d: date) -> str:
    """January 2024: for a date known only to the month."""
    return f"{MONTHS[d.month]} {d.year}"
