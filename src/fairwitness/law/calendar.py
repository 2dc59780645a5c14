"""Counting time the way the law does: working days, calendar months, weeks and hours.

A working day is not a Saturday, Sunday, Christmas Day, Boxing Day, Good Friday or an England and
Wales bank holiday, including substitute days and one-off holidays (SI 2006/1738 reg 2). From 1971
bank holidays come from the ``holidays`` package, which ships its data (no network at run time) and
follows the Banking and Financial Dealings Act 1971; from 1900 to 1970, when the Bank Holidays Act
1871 set them and the package is wrong, from ``early_holidays``, which says where each day comes from.

The calendar counts every day from 1 January 1900 to 31 December 2100 (the ``holidays`` package
knows no later year). A case's own dates may run to the end of 2099 (``EARLIEST_COUNTABLE`` to
``LATEST_COUNTABLE``, the bound ``validation`` holds files to), so that a clock started on the last
of them still has a year to run: the longest working-day limit in the pack is 65 working days. For speed the working days are held as a sorted
list of day ordinals, so that "the Nth working day after" is one bisection and one index.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from fairwitness.law import early_holidays

FIRST_YEAR = early_holidays.FIRST_YEAR  # 1900
LAST_YEAR = 2100
# The days a case's own dates may fall on: the calendar runs on a year past the last, so that
# clocks started on it can be counted.
EARLIEST_COUNTABLE = date(FIRST_YEAR, 1, 1)
LATEST_COUNTABLE = date(LAST_YEAR - 1, 12, 31)
# The parts of the UK whose holidays before 1971 are known here: England and Wales shared them.
_EARLY_SUBDIVISIONS = frozenset({"ENG", "WLS"})


@dataclass(frozen=True, slots=True)
class SkippedDay:
    day: date
    name: str

    def as_json(self) -> dict[str, str]:
        return {"date": self.day.isoformat(), "name": self.name}


class WorkingCalendar:
    """Working days for one part of the UK (``ENG`` covers England and Wales' shared holidays)."""

    def __init__(self, subdivision: str | None = "ENG", first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR):
        """``subdivision=None`` gives a calendar of weekends only (for tests of pure arithmetic)."""
        if subdivision not in _EARLY_SUBDIVISIONS and subdivision is not None and first_year <= early_holidays.LAST_YEAR:
            raise ValueError(f"holidays before {early_holidays.LAST_YEAR + 1} are known only for England and Wales")
        if subdivision is not None and last_year > LAST_YEAR:
            raise ValueError(f"bank holidays are known only to {LAST_YEAR}")
        self.subdivision = subdivision
        self.first = date(first_year, 1, 1)
        self.last = date(last_year, 12, 31)
        self._holiday_names: dict[int, str] = {}
        if subdivision:
            for year in range(first_year, min(last_year, early_holidays.LAST_YEAR) + 1):
                self._holiday_names.update((d.toordinal(), name) for d, name in early_holidays.holidays_in(year).items())
            import holidays  # here, not at the top: loading the case format needs the bounds, not the package

            later = range(max(first_year, early_holidays.LAST_YEAR + 1), last_year + 1)
            # Several names can share a day (a substitute and another holiday); holidays joins them.
            self._holiday_names.update((d.toordinal(), name) for d, name in
                                       holidays.country_holidays("GB", subdiv=subdivision, years=later).items())
        ordinals: list[int] = []
        for o in range(self.first.toordinal(), self.last.toordinal() + 1):
            if (o + 6) % 7 < 5 and o not in self._holiday_names:  # date.fromordinal(1) is a Monday
                ordinals.append(o)
        self._working = ordinals
        # Bank holidays on weekdays: the days that move a working-day count beyond the weekends.
        self._weekday_holidays = sorted(o for o in self._holiday_names if (o + 6) % 7 < 5)

    def _check(self, d: date) -> None:
        if not (self.first <= d <= self.last):
            raise ValueError(f"{d.isoformat()} is outside the calendar ({self.first.year}-{self.last.year})")

    def is_working_day(self, d: date) -> bool:
        o = d.toordinal()
        return (o + 6) % 7 < 5 and o not in self._holiday_names

    def holiday_name(self, d: date) -> str | None:
        return self._holiday_names.get(d.toordinal())

    def add_working_days(self, start: date, n: int) -> date:
        """The Nth working day after ``start`` (the start is day 0, working day or not)."""
        self._check(start)
        index = bisect_right(self._working, start.toordinal()) - 1 + n
        if not 0 <= index < len(self._working):  # never let a negative index wrap round to the end
            raise ValueError(f"{n} working days from {start.isoformat()} falls outside the calendar "
                             f"({self.first.year}-{self.last.year})")
        return date.fromordinal(self._working[index])

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        return bisect_right(self._working, end.toordinal()) - bisect_right(self._working, start.toordinal())

    def next_working_day_on_or_after(self, d: date) -> date:
        self._check(d)
        if self.is_working_day(d):
            return d
        index = bisect_right(self._working, d.toordinal())
        if index >= len(self._working):
            raise ValueError(f"no working day after {d.isoformat()} in the calendar ({self.first.year}-{self.last.year})")
        return date.fromordinal(self._working[index])

    def holidays_between(self, start: date, end: date) -> list[SkippedDay]:
        """Bank holidays on weekdays after ``start`` up to and including ``end``: the days that moved
        a working-day count beyond the weekends."""
        found = self._weekday_holidays
        lo, hi = bisect_right(found, start.toordinal()), bisect_right(found, end.toordinal())
        return [SkippedDay(date.fromordinal(o), self._holiday_names[o]) for o in found[lo:hi]]


def add_months(start: date, months: int) -> date:
    """The same date ``months`` later; if that date does not exist, the last day of that month."""
    total = start.month - 1 + months
    year, month = start.year + total // 12, total % 12 + 1
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def add_days(start: date, days: int) -> date:
    return start + timedelta(days=days)


@lru_cache(maxsize=4)
def working_calendar(subdivision: str = "ENG") -> WorkingCalendar:
    """One calendar per process; building it takes a few tens of milliseconds."""
    return WorkingCalendar(subdivision)


def gdpr_month_deadline(received: date, months: int = 1, cal: WorkingCalendar | None = None) -> date:
    """UK GDPR's calendar month: the corresponding date, rolled forward to the next working day
    when it falls on a weekend or bank holiday (ICO guidance, conv.calendar_month.ico)."""
    cal = cal or working_calendar()
    return cal.next_working_day_on_or_after(add_months(received, months))
