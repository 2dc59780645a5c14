"""The one validation layer (issue 11): bad case files are answered with every problem named and
exit 2 at the CLI, never a traceback; numbers are not dates; ids are used once and point at
something; dates are ones a person could mean."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from tests.fuzz.corpus import VALID, corpus, targeted
from typer.testing import CliRunner

from fairwitness.cli import app
from fairwitness.law.caseformat import CaseFileError, loads_case, parse_case
from fairwitness.law.engine import evaluate

runner = CliRunner()

# What each targeted input must be told, in the words the family reads.
EXPECTED = {
    "numeric date": "write dates as text",
    "numeric-string date": "is not a date",
    "year 1 event": "at: 0001-01-01 is out of range: events can be dated from 1 January 1900 to 1 March 2025",
    "year 9999 event": "at: 9999-12-31 is out of range: events can be dated from 1 January 1900 to 1 March 2025",
    "event in 2076": "at: 2076-01-01 is out of range: events can be dated from 1 January 1900 to 1 March 2025",
    "as_of year 1": "as_of: 0001-01-01 is out of range: a case can be judged at a day from 1 January 1900",
    "as_of year 9999": "as_of: 9999-12-31 is out of range: a case can be judged at a day from 1 January 1900",
    "birth in the future": "cannot be in the future",
    "duplicate child ids": "used by more than one child",
    "duplicate person ids": "used by more than one person",
    "child and person share an id": "a child already has this id",
    "duplicate event ids": "used by more than one event",
    "dangling responds_to": "no event with id 'nope'",
    "dangling about": "no event with id 'nope'",
    "dangling report person": "no person with id 'nobody'",
    "control char in name": "control character (U+000B)",
    "control char in id": "control character (U+0000)",
    "lone surrogate": "not UTF-8",
    "escaped lone surrogate": "surrogate",
    "huge weeks": "not an extension a court grants",
    "negative weeks": "not an extension a court grants",
    "very long name": "at most 200",
    "nested 2000 deep": "nests more than",
    "nested 100000 deep": "nests more than",
    "deep note": "nests more than",
    "array at top": "JSON object",
    "string at top": "JSON object",
    "empty": "not valid JSON",
    "not utf-8": "not UTF-8",
    "utf-16": "not UTF-8",
    "huge number": "not a case file",
    "NaN": "not a number a case file can hold",
    "events not a list": "events",
    "event not an object": "events[0]",
}


def test_the_valid_file_is_valid() -> None:
    case = loads_case(json.dumps(VALID))
    assert len(case.events) == 5


@pytest.mark.parametrize(("name", "data"), targeted(), ids=[n for n, _ in targeted()])
def test_each_attack_input_is_refused_with_its_problem_named(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / "case.json"
    path.write_bytes(data)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert EXPECTED[name] in " ".join(result.stderr.split()), result.stderr


def test_the_whole_fuzz_corpus_never_gives_a_traceback_and_never_hangs(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    slow = []
    for name, data in corpus():
        path.write_bytes(data)
        for command in (["validate", str(path)], ["check", str(path), "--format", "json"]):
            started = time.monotonic()
            result = runner.invoke(app, command)
            if time.monotonic() - started > 5:
                slow.append(name)
            assert result.exit_code in (0, 2), (name, command[0], result.exception, result.output[-500:])
            assert "Traceback" not in result.output, name
            if result.exit_code == 2:
                assert "  - " in result.stderr or "could not be checked" in result.stderr, (name, result.stderr)
    assert not slow


def test_a_numeric_date_is_not_read_as_seconds_since_1970() -> None:
    doc = {**VALID, "events": [{**VALID["events"][0], "at": 20240101}]}
    with pytest.raises(CaseFileError) as caught:
        parse_case(doc)
    assert "event e1: at: 20240101 is not a date: write dates as text, YYYY-MM-DD" in str(caught.value)


def test_events_may_be_a_year_after_the_judging_day_and_no_more() -> None:
    within = {**VALID, "events": [{**VALID["events"][0], "at": "2025-02-28"}]}
    assert parse_case(within).events[0].at == date(2025, 2, 28)
    beyond = {**VALID, "events": [{**VALID["events"][0], "at": "2025-03-03"}]}
    with pytest.raises(CaseFileError, match="out of range"):
        parse_case(beyond)


def test_without_as_of_the_bound_is_counted_from_the_callers_today() -> None:
    doc = {k: v for k, v in VALID.items() if k != "as_of"}
    doc["events"] = [{**VALID["events"][0], "at": "2024-06-01"}]
    parse_case(doc, today=date(2024, 1, 1))
    with pytest.raises(CaseFileError, match="out of range"):
        parse_case(doc, today=date(2023, 1, 1))


def test_cli_as_of_year_1_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(VALID), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--as-of", "0001-01-01"])
    assert result.exit_code == 2
    assert "out of range" in " ".join(result.output.split())


# --- issue 11: dates from 1900, bounded in one pass ---------------------------------------------

def _problems(doc: dict) -> list[str]:
    with pytest.raises(CaseFileError) as caught:
        parse_case(doc)
    return [str(p) for p in caught.value.problems]


def test_a_1965_event_is_accepted_and_the_case_judged(tmp_path: Path) -> None:
    """A parent's own childhood in care: the calendar used to start in 1970 and refused it."""
    doc = {**VALID, "as_of": "1966-03-01", "children": [{"id": "c1", "name": "Amy", "date_of_birth": "1958-05-04"}],
           "events": [{"id": "e1", "kind": "removed_from_home", "at": "1965-08-26", "authority": "care_order"},
                      {"id": "e2", "kind": "care_order", "at": "1965-08-26"},
                      {"id": "e3", "kind": "returned_home", "at": "1965-12-20"}]}
    case = parse_case(doc)
    report = evaluate(case)
    assert report.as_of == date(1966, 3, 1)
    assert any(f.start == date(1965, 8, 26) for f in report.footings)
    path = tmp_path / "case.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["as_of"] == "1966-03-01"


