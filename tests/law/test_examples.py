"""The example families give the findings a parent would act on.

Each ``examples/<name>.json`` has ``expected/<name>.json``: findings worked out by hand from
checks-england.md (the arithmetic is in each entry's ``why``), not copied from the engine. An entry
must be matched by some finding of the engine with the same check and status, the same starting
event, every expected event among the finding's events, and, where given, the same due date, the
same stopping day and the named people among the finding's people.

An entry with ``engine_disagrees`` is where the hand calculation and the engine differ and we think
the engine is wrong: it is a strict xfail, so it turns red the day the engine is fixed and the
marker can go.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fairwitness.law.caseformat import load_case
from fairwitness.law.engine import evaluate
from fairwitness.law.findings import Report

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXPECTED = Path(__file__).parent / "expected"
NAMES = sorted(p.stem for p in EXPECTED.glob("*.json"))


def _report(name: str) -> Report:
    return evaluate(load_case(EXAMPLES / f"{name}.json"))


_REPORTS: dict[str, list[dict[str, Any]]] = {}


def findings_of(name: str) -> list[dict[str, Any]]:
    if name not in _REPORTS:
        _REPORTS[name] = [f.as_json() for f in _report(name).findings]
    return _REPORTS[name]


def matches(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    if got["check"] != expected["check"] or got["status"] != expected["status"]:
        return False
    if not got["events"] or got["events"][0] != expected["events"][0]:
        return False
    if not set(expected["events"]) <= set(got["events"]):
        return False
    if "due" in expected and got["due"] != expected["due"]:
        return False
    if "people" in expected and not set(expected["people"]) <= set(got["people"]):
        return False
    if "stopped_at" in expected:
        stopped = (got.get("arithmetic") or {}).get("stopped_at") or ""
        if stopped[:10] != expected["stopped_at"]:
            return False
    return True


def _cases() -> list[Any]:
    params = []
    for name in NAMES:
        for index, entry in enumerate(json.loads((EXPECTED / f"{name}.json").read_text())):
            marks = []
            if entry.get("engine_disagrees"):
                marks.append(pytest.mark.xfail(reason=entry["engine_disagrees"], strict=True))
            label = f"{name}-{index:02d}-{entry['check']}-{entry['status']}"
            params.append(pytest.param(name, entry, id=label, marks=marks))
    return params


def test_every_example_has_expectations() -> None:
    examples = sorted(p.stem for p in EXAMPLES.glob("*.json"))
    assert examples, "no examples"
    assert set(NAMES) <= set(examples)
    for name in examples:
        assert name in NAMES, f"examples/{name}.json has no tests/law/expected/{name}.json"


@pytest.mark.parametrize("name", NAMES)
def test_example_is_a_valid_case_with_a_fixed_as_of(name: str) -> None:
    case = load_case(EXAMPLES / f"{name}.json")
    assert case.as_of is not None, "results must not depend on today's date"
    assert 10 <= len(case.events) <= 60


@pytest.mark.parametrize(("name", "expected"), _cases())
def test_expected_finding(name: str, expected: dict[str, Any]) -> None:
    got = findings_of(name)
    same_check = [(g["status"], g["events"], g["due"], g["people"]) for g in got if g["check"] == expected["check"]]
    assert any(matches(expected, g) for g in got), (
        f"{name}: expected {expected['check']} {expected['status']} on {expected['events']} "
        f"due {expected.get('due')}; the engine gave {same_check or 'nothing for that check'}"
    )


@pytest.mark.parametrize("name", NAMES)
def test_no_unexpected_breaches_or_concerns(name: str) -> None:
    """Every breach or concern the engine reports is one a hand reading of the case also found."""
    expected = json.loads((EXPECTED / f"{name}.json").read_text())
    for got in findings_of(name):
        if got["severity"] not in ("breach", "concern"):
            continue
        assert any(e["check"] == got["check"] and e["events"][0] == got["events"][0] for e in expected), (
            f"{name}: unexpected {got['check']} {got['status']} on {got['events']}: {got['explanation']}"
        )


@pytest.mark.parametrize("name", NAMES)
def test_json_matches_the_case_format_contract(name: str) -> None:
    report = _report(name)
    data = json.loads(json.dumps(report.as_json()))
    assert set(data) >= {"case", "as_of", "footings", "findings"}
    for f in data["findings"]:
        assert f["status"] in ("met", "late", "missed", "due", "breach", "concern", "info")
        assert f["severity"] in ("info", "concern", "breach")
        assert f["citation"]["instrument"]
        assert f["explanation"]
        if f["arithmetic"] is not None:
            assert set(f["arithmetic"]) >= {"start", "limit", "skipped", "stopped_by", "stopped_at"}
