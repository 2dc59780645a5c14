"""A dense synthetic case for the engine's scaling: ``n`` events of every kind, several a day over
a few years, each with the fields its kind requires, all before ``as_of`` so every check sees them.
Meant to find all-pairs work in the checks (the ordinary generator pads with visits, which few
checks read)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any, get_args

from fairwitness.law.caseformat import EVENT_FIELDS

START = date(2016, 1, 4)
PEOPLE = ("p1", "p2", "p3")
CHILDREN = ("c1", "c2", "c3")


def _value(name: str, typ: Any, rng: random.Random, day: date) -> Any:
    """A plausible value for a required field, read from its type."""
    if name == "person":
        return rng.choice(PEOPLE)
    if name == "activity":
        return rng.choice(("assessment", "home_visit", "child_seen_alone", "information_sharing"))
    if name == "weeks":
        return 8
    choices = [a for a in get_args(typ) if isinstance(a, str | int)]
    if not choices:  # a Literal nested in a union
        for part in get_args(typ):
            choices.extend(a for a in get_args(part) if isinstance(a, str | int))
    return rng.choice(choices) if choices else "x"


def dense_case(n: int, seed: int = 2025, years: int = 8) -> dict[str, Any]:
    rng = random.Random(seed + n)
    kinds = list(EVENT_FIELDS)
    span = years * 365
    events: list[dict[str, Any]] = []
    for i in range(n):
        kind = kinds[i % len(kinds)] if i < len(kinds) else rng.choice(kinds)
        day = START + timedelta(days=rng.randrange(span))
        event: dict[str, Any] = {"id": f"e{i + 1}", "kind": kind, "at": day.isoformat()}
        for name, (typ, default) in EVENT_FIELDS[kind].items():
            if default is ...:
                event[name.rstrip("_")] = _value(name, typ, rng, day)
        if kind == "meeting":
            event["invited"] = list(PEOPLE[:2])
            event["attended"] = [PEOPLE[0]]
        if rng.random() < 0.3:
            event["children"] = [rng.choice(CHILDREN)]
        events.append(event)
    events.sort(key=lambda e: e["at"])
    return {
        "format": "fairwitness-case/1",
        "local_authority": "Exampleshire County Council",
        "as_of": (START + timedelta(days=span + 1)).isoformat(),
        "children": [{"id": c, "name": f"Child {c}", "date_of_birth": "2012-03-01"} for c in CHILDREN],
        "people": [
            {"id": "p1", "name": "M.", "role": "mother", "parental_responsibility": True},
            {"id": "p2", "name": "F.", "role": "father", "parental_responsibility": True},
            {"id": "p3", "name": "G.", "role": "grandmother", "parental_responsibility": False},
        ],
        "events": events,
    }
