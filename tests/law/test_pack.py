"""The England rule pack: every check of checks-england.md is there, each fully cited, and a broken
pack fails to load with an error that names the file and the entry."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from fairwitness.law.findings import LEGAL_FORCES, Citation
from fairwitness.law.packs import PACKS_DIR, PackError, load_pack, load_pack_from

# The 44 check ids of ../shared/spec/checks-england.md (version 1.1), in the spec's order. Written out
# so the test runs on a clone without the shared spec; when the spec is present it is compared too.
SPEC_CHECK_IDS = (
    # Time limits
    "referral_decision", "assessment_timescale", "icpc_timescale", "cp_review_first", "cp_review_interval",
    "lac_review_first", "lac_review_second", "lac_review_interval", "police_protection_limit", "epo_limit",
    "child_assessment_order_limit", "care_proceedings_26_weeks", "contact_refusal_limit", "complaint_stage1",
    "complaint_stage2", "complaint_panel", "complaint_panel_report", "complaint_final_response",
    "subject_access_response", "rectification_response", "conference_report_shared", "core_group_first",
    "connected_person_approval", "permanence_plan", "recommendation_compliance",
    # Lawful authority and consent
    "removal_authority", "section_20_objection", "section_20_return_request", "section_20_consent_quality",
    "section_20_drift", "voluntary_activity_without_consent", "pressure_on_voluntary_footing",
    "escalation_after_refusal", "connected_person_looked_after", "statutory_complaint_procedure",
    # Taking part
    "pr_holder_informed", "pr_holder_invited", "police_protection_parents_informed", "parent_invited",
    # Windows that bind the family
    "complaint_window", "ombudsman_window", "ico_window", "complaint_route",
    # Indicators
    "social_worker_turnover",
)
SPEC_FILE = Path(__file__).resolve().parents[3] / "shared" / "spec" / "checks-england.md"
ENGLAND = PACKS_DIR / "england"


def test_spec_list_has_44_distinct_ids() -> None:
    assert len(SPEC_CHECK_IDS) == 44
    assert len(set(SPEC_CHECK_IDS)) == 44


@pytest.mark.skipif(not SPEC_FILE.exists(), reason="the shared spec is not beside this clone")
def test_spec_list_matches_the_shared_spec() -> None:
    text = SPEC_FILE.read_text(encoding="utf-8")
    ids = re.findall(r"^\| `([a-z0-9_]+)` \|", text, flags=re.MULTILINE)
    assert sorted(ids) == sorted(SPEC_CHECK_IDS)


# Checks added since the spec: the law of earlier days and the duties issue 8's real decisions needed.
ADDED_CHECK_IDS = (
    "initial_assessment_timescale", "core_assessment_timescale", "subject_access_response_1998",
    "placement_plan", "whereabouts_told", "kinship_information", "section_20_duty", "consent_capacity",
)


def test_england_pack_has_exactly_the_spec_checks_and_the_added_ones() -> None:
    pack = load_pack("england")
    assert sorted(pack.checks) == sorted(SPEC_CHECK_IDS + ADDED_CHECK_IDS)


@pytest.mark.parametrize("check_id", SPEC_CHECK_IDS + ADDED_CHECK_IDS)
def test_every_check_is_cited_forced_verified_and_dated(check_id: str) -> None:
    rule = load_pack("england").checks[check_id]
    citations = [rule.citation] if isinstance(rule.citation, Citation) else [
        Citation(c["instrument"], c.get("provision", ""), c.get("url")) for c in rule.citation
    ]
    assert citations, f"{check_id} has no citation"
    for citation in citations:
        assert citation.instrument.strip(), f"{check_id}: citation without an instrument"
        assert citation.provision.strip(), f"{check_id}: citation without a provision"
    assert rule.legal_force in LEGAL_FORCES
    assert all(force in LEGAL_FORCES for force in rule.legal_force_by.values())
    assert rule.verified in ("primary", "secondary", "partial", "unverified")
    assert rule.in_force_from is not None, f"{check_id} has no in_force_from"
    assert rule.title.strip()


def test_dated_citations_cover_their_rule_without_gaps() -> None:
    """Where a citation changes over time (Working Together 2018 → 2023; EU GDPR → UK GDPR), each
    edition starts the day after the previous one ends."""
    from datetime import timedelta

    for rule in load_pack("england").checks.values():
        if isinstance(rule.citation, Citation):
            continue
        editions = rule.citation
        for earlier, later in zip(editions, editions[1:], strict=False):
            assert earlier["in_force_to"] + timedelta(days=1) == later["in_force_from"], rule.id


# --- a broken pack ----------------------------------------------------------------------------------

GOOD_ENTRY = {
    "id": "made_up_clock",
    "title": "A made-up clock",
    "logic": "clock",
    "limit": {"number": 10, "unit": "working_days"},
    "starts": ["complaint_made"],
    "stops": ["complaint_response"],
    "legal_force": "regulations",
    "citation": {"instrument": "An Instrument", "provision": "reg 1", "url": None},
    "verified": "secondary",
    "in_force_from": "2006-09-01",
    "explain": {"late": "Due {due} ({limit})."},
}


def _pack_with(tmp_path: Path, entry: dict) -> Path:
    """A copy of the England pack's footings plus one checks file holding a good entry and ``entry``."""
    folder = tmp_path / "broken"
    folder.mkdir()
    shutil.copy(ENGLAND / "footings.yaml", folder / "footings.yaml")
    (folder / "checks-broken.yaml").write_text(yaml.safe_dump({"checks": [GOOD_ENTRY, entry]}), encoding="utf-8")
    return folder


