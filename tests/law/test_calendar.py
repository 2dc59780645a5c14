"""The working-day calendar, table-driven: weekends, Christmas and Boxing Day, substitute days,
Easter, one-off holidays (2022 and 2023), leap years and month ends."""

from __future__ import annotations

from datetime import date

import pytest

from fairwitness.law.calendar import add_months, gdpr_month_deadline, working_calendar

cal = working_calendar()
D = date.fromisoformat


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        ("2024-01-13", False, "Saturday"),
        ("2024-01-14", False, "Sunday"),
        ("2024-01-15", True, "an ordinary Monday"),
        ("2023-12-25", False, "Christmas Day"),
        ("2023-12-26", False, "Boxing Day"),
        ("2022-12-27", False, "substitute for Christmas Day on a Sunday"),
        ("2021-12-28", False, "substitute for Boxing Day on a Sunday (2021)"),
        ("2022-01-03", False, "substitute for New Year's Day on a Saturday"),
        ("2024-03-29", False, "Good Friday 2024"),
        ("2024-04-01", False, "Easter Monday 2024"),
        ("2025-04-18", False, "Good Friday 2025"),
        ("2022-06-03", False, "Platinum Jubilee (one-off)"),
        ("2022-06-02", False, "Spring bank holiday moved in 2022"),
        ("2022-05-30", True, "the usual late-May Monday was a working day in 2022"),
        ("2022-09-19", False, "State funeral of Queen Elizabeth II (one-off)"),
        ("2023-05-08", False, "Coronation of King Charles III (one-off)"),
        ("2020-05-08", False, "VE Day: the early May bank holiday moved to a Friday"),
        ("2020-05-04", True, "the usual early-May Monday was a working day in 2020"),
        ("2024-02-29", True, "leap day, a Thursday"),
    ],
)
def test_working_days(day: str, working: bool, why: str) -> None:
    assert cal.is_working_day(D(day)) is working, why


@pytest.mark.parametrize(
    ("start", "n", "due", "why"),
    [
        ("2024-01-15", 10, "2024-01-29", "two weekends skipped"),
        ("2024-01-13", 1, "2024-01-15", "received on a Saturday: day 1 is Monday"),
        ("2023-12-20", 5, "2023-12-29", "Christmas Day and Boxing Day skipped"),
        ("2023-12-20", 6, "2024-01-02", "and New Year's Day"),
        ("2022-12-21", 3, "2022-12-28", "Christmas 2022: Boxing Day Monday, substitute Tuesday 27th"),
        ("2024-03-27", 2, "2024-04-02", "Good Friday and Easter Monday skipped"),
        ("2022-09-16", 1, "2022-09-20", "the state funeral skipped"),
        ("2023-05-05", 1, "2023-05-09", "the coronation skipped"),
        ("2024-04-15", 25, "2024-05-21", "stage 2 window with the May Day bank holiday"),
        ("2024-01-15", 0, "2024-01-15", "day 0 is the receipt day"),
    ],
)
def test_add_working_days(start: str, n: int, due: str, why: str) -> None:
    assert cal.add_working_days(D(start), n) == D(due), why


def test_working_days_between_counts_after_start_up_to_end() -> None:
    assert cal.working_days_between(D("2024-01-29"), D("2024-02-02")) == 4
    assert cal.working_days_between(D("2024-02-02"), D("2024-01-29")) == -4


def test_holidays_between_names_the_days_skipped() -> None:
    skipped = cal.holidays_between(D("2024-03-27"), D("2024-04-02"))
    assert [(s.day.isoformat(), s.name) for s in skipped] == [
        ("2024-03-29", "Good Friday"),
        ("2024-04-01", "Easter Monday"),
    ]


@pytest.mark.parametrize(
    ("start", "months", "result", "why"),
    [
        ("2024-01-15", 1, "2024-02-15", "the same date next month"),
        ("2024-01-31", 1, "2024-02-29", "no 31 February in a leap year: the last day"),
        ("2023-01-31", 1, "2023-02-28", "no 29 February in 2023"),
        ("2024-03-31", 1, "2024-04-30", "no 31 April"),
        ("2024-11-30", 3, "2025-02-28", "across a year end"),
        ("2024-08-31", 6, "2025-02-28", "six months to a short month"),
    ],
)
def test_add_months(start: str, months: int, result: str, why: str) -> None:
    assert add_months(D(start), months) == D(result), why


@pytest.mark.parametrize(
    ("received", "due", "why"),
    [
        ("2024-01-10", "2024-02-12", "10 February 2024 is a Saturday: rolled to Monday"),
        ("2024-01-31", "2024-02-29", "leap-year month end, a Thursday"),
        ("2024-02-29", "2024-04-02", "29 March 2024 is Good Friday: rolled past Easter to Tuesday"),
        ("2023-11-25", "2023-12-27", "25 December and Boxing Day rolled past"),
    ],
)
def test_gdpr_month_rolls_forward(received: str, due: str, why: str) -> None:
    assert gdpr_month_deadline(D(received)) == D(due), why


def test_outside_the_calendar_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="outside the calendar"):
        cal.add_working_days(D("1900-01-01"), 1)


def test_counting_past_either_end_of_the_calendar_is_a_clear_error_not_an_index_error() -> None:
    """Near the calendar's last day a count ran off the list (IndexError); counting back from its
    first day wrapped round to the far end and gave a date in 2075 without complaint."""
    with pytest.raises(ValueError, match="falls outside the calendar"):
        cal.add_working_days(D("2075-12-30"), 20)
    with pytest.raises(ValueError, match="falls outside the calendar"):
        cal.add_working_days(D("1970-01-02"), -5)
