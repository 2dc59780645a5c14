"""``fairwitness letter`` and ``fairwitness chronology`` through Typer's runner."""

from __future__ import annotations

import csv
import io

import typer
from typer.testing import CliRunner

from fairwitness.cases.letter_commands import register

from .conftest import CASES, docx_text, pdf_text

app = typer.Typer()
register(app)
runner = CliRunner()


def test_letter_from_a_case_file_as_pdf_and_word(tmp_path):
    out = tmp_path / "stage2.pdf"
    result = runner.invoke(app, ["letter", "complaint-stage-2", str(CASES / "complaints.json"), "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "18 March 2024" in pdf_text(out.read_bytes())
    word = tmp_path / "sar.docx"
    result = runner.invoke(app, ["letter", "subject-access", str(CASES / "complaints.json"), "--format", "docx",
                                 "--out", str(word), "--from", "p2", "--as-of", "2024-07-01"])
    assert result.exit_code == 0, result.output
    text = docx_text(word.read_bytes())
    assert "Tom Hale" in text and "1 August 2024" in text


def test_letter_with_prompts_needs_draft(tmp_path):
    out = tmp_path / "ombudsman.pdf"
    args = ["letter", "ombudsman-summary", str(CASES / "complaints.json"), "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "--draft" in result.output and not out.exists()
    assert runner.invoke(app, [*args, "--draft"]).exit_code == 0
    assert "[Please add:" in pdf_text(out.read_bytes())


def test_letter_the_case_cannot_support_exits_1_saying_what_to_record(tmp_path):
    result = runner.invoke(app, ["letter", "rectification", str(CASES / "section20.json"), "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1 and "record_disputed" in result.output


def test_invalid_case_file_exits_2_listing_problems(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "fairwitness-case/1", "events": [{"id": "x1", "kind": "nope", "at": "2024-01-01"}]}')
    for args in (["letter", "subject-access", str(bad)], ["chronology", str(bad)]):
        result = runner.invoke(app, [*args, "--out", str(tmp_path / "out")])
        assert result.exit_code == 2 and "event x1" in result.output and "unknown kind" in result.output


def test_usage_errors_exit_2(tmp_path):
    out = ["--out", str(tmp_path / "o")]
    assert runner.invoke(app, ["letter", "nope", str(CASES / "bare.json"), *out]).exit_code == 2
    assert runner.invoke(app, ["letter", "subject-access", *out]).exit_code == 2  # neither FILE nor --case
    assert runner.invoke(app, ["letter", "subject-access", "--case", "not-an-id", *out]).exit_code == 2
    assert runner.invoke(app, ["chronology", str(CASES / "bare.json"), "--format", "rtf", *out]).exit_code == 2


def test_chronology_csv_pdf_and_word(tmp_path):
    for fmt in ("csv", "pdf", "docx"):
        out = tmp_path / f"chron.{fmt}"
        result = runner.invoke(app, ["chronology", str(CASES / "section20.json"), "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "chron.csv").read_text())))
    assert [r["event_id"] for r in rows] == ["a1", "a2", "a3", "a4"]
    assert "1 April 2024" in pdf_text((tmp_path / "chron.pdf").read_bytes())
    assert "Jo Marsh asked for the child to be returned" in docx_text((tmp_path / "chron.docx").read_bytes())