def test_a_good_temporary_pack_loads(tmp_path: Path) -> None:
    other = {**GOOD_ENTRY, "id": "another_clock"}
    pack = load_pack_from(_pack_with(tmp_path, other))
    assert set(pack.checks) == {"made_up_clock", "another_clock"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"logic": "crystal_ball"}, "unknown logic 'crystal_ball'"),
        ({"starts": ["complaint_maed"]}, "unknown event kind 'complaint_maed'"),
        ({"explain": {"late": "Due {due}, said {nonsense}."}}, "unknown placeholder {nonsense}"),
        ({"citation": None}, "citation"),
        ({"legal_force": "vibes"}, "legal_force"),
        ({"limit": {"number": 3, "unit": "fortnights"}}, "limit.unit"),
    ],
    ids=["unknown logic", "unknown event kind", "unknown placeholder", "missing citation", "bad force", "bad unit"],
)
def test_a_broken_entry_names_the_file_and_the_entry(tmp_path: Path, change: dict, message: str) -> None:
    bad = {**GOOD_ENTRY, "id": "broken_entry", **change}
    if change.get("citation", "") is None:
        del bad["citation"]
    with pytest.raises(PackError) as caught:
        load_pack_from(_pack_with(tmp_path, bad))
    text = str(caught.value)
    assert "checks-broken.yaml" in text
    assert "'broken_entry'" in text
    assert message in text


def test_a_duplicate_entry_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PackError, match=r"checks-broken\.yaml: entry 'made_up_clock' is defined twice"):
        load_pack_from(_pack_with(tmp_path, dict(GOOD_ENTRY)))


def test_a_file_that_is_not_yaml_is_an_error(tmp_path: Path) -> None:
    folder = _pack_with(tmp_path, {**GOOD_ENTRY, "id": "other"})
    (folder / "checks-zz.yaml").write_text("checks: [unclosed", encoding="utf-8")
    with pytest.raises(PackError, match=r"checks-zz\.yaml: not valid YAML"):
        load_pack_from(folder)


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="no rule pack"):
        load_pack_from(tmp_path / "nowhere")


# --- issue 8: strict loading and earlier editions -------------------------------------------------

def test_a_key_written_twice_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    folder = _pack_with(tmp_path, {**GOOD_ENTRY, "id": "other"})
    (folder / "checks-twice.yaml").write_text(
        "checks:\n  - id: twice\n    title: T\n    logic: clock\n    limit: {number: 10, unit: working_days}\n"
        "    limit: {number: 20, unit: working_days}\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"checks-twice\.yaml: not valid YAML.*'limit' is written twice.*line 5"):
        load_pack_from(folder)


def test_a_jurisdiction_without_a_pack_is_a_clear_error() -> None:
    with pytest.raises(PackError, match="no rule pack for jurisdiction 'wales'; Fair Witness has rules for: england"):
        load_pack("wales")


@pytest.mark.parametrize(
    ("editions", "message"),
    [
        ([{"in_force_from": "2000-01-01", "in_force_to": "2006-09-01"}], "overlaps the edition after it"),
        ([{"in_force_from": "2003-01-01", "in_force_to": "2002-01-01"}], "ends before it begins"),
        ([{"in_force_from": "2000-01-01", "in_force_to": "2004-12-31"},
          {"in_force_from": "2004-01-01", "in_force_to": "2005-12-31"}], "overlaps the edition after it"),
    ],
    ids=["overlaps the current one", "ends before it begins", "editions overlap each other"],
)
def test_previous_editions_must_be_in_order_without_overlap(tmp_path: Path, editions: list, message: str) -> None:
    citation = {"instrument": "Old Regulations", "provision": "reg 1"}
    entry = {**GOOD_ENTRY, "id": "dated", "previous_editions": [
        {**e, "citation": citation, "verified": "secondary"} for e in editions]}
    with pytest.raises(PackError, match=message):
        load_pack_from(_pack_with(tmp_path, entry))


def test_the_edition_in_force_on_a_day_has_its_own_number_source_and_sureness() -> None:
    from datetime import date

    rule = load_pack("england").checks["initial_assessment_timescale"]
    framework, wt2010 = rule.on(date(2010, 2, 26)), rule.on(date(2010, 3, 1))
    assert (framework.limit.number, wt2010.limit.number) == (7, 10)
    assert "Framework for the Assessment" in framework.citation_on(date(2010, 2, 26)).instrument
    assert "Working Together to Safeguard Children 2010" in wt2010.citation_on(date(2010, 3, 1)).instrument
    assert framework.sureness and wt2010.sureness
    assert not rule.in_force_on(date(2013, 4, 15)) and not rule.in_force_on(date(2000, 3, 31))


def test_every_historic_edition_is_marked_and_says_how_sure_it_is() -> None:
    """A number the fact base marks secondary or unverified says so in the pack, and the parent
    reads how sure it is."""
    for rule in load_pack("england").checks.values():
        for edition in rule.previous_editions:
            assert edition.verified in ("primary", "secondary", "partial", "unverified"), rule.id
            if edition.verified != "primary":
                assert rule.on(edition.in_force_from).sureness, (rule.id, edition.in_force_from)
