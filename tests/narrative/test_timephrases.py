"""The time phrases parents write, resolved as a careful reader would (tests as data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from fairwitness.narrative.timephrases import Anchors, WhenResolved, dateline, resolve_time

CASES = yaml.safe_load((Path(__file__).parent / "time_phrases.yaml").read_text())


def _anchors(case: dict) -> Anchors:
    anchors = Anchors(case["reference"])
    if "previous" in case:
        d, precision = case["previous"]
        anchors.previous = WhenResolved(d, precision, "test")
    for name, (d, precision) in (case.get("named") or {}).items():
        anchors.named[name] = WhenResolved(d, precision, "test")
    return anchors


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_time_phrase(case: dict) -> None:
    resolved = resolve_time(case["text"], _anchors(case))
    assert resolved is not None, "no time phrase found"
    assert (resolved.day, resolved.precision) == (case["day"], case["precision"]), resolved.how
    assert resolved.phrase and resolved.phrase in case["text"]
    assert resolved.how  # every date says how it was reached


@pytest.mark.parametrize("text", [
    "He had travelled in the boot on 2 separate occasions.",  # 'sep' is not September without a year
    "She may come round later.",  # 'may' the verb
    "We had 3 children in care.",
    "They said it was for the best.",
])
def test_words_that_are_not_dates(text: str) -> None:
    assert resolve_time(text, Anchors(date(2024, 1, 1))) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("Post by COLLAR12 » Mon Aug 08, 2022 10:19 pm", date(2022, 8, 8)),
    ("Sent: 5 March 2021", date(2021, 3, 5)),
    ("12/03/2021", date(2021, 3, 12)),
    ("Joined: Fri Aug 05, 2022 9:56 pm", None),  # when someone joined a forum stamps nothing
    ("We went to court on 5 March 2021 and lost", None),  # a sentence, not a dateline
])
def test_datelines(line: str, expected: date | None) -> None:
    assert dateline(line) == expected
