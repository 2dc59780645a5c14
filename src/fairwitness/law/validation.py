"""One validation layer for case files, whoever reads them: the CLI, the web import and the API
all load through ``caseformat.loads_case`` / ``parse_case``, which call the checks here (issue 11).

Two kinds of check:

* on the text, before anything trusts it: its size, that it is UTF-8, how deeply it nests, and
  that no string carries a control character or half of a surrogate pair (they break documents
  later, a long way from where they came in);
* on the parsed case: every id used once, every id that is referred to present, and dates a
  person could mean and the working calendar can count (not before 1900, events at most a year
  after the moment the case is judged at, no one born after it): one problem per date, naming its
  field and the range allowed.

Each problem is a ``Problem`` naming where it is, so the family can fix the file. Nothing here
reads the clock: the caller says what "today" is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from fairwitness.law.calendar import EARLIEST_COUNTABLE, LATEST_COUNTABLE, add_months
from fairwitness.law.dates import long_date as _plain  # a day in words, as the findings write them

if TYPE_CHECKING:
    from fairwitness.law.caseformat import Case, Problem

MAX_FILE_BYTES = 16 * 1024 * 1024  # a 10,000-event case is about 2 MB
MAX_DEPTH = 32  # a case file needs about 6; more is a file built to exhaust the parser
MAX_EVENTS_ON_IMPORT = 10_000  # one family's record; beyond it the import is refused with a message
MAX_ID_LENGTH = 100
MAX_NAME_LENGTH = 200  # longer names break letters and the chronology's table cells
MAX_TEXT_LENGTH = 50_000
# Dates a case may hold: from 1900 (records of a parent's own childhood in care) to the last day the
# working calendar can count from (``law/calendar.py``), and no later than a year after the day the
# case is judged at.
EARLIEST = EARLIEST_COUNTABLE
LATEST = LATEST_COUNTABLE
FUTURE_ALLOWANCE_YEARS = 1  # an event may be dated up to a year after the moment judged at
LATER_FIELDS_ALLOWANCE_YEARS = 10  # an order's "until" or a recommendation's "due" may be further on
MAX_WEEKS = 260

# Control characters (C0 but tab, newline and return; DEL; C1) and lone surrogates, in decoded text.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAK = re.compile("[\t\n\r]")
# The same written as JSON escapes; a match only makes the file be read closely (it may be a false
# alarm, such as an escaped backslash followed by the letters u001b).
_BAD_ESCAPE = re.compile(r"\\u(?:00[01][0-8bcefBCEF]|001[0-9a-fA-F]|007[fF]|008[0-9a-fA-F]|009[0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2})")
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?")

# Fields that hold a person's or child's name, or an id: one line, short.
_ONE_LINE_FIELDS = frozenset({"id", "name", "kind", "person", "by", "role", "format", "jurisdiction"})


def _problem(where: str, field: str, message: str) -> Problem:
    from fairwitness.law.caseformat import Problem

    return Problem(where, field, message)


# --- the text -----------------------------------------------------------------------------------

def decode(raw: str | bytes) -> tuple[str | None, list[Problem]]:
    """The file as text, or the problems that stop it being read: too large, not UTF-8."""
    size = len(raw.encode("utf-8", "surrogatepass")) if isinstance(raw, str) else len(raw)
    if size > MAX_FILE_BYTES:
        return None, [_problem("file", "", f"the file is {size / 1_048_576:.1f} MB; a case file may be at most "
                                            f"{MAX_FILE_BYTES // 1_048_576} MB")]
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, [_problem("file", "", f"the file is not UTF-8 text (byte {exc.start + 1} cannot be read); "
                                                "save it as UTF-8 JSON")]
    else:
        text = raw
    return text.removeprefix("\ufeff"), []


def nesting_depth(text: str) -> int:
    """How deeply the JSON's arrays and objects nest, counted without parsing it (the parsers
    themselves fail with a recursion error on a file built to be deep)."""
    depth = deepest = 0
    for ch in re.sub(r"[^\[\]{}]", "", _STRINGS.sub("", text)):
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


def text_problems(text: str) -> list[Problem]:
    """Problems the text shows: nesting too deep. (Counting is slow on big files, so the loader
    asks only when the fast parser has failed; a file it reads has its extra fields walked.)"""
    if nesting_depth(text) > MAX_DEPTH:
        return [_problem("file", "", f"the file nests more than {MAX_DEPTH} levels deep; a case file needs about 6")]
    return []


def extra_field_problems(case: Case) -> list[Problem]:
    """Fields the format does not know are kept as they are; they are the only place a parsed file
    can nest deeply or hide text, so they alone are walked."""
    problems: list[Problem] = []
    items: list[tuple[str, Any]] = [("file", case)]
    items += [(f"child {c.id}", c) for c in case.children] + [(f"person {p.id}", p) for p in case.people]
    items += [(f"event {e.id}", e) for e in case.events]
    for where, item in items:
        extra = item.__pydantic_extra__
        if extra:
            problems += string_problems(extra, where)
    return problems


def needs_close_reading(text: str) -> bool:
    """Whether the text may hold a control character or a lone surrogate (fast; a yes is then
    confirmed, and located, by ``string_problems`` on the parsed data)."""
    return bool(_BAD_CHAR.search(text) or _BAD_ESCAPE.search(text))


def parse_json(text: str) -> tuple[Any, list[Problem]]:
    """Parse JSON as Python's json module does, with every failure a problem (never an exception):
    NaN and Infinity are refused, and numbers too long to be real."""
    def no_constants(name: str) -> Any:
        raise ValueError(f"{name} is not a number a case file can hold")

    try:
        return json.loads(text, parse_constant=no_constants), []
    except json.JSONDecodeError as exc:
        return None, [_problem("file", "", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")]
    except (ValueError, RecursionError) as exc:
        return None, [_problem("file", "", f"not a case file: {str(exc).split(';')[0]}")]


# --- the parsed data ----------------------------------------------------------------------------

def _where(path: tuple[Any, ...], data: Any) -> tuple[str, str]:
    """("event e3", "name") for a path into the raw data."""
    if len(path) >= 2 and path[0] in ("events", "children", "people") and isinstance(path[1], int):
        item = data[path[0]][path[1]] if isinstance(data, dict) else None
        item_id = item.get("id") if isinstance(item, dict) else None
        noun = {"events": "event", "children": "child", "people": "person"}[path[0]]
        where = f"{noun} {item_id}" if isinstance(item_id, str) and not _BAD_CHAR.search(item_id) else f"{path[0]}[{path[1]}]"
        return where, ".".join(str(p) for p in path[2:])
    return "file", ".".join(str(p) for p in path)


def _walk(data: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every key and value with its path, iteratively (no recursion limit to hit)."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                yield (*path, key), key  # keys are text too
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                stack.append(((*path, index), item))
        else:
            yield path, value


def string_problems(data: Any, where: str | None = None) -> list[Problem]:
    """Control characters, lone surrogates and over-long text anywhere in the data; ids and names
    must also be one line. Data nested too deeply is refused before it is looked at further."""
    problems: list[Problem] = []
    for path, value in _walk(data):
        if len(path) > MAX_DEPTH:
            return [_problem("file", "", f"the data nests more than {MAX_DEPTH} levels deep; a case file needs about 6")]
        if not isinstance(value, str):
            continue
        field = str(path[-1]) if path and not isinstance(path[-1], int) else (str(path[-2]) if len(path) > 1 else "")
        one_line = field in _ONE_LINE_FIELDS or (len(path) > 1 and path[-2] in ("children", "about", "invited", "attended"))
        bad = _BAD_CHAR.search(value) or (one_line and _LINE_BREAK.search(value))
        place, located = (where, ".".join(str(p) for p in path)) if where else _where(path, data)
        if bad:
            char = bad.group()
            kind = "half of a surrogate pair" if "\ud800" <= char <= "\udfff" else "a control character"
            problems.append(_problem(place, located, f"contains {kind} (U+{ord(char):04X}) at position {bad.start() + 1}; "
                                                     "remove it"))
            continue
        limit = MAX_ID_LENGTH if field == "id" else MAX_NAME_LENGTH if field == "name" else MAX_TEXT_LENGTH
        if len(value) > limit:
            problems.append(_problem(place, located, f"is {len(value):,} characters long; at most {limit:,} are allowed"))
    return problems


def iso_moment(value: Any) -> Any:
    """Dates are written as ISO text (2024-01-15 or 2024-01-15T10:30). A number is refused: it
    would otherwise be read as seconds since 1970 (20240101 became 23 August 1970)."""
    if type(value) is str:
        if len(value) == 10 and value[4] == "-" and value[7] == "-":  # the common case, quickly
            return value
    elif isinstance(value, date | datetime):
        return value
    else:
        raise ValueError(f"{value!r} is not a date: write dates as text, YYYY-MM-DD")
    if not _ISO_MOMENT.fullmatch(value):
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)")
    return value


# --- the case -----------------------------------------------------------------------------------

def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _duplicates(kind: str, ids: list[str]) -> list[Problem]:
    seen: set[str] = set()
    out: list[Problem] = []
    for item_id in ids:
        if item_id in seen:
            out.append(_problem(f"{kind} {item_id}", "id", f"this id is used by more than one {kind}"))
        seen.add(item_id)
    return out


def id_problems(case: Case) -> list[Problem]:
    """Every id used once; every id referred to present."""
    child_ids = [c.id for c in case.children]
    person_ids = [p.id for p in case.people]
    problems = _duplicates("child", child_ids) + _duplicates("person", person_ids)
    for shared in sorted(set(child_ids) & set(person_ids)):
        problems.append(_problem(f"person {shared}", "id", "a child already has this id; give the person another"))
    problems += _duplicates("event", [e.id for e in case.events])
    children, people, events = set(child_ids), set(person_ids), {e.id for e in case.events}
    for p in case.people:
        for cid in p.children or []:
            if cid not in children:
                problems.append(_problem(f"person {p.id}", "children", f"no child with id {cid!r}"))
        if isinstance(p.parental_responsibility, dict):
            for cid in p.parental_responsibility:
                if cid not in children:
                    problems.append(_problem(f"person {p.id}", "parental_responsibility", f"no child with id {cid!r}"))
    for e in case.events:
        where = f"event {e.id}"
        for cid in e.children or []:
            if cid not in children:
                problems.append(_problem(where, "children", f"no child with id {cid!r}"))
        if e.responds_to is not None and e.responds_to not in events:
            problems.append(_problem(where, "responds_to", f"no event with id {e.responds_to!r}"))
        if e.kind not in _KINDS_WITH_REFERENCES:
            continue
        for eid in e.get("about") or []:
            if eid not in events:
                problems.append(_problem(where, "about", f"no event with id {eid!r}"))
        person = e.get("person")
        if e.kind in ("consent", "notified", "section_20_removal_request", "objection") and person not in people:
            problems.append(_problem(where, "person", f"no person with id {person!r}"))
        for name in ("invited", "attended"):
            for pid in e.get(name) or []:
                if pid not in people:
                    problems.append(_problem(where, name, f"no person with id {pid!r}"))
        for index, shared in enumerate(e.get("reports_shared") or []):
            if shared.person not in people:
                problems.append(_problem(where, f"reports_shared[{index}].person", f"no person with id {shared.person!r}"))
        for index, excluded in enumerate(e.get("excluded") or []):
            if excluded.person not in people:
                problems.append(_problem(where, f"excluded[{index}].person", f"no person with id {excluded.person!r}"))
    return problems


def latest_as_of(today: date) -> date:
    """The last day a case may be judged at: a year from today, within the working calendar."""
    return min(_years_after(today, FUTURE_ALLOWANCE_YEARS), LATEST)


def as_of_problem(moment: date | datetime, today: date) -> str | None:
    """Why a moment to judge at is refused (before 1900, or more than a year from today), or None."""
    day = _day(moment)
    assert day is not None
    latest = latest_as_of(today)
    if EARLIEST <= day <= latest:
        return None
    return (f"{day.isoformat()} is out of range: a case can be judged at a day from {_plain(EARLIEST)} "
            f"to {_plain(latest)}" + (", a year from today" if latest < LATEST else ""))


_KINDS_WITH_REFERENCES = frozenset({"complaint_made", "consent", "notified", "section_20_removal_request", "objection",
                                    "meeting"})
_KINDS_WITH_DATES = frozenset({"epo_granted", "epo_extended", "child_assessment_order", "connected_person_approval_extended",
                               "complaint_extension_notified", "recommendation_made", "meeting", "extension_granted"})


class _Bounds:
    """The days a case's dates may fall on, counted once from the day it is judged at, and the words
    that tell a family the range when a date is outside it."""

    def __init__(self, judged: date):
        self.latest = min(_years_after(judged, FUTURE_ALLOWANCE_YEARS), LATEST)
        self.furthest = min(_years_after(judged, LATER_FIELDS_ALLOWANCE_YEARS), LATEST)
        self._latest_words = (f"{_plain(self.latest)}, a year after {_plain(judged)}, the day the case is judged at"
                              if self.latest < LATEST else f"{_plain(LATEST)}, the last day Fair Witness can count to")
        self._furthest_words = (f"{_plain(self.furthest)}, ten years after the day the case is judged at"
                                if self.furthest < LATEST else f"{_plain(LATEST)}, the last day Fair Witness can count to")

    def event_day(self, day: date, what: str) -> str | None:
        """``what`` is the plural the message names ("events", "shared reports")."""
        if EARLIEST <= day <= self.latest:
            return None
        return f"{day.isoformat()} is out of range: {what} can be dated from {_plain(EARLIEST)} to {self._latest_words}"

    def later_day(self, day: date, what: str) -> str | None:
        if EARLIEST <= day <= self.furthest:
            return None
        return f"{day.isoformat()} is out of range: {what} can be from {_plain(EARLIEST)} to {self._furthest_words}"


_LATER_FIELD_WORDS = {"until": "an order's or approval's end", "from_": "an order's start",
                      "new_due": "a new date for the answer", "due": "a date for a recommendation"}


def date_problems(case: Case, today: date) -> list[Problem]:
    """Dates a person could mean and the working calendar can count: one problem per date outside
    them, naming its field and the range. ``today`` is the caller's (the CLI's, the web request's)."""
    problems: list[Problem] = []
    as_of = _day(case.as_of)
    wrong = as_of_problem(as_of, today) if as_of is not None else None
    if wrong:
        return [_problem("file", "as_of", wrong)]  # every other bound is counted from it
    judged = as_of or today
    bounds = _Bounds(judged)
    for child in case.children:
        born = child.date_of_birth
        if born is not None and not EARLIEST <= born <= judged:
            later = "; a date of birth cannot be in the future" if born > judged else ""
            problems.append(_problem(f"child {child.id}", "date_of_birth",
                                     f"{born.isoformat()} is out of range: a date of birth can be from "
                                     f"{_plain(EARLIEST)} to {_plain(judged)}{later}"))
    for e in case.events:
        where = f"event {e.id}"
        wrong = bounds.event_day(e.day, "events")
        if wrong:
            problems.append(_problem(where, "at", wrong))
        if e.kind not in _KINDS_WITH_DATES:
            continue
        for name, words in _LATER_FIELD_WORDS.items():
            value = _day(e.get(name))
            wrong = bounds.later_day(value, words) if isinstance(value, date) else None
            if wrong:
                problems.append(_problem(where, name.rstrip("_"), wrong))
        for index, shared in enumerate(e.get("reports_shared") or []):
            shared_day = _day(shared.at)
            wrong = bounds.event_day(shared_day, "reports") if shared_day is not None else None
            if wrong:
                problems.append(_problem(where, f"reports_shared[{index}].at", wrong))
        weeks = e.get("weeks")
        if isinstance(weeks, int) and not 0 < weeks <= MAX_WEEKS:
            problems.append(_problem(where, "weeks", f"{weeks} weeks is not an extension a court grants (1 to {MAX_WEEKS})"))
    return problems


