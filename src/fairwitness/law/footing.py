"""Each child's legal footings over time, derived from the events.

Several footings can hold at once (a child protection plan and section 20; an interim care order
while care proceedings run). Which events open and close each footing is data in the pack
(``footings.yaml``); this module only walks the events in order. Intervals are half-open: a footing
closed by an event on day D no longer holds on D.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from fairwitness.law.caseformat import EventBase
from fairwitness.law.findings import FootingInterval
from fairwitness.law.packs import Pack


def day_of(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _applies_to(event: EventBase, child_id: str) -> bool:
    return event.children is None or child_id in event.children


def child_footings(events: Sequence[EventBase], child_id: str, pack: Pack, as_of: date) -> list[FootingInterval]:
    """The intervals of every footing for one child; ``events`` must be sorted by time.

    One pass over the events: each event is offered only to the footings whose start, end or
    evidence patterns name its kind (``Pack.footing_triggers``).

    Besides what the record states, a footing is inferred from what it implies (``implied_by``):
    a review conference with no plan recorded opens the plan from the conference before it
    (``implied_since``), or from itself when there is none; an end with no start closes a footing
    inferred from the event before it that it must have followed. An inferred interval carries the
    ids of the events it rests on (``inferred_from``: the implying event first)."""
    intervals: list[FootingInterval] = []
    open_since: dict[str, tuple[date, str, tuple[str, ...]]] = {}
    anchors: dict[str, EventBase] = {}  # footing -> the latest event it would be counted from
    closed_on: dict[str, date] = {}  # footing -> the day it last ended
    triggers = pack.footing_triggers
    for event in events:
        interested = triggers.get(event.kind)
        if not interested or (event.children is not None and child_id not in event.children):
            continue
        for name, rule in interested:
            opened = open_since.get(name)
            if opened is not None:
                if any(m.matches(event) for m in rule.ends):
                    intervals.append(FootingInterval(child_id, name, opened[0], event.day, (opened[1],), event.id,
                                                     inferred_from=opened[2]))
                    del open_since[name]
                    closed_on[name] = event.day
                continue
            if any(m.matches(event) for m in rule.starts):
                anchors.pop(name, None)
                if event.kind == "child_assessment_order":
                    # The order says its own dates: it holds from ``from`` up to and including ``until``.
                    start = day_of(event.get("from_")) or event.day
                    until = day_of(event.get("until"))
                    end = until + timedelta(days=1) if until else None
                    intervals.append(FootingInterval(child_id, name, start, end, (event.id,)))
                    continue
                open_since[name] = (event.day, event.id, ())
                continue
            implies = bool(rule.implied_by) and any(m.matches(event) for m in rule.implied_by)
            if not implies and name in anchors and rule.implied_with_since:
                implies = any(m.matches(event) for m in rule.implied_with_since)
            if implies:
                if rule.implied_unless and not open_since.keys().isdisjoint(rule.implied_unless):
                    continue  # another footing already explains this event
                if closed_on.get(name) == event.day:
                    continue  # the footing that ended this day explains it (a last review, then the end)
                anchor = anchors.pop(name, None)
                inferred: tuple[str, ...] = (event.id, anchor.id) if anchor is not None else (event.id,)
                if any(m.matches(event) for m in rule.ends):  # an end with no start recorded
                    if anchor is not None and anchor.day < event.day:
                        intervals.append(FootingInterval(child_id, name, anchor.day, event.day, (anchor.id,), event.id,
                                                         inferred_from=inferred))
                    continue
                opener = anchor if anchor is not None else event
                open_since[name] = (opener.day, opener.id, inferred)
                continue
            if rule.implied_since and any(m.matches(event) for m in rule.implied_since):
                anchors[name] = event
    for name, (start, event_id, inferred) in open_since.items():
        intervals.append(FootingInterval(child_id, name, start, None, (event_id,), inferred_from=inferred))
    intervals.sort(key=lambda i: (i.start, i.footing))
    return intervals + _gaps(child_id, intervals, events, as_of)


def _gaps(child_id: str, intervals: list[FootingInterval], events: Sequence[EventBase], as_of: date) -> list[FootingInterval]:
    """``none`` intervals: from the first event about the child to as_of, where no footing holds."""
    first = next((e.day for e in events if _applies_to(e, child_id)), None)
    if first is None:
        return []
    gaps: list[FootingInterval] = []
    cursor = first
    for interval in sorted(intervals, key=lambda i: i.start):
        if interval.start > cursor:
            gaps.append(FootingInterval(child_id, "none", cursor, interval.start))
        if interval.end is None:
            return gaps
        cursor = max(cursor, interval.end)
    if cursor <= as_of:
        gaps.append(FootingInterval(child_id, "none", cursor, None))
    return gaps
