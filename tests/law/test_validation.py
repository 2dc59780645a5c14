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
    "year 1 event": "out of range",
    "year 9999 event": "out of range",
    "event in 2076": "out of range",
    "as_of year 1": "out of range",
    "as_of year 9999": "out of range",
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
