"""The narrative reader against hand-written gold readings: recall and precision of kinds and dates,
per account, and its speed (words per second) on all of them together.

`tests/narrative/gold/` holds the five voices of `shared/research/voices` (the rules were written
while reading them); `tests/narrative/heldout/` holds two accounts whose gold was written before the
reader first ran on them (their first-run figures are in that folder's README).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import yaml

from fairwitness.narrative import propose
from fairwitness.narrative.measure import score

ROOT = Path(__file__).resolve().parent.parent / "tests" / "narrative"


def run() -> dict[str, Any]:
    results: dict[str, Any] = {}
    words = 0
    started = time.perf_counter()
    for folder in ("gold", "heldout"):
        voices = ROOT / ("voices" if folder == "gold" else folder)
        for gold in sorted((ROOT / folder).glob("*.yaml")):
            s = score(gold, voices)
            results[f"{folder}/{gold.stem}"] = (
                f"kinds recall {s.kind_recall:.2f} precision {s.kind_precision:.2f} ({s.true_proposals}/{s.proposals} ticked); "
                f"dates recall {s.date_recall:.2f} precision {s.date_precision:.2f} ({s.dates_met}/{s.dated_gold} dated gold events)")
            data = yaml.safe_load(gold.read_text())
            text = (voices / data["account"]).read_text()
            words += len(text.split())
    elapsed = time.perf_counter() - started
    # Speed alone, once more over every text (scoring reads each twice).
    texts = [p.read_text() for p in sorted((ROOT / "voices").glob("*.txt"))]
    t0 = time.perf_counter()
    for text in texts:
        propose(text, __import__("datetime").date(2024, 6, 1))
    results["speed"] = f"{sum(len(t.split()) for t in texts) / (time.perf_counter() - t0):,.0f} words/s (measure took {elapsed:.1f} s for {words:,} words)"
    return results