def test_a_1965_event_beside_todays_is_accepted() -> None:
    doc = {**VALID, "events": [*VALID["events"], {"id": "old", "kind": "section_20_started", "at": "1965-06-01"}]}
    assert parse_case(doc).events[-1].day == date(1965, 6, 1)


def test_an_1899_event_is_refused_once_in_plain_words() -> None:
    doc = {**VALID, "events": [{**VALID["events"][0], "at": "1899-12-31"}]}
    assert _problems(doc) == ["event e1: at: 1899-12-31 is out of range: events can be dated from 1 January 1900 "
                              "to 1 March 2025, a year after 1 March 2024, the day the case is judged at"]


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_an_as_of_out_of_range_in_the_file_is_one_plain_problem(tmp_path: Path, as_of: str) -> None:
    doc = {**VALID, "as_of": as_of}
    problems = _problems(doc)
    assert len(problems) == 1
    assert problems[0].startswith(f"file: as_of: {as_of} is out of range: a case can be judged at a day from "
                                  "1 January 1900 to ")
    path = tmp_path / "case.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    for command in ("check", "validate"):
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        assert f"as_of: {as_of} is out of range" in " ".join(result.stderr.split())


def test_other_dates_out_of_range_name_their_field_and_the_range() -> None:
    doc = {**VALID, "children": [{"id": "c1", "name": "Amy", "date_of_birth": "1890-05-04"}],
           "events": [{**VALID["events"][4], "until": "1899-02-20"},
                      {**VALID["events"][2], "reports_shared": [{"person": "p1", "at": "2030-02-09"}]}]}
    assert _problems(doc) == [
        "child c1: date_of_birth: 1890-05-04 is out of range: a date of birth can be from 1 January 1900 to 1 March 2024",
        "event e5: until: 1899-02-20 is out of range: an order's or approval's end can be from 1 January 1900 to "
        "1 March 2034, ten years after the day the case is judged at",
        "event e3: reports_shared[0].at: 2030-02-09 is out of range: reports can be dated from 1 January 1900 to "
        "1 March 2025, a year after 1 March 2024, the day the case is judged at",
    ]


def test_an_unknown_jurisdiction_is_named_not_read_from_disk() -> None:
    with pytest.raises(CaseFileError, match="no rules for '../../etc'"):
        parse_case({**VALID, "jurisdiction": "../../etc"})


def test_a_dense_20000_event_case_checks_in_under_two_seconds() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from stress import dense_case

    case = loads_case(json.dumps(dense_case(20_000)))
    evaluate(loads_case(json.dumps(dense_case(200))))  # the pack and calendar are built once per process
    started = time.process_time()
    evaluate(case)
    assert time.process_time() - started < 2.0


def test_a_date_precision_the_format_does_not_know_is_named() -> None:
    doc = {**VALID, "events": [{**VALID["events"][0], "date_precision": "week"}]}
    problems = _problems(doc)
    assert len(problems) == 1 and problems[0].startswith("event e1: date_precision:"), problems
    assert "'month'" in problems[0]
