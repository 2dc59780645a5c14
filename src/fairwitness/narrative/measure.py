"""Measuring the reader against gold readings written by hand (``tests/narrative/gold/*.yaml``).

A proposal meets a gold event when its sentence contains the gold's quote and its kind is the gold's.
Kinds: recall is the share of gold events met; precision the share of proposals ticked by default
(confidence of at least ``TICKED``) that meet one. Dates are scored only where the gold gives one,
at the gold's precision: recall over those gold events, precision over the proposals that met them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from fairwitness.narrative.story import Proposal, propose
from fairwitness.narrative.timephrases import within_precision

TICKED = 0.5  # proposals at or above this confidence are ticked for the parent by default


@dataclass
class Score:
    account: str
    gold: int
    proposals: int
    kinds_met: int
    true_proposals: int
    dated_gold: int
    dates_met: int
    dated_matches: int

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def kind_recall(self) -> float:
        return self._ratio(self.kinds_met, self.gold)

    @property
    def kind_precision(self) -> float:
        return self._ratio(self.true_proposals, self.proposals)

    @property
    def date_recall(self) -> float:
        return self._ratio(self.dates_met, self.dated_gold)

    @property
    def date_precision(self) -> float:
        return self._ratio(self.dates_met, self.dated_matches)


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


def score(gold_file: Path, voices: Path) -> Score:
    gold = yaml.safe_load(gold_file.read_text())
    text = (voices / gold["account"]).read_text()
    reference: date = gold["reference_date"]
    proposals = propose(text, reference)
    ticked = [p for p in proposals if p.confidence >= TICKED]
    events: list[dict[str, Any]] = gold["events"]
    kinds_met = dates_met = dated_matches = 0
    useful: set[str] = set()
    for event in events:
        quote = _normal(event["quote"])
        found: Proposal | None = next((p for p in proposals if quote in _normal(p.sentence.text) and p.kind == event["kind"]), None)
        if found is None:
            continue
        kinds_met += 1
        for p in proposals:
            if quote in _normal(p.sentence.text) and p.kind == event["kind"]:
                useful.add(p.id)
        if event.get("date") is not None:
            dated_matches += 1
            if within_precision(found.when.day, event["date"], event["precision"]):
                dates_met += 1
    return Score(gold["account"], len(events), len(ticked), kinds_met, sum(1 for p in ticked if p.id in useful),
                 sum(1 for e in events if e.get("date") is not None), dates_met, dated_matches)
