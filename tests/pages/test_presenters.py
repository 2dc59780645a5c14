"""The presenters read findings generically: a check added since, a status or verification level
never seen before, still gets words, a group and a place on the page."""

from __future__ import annotations

from datetime import date

from fairwitness.cases.presenters import (
    harm_group,
    severity_words,
    timeline_label,
    verification_words,
)
from fairwitness.law.findings import Citation, Finding


def _finding(check: str, status: str, severity: str, force: str = "regulations") -> Finding:
    return Finding(check=check, status=status, severity=severity, children=["c1"], people=[], events=["e1"],
                   due=date(2024, 1, 1), legal_force=force, citation=Citation("An Act", "s1"), verified="primary",
                   template="", values={})


def test_severity_is_said_in_words():
    assert severity_words(_finding("complaint_stage1", "missed", "breach", "regulations")) == "Breach of regulations"
    assert severity_words(_finding("icpc_timescale", "late", "concern", "statutory_guidance")) == "Against statutory guidance"
    assert severity_words(_finding("ombudsman_window", "info", "info", "good_practice")) == "For information"
    assert severity_words(_finding("x", "concern", "concern", "statute")) == "Possible breach of an Act of Parliament"


def test_known_and_unknown_checks_find_their_group():
    assert harm_group(_finding("removal_authority", "breach", "breach")) == "authority"
    assert harm_group(_finding("pr_holder_invited", "concern", "concern")) == "people"
    assert harm_group(_finding("complaint_stage1", "missed", "breach")) == "deadlines"
    assert harm_group(_finding("anything", "info", "info")) == "information"
    # Checks the law core may add: read by what they are about, never dropped.
    assert harm_group(_finding("section_20_duty", "concern", "concern")) == "authority"
    assert harm_group(_finding("whereabouts_told", "concern", "concern")) == "people"
    assert harm_group(_finding("placement_plan", "missed", "breach")) == "deadlines"


def test_verification_levels_in_plain_words_including_ones_not_yet_known():
    assert "law itself" in verification_words("primary")
    assert "summary" in verification_words("secondary")
    assert "treat it with care" in verification_words("unverified")
    assert "treat it with care" in verification_words("some-new-level")


def test_timeline_labels_name_what_happened():
    people = {"p1": "Jo Bloggs (mother)"}
    assert timeline_label({"kind": "consent", "person": "p1", "activity": "assessment", "decision": "refused"},
                          people) == "Jo Bloggs refused the assessment"
    assert timeline_label({"kind": "consent", "activity": "home_visit", "decision": "withdrawn"}, people) \
        == "You took back agreement to the home visit"
    assert "no legal order or agreement" in timeline_label(
        {"kind": "removed_from_home", "from": "p1", "authority": "none"}, people)
