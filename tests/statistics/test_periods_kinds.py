from __future__ import annotations

from datetime import date

from fairwitness.law.packs import load_pack
from fairwitness.statistics import periods
from fairwitness.statistics.kinds import KIND_OF_CHECK, kind_of


def test_financial_years():
    assert periods.year_of(date(2026, 3, 31)) == 2025
    assert periods.year_of(date(2026, 4, 1)) == 2026
    assert periods.time_period(2025) == "202526"
    assert periods.time_period(2099) == "209900"
    assert periods.label(2025) == "2025-26"
    # a year is published only once it has ended
    assert periods.closed_years(date(2024, 5, 1), date(2026, 3, 31)) == [2024]
    assert periods.closed_years(date(2024, 5, 1), date(2026, 4, 1)) == [2024, 2025]


def test_every_check_in_englands_pack_has_a_kind():
    assert set(load_pack("england").checks) - set(KIND_OF_CHECK) == set()
    assert kind_of("removal_authority") == "authority" and kind_of("") == "other"
