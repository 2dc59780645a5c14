"""The law the letters rest on, read from the rule pack: nothing here repeats a number or a citation.

A letter cites either the check whose deadline it states (``check_citation``: the rule's citation,
in the edition in force on the letter's day, and its limit) or a fact of the legal research by its
id (``cite``): the most specific line of the pack that rests on that fact, a rights line (one
provision each) before a check (which may cite several), then ``citations.yaml`` for the few
facts only letters need. The researchers' "(paragraph not verified)" notes are kept out of a
letter's text (``plain``); the family's notes say how sure the point is instead.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

import yaml

from fairwitness.law.findings import Citation
from fairwitness.law.packs import PACKS_DIR, CheckRule, load_pack

# The researchers' notes on how far a point was read, kept in the pack beside a provision: "(paragraph
# not verified)", "(paragraph not seen)", "(England text not seen)", "(no national number)", "; wording
# not verified". A council reading a letter would take them for a missing reference: they are left out.
_NOT_VERIFIED = re.compile(
    r"\s*\((?:no )?paragraph(?: number)?(?: not)? (?:verified|seen)\)"
    r"|\s*\((?:England )?text not seen\)"
    r"|\s*\(no national (?:number|figure)\)"
    r"|;\s*wording not verified(?=\))",
    re.IGNORECASE)


class UnknownFact(KeyError):
    """A letter asked for a fact the rule pack does not hold: add it to the pack first."""


def rule(check: str, jurisdiction: str = "england") -> CheckRule:
    return load_pack(jurisdiction).checks[check]


def check_citation(check: str, on: date | None = None, jurisdiction: str = "england") -> Citation:
    """The check's citation as in force on ``on`` (the edition the engine would cite)."""
    return plain(rule(check, jurisdiction).citation_on(on))


def limit_words(check: str, jurisdiction: str = "england") -> str:
    """The check's limit in words, as the pack has it: "12 calendar months"."""
    limit = rule(check, jurisdiction).limit
    if limit is None:
        raise UnknownFact(f"{check} has no limit in the pack")
    return limit.describe()


def plain(citation: Citation) -> Citation:
    """The citation without the researchers' verification note (said elsewhere, in words)."""
    provision = _NOT_VERIFIED.sub("", citation.provision or "")
    instrument = _NOT_VERIFIED.sub("", citation.instrument)
    if provision == citation.provision and instrument == citation.instrument:
        return citation
    return Citation(instrument, provision, citation.url)


@lru_cache(maxsize=8)
def _fact_index(jurisdiction: str) -> dict[str, list[tuple[int, int, Citation]]]:
    """fact id -> (how many facts the line rests on, source order, citation), for every line of
    the pack that names facts. Fewer facts means a more specific citation."""
    index: dict[str, list[tuple[int, int, Citation]]] = {}
    order = 0

    def add(facts: list[str], citation: Citation) -> None:
        nonlocal order
        order += 1
        for fact in facts:
            index.setdefault(fact, []).append((len(facts), order, citation))

    folder = PACKS_DIR / jurisdiction
    extra = folder / "citations.yaml"
    if extra.exists():
        for fact, item in (yaml.safe_load(extra.read_text(encoding="utf-8")) or {}).get("citations", {}).items():
            add([fact], Citation(item["instrument"], item.get("provision", ""), item.get("url")))
    rights = folder / "rights.yaml"
    if rights.exists():
        data: dict[str, Any] = yaml.safe_load(rights.read_text(encoding="utf-8")) or {}
        for footing in (data.get("footings") or {}).values():
            for lines in footing.values():
                if not isinstance(lines, list):
                    continue
                for line in lines:
                    if isinstance(line, dict) and line.get("facts") and line.get("citation"):
                        add(list(line["facts"]), Citation(str(line["citation"]), "", line.get("url")))
    for check in load_pack(jurisdiction).checks.values():
        if check.facts:
            add(list(check.facts), check.citation_on(None))
    return index


def cite(fact: str, jurisdiction: str = "england") -> Citation:
    """The most specific citation the pack holds for the research fact ``fact``."""
    found = _fact_index(jurisdiction).get(fact)
    if not found:
        raise UnknownFact(f"the {jurisdiction} rule pack holds no citation for {fact!r}")
    return plain(min(found, key=lambda item: (item[0], item[1]))[2])
