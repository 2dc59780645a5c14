"""The one date formatter: the way letters, pages and findings write a date."""

from datetime import date, datetime

from fairwitness.law.dates import long_date, month_and_year


def test_a_day_has_no_leading_zero_and_the_month_in_full() -> None:
    assert long_date(date(2025, 1, 6)) == "6 January 2025"
    assert long_date(date(2024, 12, 31)) == "31 December 2024"


def test_a_moment_keeps_its_time_and_its_day_alone_drops_it() -> None:
    moment = datetime(2024, 1, 29, 9, 5)
    assert long_date(moment) == "29 January 2024 at 09:05"
    assert long_date(moment.date()) == "29 January 2024"


def test_no_date_reads_as_nothing() -> None:
    assert long_date(None) == ""


def test_a_date_known_only_to_the_month() -> None:
    assert month_and_year(date(2023, 9, 1)) == "September 2023"
