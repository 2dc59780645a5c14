"""A fuzz corpus of case files, shared by the CLI, web import and API tests (issue 11): random
bytes, deep nesting, every wrong type in every place, control characters, lone surrogates,
out-of-range dates, numeric dates, duplicate and dangling ids. Deterministic (seeded) so a failure
names the same input every run. Each entry: (name, bytes)."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from typing import Any

VALID: dict[str, Any] = {
    "format": "fairwitness-case/1",
    "jurisdiction": "england",
    "local_authority": "Exampleshire County Council",
    "as_of": "2024-03-01",
    "children": [{"id": "c1", "name": "Amy", "date_of_birth": "2016-05-04"}],
    "people": [{"id": "p1", "name": "Mum", "role": "mother", "parental_responsibility": True}],
    "events": [
        {"id": "e1", "kind": "complaint_made", "at": "2024-01-15", "stage": 1, "by": "p1", "about": []},
        {"id": "e2", "kind": "complaint_response", "at": "2024-02-02", "stage": 1, "responds_to": "e1"},
        {"id": "e3", "kind": "meeting", "at": "2024-02-10", "meeting_type": "cin_meeting", "invited": ["p1"],
         "attended": ["p1"], "reports_shared": [{"person": "p1", "at": "2024-02-09"}]},
        {"id": "e4", "kind": "extension_granted", "at": "2024-02-11", "weeks": 8},
        {"id": "e5", "kind": "epo_granted", "at": "2024-02-12T10:30", "until": "2024-02-20"},
    ],
}

WRONG_VALUES: list[Any] = [None, True, 0, -1, 20240101, 1e308, "", "x", [], {}, [1, 2], {"a": 1},
                           "9999-12-31", "0001-01-01", 10**30]


def _dumps(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield (*prefix, k)
            yield from _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield (*prefix, i)
            yield from _paths(v, (*prefix, i))


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    out = copy.deepcopy(doc)
    target = out
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return out


def _nested(depth: int) -> bytes:
    return b'{"format":"fairwitness-case/1","events":' + b"[" * depth + b"]" * depth + b"}"


def targeted() -> list[tuple[str, bytes]]:
    """The inputs the attack found, one each, named."""
    def case(**changes: Any) -> dict[str, Any]:
        doc = copy.deepcopy(VALID)
        doc.update(changes)
        return doc

    events = VALID["events"]
    return [
        ("numeric date", _dumps(case(events=[{**events[0], "at": 20240101}]))),
        ("numeric-string date", _dumps(case(events=[{**events[0], "at": "1704067200"}]))),
        ("year 1 event", _dumps(case(events=[{**events[0], "at": "0001-01-01"}]))),
        ("year 9999 event", _dumps(case(events=[{**events[0], "at": "9999-12-31"}]))),
        ("event in 2076", _dumps(case(events=[{**events[0], "at": "2076-01-01"}]))),
        ("as_of year 1", _dumps(case(as_of="0001-01-01"))),
        ("as_of year 9999", _dumps(case(as_of="9999-12-31"))),
        ("birth in the future", _dumps(case(children=[{"id": "c1", "date_of_birth": "2030-01-01"}]))),
        ("duplicate child ids", _dumps(case(children=[{"id": "c1"}, {"id": "c1"}]))),
        ("duplicate person ids", _dumps(case(people=[{"id": "p1"}, {"id": "p1"}]))),
        ("child and person share an id", _dumps(case(people=[{"id": "c1", "role": "mother"}]))),
        ("duplicate event ids", _dumps(case(events=[events[0], {**events[1], "id": "e1", "responds_to": None}]))),
        ("dangling responds_to", _dumps(case(events=[{**events[1], "responds_to": "nope"}]))),
        ("dangling about", _dumps(case(events=[{**events[0], "about": ["nope"]}]))),
        ("dangling report person", _dumps(case(events=[{**events[2], "reports_shared": [{"person": "nobody", "at": "2024-02-09"}]}]))),
        ("control char in name", _dumps(case(children=[{"id": "c1", "name": "Am\x0by"}]))),
        ("control char in id", _dumps(case(children=[{"id": "c\x001", "name": "Amy"}]))),
        ("lone surrogate", _dumps(case(children=[{"id": "c1", "name": "Am\ud800y"}]))),
        ("escaped lone surrogate", b'{"format":"fairwitness-case/1","children":[{"id":"c1","name":"\\udc80"}]}'),
        ("huge weeks", _dumps(case(events=[{**events[3], "weeks": 10**12}]))),
        ("negative weeks", _dumps(case(events=[{**events[3], "weeks": -5}]))),
        ("very long name", _dumps(case(children=[{"id": "c1", "name": "A" * 100_000}]))),
        ("nested 2000 deep", _nested(2000)),
        ("nested 100000 deep", _nested(100_000)),
        ("deep note", _dumps(case(events=[{**events[0], "extra": json.loads("[" * 200 + "]" * 200)}]))),
        ("array at top", b"[]"),
        ("string at top", b'"hello"'),
        ("empty", b""),
        ("not utf-8", b'{"format": "\xff\xfe"}'),
        ("utf-16", json.dumps(VALID).encode("utf-16")),
        ("huge number", b'{"format":"fairwitness-case/1","as_of":' + b"9" * 5000 + b"}"),
        ("NaN", b'{"format":"fairwitness-case/1","as_of":NaN}'),
        ("events not a list", _dumps(case(events={"e1": events[0]}))),
        ("event not an object", _dumps(case(events=["e1"]))),
    ]


def wrong_types() -> list[tuple[str, bytes]]:
    """Every leaf and branch of a valid file replaced, in turn, by each wrong value."""
    out = []
    for path in _paths(VALID):
        for value in WRONG_VALUES:
            out.append((f"{'/'.join(map(str, path))} = {value!r:.20}", _dumps(_set(VALID, path, value))))
    return out


def random_bytes(n: int = 40, seed: int = 11) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    base = _dumps(VALID)
    out = []
    for i in range(n):
        if i % 2:
            out.append((f"random bytes {i}", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))))
        else:  # a valid file with some bytes flipped
            data = bytearray(base)
            for _ in range(rng.randrange(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            out.append((f"flipped bytes {i}", bytes(data)))
    return out


def corpus() -> list[tuple[str, bytes]]:
    return targeted() + wrong_types() + random_bytes()
