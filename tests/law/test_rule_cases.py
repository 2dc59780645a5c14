"""Tests as data, in the manner of OpenFisca: each YAML file in ``cases/`` holds small cases and the
findings the law requires for them. For every check a case names in ``expect``, the engine's
findings of that check must be exactly the ones listed (each listed field must match); checks in
``absent`` must produce no finding at all.

Cases get a default family unless they say otherwise: child ``c1`` (born 1 January 2015), ``p1`` the
mother and ``p2`` the father, both with parental responsibility.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from fairwitness.law.caseformat import parse_case
from fairwitness.law.engine import evaluate

CASES_DIR = Path(__file__).parent / "cases"
DEFAULT_CHILDREN = [{"id": "c1", "name": "A", "date_of_birth": "2015-01-01"}]
DEFAULT_PEOPLE = [
    {"id": "p1", "name": "M", "role": "mother", "parental_responsibility": True},
    {"id": "p2", "name": "F", "role": "father", "parental_responsibility": True},
]


def _jsonable(value: Any) -> Any:
    """YAML reads dates as dates; the case format wants ISO strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            params.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return params


def _matches(finding: dict[str, Any], expected: dict[str, Any]) -> bool:
    for key, want in expected.items():
        have = finding.get(key)
        if key == "explanation_contains":
            if any(part not in finding["explanation"] for part in ([want] if isinstance(want, str) else want)):
                return False
            continue
        if key == "skipped":
            have = [d["date"] for d in (finding.get("arithmetic") or {}).get("skipped", [])]
        if key == "stopped_by":
            have = (finding.get("arithmetic") or {}).get("stopped_by")
        if _jsonable(want) != have:
            return False
    return True


@pytest.mark.parametrize("spec", _load())
def test_rule_case(spec: dict[str, Any]) -> None:
    data = {
        "format": "fairwitness-case/1",
        "jurisdiction": "england",
        "local_authority": "Exampleshire County Council",
        "children": spec.get("children", DEFAULT_CHILDREN),
        "people": spec.get("people", DEFAULT_PEOPLE),
        "events": spec["events"],
    }
    case = parse_case(_jsonable(data), spec["name"])
    report = evaluate(case, date.fromisoformat(str(spec["as_of"])))
    found = [f.as_json() for f in report.findings]
    expected_by_check: dict[str, list[dict[str, Any]]] = {}
    for item in spec.get("expect", []):
        expected_by_check.setdefault(item["check"], []).append(item)
    for check, expected in expected_by_check.items():
        actual = [f for f in found if f["check"] == check]
        unmatched = list(actual)
        for want in expected:
            hit = next((f for f in unmatched if _matches(f, want)), None)
            assert hit is not None, f"{check}: no finding matches {want}\nengine gave: {actual}"
            unmatched.remove(hit)
        assert not unmatched, f"{check}: unexpected extra findings {unmatched}"
    for check in spec.get("absent", []):
        assert not [f for f in found if f["check"] == check], f"{check} should find nothing: {found}"
