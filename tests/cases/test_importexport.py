"""Import then export loses nothing; an export verifies on its own and fails when edited."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from fairwitness.cases import actions
from fairwitness.cases.commands import register
from fairwitness.cases.models import Case, Event
from fairwitness.law.caseformat import CaseFileError
from fairwitness.ledger.exportcheck import verify_export
from fairwitness.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))

RICH = {
    "format": "fairwitness-case/1",
    "jurisdiction": "england",
    "local_authority": "Exampleshire County Council",
    "family_reference": {"kept": ["unknown", "top-level", 1]},
    "children": [{"id": "c1", "name": "A.", "date_of_birth": "2015-03-02", "school": "Unknown field kept"}],
    "people": [{"id": "p1", "name": "Jo", "role": "mother", "parental_responsibility": {"c1": True}, "pronouns": "she"}],
    "events": [
        {"id": "x9", "kind": "complaint_made", "at": "2024-01-15T16:05", "stage": 1, "subject": "late", "mood": "angry"},
        {"id": "a1", "kind": "meeting", "at": "2024-01-02", "meeting_type": "other", "invited": ["p1"],
         "excluded": [{"person": "p1", "reason": "none given", "extra": True}]},
        {"id": "b2", "kind": "activity", "at": "2024-01-03+01:00" if False else "2024-01-03", "activity": "information_sharing",
         "with": "GP", "documents": [{"name": "letter.pdf"}]},
    ],
}


def _cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def _without_ledger(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "ledger"}


@pytest.mark.parametrize("source", [RICH, *EXAMPLES], ids=lambda s: getattr(s, "name", "rich"))
def test_round_trip_loses_nothing(make_user, source):
    data = json.loads(Path(source).read_text()) if isinstance(source, Path) else copy.deepcopy(source)
    owner = make_user("owner@example.org")
    case = actions.import_case(owner, data)
    exported = actions.export_case(case, owner)
    assert _without_ledger(exported) == data
    assert verify_export(exported).ok


def test_export_verifies_with_the_cli_and_fails_when_an_event_is_edited(make_user, tmp_path):
    owner = make_user("owner@example.org")
    case = actions.import_case(owner, copy.deepcopy(RICH))
    actions.record_event(case, owner, {"kind": "complaint_response", "at": "2024-02-02", "stage": 1})
    actions.correct_event(case, owner, "a1", {"kind": "meeting", "at": "2024-01-03", "meeting_type": "other"}, "wrong day")
    out = tmp_path / "case.json"
    result = CliRunner().invoke(_cli(), ["export", str(case.public_id), "--out", str(out)])
    assert result.exit_code == 0, result.output
    ok = CliRunner().invoke(_cli(), ["verify", str(out)])
    assert ok.exit_code == 0, ok.output

    doc = json.loads(out.read_text())
    doc["events"][0]["stage"] = 2
    out.write_text(json.dumps(doc))
    bad = CliRunner().invoke(_cli(), ["verify", str(out)])
    assert bad.exit_code == 1 and "event x9" in bad.output


@pytest.mark.parametrize("edit", ["drop_event", "add_event", "edit_child", "edit_header", "edit_ledger"])
def test_any_edit_to_an_export_is_caught(make_user, edit):
    owner = make_user("owner@example.org")
    doc = actions.export_case(actions.import_case(owner, copy.deepcopy(RICH)), owner)
    if edit == "drop_event":
        doc["events"].pop()
    elif edit == "add_event":
        doc["events"].append({"id": "zz", "kind": "case_closed", "at": "2024-05-01"})
    elif edit == "edit_child":
        doc["children"][0]["name"] = "B."
    elif edit == "edit_header":
        doc["local_authority"] = "Another Council"
    else:
        doc["ledger"]["entries"][1]["recorded_at"] = "2030-01-01T00:00:00+00:00"
    assert not verify_export(doc).ok


@pytest.mark.parametrize("bad", [
    {"format": "fairwitness-case/1", "events": [{"id": "e1", "kind": "nonsense", "at": "2024-01-01"}]},
    {"format": "fairwitness-case/1", "events": [{"id": "e1", "kind": "case_closed", "at": "yesterday"}]},
    {"format": "fairwitness-case/1", "events": [{"kind": "case_closed", "at": "2024-01-01"}]},
    {"format": "something-else"},
    ["not", "an", "object"],
])
def test_malformed_case_file_is_refused_and_nothing_stored(make_user, bad):
    owner = make_user("owner@example.org")
    before = (Case.objects.count(), Event.objects.count(), LedgerEntry.objects.count())
    with pytest.raises(CaseFileError) as info:
        actions.import_case(owner, bad)
    assert info.value.problems
    assert (Case.objects.count(), Event.objects.count(), LedgerEntry.objects.count()) == before


def test_cli_import_reports_problems(make_user, tmp_path):
    make_user("owner@example.org")
    path = tmp_path / "bad.json"
    path.write_text('{"format": "fairwitness-case/1", "events": [{"id": "e1", "kind": "nope", "at": "2024-01-01"}]}')
    result = CliRunner().invoke(_cli(), ["import", str(path), "--owner", "owner@example.org"])
    assert result.exit_code == 2 and "unknown kind" in result.output
    path.write_text(json.dumps(RICH))
    result = CliRunner().invoke(_cli(), ["import", str(path), "--owner", "owner@example.org"])
    assert result.exit_code == 0, result.output
