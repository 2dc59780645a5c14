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
        cal.add_working_days(D("1899-12-29"), 1)
    with pytest.raises(ValueError, match="outside the calendar"):
        cal.add_working_days(D("2101-01-03"), 1)


def test_counting_past_either_end_of_the_calendar_is_a_clear_error_not_an_index_error() -> None:
    """Near the calendar's last day a count ran off the list (IndexError); counting back from its
    first day wrapped round to the far end and gave a date at the other end without complaint."""
    with pytest.raises(ValueError, match="falls outside the calendar"):
        cal.add_working_days(D("2100-12-30"), 20)
    with pytest.raises(ValueError, match="falls outside the calendar"):
        cal.add_working_days(D("1900-01-02"), -5)


# --- issue 11: records from 1900 on ------------------------------------------------------------
# Before 1971 the Bank Holidays Act 1871 set the days (law/early_holidays.py says where each comes
# from); the holidays package is wrong for those years, and the calendar used to start in 1970.

@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        ("1900-01-01", True, "New Year's Day was no bank holiday in England until 1974"),
        ("1965-01-01", True, "nor in 1965"),
        ("1900-04-13", False, "Good Friday 1900 (common law)"),
        ("1900-04-16", False, "Easter Monday 1900 (1871 Act)"),
        ("1900-06-04", False, "Whit Monday 1900 (1871 Act)"),
        ("1900-08-06", False, "first Monday in August 1900 (1871 Act)"),
        ("1964-08-03", False, "the last August bank holiday on the first Monday"),
        ("1965-08-02", True, "1965: the August holiday moved to the end of the month, on trial"),
        ("1965-08-30", False, "the August holiday at the end of August 1965"),
        ("1968-09-02", False, "the August holiday in September 1968 (HC Deb 3 June 1965)"),
        ("1969-09-01", False, "and 1 September 1969"),
        ("1965-06-07", False, "Whit Monday 1965, still the spring holiday"),
        ("1967-05-15", True, "Whit Monday 1967 was a working day: the spring holiday was 29 May"),
        ("1967-05-29", False, "the first fixed spring bank holiday (HC Deb 3 June 1965)"),
        ("1970-05-18", True, "Whit Monday 1970 was a working day"),
        ("1970-05-25", False, "the spring bank holiday 1970"),
        ("1970-08-31", False, "the August bank holiday 1970, the package has none"),
        ("1970-12-28", True, "Christmas 1970 on the traditional days only (HC Deb 11 November 1970)"),
        ("1936-12-28", True, "Boxing Day 1936 was a Saturday: no substitute under the 1871 Act"),
        ("1937-12-27", False, "Boxing Day 1937 a Sunday: kept on the 27th (Holidays Extension Act 1875)"),
        ("1937-12-28", True, "and no other day"),
        ("1953-06-02", False, "Coronation of Elizabeth II"),
        ("1935-05-06", False, "Silver Jubilee of George V (HC Deb 30 July 1934)"),
        ("1968-03-15", False, "the gold-crisis bank holiday"),
        ("1945-05-08", False, "VE Day"),
        ("1971-05-31", False, "from 1971 the 1971 Act: the spring bank holiday on the last Monday in May"),
        ("2100-12-27", False, "the calendar runs to the end of 2100"),
    ],
)
def test_working_days_before_1971(day: str, working: bool, why: str) -> None:
    assert cal.is_working_day(D(day)) is working, why


def test_a_1965_clock_skips_the_august_holiday_at_the_end_of_the_month() -> None:
    assert cal.add_working_days(D("1965-08-26"), 2) == D("1965-08-31")
    assert [s.name for s in cal.holidays_between(D("1965-08-26"), D("1965-08-31"))] == ["August Bank Holiday"]


def test_good_friday_is_right_for_every_year_before_1971() -> None:
    import holidays

    from fairwitness.law.early_holidays import holidays_in

    known = holidays.country_holidays("GB", subdiv="ENG", years=range(1900, 1971))
    good_fridays = {d.year: d for d, name in known.items() if "Good Friday" in name}
    assert len(good_fridays) == 71
    assert all(holidays_in(year).get(day) == "Good Friday" for year, day in good_fridays.items())
