"""Small per-process caches of what a case's stored content yields, keyed by its ledger head.

Every write to a case (an event, a correction, a child, a person, a document, erasure) appends to
the ledger, so the hash of the case's latest ledger entry names one exact state of the case. What
is computed from that state (the decrypted events, their labels, the engine's report) can be kept
until the head moves. Keys start with the case's primary key so that erasure can drop every entry
of a case at once (see ``forget_case``): the plaintext should not outlive the destroyed key.

Waitress serves from several threads, so the bookkeeping is under a lock; building a value is not
(two threads may build the same value once each; both results are equal).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")

_caches: list[HeadCache[object]] = []


class HeadCache(Generic[V]):
    """A bounded least-recently-used mapping from (case pk, ...) keys to computed values."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[tuple[Hashable, ...], V] = OrderedDict()
        self._lock = threading.Lock()
        _caches.append(self)  # type: ignore[arg-type]

    def get_or_build(self, key: tuple[Hashable, ...], build: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = build()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def forget_case(self, case_pk: object) -> None:
        with self._lock:
            for key in [k for k in self._items if k[0] == case_pk]:
                del self._items[key]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def forget_case(case_pk: object) -> None:
    """Drop everything cached about one case, in every cache (after it is erased)."""
    for cache in _caches:
        cache.forget_case(case_pk)
