"""The audit gate: before anything is published, solve for the tightest bounds an attacker could put
on every suppressed cell from everything published for the same periods, and refuse the release if
any can be pinned inside its suppression range.

Every published figure is a sum of *atoms*, the true counts at the finest level (one council, one
period, one measure, one breakdown). What is published says each figure lies in a range (a rounded
10 means 10–12; a ``c`` 0–9); a published rate p% says 100·numerator/denominator lies in
[p − ½, p + ½); a rate shown as ``c`` says its numerator or its complement is below 10; and some
figures are known to be no larger than others (upheld ≤ concluded). The attacker is assumed to know
all of that, every earlier release, and which ``c`` were suppressed for being small. For each
sensitive cell, one integer programme (``scipy.optimize.milp``, HiGHS) asks whether the cell can
still be 0 and whether it can still be 5 or more; a cell that cannot is disclosed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix, lil_matrix

from fairwitness.statistics.disclosure import THRESHOLD

UNBOUNDED = 10**7  # an upper bound no count reaches, so every programme is bounded
PROTECTION = (0, 5)  # a suppressed cell must still be able to be 0, and to be 5 or more


@dataclass(frozen=True)
class Figure:
    """One published count: the atoms it sums, and the range its published value reveals."""

    key: str
    atoms: tuple[str, ...]
    low: int
    high: int | None
    sensitive: bool = False  # a primary ``c``: the gate must show it cannot be pinned
    truth: int | None = None  # the true value, when this release is being built (None for old releases)
    frozen: bool = False  # from an earlier release: can never be suppressed now


@dataclass(frozen=True)
class RateFigure:
    """A published rate. ``percent`` None means shown as ``c``; ``secondary`` means ``c`` for some
    other reason than its counts being small, so it reveals nothing."""

    key: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    percent: int | None
    secondary: bool = False
    frozen: bool = False


@dataclass(frozen=True)
class AtMost:
    """Known structure: sum(smaller) ≤ sum(larger), e.g. upheld ≤ concluded."""

    smaller: tuple[str, ...]
    larger: tuple[str, ...]


@dataclass
class Publication:
    figures: list[Figure] = field(default_factory=list)
    rates: list[RateFigure] = field(default_factory=list)
    relations: list[AtMost] = field(default_factory=list)
    truths: dict[str, int] = field(default_factory=dict)  # true atom values, for the quick proofs

    def extend(self, other: Publication) -> None:
        self.figures += other.figures
        self.rates += other.rates
        self.relations += other.relations
        self.truths |= other.truths


@dataclass(frozen=True)
class Disclosure:
    key: str
    smallest: int
    largest: int

    def __str__(self) -> str:
        largest = "no limit" if self.largest >= UNBOUNDED else str(self.largest)
        return f"{self.key}: can be pinned to {self.smallest}–{largest}"


class _Programme:
    """The constraints of one connected group of atoms, ready for milp."""

    def __init__(self, atoms: Sequence[str], figures: Sequence[Figure], rates: Sequence[RateFigure],
                 relations: Sequence[AtMost]):
        self.index = {a: i for i, a in enumerate(atoms)}
        n_atoms = len(atoms)
        # A rate shown as c says its numerator or its complement is below 10: a choice, so one binary
        # each, except where its denominator is already known to be at most 18 (then it says nothing).
        small = {frozenset(f.atoms) for f in figures if f.high is not None and f.high <= 2 * (THRESHOLD - 1)}
        disjunctions = [r for r in rates if r.percent is None and not r.secondary
                        and frozenset(r.denominator) not in small]
        self.n = n_atoms + len(disjunctions)
        rows: list[tuple[dict[int, float], float, float]] = []
        for f in figures:
            rows.append((self._sum(f.atoms), f.low, UNBOUNDED if f.high is None else f.high))
        for rel in relations:
            rows.append((self._sum(rel.smaller, rel.larger), -np.inf, 0))
        for r in rates:
            if r.percent is not None:
                # (p − ½)·den ≤ 100·num < (p + ½)·den, the last as ≤ with a hair's room below
                rows.append((self._sum(r.numerator, r.denominator, 100, -(r.percent - 0.5)), 0, np.inf))
                rows.append((self._sum(r.numerator, r.denominator, 100, -(r.percent + 0.5)), -np.inf, -1e-6))
        self.n_atoms = n_atoms
        self._witness_rows = _rows_matrix(rows, n_atoms)
        self._disjunctions = [([self.index[a] for a in r.numerator], [self.index[a] for a in r.denominator])
                              for r in disjunctions]
        self._singles = _single_atom_bounds(figures, self.index)
        self._members: dict[int, list[int]] = defaultdict(list)  # atom → the rows it is in
        matrix_rows = self._witness_rows[0]
        for i in range(matrix_rows.shape[0]):
            for j in matrix_rows.indices[matrix_rows.indptr[i]:matrix_rows.indptr[i + 1]]:
                self._members[int(j)].append(i)
        big = UNBOUNDED
        for j, r in enumerate(disjunctions):
            b = n_atoms + j  # b = 0: numerator ≤ 9; b = 1: denominator − numerator ≤ 9
            first = self._sum(r.numerator)
            first[b] = -big
            rows.append((first, -np.inf, THRESHOLD - 1))
            second = self._sum(r.denominator, r.numerator)
            second[b] = big
            rows.append((second, -np.inf, THRESHOLD - 1 + big))
        matrix = lil_matrix((len(rows), self.n))
        lower, upper = np.empty(len(rows)), np.empty(len(rows))
        for i, (coeffs, lo, hi) in enumerate(rows):
            for j, v in coeffs.items():
                matrix[i, j] = v
            lower[i], upper[i] = lo, hi
        self.constraints = [LinearConstraint(matrix.tocsr(), lower, upper)] if rows else []
        ub = np.full(self.n, float(UNBOUNDED))
        ub[n_atoms:] = 1
        self.bounds = Bounds(np.zeros(self.n), ub)
        self.integrality = np.ones(self.n)

    def _sum(self, plus: Iterable[str], minus: Iterable[str] = (), k_plus: float = 1, k_minus: float = -1
             ) -> dict[int, float]:
        out: dict[int, float] = defaultdict(float)
        for a in plus:
            out[self.index[a]] += k_plus
        for a in minus:
            out[self.index[a]] += k_minus
        return out

    def feasible(self, x: np.ndarray) -> bool:
        """Is this integer vector of atoms consistent with everything published?"""
        matrix, lower, upper = self._witness_rows
        if (x < 0).any():
            return False
        sums = matrix @ x
        if (sums < lower - 1e-9).any() or (sums > upper + 1e-9).any():
            return False
        for numerator, denominator in self._disjunctions:
            num, den = x[numerator].sum(), x[denominator].sum()
            if num > THRESHOLD - 1 and den - num > THRESHOLD - 1:
                return False
        return True

    def witness(self, truth: np.ndarray, atom: str, target: int) -> np.ndarray | None:
        """Cheap proof that the single ``atom`` can equal ``target``: move it there from the truth
        and repair every broken sum greedily with other atoms; the result only if it is checked
        consistent (None proves nothing: the caller then solves the programme)."""
        x = truth.copy()
        a = self.index[atom]
        x[a] = target
        matrix, lower, upper = self._witness_rows
        locked = {a}
        for _ in range(60):
            sums = matrix @ x
            over = np.nonzero(sums > upper + 1e-9)[0]
            under = np.nonzero(sums < lower - 1e-9)[0]
            if not len(over) and not len(under):
                return x if self.feasible(x) else None
            row = int(over[0]) if len(over) else int(under[0])
            need = (upper[row] - sums[row]) if len(over) else (lower[row] - sums[row])
            start, end = matrix.indptr[row], matrix.indptr[row + 1]
            best, best_room = -1, 0.0
            for j, coeff in zip(matrix.indices[start:end], matrix.data[start:end], strict=True):
                if int(j) in locked or abs(coeff) != 1:
                    continue
                step = need * coeff  # how this atom must move to close the gap
                lo, hi = self._singles.get(int(j), (0, UNBOUNDED))
                room = (hi - x[j]) if step > 0 else (x[j] - lo)
                if room > best_room:
                    best, best_room = int(j), room
            if best < 0:
                return None
            coeff = matrix[row, best]
            step = need * coeff
            move = min(abs(step), best_room)
            x[best] += int(np.sign(step) * np.ceil(move - 1e-9))
            locked.add(best)
        return None

    def solve_with(self, atoms: Sequence[str], low: float, high: float) -> np.ndarray | None:
        """Any consistent atom values with sum(atoms) in [low, high], or None if there are none."""
        row = np.zeros((1, self.n))
        for a in atoms:
            row[0, self.index[a]] += 1
        result = milp(np.zeros(self.n), constraints=[*self.constraints, LinearConstraint(row, [low], [high])],
                      integrality=self.integrality, bounds=self.bounds)
        if result.x is None:
            return None
        return np.round(result.x[: self.n_atoms])

    def extreme(self, atoms: Sequence[str], sense: int) -> int | None:
        """The smallest (sense 1) or largest (sense −1) the sum of ``atoms`` can be; None if the
        publication is inconsistent."""
        c = np.zeros(self.n)
        for a in atoms:
            c[self.index[a]] += sense
        result = milp(c, constraints=self.constraints, integrality=self.integrality, bounds=self.bounds)
        if result.x is None:
            return None
        return int(round(sense * result.fun))


def _rows_matrix(rows: list[tuple[dict[int, float], float, float]], n_atoms: int
                 ) -> tuple[csr_matrix, np.ndarray, np.ndarray]:
    matrix = lil_matrix((len(rows), n_atoms))
    for i, (coeffs, _, _) in enumerate(rows):
        for j, v in coeffs.items():
            matrix[i, j] = v
    return (matrix.tocsr(), np.array([r[1] for r in rows], dtype=float),
            np.array([r[2] for r in rows], dtype=float))


def _single_atom_bounds(figures: Sequence[Figure], index: dict[str, int]) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    for f in figures:
        if len(f.atoms) == 1:
            j = index[f.atoms[0]]
            lo, hi = out.get(j, (0, UNBOUNDED))
            out[j] = (max(lo, f.low), min(hi, UNBOUNDED if f.high is None else f.high))
    return out


def _groups(pub: Publication) -> list[tuple[list[str], list[Figure], list[RateFigure], list[AtMost]]]:
    """Split the atoms into groups no constraint joins, so each programme stays small."""
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(atoms: Iterable[str]) -> None:
        atoms = list(atoms)
        for a in atoms:
            find(a)
        for a in atoms[1:]:
            parent[find(a)] = find(atoms[0])

    for f in pub.figures:
        join(f.atoms)
    for r in pub.rates:
        join(r.numerator + r.denominator)
    for rel in pub.relations:
        join(rel.smaller + rel.larger)
    grouped: dict[str, tuple[list[str], list[Figure], list[RateFigure], list[AtMost]]] = {}
    for a in list(parent):
        grouped.setdefault(find(a), ([], [], [], []))[0].append(a)
    for f in pub.figures:
        if f.atoms:
            grouped[find(f.atoms[0])][1].append(f)
    for r in pub.rates:
        grouped[find(r.numerator[0] if r.numerator else r.denominator[0])][2].append(r)
    for rel in pub.relations:
        grouped[find((rel.smaller + rel.larger)[0])][3].append(rel)
    return list(grouped.values())


def _unit(atom: str) -> tuple[str, str]:
    """An atom named "period|council|measure" belongs to the unit "period|council" in the role
    "measure"; any other name is a unit of its own."""
    parts = atom.split("|", 2)
    return (f"{parts[0]}|{parts[1]}", parts[2]) if len(parts) == 3 else (atom, "")


def _unit_signatures(figures: Sequence[Figure], rates: Sequence[RateFigure], relations: Sequence[AtMost]
                     ) -> dict[str, tuple[Any, ...]]:
    """For each unit, everything published about it, described by role: its own figures, rates and
    relations, and which larger sums each of its atoms is in. Equal signatures, equal answers."""
    local: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    member: dict[str, list[tuple[Any, ...]]] = defaultdict(list)

    def record(item: str, description: tuple[Any, ...], parts: dict[str, Sequence[str]]) -> None:
        units = {_unit(a)[0] for atoms in parts.values() for a in atoms}
        if len(units) == 1:
            roles = tuple(tuple(sorted(_unit(a)[1] for a in atoms)) for atoms in parts.values())
            local[units.pop()].append((*description, roles))
            return
        for part, atoms in parts.items():
            for a in atoms:
                unit, role = _unit(a)
                member[unit].append((role, item, part))

    for f in figures:
        record(f"F:{f.key}", ("F", f.low, f.high), {"sum": f.atoms})
    for r in rates:
        record(f"R:{r.key}", ("R", r.percent, r.secondary), {"num": r.numerator, "den": r.denominator})
    for i, rel in enumerate(relations):
        record(f"A:{i}", ("A",), {"smaller": rel.smaller, "larger": rel.larger})
    units = set(local) | set(member)
    return {u: (tuple(sorted(local[u], key=repr)), tuple(sorted(member[u]))) for u in units}


def _truth_vector(atoms: Sequence[str], figures: Sequence[Figure], truths: dict[str, int]) -> np.ndarray | None:
    """The true atom values, when every atom's is known (given, or from a one-atom figure)."""
    known: dict[str, int] = dict(truths)
    for f in figures:
        if len(f.atoms) == 1 and f.truth is not None:
            known[f.atoms[0]] = f.truth
    if any(a not in known for a in atoms):
        return None
    return np.array([known[a] for a in atoms], dtype=float)


