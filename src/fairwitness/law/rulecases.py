"""Rule cases: tests as data, in the manner of OpenFisca's YAML tests.

Each YAML file holds a list of small cases, each with its events, the day to judge it on and the
findings the law requires. For every check a case names in ``expect``, the engine's findings of that
check must be exactly the ones listed (each listed field must match); checks in ``absent`` must
produce no finding at all. Cases get a default family unless they say otherwise: child ``c1`` (born
1 January 2015), ``p1`` the mother and ``p2`` the father, both with parental responsibility.

The same runner serves pytest (``tests/law/test_rule_cases.py``) and legal reviewers, who run
``fairwitness test-pack`` without any test tooling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from fairwitness.law.caseformat import CaseFileError, parse_case
from fairwitness.law.engine import evaluate
from fairwitness.law.packs import PackError, read_strict_yaml

DEFAULT_CHILDREN = [{"id": "c1", "name": "A", "date_of_birth": "2015-01-01"}]
DEFAULT_PEOPLE = [
    {"id": "p1", "name": "M", "role": "mother", "parental_responsibility": True},
    {"id": "p2", "name": "F", "role": "father", "parental_responsibility": True},
]


class RuleCaseFileError(ValueError):
    """A rule case file that cannot be read: names the file and what is wrong."""


@dataclass(frozen=True)
class RuleCase:
    name: str
    file: Path
    spec: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.file.stem}: {self.name}"


@dataclass
class Outcome:
    case: RuleCase
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def case_files(paths: Iterable[str | Path]) -> list[Path]:
    """YAML files named, and those inside folders named, sorted."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        out.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return out


def load_rule_cases(path: Path) -> list[RuleCase]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleCaseFileError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        data = read_strict_yaml(text, str(path))
    except PackError as exc:
        raise RuleCaseFileError(str(exc)) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise RuleCaseFileError(f"{path}: expected a list of cases")
    cases = []
    for index, spec in enumerate(data):
        if not isinstance(spec, dict) or "name" not in spec or "events" not in spec or "as_of" not in spec:
            raise RuleCaseFileError(f"{path}: case #{index + 1} needs a name, an as_of and events")
        cases.append(RuleCase(str(spec["name"]), path, spec))
    return cases


def _jsonable(value: Any) -> Any:
    """YAML reads dates as dates; the case format wants ISO strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


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


def run_rule_case(case: RuleCase) -> Outcome:
    """Judge the case and compare; every mismatch is one plain message."""
    spec = case.spec
    outcome = Outcome(case)
    data = {
        "format": "fairwitness-case/1",
        "jurisdiction": spec.get("jurisdiction", "england"),
        "local_authority": "Exampleshire County Council",
        "children": spec.get("children", DEFAULT_CHILDREN),
        "people": spec.get("people", DEFAULT_PEOPLE),
        "events": spec["events"],
    }
    try:
        parsed = parse_case(_jsonable(data), case.name)
        report = evaluate(parsed, date.fromisoformat(str(spec["as_of"])))
    except CaseFileError as exc:
        outcome.failures.append(f"the case is not a valid case file: {exc}")
        return outcome
    except (ValueError, PackError) as exc:
        outcome.failures.append(f"the case could not be judged: {exc}")
        return outcome
    found = [f.as_json() for f in report.findings]
    expected_by_check: dict[str, list[dict[str, Any]]] = {}
    for item in spec.get("expect", []):
        expected_by_check.setdefault(item["check"], []).append(item)
    for check, expected in expected_by_check.items():
        actual = [f for f in found if f["check"] == check]
        unmatched = list(actual)
        for want in expected:
            hit = next((f for f in unmatched if _matches(f, want)), None)
            if hit is None:
                outcome.failures.append(f"{check}: no finding matches {want}; the engine gave {actual}")
                continue
            unmatched.remove(hit)
        if unmatched:
            outcome.failures.append(f"{check}: unexpected extra findings {unmatched}")
    for check in spec.get("absent", []):
        extra = [f for f in found if f["check"] == check]
        if extra:
            outcome.failures.append(f"{check} should find nothing, but the engine gave {extra}")
    return outcome
