"""Time phrases as parents write them, resolved to a date with its precision and the reasoning.

A story's dates are rarely exact: "after just 6 weeks", "the day before the meeting", "over
Christmas", "since November", "a couple of weeks ago on a Friday". ``resolve_time`` finds the most
specific time phrase in a sentence and resolves it against what came before: the date the account
was written (``Anchors.reference``), the event just before it in the story (``Anchors.previous``)
and earlier events by name ("the meeting", "court"). It never invents a day: a phrase that cannot
be pinned keeps the precision it has (``month``, ``season``, ``year``) or is ``approx``, and
``WhenResolved.how`` says in words how the date was reached.

Rules are written here rather than delegated to a general date parser because a general parser
guesses a day for "March" (today's day of the month) and reads 03/04 the American way when it is
unsure; a parent's record must not gain a day nobody wrote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from fairwitness.law.dates import long_date, month_and_year

Precision = Literal["day", "month", "season", "year", "approx"]
PRECISION_RANK: dict[str, int] = {"day": 0, "month": 1, "season": 2, "year": 3, "approx": 4}

# Month names with the misspellings and abbreviations found in parents' writing.
MONTHS: dict[str, int] = {}
for _index, _forms in enumerate((
    "january jan janurary januray janaury",
    "february feb febuary feburary febrary febuary",
    "march mar",
    "april apr",
    "may",
    "june jun",
    "july jul",
    "august aug augest agust",
    "september sep sept septmber septemeber",
    "october oct octobre octber",
    "november nov novemeber novmber",
    "december dec decemeber decmber",
), start=1):
    for _form in _forms.split():
        MONTHS[_form] = _index
MONTH_RE = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# Without a year beside them, abbreviations are too often other words ("2 sep(arate)", "mar", "jan"):
# only whole names and their misspellings.
_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
MONTH_NAME_RE = r"(" + "|".join(sorted((m for m in MONTHS if m not in _ABBREVIATIONS), key=len, reverse=True)) + r")\b"

WEEKDAYS: dict[str, int] = {}
for _index, _forms in enumerate((
    "monday mon",
    "tuesday tues tuseday tue",
    "wednesday wed weds wensday wednsday wedensday",
    "thursday thurs thur thurday thursay",
    "friday fri",
    "saturday sat saterday",
    "sunday sun",
)):
    for _form in _forms.split():
        WEEKDAYS[_form] = _index
# Short forms of weekdays are too ambiguous in prose ("sat", "wed", "sun"): only whole names.
WEEKDAY_RE = r"(" + "|".join(sorted((w for w in WEEKDAYS if len(w) > 4), key=len, reverse=True)) + r")"

NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "a couple of": 2, "couple of": 2, "a couple": 2, "a few": 3, "few": 3,
    "several": 3, "a number of": 3, "half a": 0.5, "a half": 0.5,
}
# Counts that are themselves vague: the result is approximate however exact the anchor.
VAGUE_NUMBERS = {"a couple of", "couple of", "a couple", "a few", "few", "several", "a number of"}
NUMBER_RE = r"(\d{1,3}|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + r")"
UNIT_RE = r"(hours?|days?|nights?|weeks?|fortnights?|months?|years?)"

SEASONS: dict[str, tuple[int, int]] = {  # (month, day) the season is shown at
    "spring": (4, 15), "summer": (7, 15), "autumn": (10, 15), "fall": (10, 15), "winter": (1, 15),
}

# Nouns a relative phrase can chain from ("the day before the meeting") and the event kinds they name.
ANCHOR_NOUNS: dict[str, str] = {
    "meeting": "meeting", "conference": "meeting", "case conference": "meeting", "review": "meeting",
    "core group": "meeting", "hearing": "court", "court": "court", "court hearing": "court",
    "visit": "visit", "home visit": "visit", "assessment": "assessment", "complaint": "complaint",
    "removal": "removal", "birth": "birth",
}
ANCHOR_RE = r"(" + "|".join(sorted(ANCHOR_NOUNS, key=len, reverse=True)) + r")"
DETERMINER = r"(?:the|our|my|his|her|their|that|this|first|second|next|last)\s+"


@dataclass(frozen=True)
class WhenResolved:
    """A resolved time: the date shown, how precise it is, and why."""

    day: date
    precision: Precision
    how: str
    phrase: str = ""  # the words as written; "" when the date was carried over from the event before
    start: int = -1  # offsets of ``phrase`` within the sentence
    end: int = -1


@dataclass
class Anchors:
    """What relative phrases chain from, updated as the story is read in order."""

    reference: date
    previous: WhenResolved | None = None
    named: dict[str, WhenResolved] = field(default_factory=dict)

    @property
    def base(self) -> WhenResolved:
        if self.previous is not None:
            return self.previous
        return WhenResolved(self.reference, "day", f"the date the account was written, {long_date(self.reference)}")


def _number(text: str) -> float:
    text = text.lower().strip()
    return float(text) if text.isdigit() else NUMBER_WORDS[text]


def _delta(count: float, unit: str) -> relativedelta:
    unit = unit.lower().rstrip("s")
    if unit == "hour":
        return relativedelta(hours=round(count))
    if unit in ("day", "night"):
        return relativedelta(days=round(count))
    if unit == "week":
        return relativedelta(days=round(count * 7))
    if unit == "fortnight":
        return relativedelta(days=round(count * 14))
    if unit == "month":
        return relativedelta(months=round(count)) if count >= 1 else relativedelta(days=15)
    return relativedelta(years=round(count)) if count >= 1 else relativedelta(months=6)


def _coarser(a: Precision, b: Precision) -> Precision:
    return a if PRECISION_RANK[a] >= PRECISION_RANK[b] else b


def _shifted_precision(anchor: Precision, number_text: str, unit: str) -> Precision:
    """A count of days from an exact day is exact; weeks, months and years, or a vague count, are
    approximate; nothing is ever more precise than its anchor."""
    unit = unit.lower().rstrip("s")
    if number_text.lower() in VAGUE_NUMBERS or unit not in ("day", "night", "hour"):
        return "approx"
    return anchor if anchor != "day" else "day"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d if 1900 <= d.year <= 2100 else None


def _two_digit_year(text: str) -> int:
    year = int(text)
    return year if len(text) == 4 else (2000 + year if year < 70 else 1900 + year)


def _month_year(month: int, anchors: Anchors, mode: str) -> int:
    """The year of a month written without one. ``last``: the latest such month before the account
    was written. Otherwise the first such month on or after the event before it in the story, so that a
    story read in order stays in order; if that lies after the account was written, the latest before."""
    ref = anchors.reference
    latest = ref.year if month <= ref.month else ref.year - 1
    if mode == "last":
        return latest if month != ref.month else ref.year - 1
    if mode == "next":
        return ref.year if month > ref.month else ref.year + 1
    previous = anchors.previous
    if previous is None:
        return latest
    prev = previous.day
    year = prev.year if month >= prev.month else prev.year + 1
    if date(year, month, 1) > ref:
        return latest
    return year


# ---------------------------------------------------------------------------------------------
# The rules, most specific first. Each takes a match and the anchors and returns a resolution or
# None (the words matched but did not make a date, so the next rule is tried).

Rule = Callable[[re.Match[str], Anchors], WhenResolved | None]
_RULES: list[tuple[re.Pattern[str], Rule]] = []


def rule(pattern: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        _RULES.append((re.compile(pattern, re.IGNORECASE), fn))
        return fn
    return register


@rule(r"\b(\d{4})-(\d{2})-(\d{2})\b")
def _iso(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
    return WhenResolved(d, "day", f"{m[0]!r} is {long_date(d)}") if d else None


@rule(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH_RE + r",?\s+(\d{4})\b")
def _day_month_year(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    d = _safe_date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    return WhenResolved(d, "day", f"{m[0]!r} is {long_date(d)}") if d else None


@rule(r"\b" + MONTH_RE + r"\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
def _month_day_year(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    d = _safe_date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    return WhenResolved(d, "day", f"{m[0]!r} is {long_date(d)}") if d else None


@rule(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?![\d/]|\.\d)")
def _numeric(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    # British order: day, month, year. 03/04/2023 is 3 April.
    d = _safe_date(_two_digit_year(m[3]), int(m[2]), int(m[1]))
    return WhenResolved(d, "day", f"{m[0]!r} read day first, as in Britain: {long_date(d)}") if d else None


@rule(r"\b(?:between|from)\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:and|to|-|until)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
      + MONTH_RE + r",?\s+(\d{4})\b")
def _day_range(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    d = _safe_date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    return WhenResolved(d, "day", f"{m[0]!r}: from {long_date(d)}") if d else None


@rule(r"\b(?:between|from)\s+" + MONTH_NAME_RE + r"\s+(?:and|to|-|until|till)\s+" + MONTH_RE + r",?\s+(\d{4})\b")
def _month_range(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    first, last, year = MONTHS[m[1].lower()], MONTHS[m[2].lower()], int(m[3])
    d = _safe_date(year if first <= last else year - 1, first, 1)
    return WhenResolved(d, "month", f"{m[0]!r}: from {month_and_year(d)}, when it began") if d else None


@rule(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH_NAME_RE + r"(?!\s*\d)")
def _day_month(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    month = MONTHS[m[2].lower()]
    year = _month_year(month, a, "")
    d = _safe_date(year, month, int(m[1]))
    if d is None:
        return None
    return WhenResolved(d, "day", f"{m[0]!r} with no year: taken as {long_date(d)}, {_year_reason(a)}")


@rule(r"\b" + MONTH_NAME_RE + r"\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b")
def _month_ordinal(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    month = MONTHS[m[1].lower()]
    d = _safe_date(_month_year(month, a, ""), month, int(m[2]))
    if d is None:
        return None
    return WhenResolved(d, "day", f"{m[0]!r} with no year: taken as {long_date(d)}, {_year_reason(a)}")


@rule(r"\b(christmas|xmas|new year'?s? eve|new year'?s? day|new year|easter)(?:\s+(?:of\s+)?(\d{4}))?\b")
def _festival(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    name = m[1].lower()
    explicit = m[2]
    if name.startswith("easter"):
        year = int(explicit) if explicit else _festival_year(a, lambda y: easter(y))
        d = easter(year)
        return WhenResolved(d, "approx", f"{m[0]!r}: around Easter Sunday, {long_date(d)}")
    if name.startswith("new year"):
        year = int(explicit) if explicit else _festival_year(a, lambda y: date(y, 1, 1))
        d = date(year, 1, 1) if "eve" not in name else date(year, 12, 31)
        return WhenResolved(d, "approx" if name == "new year" else "day", f"{m[0]!r}: {long_date(d)}")
    year = int(explicit) if explicit else _festival_year(a, lambda y: date(y, 12, 25))
    d = date(year, 12, 25)
    return WhenResolved(d, "approx", f"{m[0]!r}: around Christmas Day, {long_date(d)}"
                        + ("" if explicit else f", {_year_reason(a)}"))


def _festival_year(a: Anchors, on: Callable[[int], date]) -> int:
    """The first such festival on or after the event before it (if not after the account was
    written), else the latest before the account was written."""
    ref = a.reference
    if a.previous is not None:
        year = a.previous.day.year
        if on(year) < a.previous.day:
            year += 1
        if on(year) <= ref:
            return year
    return ref.year if on(ref.year) <= ref else ref.year - 1


@rule(r"\b(?:(early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of)[\s-]+)?"
      + MONTH_RE + r",?\s+(?:of\s+)?(\d{4})\b")
def _month_year_rule(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    month = MONTHS[m[2].lower()]
    d = _safe_date(int(m[3]), month, _part_of_month(m[1]))
    if d is None:
        return None
    return WhenResolved(d, "month", f"{m[0]!r}: {month_and_year(d)} (no day was given)")


def _part_of_month(word: str | None) -> int:
    word = (word or "").lower()
    if word == "mid":
        return 15
    if word in ("late", "the end of", "end of"):
        return 25
    return 1


@rule(r"\b(?:(?:the\s+)?(spring|summer|autumn|fall|winter))\s+(?:of\s+)?(\d{4})\b")
def _season_year(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    month, day = SEASONS[m[1].lower()]
    d = date(int(m[2]), month, day)
    return WhenResolved(d, "season", f"{m[0]!r}: the {m[1].lower()} of {m[2]}")


@rule(r"\b(?:the\s+)?(" + NUMBER_RE[1:-1] + r"|the)\s+" + UNIT_RE + r"\s+(before|after|prior to|following)\s+"
      + DETERMINER + r"(?:\w+\s+){0,2}?" + ANCHOR_RE + r"\b")
def _relative_to_named(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    number_text, unit, direction, noun = m[1], m[2], m[3].lower(), m[4].lower()
    anchor = a.named.get(ANCHOR_NOUNS[noun])
    count = 1.0 if number_text.lower() == "the" else _number(number_text)
    delta = _delta(count, unit)
    if anchor is None:
        return None
    sign = -1 if direction in ("before", "prior to") else 1
    d = anchor.day + sign * delta if sign > 0 else anchor.day - delta
    precision: Precision = anchor.precision if unit.lower().startswith(("hour", "day", "night")) else "approx"
    if unit.lower().startswith("hour"):
        d = anchor.day
    return WhenResolved(d, _coarser(precision, anchor.precision),
                        f"{m[0]!r} → {long_date(d)}, from the {noun} on {long_date(anchor.day)}")


@rule(r"\b(?:on\s+)?the\s+(same\s+)?day\s+of\s+" + DETERMINER + r"(?:\w+\s+){0,2}?" + ANCHOR_RE + r"\b")
def _day_of_named(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    anchor = a.named.get(ANCHOR_NOUNS[m[2].lower()])
    if anchor is None:
        return None
    return replace(anchor, how=f"{m[0]!r}: the day of the {m[2].lower()}, {long_date(anchor.day)}")


@rule(r"\b(" + NUMBER_RE[1:-1] + r")\s+" + UNIT_RE + r"\s+ago\b(?:[,\s]+on\s+(?:a\s+)?" + WEEKDAY_RE + r")?")
def _ago(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    number_text, unit, weekday = m[1], m[2], m[3]
    d = a.reference - _delta(_number(number_text), unit)
    how = f"{m[0]!r} before the account was written ({long_date(a.reference)})"
    if weekday:
        target = WEEKDAYS[weekday.lower()]
        # The weekday in the week the count lands in (Monday to Sunday).
        d = d - timedelta(days=d.weekday()) + timedelta(days=target)
        return WhenResolved(d, "approx", f"{how}: the {weekday.title()} of that week, {long_date(d)}")
    precision = _shifted_precision("day", number_text, unit)
    if unit.lower().startswith(("month",)):
        precision = "month" if number_text.lower() not in VAGUE_NUMBERS else "approx"
    if unit.lower().startswith("year"):
        precision = "year" if number_text.lower() not in VAGUE_NUMBERS else "approx"
    return WhenResolved(d, precision, f"{how}: {long_date(d) if precision in ('day', 'approx') else _shown(d, precision)}")


@rule(r"\b(?:(?:after|within|about|around|nearly|almost|just|only|over|some|another|roughly|barely)\s+)*(" + NUMBER_RE[1:-1]
      + r")\s+(?:more\s+|whole\s+|full\s+)?" + UNIT_RE + r"\s+(later|after(?:wards)?|on)\b")
def _later(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    return _after_previous(m[0], m[1], m[2], a)


@rule(r"\b(?:after|within)\s+(?:(?:just|only|about|around|nearly|almost|over|some|another|roughly|barely|less than|more than)\s+)*("
      + NUMBER_RE[1:-1] + r")\s+" + UNIT_RE + r"\b")
def _after_count(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    return _after_previous(m[0], m[1], m[2], a)


def _after_previous(phrase: str, number_text: str, unit: str, a: Anchors) -> WhenResolved:
    if a.previous is None:  # nothing earlier in the story to count from
        return WhenResolved(a.reference, "approx", f"{phrase!r}, but nothing earlier in the account gives a date to "
                            f"count from: shown at the date the account was written ({long_date(a.reference)}). Please give the real date.")
    base = a.base
    d = base.day + _delta(_number(number_text), unit)
    precision = _coarser(_shifted_precision(base.precision, number_text, unit), base.precision)
    return WhenResolved(d, precision, f"{phrase!r} after the event before it ({long_date(base.day)}): {long_date(d)}")


@rule(r"\b(" + NUMBER_RE[1:-1] + r")\s+" + UNIT_RE + r"\s+(?:before|earlier|prior)(?:\s+(?:this|that|then))?\b")
def _earlier(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    base = a.base
    d = base.day - _delta(_number(m[1]), m[2])
    precision = _coarser(_shifted_precision(base.precision, m[1], m[2]), base.precision)
    return WhenResolved(d, precision, f"{m[0]!r} the event before it ({long_date(base.day)}): {long_date(d)}")


@rule(r"\b(?:the\s+)?(next|following)\s+(day|morning|evening|night|week|month|year)\b|\bthe\s+(day|week)\s+after\b(?!\s+" + DETERMINER + ")")
def _next(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    unit = (m[2] or m[3]).lower()
    base = a.base
    step = {"day": relativedelta(days=1), "morning": relativedelta(days=1), "evening": relativedelta(days=1),
            "night": relativedelta(days=1), "week": relativedelta(weeks=1), "month": relativedelta(months=1),
            "year": relativedelta(years=1)}[unit]
    d = base.day + step
    precision: Precision = base.precision if unit in ("day", "morning", "evening", "night") else "approx"
    return WhenResolved(d, _coarser(precision, base.precision), f"{m[0]!r} after the event before it: {long_date(d)}")


@rule(r"\b(?:on\s+)?(?:that|the\s+same)\s+(day|morning|afternoon|evening|night)\b|\blater\s+that\s+(day|night|evening)\b")
def _same_day(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    base = a.base
    return replace(base, how=f"{m[0]!r}: the same day as the event before it, {long_date(base.day)}", phrase="")


@rule(r"\b(yesterday|today|this morning|this afternoon|tonight|last night|tomorrow)\b")
def _around_reference(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    word = m[1].lower()
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    d = a.reference + timedelta(days=offset)
    return WhenResolved(d, "day", f"{m[0]!r}, counted from the date the account was written: {long_date(d)}")


@rule(r"\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\s+of\s+(this|last|next)\s+month\b")
def _ordinal_of_month(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    month = a.reference + relativedelta(months={"this": 0, "last": -1, "next": 1}[m[2].lower()])
    d = _safe_date(month.year, month.month, int(m[1]))
    return WhenResolved(d, "day", f"{m[0]!r}, counted from when the account was written: {long_date(d)}") if d else None


@rule(r"\b(last|this|past)\s+(week|month|year)\b")
def _last_period(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    which, unit = m[1].lower(), m[2].lower()
    ref = a.reference
    if unit == "week":
        d = ref - timedelta(days=7 if which != "this" else 0)
        return WhenResolved(d, "approx", f"{m[0]!r}: about {long_date(d)}")
    if unit == "month":
        d = (ref - relativedelta(months=1 if which != "this" else 0)).replace(day=1)
        return WhenResolved(d, "month", f"{m[0]!r}: {month_and_year(d)}")
    d = date(ref.year - (1 if which != "this" else 0), 1, 1)
    return WhenResolved(d, "year", f"{m[0]!r}: {d.year}, the year before the account was written"
                        if which != "this" else f"{m[0]!r}: {d.year}")


@rule(r"\b(last|that|this|next|in|since|by|until|from|during|early|mid|late|the end of|end of|the beginning of|beginning of)[\s-]+"
      + MONTH_NAME_RE + r"(?!\s*\d)")
def _month_alone(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    word = m[1].lower()
    month_word = m[2].lower()
    if month_word in ("may", "mar", "jan", "sat", "sun", "dec", "sep", "oct", "nov", "aug", "apr", "jun", "jul", "feb") and word not in (
            "in", "since", "last", "that", "this", "next", "early", "mid", "late", "by", "until", "from", "during"):
        return None
    if month_word == "may" and word in ("that", "this"):  # "that may", "this may" are verbs more often than not
        return None
    month = MONTHS[month_word]
    mode = {"last": "last", "next": "next"}.get(word, "")
    year = a.reference.year if word == "this" else _month_year(month, a, mode)
    d = date(year, month, _part_of_month(word))
    return WhenResolved(d, "month", f"{m[0]!r}: {month_and_year(d)}, {_year_reason(a) if mode == '' else 'counted from when the account was written'}")


@rule(r"\b(last|that|this|next|in the|during the|over the|the)\s+(spring|summer|autumn|fall|winter)\b")
def _season_alone(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    word = m[1].lower()
    month, day = SEASONS[m[2].lower()]
    ref = a.reference
    if word == "last":
        year = ref.year - 1 if date(ref.year, month, day) > ref - timedelta(days=90) else ref.year
    elif word == "next":
        year = ref.year if date(ref.year, month, day) > ref else ref.year + 1
    else:
        year = _month_year(month, a, "")
    d = date(year, month, day)
    return WhenResolved(d, "season", f"{m[0]!r}: the {m[2].lower()} of {year}")


@rule(r"\b(?:in|since|during|from|by|of|until|around|about|back in|early|late)\s+((?:19|20)\d{2})\b(?![/.\-]\d)")
def _year_alone(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    year = int(m[1])
    if not 1900 <= year <= a.reference.year + 1:
        return None
    return WhenResolved(date(year, 1, 1), "year", f"{m[0]!r}: some time in {year} (no month was given)")


@rule(r"\b(" + NUMBER_RE[1:-1] + r")\s+" + UNIT_RE + r"\s+on\b|\b(?:for|over)\s+the\s+(?:last|past)\s+(" + NUMBER_RE[1:-1] + r")\s+" + UNIT_RE)
def _years_on(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    if m[1]:
        return _after_previous(m[0], m[1], m[2], a)
    d = a.reference - _delta(_number(m[3]), m[4])
    return WhenResolved(d, "approx", f"{m[0]!r} before the account was written: from about {long_date(d)}")


@rule(r"\b(?:on\s+)?(?:a\s+|the\s+|last\s+|that\s+)?" + WEEKDAY_RE + r"\b")
def _weekday(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    target = WEEKDAYS[m[1].lower()]
    base = a.base
    d = base.day - timedelta(days=(base.day.weekday() - target) % 7)
    precision: Precision = "day" if a.previous is None else "approx"
    frm = "the account was written" if a.previous is None else "the event before it"
    return WhenResolved(d, precision, f"{m[0].strip()!r}: the {m[1].title()} on or before {frm} ({long_date(base.day)}): {long_date(d)}")


@rule(r"\bon\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b")
def _ordinal_alone(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    base = a.base
    if PRECISION_RANK[base.precision] > PRECISION_RANK["month"]:
        return None
    d = _safe_date(base.day.year, base.day.month, int(m[1]))
    if d is None:
        return None
    if d < base.day:
        nxt = base.day + relativedelta(months=1)
        d = _safe_date(nxt.year, nxt.month, int(m[1])) or d
    return WhenResolved(d, "day", f"{m[0]!r}: the {m[1]} of the month after the event before it, {long_date(d)}")


# Last: any more specific phrase in the sentence wins.
@rule(r"\b(now|recently|currently|at\s+the\s+moment|just\s+now|these\s+days)\b")
def _now(m: re.Match[str], a: Anchors) -> WhenResolved | None:
    return WhenResolved(a.reference, "approx", f"{m[0]!r}: about the time the account was written ({long_date(a.reference)})")


def _shown(d: date, precision: Precision) -> str:
    if precision == "month":
        return month_and_year(d)
    if precision == "year":
        return str(d.year)
    return long_date(d)


def _year_reason(a: Anchors) -> str:
    if a.previous is None:
        return "the latest before the account was written"
    return "the first after the event before it"


def resolve_time(sentence: str, anchors: Anchors) -> WhenResolved | None:
    """The most specific time phrase in the sentence, resolved; None when it has none."""
    for pattern, resolver in _RULES:
        for match in pattern.finditer(sentence):
            resolved = resolver(match, anchors)
            if resolved is not None:
                return replace(resolved, phrase=match[0].strip(), start=match.start(), end=match.end())
    return None


def carried_over(anchors: Anchors) -> WhenResolved:
    """The date of a sentence with no time phrase: that of the event before it, approximately."""
    base = anchors.base
    if anchors.previous is None:
        return WhenResolved(base.day, "approx", "No date in this sentence and none before it: shown at the date the "
                            f"account was written ({long_date(base.day)}). Please give the real date.")
    return WhenResolved(base.day, _coarser("approx", base.precision),
                        f"No date in this sentence: placed with the event before it ({long_date(base.day)}).")


def within_precision(shown: date, truth: date, precision: Precision) -> bool:
    """Whether a date agrees with a true one at a given precision (for measuring, and for tests)."""
    if precision == "day":
        return shown == truth
    if precision == "month":
        return (shown.year, shown.month) == (truth.year, truth.month)
    if precision == "season":
        return abs((shown - truth).days) <= 62
    if precision == "year":
        return shown.year == truth.year
    return abs((shown - truth).days) <= 31


_FORUM_STAMP = re.compile(r"»\s*(?:\w{3},?\s+)?" + MONTH_RE + r"\s+(\d{1,2}),?\s+(\d{4})", re.IGNORECASE)
_DATELINE = re.compile(r"^\W*(?:posted(?:\s+on)?|sent|date|dated|written|updated)?\s*:?\s*(?:" + WEEKDAY_RE + r",?\s+)?(.{6,30}?)\s*"
                       r"(?:at\s+)?(?:\d{1,2}[:.]\d{2}\s*(?:am|pm)?)?\W*$", re.IGNORECASE)


def dateline(line: str) -> date | None:
    """The date a line stamps what follows with: a forum post's header ("Post by X » Mon Aug 08, 2022
    10:19 pm"), or a line that is only a date ("Sent: 5 March 2021", "12/03/2021"). Each post in a
    thread was written on its own day, so its relative dates count from it."""
    if len(line) > 120:
        return None
    m = _FORUM_STAMP.search(line)
    if m:
        return _safe_date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    m = _DATELINE.match(line.strip())
    if not m:
        return None
    when = resolve_time(m[2], Anchors(date(2100, 1, 1)))
    if when is not None and when.precision == "day" and when.start == 0 and when.end >= len(m[2].strip()) - 1:
        return when.day
    return None