def audit(pub: Publication, *, exhaustive: bool = False) -> list[Disclosure]:
    """Every sensitive cell an attacker could pin inside its suppression range (empty: safe).
    ``exhaustive`` solves both extremes of every cell, with none of the shortcuts (for the tests
    that check the shortcuts change no answer)."""
    failures = []
    for atoms, figures, rates, relations in _groups(pub):
        sensitive = [f for f in figures if f.sensitive]
        if not sensitive:
            continue
        programme = _Programme(atoms, figures, rates, relations)
        truth = _truth_vector(atoms, figures, pub.truths)
        signature = _unit_signatures(figures, rates, relations)
        settled: dict[tuple[Any, ...], Disclosure | None] = {}
        # Consistent answers found so far (the truth is one the attacker cannot rule out): a cell
        # that is 0 in one and 5 or more in another cannot be pinned, with no solve at all.
        pool = [truth] if truth is not None else []
        for f in sensitive:
            if exhaustive:
                smallest, largest = programme.extreme(f.atoms, 1), programme.extreme(f.atoms, -1)
                if smallest is None or largest is None or smallest > PROTECTION[0] or largest < PROTECTION[1]:
                    failures.append(Disclosure(f.key, -1 if smallest is None else smallest,
                                               -1 if largest is None else largest))
                continue
            units = {_unit(a)[0] for a in f.atoms}
            # Councils whose published figures look exactly alike are interchangeable: swapping
            # their true counts maps every consistent answer to another, so one answer serves all.
            same = (signature[next(iter(units))], tuple(sorted(_unit(a)[1] for a in f.atoms))) \
                if len(units) == 1 else None
            if same is not None and same in settled:
                known = settled[same]
                if known is not None:
                    failures.append(Disclosure(f.key, known.smallest, known.largest))
                continue
            columns = [programme.index[a] for a in f.atoms]
            sides = {"zero": (PROTECTION[0], PROTECTION[0], -np.inf, PROTECTION[0]),
                     "large": (PROTECTION[1], PROTECTION[1], PROTECTION[1], np.inf)}
            proven = True
            for target, _, low, high in sides.values():
                if any(low <= x[columns].sum() <= high for x in pool):
                    continue
                found = None
                if truth is not None and len(f.atoms) == 1:
                    found = programme.witness(truth, f.atoms[0], target)
                if found is None:
                    found = programme.solve_with(f.atoms, max(low, 0), min(high, UNBOUNDED))
                if found is None:
                    proven = False
                    break
                pool.append(found)
            if not proven:
                smallest = programme.extreme(f.atoms, 1)
                largest = programme.extreme(f.atoms, -1)
                failures.append(Disclosure(f.key, smallest if smallest is not None else -1,
                                           largest if largest is not None else -1))
            if same is not None:
                settled[same] = failures[-1] if not proven else None
    return failures


