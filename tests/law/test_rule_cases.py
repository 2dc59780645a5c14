"""Tests as data, in the manner of OpenFisca: each YAML file in ``cases/`` holds small cases and the
findings the law requires for them (see ``fairwitness.law.rulecases`` for the format). Legal
reviewers run the same cases without pytest: ``fairwitness test-pack tests/law/cases``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fairwitness.law.rulecases import RuleCase, case_files, load_rule_cases, run_rule_case

CASES_DIR = Path(__file__).parent / "cases"


def _load() -> list[Any]:
    return [pytest.param(case, id=case.label) for path in case_files([CASES_DIR]) for case in load_rule_cases(path)]


@pytest.mark.parametrize("case", _load())
def test_rule_case(case: RuleCase) -> None:
    outcome = run_rule_case(case)
    assert outcome.passed, "\n".join(outcome.failures)
