"""The automatic first pass over a family's account before anyone reads it for publication.

Pure functions: given the account and what the case records (children's and people's names, places,
the phrases the family marked), return the text with every name and place replaced by a neutral
label, exact dates coarsened to the month, children's ages to bands, and each marked phrase removed.
A reviewer then reads and edits the draft; this pass exists so that nothing recorded slips through
by oversight. It is deliberately over-eager: a removed word costs less than a recognised family."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTH_ALT = "|".join([*MONTHS, *(m[:3] for m in MONTHS), "Sept"])
_ORDINAL = r"(?:st|nd|rd|th)?"

REMOVED = "[detail removed]"
PLACE = "[place]"


@dataclass
class Known:
    """What the case records that could identify the family, each with the label that replaces it."""

    names: dict[str, str] = field(default_factory=dict)  # a name as recorded -> "[child]", "[mother]" …
    places: list[str] = field(default_factory=list)
    identifying: list[str] = field(default_factory=list)


def name_parts(name: str) -> list[str]:
    """A full name and each of its words long enough to be a name ("Poppy Smith", "Poppy", "Smith")."""
    words = [w for w in re.split(r"[\s,]+", name.strip()) if len(w.strip(".'-")) >= 2]
    return [name.strip(), *words] if len(words) > 1 else words


def _sub_phrases(text: str, phrases: Iterable[tuple[str, str]]) -> str:
    # Longest first, so "Poppy Smith" becomes one label rather than two.
    for phrase, label in sorted(phrases, key=lambda p: -len(p[0])):
        if not phrase.strip():
            continue
        pattern = r"(?<!\w)" + re.escape(phrase.strip()) + r"(?P<possessive>'s|’s)?(?!\w)"
        text = re.sub(pattern, lambda m, label=label: label + (m["possessive"] or ""), text, flags=re.IGNORECASE)
    return text


def _month(name: str) -> str:
    key = name[:3].lower()
    return next(m for m in MONTHS if m[:3].lower() == key)


def coarsen_dates(text: str) -> str:
    """Exact days become their month: "12 March 2024", "March 12th, 2024", "2024-03-12", "12/03/2024"
    all read "March 2024"; a day and month with no year reads as the month alone."""
    text = re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b",
                  lambda m: f"{MONTHS[int(m[2]) - 1]} {m[1]}" if 1 <= int(m[2]) <= 12 else REMOVED, text)
    text = re.sub(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b",
                  lambda m: (f"{MONTHS[int(m[2]) - 1]} {m[3] if len(m[3]) == 4 else '20' + m[3]}"
                             if 1 <= int(m[2]) <= 12 else REMOVED), text)
    day_first = rf"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?({_MONTH_ALT})\.?\b"
    text = re.sub(day_first, lambda m: _month(m[2]), text, flags=re.IGNORECASE)
    month_first = rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}}){_ORDINAL}\b(?!\s*(?:years?|months?))"
    text = re.sub(month_first + r"(,?\s+(?=\d{4}))?", lambda m: _month(m[1]) + (" " if m[3] else ""), text,
                  flags=re.IGNORECASE)
    return re.sub(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", "one day", text, flags=re.IGNORECASE)


def age_band(years: int) -> str:
    if years < 1:
        return "under 1"
    if years <= 4:
        return "aged 1 to 4"
    if years <= 9:
        return "aged 5 to 9"
    if years <= 15:
        return "aged 10 to 15"
    return "aged 16 or 17" if years <= 17 else "an adult"


def band_ages(text: str) -> str:
    """"aged 7", "age 7", "7 years old", "7-year-old", "7 yrs" become the band the age falls in."""
    def band(m: re.Match[str]) -> str:
        return age_band(int(m["n"]))

    text = re.sub(r"\b(?:aged|age)\s+(?P<n>\d{1,2})\b", band, text, flags=re.IGNORECASE)
    text = re.sub(r"\b(?P<n>\d{1,2})[\s-]*(?:years?|yrs?|yo)(?:[\s-]*old)?\b", band, text, flags=re.IGNORECASE)
    return re.sub(r"\b(?P<n>\d{1,2})[\s-]*(?:months?)[\s-]*old\b", "under 1", text, flags=re.IGNORECASE)


def redact(text: str, known: Known) -> str:
    """The automatic first pass: marked phrases, names, places, then dates and ages."""
    text = _sub_phrases(text, [(p, REMOVED) for p in known.identifying])
    pairs = [(part, label) for name, label in known.names.items() for part in name_parts(name)]
    text = _sub_phrases(text, pairs)
    text = _sub_phrases(text, [(p, PLACE) for p in known.places])
    return band_ages(coarsen_dates(text))


def leaks(text: str, known: Known) -> list[str]:
    """Every recorded name, place or marked phrase still in the text (for the reviewer and sign-off)."""
    found = []
    candidates = [part for name in known.names for part in name_parts(name)] + known.places + known.identifying
    for phrase in candidates:
        if phrase.strip() and re.search(r"(?<!\w)" + re.escape(phrase.strip()) + r"(?!\w)", text, re.IGNORECASE):
            found.append(phrase.strip())
    return sorted(set(found))