def protect(pub: Publication, *, max_rounds: int = 200) -> tuple[Publication, list[str], list[Disclosure]]:
    """Secondary suppression: while a sensitive cell can be pinned, suppress the smallest published
    figure of this release next to it and audit again. Returns the protected publication, the keys
    suppressed, and what the last audit still found (empty: the gate passes). Earlier releases'
    figures are frozen and never touched; if only they pin a cell, the failure stays."""
    suppressed: list[str] = []
    failures = audit(pub)
    for _ in range(max_rounds):
        if not failures:
            break
        changed = False
        for failure in failures:
            target = next(f for f in pub.figures if f.key == failure.key)
            victim = _neighbour_to_suppress(pub, target)
            if victim is None or victim in suppressed:
                continue
            pub = _suppress(pub, victim)
            suppressed.append(victim)
            changed = True
        if not changed:
            break
        failures = audit(pub)
    return pub, suppressed, failures


def _neighbour_to_suppress(pub: Publication, target: Figure) -> str | None:
    """The cell to suppress next to protect ``target``: the smallest published cell of this release
    inside the tightest sum that holds the target (its sibling), else that sum itself, else a rate
    over the target's atoms."""
    mine = set(target.atoms)
    shown = [f for f in pub.figures if not f.frozen and not _is_c(f) and f.key != target.key]
    containers = sorted((f for f in pub.figures if f.key != target.key and mine < set(f.atoms)),
                        key=lambda f: len(f.atoms))
    for container in containers:
        inside = set(container.atoms) - mine
        siblings = [f for f in shown if set(f.atoms) <= inside]
        if siblings:
            return min(siblings, key=lambda f: (f.truth if f.truth is not None else UNBOUNDED, len(f.atoms), f.key)).key
        if container in shown:
            return container.key
    related_rates = [r for r in pub.rates if not r.frozen and r.percent is not None
                     and mine & set(r.numerator + r.denominator)]
    if related_rates:
        return related_rates[0].key
    overlapping = [f for f in shown if mine & set(f.atoms)]
    if overlapping:
        return min(overlapping, key=lambda f: len(f.atoms)).key
    return None


def _is_c(f: Figure) -> bool:
    return f.high is None or f.high < THRESHOLD


def _suppress(pub: Publication, key: str) -> Publication:
    figures = [replace(f, low=0, high=None) if f.key == key else f for f in pub.figures]
    rates = [replace(r, percent=None, secondary=True) if r.key == key else r for r in pub.rates]
    return Publication(figures, rates, list(pub.relations), dict(pub.truths))
