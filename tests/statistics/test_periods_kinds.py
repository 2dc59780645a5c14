from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

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
    pack = Path(__file__).resolve().parents[2] / "src/fairwitness/law/packs/england"
    ids = {entry["id"] for f in pack.glob("checks-*.yaml") for entry in yaml.safe_load(f.read_text())["checks"]}
    assert ids - set(KIND_OF_CHECK) == set()
    assert kind_of("removal_authority") == "authority" and kind_of("") == "other"
