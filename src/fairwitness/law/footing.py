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

    One pass over the events: each event is offered only to the footings whose start or end
    patterns name its kind (``Pack.footing_triggers``)."""
    intervals: list[FootingInterval] = []
    open_since: dict[str, tuple[date, str]] = {}
    triggers = pack.footing_triggers
    for event in events:
        interested = triggers.get(event.kind)
        if not interested or (event.children is not None and child_id not in event.children):
            continue
        for name, rule in interested:
            opened = open_since.get(name)
            if opened is not None:
                if any(m.matches(event) for m in rule.ends):
                    intervals.append(FootingInterval(child_id, name, opened[0], event.day, (opened[1],), event.id))
                    del open_since[name]
                continue
            if any(m.matches(event) for m in rule.starts):
                if event.kind == "child_assessment_order":
                    # The order says its own dates: it holds from ``from`` up to and including ``until``.
                    start = day_of(event.get("from_")) or event.day
                    until = day_of(event.get("until"))
                    end = until + timedelta(days=1) if until else None
                    intervals.append(FootingInterval(child_id, name, start, end, (event.id,)))
                    continue
                open_since[name] = (event.day, event.id)
    for name, (start, event_id) in open_since.items():
        intervals.append(FootingInterval(child_id, name, start, None, (event_id,)))
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
