"""The release in the shape explore-education-statistics expects: every CSV and meta file read
back, required columns, symbols, and no council count between 1 and 9."""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import replace
from datetime import date

import pytest

from fairwitness.statistics.opendata import write_release
from fairwitness.statistics.release import EarlierRelease, build_release, publication_to_json
from fairwitness.statistics.tables import CATALOGUE, GEOGRAPHY_COLUMNS

from .synthetic import COUNCILS, synthetic_facts

REQUIRED = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name"]
META_REQUIRED = ["col_name", "col_type", "label", "indicator_grouping", "indicator_unit", "indicator_dp",
                 "filter_hint", "filter_grouping_column"]


@pytest.fixture(scope="module")
def release():
    return build_release(synthetic_facts(), COUNCILS, date(2026, 12, 1))


@pytest.fixture(scope="module")
def written(release, tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    write_release(release, out)
    return out


def test_the_gate_passed_and_both_closed_years_are_in(release):
    assert release.passed
    assert release.periods == ["202425", "202526"]  # 2026-27 has not ended: not published


def test_every_csv_and_meta_file_has_the_ees_shape(written):
    data_files = sorted((written / "data").glob("*.csv"))
    tables = [p for p in data_files if not p.name.endswith(".meta.csv")]
    assert {p.stem for p in tables} == {t.name for t in CATALOGUE}
    for spec in CATALOGUE:
        path = written / "data" / f"{spec.name}.csv"
        text = path.read_bytes().decode("utf-8")  # UTF-8, no BOM
        assert not text.startswith("\ufeff") and path.name == path.name.lower()
        rows = list(csv.DictReader(text.splitlines()))
        assert rows, spec.name
        header = text.splitlines()[0].split(",")
        assert header[: len(GEOGRAPHY_COLUMNS)] == GEOGRAPHY_COLUMNS and all(c in header for c in REQUIRED)
        indicators = [i.name for i in spec.indicators]
        for row in rows:
            assert row["time_identifier"] == "Financial year" and len(row["time_period"]) == 6
            assert row["geographic_level"] in ("National", "Local authority")
            assert row["country_code"] == "E92000001" and row["country_name"] == "England"
            if row["geographic_level"] == "Local authority":
                assert row["new_la_code"].startswith("E") and row["old_la_code"].isdigit() and row["la_name"]
                assert row["region_code"].startswith("E12") and row["region_name"]
            for column in indicators:
                value = row[column]
                assert value != "", f"{spec.name}.{column} is blank"  # the screener fails blanks
                if column == "funnel_position":
                    assert value in ("c", "x", "z", "within expected range", "above 99.8% limit", "below 99.8% limit")
                    continue
                assert value in ("c", "x", "z") or value.isdigit(), f"{spec.name}.{column} = {value!r}"
                if value.isdigit() and column.endswith("_count"):
                    number = int(value)
                    assert number == 0 and row["geographic_level"] == "National" or number >= 10, \
                        f"{spec.name}: {row['la_name'] or 'England'} {column} = {number}"
                    assert number % 5 == 0
        meta = list(csv.DictReader((written / "data" / f"{spec.name}.meta.csv").read_text("utf-8").splitlines()))
        assert list(meta[0]) == META_REQUIRED
        assert {m["col_name"] for m in meta} == {c.name for c in (*spec.filters, *spec.indicators)}
        assert {m["col_type"] for m in meta} <= {"Filter", "Indicator"}


def test_small_councils_are_c_and_a_big_one_is_shown(release):
    rows = release.tables["casework"]
    def received(code, year):
        return next(r["families_count"] for r in rows if r["new_la_code"] == code and r["time_period"] == year
                    and r["measure"] == "Concerns received" and r["breakdown"] == "Total")
    assert received("E06000053", "202425") == "c"  # one family on the Isles of Scilly
    assert received("E08000035", "202425") == 40
    # the old county council's record counts under its sole successor
    assert received("E06000065", "202425") == "c"
    assert not any(r["new_la_code"] == "E10000023" for r in rows)


def test_rates_only_with_ten_each_way_and_wilson_limits(release):
    for row in release.tables["council_measures"]:
        if isinstance(row["rate_percent"], int):
            assert row["rate_lower_ci"] <= row["rate_percent"] <= row["rate_upper_ci"]
            assert isinstance(row["denominator_count"], int) and row["denominator_count"] >= 20


def test_release_json_holds_every_files_hash(written):
    manifest = json.loads((written / "release.json").read_text())
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((written / name).read_bytes()).hexdigest() == digest
    assert "data-guidance.md" in manifest["files"]


def test_published_years_are_frozen_against_later_changes(release):
    """A later release copies a published year as it was, even when the facts have changed since
    (a family withdrew, a late answer was recorded), and its audit includes the earlier figures."""
    first = build_release(synthetic_facts(), COUNCILS, date(2025, 6, 1))
    assert first.periods == ["202425"]
    earlier = EarlierRelease("fw-2025-06-01", first.periods, first.tables, publication_to_json(first.publication))
    changed = synthetic_facts()
    changed.clocks = []  # every family withdrew statistical consent
    changed.requests = [replace(r, answered_on=r.due_on) for r in changed.requests]
    second = build_release(changed, COUNCILS, date(2026, 12, 1), [earlier])
    assert second.passed and second.new_periods == ["202526"]
    old = [r for r in second.tables["statutory_clocks"] if r["time_period"] == "202425"]
    assert old == [r for r in first.tables["statutory_clocks"]]
    new = [r for r in second.tables["statutory_clocks"] if r["time_period"] == "202526"]
    assert all(r["clocks_count"] == "c" for r in new)  # withdrawal applies from this release on