def _years_after(day: date, years: int) -> date:
    """The same date ``years`` on (28 February for 29 February), as a person counts a year."""
    try:
        return add_months(day, 12 * years)
    except (ValueError, OverflowError):
        return date.max


def length_problems(case: Case) -> list[Problem]:
    """Names and ids short enough for a letter's line and a table's cell."""
    problems: list[Problem] = []
    for event in case.events:
        if len(event.id) > MAX_ID_LENGTH:
            problems.append(_problem(f"event {event.id[:20]}…", "id", f"is {len(event.id):,} characters long; "
                                                                     f"at most {MAX_ID_LENGTH} are allowed"))
    for noun, items in (("child", case.children), ("person", case.people)):
        for item in items:
            if len(item.id) > MAX_ID_LENGTH:
                problems.append(_problem(f"{noun} {item.id[:20]}…", "id", f"is {len(item.id):,} characters long; "
                                                                        f"at most {MAX_ID_LENGTH} are allowed"))
            name = item.name
            if isinstance(name, str) and len(name) > MAX_NAME_LENGTH:
                problems.append(_problem(f"{noun} {item.id}", "name", f"is {len(name):,} characters long; "
                                                                      f"at most {MAX_NAME_LENGTH} are allowed"))
    return problems


def case_problems(case: Case, today: date) -> list[Problem]:
    """Every problem ``validation`` finds in a parsed case (the rule pack and the references the law
    core reads are checked beside it, in ``caseformat``)."""
    return length_problems(case) + id_problems(case) + date_problems(case, today)


def event_limit_problems(events: int) -> list[Problem]:
    """The web import's limit on one case's size (the law core itself reads any size)."""
    if events > MAX_EVENTS_ON_IMPORT:
        return [_problem("file", "events", f"the file has {events:,} events; one case may hold at most "
                                           f"{MAX_EVENTS_ON_IMPORT:,}. Split the record, or ask the body for help")]
    return []
