"""The rights pack: every footing has rights, every line is cited, caveats travel with "(check)" points."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from fairwitness.law.rights import (
    DEFAULT_CAVEAT,
    EVERY,
    RightsPackError,
    known_footings,
    load_rights,
    parse_rights,
    rights_file,
    rights_for,
)

# The footings the case format lists for the engine's footing timeline (case-format.md, "footings").
CASE_FORMAT_FOOTINGS = (
    "none", "s17", "s47", "cp_plan", "section_20", "police_protection", "epo", "child_assessment_order",
    "pre_proceedings", "care_proceedings", "interim_care_order", "care_order", "supervision_order",
    "connected_person_placement",
)

SHARED_FACTS = [
    Path(__file__).resolve().parents[3] / "shared" / "spec" / name
    for name in ("legal-facts.md", "legal-facts-more.md")
]


def all_lines():
    for footing in known_footings():
        for kind, line in rights_for(footing).lines():
            if kind != EVERY:
                yield footing, kind, line


@pytest.mark.parametrize("footing", CASE_FORMAT_FOOTINGS)
def test_every_case_format_footing_has_rights(footing: str) -> None:
    rights = rights_for(footing)
    assert rights.title and rights.summary
    assert rights.must or rights.should or rights.may or rights.may_not
    assert rights.every, "the rights that apply on every footing come along"


def test_every_line_has_a_citation_and_facts() -> None:
    for footing, kind, line in all_lines():
        assert line.citation.strip(), (footing, kind, line.text)
        assert line.facts, (footing, kind, line.text)
        assert line.url is None or line.url.startswith("https://"), (footing, line.url)


def test_parent_lines_speak_to_the_parent() -> None:
    for footing, kind, line in all_lines():
        if kind == "parent_may":
            assert re.search(r"\b(you|your)\b", line.text, re.I), (footing, line.text)


def test_check_lines_carry_a_caveat() -> None:
    raw = yaml.safe_load(rights_file().read_text())
    marked = 0
    for footing, spec in raw["footings"].items():
        for kind in ("must", "should", "may", "may_not", "parent_may"):
            for index, line_spec in enumerate(spec.get(kind, [])):
                line = getattr(rights_for(footing), kind)[index]
                if line_spec.get("check"):
                    marked += 1
                    assert line.caveat, (footing, kind, index)
                else:
                    assert line.caveat is None, (footing, kind, index)
    assert marked >= 5  # s46(4), s44(5)(b)/(10), s44(13), legal aid, s91(12), report days ...


def test_report_sharing_is_shown_with_the_local_number_caveat() -> None:
    lines = rights_for("cp_plan").should
    sharing = [line for line in lines if "share the social work report" in line.text]
    assert sharing and "local" in (sharing[0].caveat or "")


def test_section_20_may_not_keep_child_after_return_request() -> None:
    may_not = rights_for("section_20").may_not
    line = next(line for line in may_not if "asks for them back" in line.text)
    assert "s20(8)" in line.citation
    assert "ca1989.s20.8.removal_any_time" in line.facts
    assert line.url == "https://www.legislation.gov.uk/ukpga/1989/41/section/20"


def test_police_protection_limit_is_72_hours() -> None:
    texts = " ".join(line.text for line in rights_for("police_protection").may_not)
    assert "72 hours" in texts


def test_child_assessment_order_rights() -> None:
    cao = rights_for("child_assessment_order")
    assert any("7 days" in line.text for line in cao.must)
    assert any("refuse" in line.text for line in cao.parent_may)
    discharge = next(line for line in cao.parent_may if "discharge" in line.text)
    assert discharge.caveat  # the route was not in the verified facts


def test_aliases_reach_the_same_footing() -> None:
    assert rights_for("s20") is rights_for("section_20")
    assert rights_for("cin_plan").footing == "s17"
    assert rights_for("Section-20").footing == "section_20"


def test_unknown_footing_lists_the_known_ones() -> None:
    with pytest.raises(KeyError) as info:
        rights_for("wardship")
    message = str(info.value)
    assert "wardship" in message and "section_20" in message and "police_protection" in message


def test_every_applies_on_every_footing() -> None:
    every = rights_for(EVERY)
    assert every.every == ()
    assert any("subject access" in line.text for line in every.parent_may)
    for footing in known_footings():
        if footing != EVERY:
            assert len(rights_for(footing).every) == len(every.lines())


def test_a_bad_entry_names_the_file_and_the_entry() -> None:
    raw = yaml.safe_load(rights_file().read_text())
    raw["footings"]["section_20"]["may_not"][1]["citation"] = ""
    with pytest.raises(RightsPackError) as info:
        parse_rights(raw, "rights.yaml")
    message = str(info.value)
    assert "rights.yaml" in message
    assert "footing section_20, may_not[1]" in message and "citation" in message


def test_a_missing_every_footing_is_an_error() -> None:
    raw = yaml.safe_load(rights_file().read_text())
    del raw["footings"]["every"]
    with pytest.raises(RightsPackError, match="every"):
        parse_rights(raw, "rights.yaml")


def test_unknown_fields_are_refused() -> None:
    raw = yaml.safe_load(rights_file().read_text())
    raw["footings"]["epo"]["must"][0]["cite"] = "typo"
    with pytest.raises(RightsPackError, match="footing epo, must\\[0\\]"):
        parse_rights(raw, "rights.yaml")


def test_default_caveat_is_plain() -> None:
    assert "check" in DEFAULT_CAVEAT.lower()


def test_pack_is_cached_and_json_ready() -> None:
    assert load_rights() is load_rights()
    data = rights_for("epo").as_json()
    assert data["footing"] == "epo" and data["must"][0]["citation"]


@pytest.mark.skipif(not SHARED_FACTS[0].exists(), reason="the shared research is not beside this checkout")
def test_fact_ids_exist_in_the_research() -> None:
    text = "".join(p.read_text() for p in SHARED_FACTS if p.exists())
    known = set(re.findall(r"^- id: (\S+)", text, re.M))
    for footing, kind, line in all_lines():
        for fact in line.facts:
            assert fact in known, (footing, kind, fact)
