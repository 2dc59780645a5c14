"""What every check works from: the case indexed once, and the way findings are written.

The engine builds one ``Context`` per case (events sorted and grouped by kind, each child's
footings, who holds parental responsibility) so that each check touches only the events it needs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any, TypeVar

from fairwitness.law.calendar import WorkingCalendar, add_days, add_months, gdpr_month_deadline
from fairwitness.law.caseformat import Case, CasePerson, EventBase
from fairwitness.law.dates import long_date
from fairwitness.law.findings import Arithmetic, Finding, FootingInterval
from fairwitness.law.footing import child_footings
from fairwitness.law.packs import CheckRule, EventMatch, Limit, Pack

T = TypeVar("T")

STATUTORY_FORCES = frozenset({"statute", "regulations"})


MEETING_WORDS = {
    "icpc": "the initial child protection conference",
    "cp_review_conference": "the child protection review conference",
    "core_group": "the core group meeting",
    "cin_meeting": "the child in need meeting",
    "cin_review": "the child in need review",
    "lac_review": "the looked-after review",
    "plo_meeting": "the pre-proceedings meeting",
    "strategy": "the strategy meeting",
    "other": "the meeting",
}
# How a sentence names the events an inference can rest on.
EVENT_WORDS = {
    "removed_from_home": "the removal from home",
    "consent": "the agreement",
    "section_20_ended": "the recorded end of section 20",
    "section_20_removal_request": "the request for the child's return",
    "cp_plan_ended": "the recorded end of the plan",
    "police_protection_ended": "the recorded end of police protection",
    "epo_ended": "the recorded end of the order",
    "epo_extended": "the extension of the order",
    "looked_after_ended": "the recorded end of care",
    "assessment_started": "the start of the assessment",
    "assessment_completed": "the assessment",
    "section_20_started": "the start of section 20 accommodation",
    "placed_with_connected_person": "the placement with a relative or friend",
    "contact_refused": "the refusal of contact",
    "contact_stopped": "the stopping of contact",
}


def event_words(event: EventBase) -> str:
    if event.kind == "meeting":
        return MEETING_WORDS.get(event.get("meeting_type") or "other", "the meeting")
    return EVENT_WORDS.get(event.kind, "the " + event.kind.replace("_", " "))


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def event_sort_key(event: EventBase) -> tuple[date, time, str, str]:
    at = event.at
    if isinstance(at, datetime):
        return (at.date(), at.time(), event.kind, event.id)
    return (at, time.min, event.kind, event.id)


def _footing_steps(intervals: Sequence[FootingInterval]) -> tuple[list[date], list[frozenset[str]]]:
    """The footings holding from each change point on (``none`` left out): a sweep over the
    intervals once, so that ``footings_on`` is a bisection rather than a scan."""
    changes: dict[date, list[tuple[str, int]]] = defaultdict(list)
    for i in intervals:
        if i.footing == "none" or (i.end is not None and i.end <= i.start):
            continue
        changes[i.start].append((i.footing, 1))
        if i.end is not None:
            changes[i.end].append((i.footing, -1))
    points = sorted(changes)
    count: dict[str, int] = defaultdict(int)
    held: list[frozenset[str]] = []
    for point in points:
        for footing, step in changes[point]:
            count[footing] += step
        held.append(frozenset(f for f, n in count.items() if n > 0))
    return points, held


def _started_by(intervals: Sequence[FootingInterval]) -> tuple[list[date], list[frozenset[str]]]:
    ordered = sorted(intervals, key=lambda i: i.start)
    starts: list[date] = []
    seen: list[frozenset[str]] = []
    acc: frozenset[str] = frozenset()
    for interval in ordered:
        acc = acc | {interval.footing}
        if starts and starts[-1] == interval.start:
            seen[-1] = acc
        else:
            starts.append(interval.start)
            seen.append(acc)
    return starts, seen


def severity_for(status: str, legal_force: str) -> str:
    """A missed limit in statute or regulations is a breach; in guidance, case law or practice, a
    concern; anything on time or still running is information."""
    if status in ("late", "missed"):
        return "breach" if legal_force in STATUTORY_FORCES else "concern"
    if status in ("breach", "concern", "info"):
        return status
    return "info"


class Context:
    """One case, indexed for the checks."""

    def __init__(self, case: Case, pack: Pack, as_of: date | datetime, cal: WorkingCalendar):
        self.case = case
        self.pack = pack
        self.cal = cal
        self.as_of = as_of
        self.as_of_day: date = as_of.date() if isinstance(as_of, datetime) else as_of
        # Events after the moment we judge at are not yet known.
        self.events: list[EventBase] = sorted((e for e in case.events if e.day <= self.as_of_day), key=event_sort_key)
        self.by_kind: dict[str, list[EventBase]] = defaultdict(list)
        for event in self.events:
            self.by_kind[event.kind].append(event)
        self.by_id = {e.id: e for e in self.events}
        self._position = {id(e): i for i, e in enumerate(self.events)}  # pydantic models do not hash
        self.child_ids = [c.id for c in case.children] or ["child"]
        self.people: dict[str, CasePerson] = {p.id: p for p in case.people}
        self.footings: dict[str, list[FootingInterval]] = {
            cid: [self._explained(i) if i.inferred_from else i for i in child_footings(self.events, cid, pack, self.as_of_day)]
            for cid in self.child_ids
        }
        self.dob = {c.id: c.date_of_birth for c in case.children}
        self.as_of_text = long_date(self.as_of_day)
        self._footings_on: dict[tuple[str, date], set[str]] = {}
        # Days in time order, for bisecting: every check's "events of a kind between two days"
        # is a slice, never a scan, so the cost stays linear in the events (issue 11).
        self._days = [e.day for e in self.events]
        self._kind_days: dict[str, list[date]] = {k: [e.day for e in v] for k, v in self.by_kind.items()}
        self._footing_steps = {cid: _footing_steps(self.footings[cid]) for cid in self.child_ids}
        self._started_by = {cid: _started_by(self.footings[cid]) for cid in self.child_ids}
        self._memo: dict[tuple[Any, ...], Any] = {}

    def _explained(self, interval: FootingInterval) -> FootingInterval:
        """An inferred interval with the sentence that tells a parent what it rests on."""
        rule = self.pack.footings[interval.footing]
        named = rule.named or rule.title[:1].lower() + rule.title[1:]
        shown_by = self.by_id[interval.inferred_from[0]]
        counted_from = self.by_id.get(interval.events[0]) if interval.events else None
        if counted_from is None or counted_from.id == shown_by.id:
            sentence = (f"No start of {named} is recorded; we counted it from {event_words(shown_by)} on "
                        f"{long_date(shown_by.day)}, the first event that shows it.")
        else:
            sentence = (f"No start of {named} is recorded; {event_words(shown_by)} on {long_date(shown_by.day)} "
                        f"shows it was in place, so we counted it from {event_words(counted_from)} on "
                        f"{long_date(counted_from.day)}.")
        return replace(interval, inference=sentence + " If the record is wrong, correct it.")

    def rests_on(self, finding: Finding, *intervals: FootingInterval | None) -> Finding:
        """Mark a finding that rests on inferred footings (no-op for recorded ones)."""
        for interval in intervals:
            if interval is not None and interval.inferred_from:
                finding.rests_on(interval.inferred_from, interval.inference)
        return finding

    def inferred_holding(self, child: str, day: date, names: Iterable[str]) -> list[FootingInterval]:
        """Inferred intervals of these footings that hold on ``day``."""
        wanted = set(names)
        inferred = self.memo(("inferred", child), lambda: [i for i in self.footings.get(child, ()) if i.inferred_from])
        return [i for i in inferred if i.footing in wanted and i.holds_on(day)]

    # --- looking things up -------------------------------------------------------------------
    def position(self, event: EventBase) -> int:
        """Where the event stands in the case's time order (a sort key)."""
        return self._position[id(event)]

    def of_kind(self, *kinds: str) -> list[EventBase]:
        if len(kinds) == 1:
            return self.by_kind.get(kinds[0], [])
        return self.memo(("of_kind", kinds), lambda: sorted(
            (e for k in kinds for e in self.by_kind.get(k, [])), key=self.position))

    def about_child(self, child: str, *kinds: str) -> tuple[list[EventBase], list[int], list[date]]:
        """Events of these kinds about the child, in time order, with their positions and days (to
        bisect on): worked out once per case, so "the first one after X" is not a scan."""
        def compute() -> tuple[list[EventBase], list[int], list[date]]:
            found = [e for e in self.of_kind(*kinds) if e.children is None or child in e.children]
            return found, [self._position[id(e)] for e in found], [e.day for e in found]
        return self.memo(("about_child", child, kinds), compute)

    def first_after(self, child: str, event: EventBase, *kinds: str) -> EventBase | None:
        """The first event of these kinds about the child that comes after ``event`` in time order."""
        found, positions, _ = self.about_child(child, *kinds)
        at = bisect_right(positions, self._position[id(event)])
        return found[at] if at < len(found) else None

    def matching(self, matches: Sequence[EventMatch], child: str | None = None) -> list[EventBase]:
        """Events any of the patterns match (about ``child`` when given), in time order. Worked out
        once per case and pattern list: the checks ask again for every run they judge."""
        return self.memo(("matching", id(matches), child), lambda: self._matching(matches, child))

    def _matching(self, matches: Sequence[EventMatch], child: str | None) -> list[EventBase]:
        found = [e for m in matches for e in self.by_kind.get(m.kind, ()) if m.matches(e)]
        if child is not None:
            found = [e for e in found if e.children is None or child in e.children]
        if len(matches) > 1:
            found = sorted({id(e): e for e in found}.values(), key=self.position)
        return found

    def matching_between(self, matches: Sequence[EventMatch], child: str | None, first: date,
                         before: date | None) -> list[EventBase]:
        """``matching`` cut to the days from ``first`` up to, not including, ``before``."""
        found = self.matching(matches, child)
        days = self.memo(("matching_days", id(matches), child), lambda: [e.day for e in found])
        lo = bisect_left(days, first)
        hi = len(days) if before is None else bisect_left(days, before)
        return found[lo:hi]

    @staticmethod
    def concerns(event: EventBase, child: str) -> bool:
        return event.children is None or child in event.children

    def children_of(self, event: EventBase) -> list[str]:
        return list(event.children) if event.children is not None else list(self.child_ids)

    def of_kind_between(self, kind: str, first: date | None = None, last: date | None = None) -> list[EventBase]:
        """Events of one kind whose day is in [first, last] (either end open when None), in time order."""
        days = self._kind_days.get(kind)
        if not days:
            return []
        lo = 0 if first is None else bisect_left(days, first)
        hi = len(days) if last is None else bisect_right(days, last)
        return self.by_kind[kind][lo:hi]

    def events_from(self, day: date) -> list[EventBase]:
        """Every event on or after ``day``, in time order."""
        return self.events[bisect_left(self._days, day):]

    def memo(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """A value worked out once per case (``compute()``), for lookups the checks repeat per rule."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def footings_on(self, child: str, day: date) -> set[str]:
        key = (child, day)
        found = self._footings_on.get(key)
        if found is None:
            steps = self._footing_steps.get(child)
            found = set()
            if steps:
                at = bisect_right(steps[0], day) - 1
                found = set(steps[1][at]) if at >= 0 else set()
            self._footings_on[key] = found
        return found

    def footings_started_by(self, child: str, day: date) -> set[str]:
        """Every footing (``none`` included) that had begun for the child by ``day``."""
        starts, seen = self._started_by.get(child, ([], []))
        at = bisect_right(starts, day) - 1
        return set(seen[at]) if at >= 0 else set()

    def intervals(self, child: str, *names: str) -> list[FootingInterval]:
        def compute() -> list[FootingInterval]:
            wanted = set(names)
            return [i for i in self.footings.get(child, ()) if i.footing in wanted]
        return self.memo(("intervals", child, names), compute)

    def pr_holders(self, child: str) -> list[str]:
        return [p.id for p in self.case.people if p.has_pr_for(child)]

    def has_pr(self, person_id: str | None, child: str) -> bool:
        person = self.people.get(person_id or "")
        return person is not None and person.has_pr_for(child)

    def name(self, person_id: str | None) -> str:
        person = self.people.get(person_id or "")
        if person is None:
            return person_id or "someone"
        if person.name and person.role:
            return f"{person.name} ({person.role})"
        return person.name or person.role or person.id

    def child_name(self, child: str) -> str:
        for c in self.case.children:
            if c.id == child:
                return c.name or c.id
        return child

    def age_on(self, child: str, day: date) -> int | None:
        born = self.dob.get(child)
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def person_ids(self, event: EventBase) -> list[str]:
        """People an event names as acting or concerned (its ``person`` or a person-id ``by``)."""
        out = []
        for value in (event.get("person"), event.by):
            if value in self.people and value not in out:
                out.append(value)
        return out

    # --- counting time ------------------------------------------------------------------------
    def due_date(self, start: date, limit: Limit) -> date:
        n, unit = limit.number, limit.unit
        if unit == "working_days":
            return self.cal.add_working_days(start, n)
        if unit == "calendar_days":
            return add_days(start, n)
        if unit == "days_inclusive":
            return add_days(start, n - 1)
        if unit == "weeks":
            return add_days(start, 7 * n)
        if unit == "weeks_inclusive":
            return add_days(start, 7 * n - 1)
        if unit == "calendar_months":
            return add_months(start, n)
        if unit == "gdpr_months":
            return gdpr_month_deadline(start, n, self.cal)
        if unit == "years":
            return add_months(start, 12 * n)
        raise ValueError(f"a due date cannot be counted in {unit}")

    def overdue(self, due: date, done: date, limit: Limit) -> str:
        if limit.unit == "working_days":
            return plural(self.cal.working_days_between(due, done), "working day")
        return plural((done - due).days, "day")

    def skipped(self, start: date, due: date, limit: Limit) -> list[dict[str, str]]:
        if limit.unit == "working_days":
            return [s.as_json() for s in self.cal.holidays_between(start, due)]
        if limit.unit == "gdpr_months":
            plain = self.due_date(start, Limit(number=limit.number, unit="calendar_months"))
            return [
                {"date": d.isoformat(), "name": self.cal.holiday_name(d) or d.strftime("%A")}
                for d in (add_days(plain, i) for i in range((due - plain).days))
            ]
        return []

    # --- writing findings ---------------------------------------------------------------------
    def finding(
        self,
        rule: CheckRule,
        status: str,
        *,
        events: Iterable[str],
        children: Iterable[str],
        people: Iterable[str] = (),
        due: date | None = None,
        values: dict[str, Any] | None = None,
        arithmetic: Arithmetic | None = None,
        template: str | None = None,
        cite_day: date | None = None,
        by: str | None = None,
    ) -> Finding:
        force = rule.force_for(by)
        if status == "info":
            severity = "info"  # what is not known, or on time, is never a breach or a concern
        elif rule.severity and status in ("breach", "concern"):
            severity = rule.severity
        else:
            severity = severity_for(status, force)
        kids = list(children)
        if len(kids) > 1:
            kids = sorted(set(kids))
        return Finding(
            check=rule.id,
            status=status,
            severity=severity,
            children=kids,
            people=list(dict.fromkeys(people)),
            events=list(dict.fromkeys(events)),
            due=due,
            legal_force=force,
            citation=rule.citation_on(cite_day),
            verified=rule.verified,
            template=_with_sureness(rule.explain.get(template or status) or DEFAULT_EXPLANATIONS.get(template or status, ""),
                                    rule.sureness),
            values=values or {},
            phrases=(*rule.phrases, self.as_of_text),
            arithmetic=arithmetic,
            title=rule.title,
            family_window=rule.family_window,
        )


def _with_sureness(template: str, sureness: str) -> str:
    """An edition whose number is less than certain says so, in the parent's words, after the finding."""
    return f"{template} {sureness}" if sureness else template


def fill_template(finding: Finding) -> str:
    """The finding's sentences, its placeholders filled (the due date, the judging day, the
    check's own words, and what the check recorded)."""
    filled = _TemplateValues(finding.values)
    filled["due"] = long_date(finding.due)
    if finding.phrases:
        filled["actor"], filled["Actor"], filled["done"], filled["task"], filled["as_of"] = finding.phrases
    return finding.template.format_map(filled).strip()


class _TemplateValues(dict[str, Any]):
    """Missing values read as empty rather than failing: the templates were checked at load. The
    task phrase may itself hold placeholders ({start}), filled when the explanation is written."""

    def __missing__(self, key: str) -> str:
        return ""

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key) if key in self else self.__missing__(key)
        if key == "task" and "{" in value:
            return value.format_map(self)
        return value


DEFAULT_EXPLANATIONS = {
    "met": "{Actor} had until {due} ({limit}) {task}. {done} on {stopped_at}, in time.",
    "late": "{Actor} had until {due} ({limit}) {task}. {done} on {stopped_at}, {overdue} late.{extra}",
    "missed": "{Actor} had until {due} ({limit}) {task}. Nothing is recorded by {as_of}: that is {overdue} overdue.{extra}",
    "due": "{Actor} has until {due} ({limit}) {task}. Nothing is recorded yet.",
    "unknown_stop": (
        "{Actor} had until {due} ({limit}) {task}. It answered on {stopped_at}, in time, but the record does not "
        "say whether the answer did all it had to: ask the council to state it in writing."
    ),
    "unknown_stop_late": (
        "{Actor} had until {due} ({limit}) {task}. It answered only on {stopped_at}, {overdue} late. The record "
        "does not say whether the answer did all it had to: ask the council to state it in writing.{extra}"
    ),
    "unconfirmed": (
        "If it was needed, {actor} had until {due} ({limit}) {task}. Nothing in the record shows it was "
        "needed or done: ask the council."
    ),
}
