"""The command line a parent or a reviewer uses: check, validate, schema, rights."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fairwitness.cli import app
from fairwitness.law.findings import DISCLAIMER

runner = CliRunner()

CASE = {
    "format": "fairwitness-case/1",
    "jurisdiction": "england",
    "local_authority": "Exampleshire County Council",
    "as_of": "2024-03-01",
    "children": [{"id": "c1", "name": "A"}],
    "people": [{"id": "p1", "name": "M", "role": "mother", "parental_responsibility": True}],
    "events": [
        {"id": "e1", "kind": "complaint_made", "at": "2024-01-15", "stage": 1, "by": "p1"},
        {"id": "e2", "kind": "complaint_response", "at": "2024-02-02", "stage": 1},
    ],
}


def _write(tmp_path: Path, name: str, doc: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_check_json_is_the_machine_contract(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(_write(tmp_path, "a.json", CASE)), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= {"case", "as_of", "footings", "findings"}
    assert doc["as_of"] == "2024-03-01"
    finding = next(f for f in doc["findings"] if f["check"] == "complaint_stage1")
    assert finding == {
        "check": "complaint_stage1", "status": "late", "severity": "breach", "children": ["c1"], "people": ["p1"],
        "events": ["e1", "e2"], "due": "2024-01-29", "legal_force": "regulations",
        "citation": {"instrument": "Children Act 1989 Representations Procedure (England) Regulations 2006 (SI 2006/1738)",
                     "provision": "stage 1 (local resolution)", "url": "https://www.legislation.gov.uk/uksi/2006/1738"},
        "verified": "secondary",
        "explanation": "The council had until 29 January 2024 (10 working days) to answer your stage 1 complaint. "
                       "It answered on 2 February 2024, 4 working days late.",
        "arithmetic": {"start": "2024-01-15", "limit": "10 working days", "skipped": [], "stopped_by": "e2",
                       "stopped_at": "2024-02-02"},
        "title": "Answer to a stage 1 complaint",
        "inferred_from": [],  # added by issue 8: nothing here rests on an inference
        "estimated_dates": [],  # added by issue 11: no date here is an estimate
    }


def test_check_text_is_what_a_parent_reads(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(_write(tmp_path, "a.json", CASE))], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "BREACH Answer to a stage 1 complaint" in text
    assert "4 working days late" in text
    assert "SI 2006/1738" in text
    assert text.endswith(" ".join(DISCLAIMER.split()))


def test_check_as_of_changes_the_judgement(tmp_path: Path) -> None:
    doc = {**CASE, "events": CASE["events"][:1]}
    path = _write(tmp_path, "a.json", doc)
    early = json.loads(runner.invoke(app, ["check", str(path), "-f", "json", "--as-of", "2024-01-20"]).stdout)
    late = json.loads(runner.invoke(app, ["check", str(path), "-f", "json", "--as-of", "2024-02-20"]).stdout)
    status = {f["check"]: f["status"] for f in early["findings"]}
    assert status["complaint_stage1"] == "due"
    assert {f["check"]: f["status"] for f in late["findings"]}["complaint_stage1"] == "missed"


def test_jsonl_writes_one_line_per_case_and_reads_folders(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    for i in range(3):
        _write(folder, f"{i}.json", CASE)
    result = runner.invoke(app, ["check", str(folder), "--format", "jsonl"])
    lines = result.stdout.strip().splitlines()
    assert result.exit_code == 0 and len(lines) == 3
    assert all(json.loads(line)["findings"] for line in lines)


def test_invalid_file_exits_2_and_lists_every_problem(tmp_path: Path) -> None:
    bad = {**CASE, "events": [{"id": "e1", "kind": "complaint_made", "at": "2024-13-01", "stage": 9},
                              {"id": "e2", "kind": "consent", "at": "2024-01-01"}]}
    result = runner.invoke(app, ["validate", str(_write(tmp_path, "bad.json", bad))])
    assert result.exit_code == 2
    for fragment in ("event e1: at", "event e1: stage", "event e2: person", "event e2: activity"):
        assert fragment in result.output
    good = runner.invoke(app, ["check", str(_write(tmp_path, "bad.json", bad)), str(_write(tmp_path, "g.json", CASE))])
    assert good.exit_code == 2 and "Answer to a stage 1 complaint" in good.stdout


def test_schema_is_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"].startswith("Fair Witness case file")
    assert "events" in schema["properties"]


def test_rights_lists_what_the_council_may_not_do() -> None:
    result = runner.invoke(app, ["rights", "section_20"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "may not" in result.stdout.lower()
    assert "20(8)" in result.stdout or "20(7)" in result.stdout
    unknown = runner.invoke(app, ["rights", "nonsense"])
    assert unknown.exit_code == 2


# --- issue 8: pack hardening ---------------------------------------------------------------------

def test_a_case_for_a_jurisdiction_without_a_pack_is_invalid_not_a_crash(tmp_path: Path) -> None:
    path = _write(tmp_path, "wales.json", {**CASE, "jurisdiction": "wales"})
    for command in ("validate", "check"):
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == 2, (command, result.output)
        assert "file: jurisdiction: Fair Witness has no rules for 'wales'" in result.output
        assert "england" in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_date_outside_the_calendar_is_a_validation_error(tmp_path: Path) -> None:
    for year in ("1899", "2099"):
        bad = {**CASE, "events": [{"id": "e1", "kind": "referral_received", "at": f"{year}-01-15"}]}
        path = _write(tmp_path, f"y{year}.json", bad)
        for command in ("validate", "check"):
            result = runner.invoke(app, [command, str(path)])
            assert result.exit_code == 2, (command, result.output)
            text = " ".join(result.output.split())
            assert "event e1: at:" in text
            assert "is out of range: events can be dated from 1 January 1900 to" in text
            assert result.exception is None or isinstance(result.exception, SystemExit)


def test_test_pack_runs_the_rule_cases_without_pytest(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "one.yaml").write_text(
        "- name: stage 1 answered late\n"
        "  as_of: 2024-03-01\n"
        "  events:\n"
        "    - {id: c, kind: complaint_made, at: 2024-01-15, stage: 1}\n"
        "    - {id: r, kind: complaint_response, at: 2024-01-30, stage: 1}\n"
        "  expect:\n"
        "    - {check: complaint_stage1, status: late, due: 2024-01-29}\n"
        "- name: a reviewer's wrong expectation\n"
        "  as_of: 2024-03-01\n"
        "  events:\n"
        "    - {id: c, kind: complaint_made, at: 2024-01-15, stage: 1}\n"
        "  expect:\n"
        "    - {check: complaint_stage1, status: met}\n", encoding="utf-8")
    result = runner.invoke(app, ["test-pack", str(cases)])
    assert result.exit_code == 1, result.output
    assert "FAIL one: a reviewer's wrong expectation" in result.output
    assert "1 passed, 1 failed" in result.output
    assert runner.invoke(app, ["test-pack", str(cases), "-k", "answered late"]).exit_code == 0


def test_test_pack_refuses_a_case_file_with_a_key_written_twice(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text("- name: twice\n  as_of: 2024-03-01\n  as_of: 2024-04-01\n  events: []\n", encoding="utf-8")
    result = runner.invoke(app, ["test-pack", str(path)])
    assert result.exit_code == 2
    assert "'as_of' is written twice" in result.output and "Traceback" not in result.output


def test_test_pack_says_where_the_cases_are_when_there_are_none(tmp_path: Path) -> None:
    result = runner.invoke(app, ["test-pack", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "No rule cases at" in result.output
