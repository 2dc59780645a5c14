"""Build a release: count what happened per council and for England in each closed financial year,
apply the publication rules, audit everything published for the same periods (this release and
every earlier one), suppress neighbours until no suppressed cell can be pinned, and gate.

The facts are plain: opaque family ids, council codes, dates, the engine's check names. Earlier
releases' periods are copied as they were published (frozen), never re-cut.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fairwitness.statistics import periods
from fairwitness.statistics.audit import AtMost, Disclosure, Figure, Publication, RateFigure, protect
from fairwitness.statistics.councils import COUNTRY_CODE, COUNTRY_NAME, Council, Councils
from fairwitness.statistics.disclosure import (
    CONFIDENTIAL,
    RULES_VERSION,
    dominated,
    publish_count,
    publish_rate,
    revealed_range,
)
from fairwitness.statistics.intervals import funnel_position
from fairwitness.statistics.kinds import KINDS
from fairwitness.statistics.tables import (
    CASEWORK,
    CATALOGUE,
    COUNCIL_MEASURES,
    LOCAL_AUTHORITY,
    NATIONAL,
    SERVICE_STANDARDS,
    STATUTORY_CLOCKS,
    TOTAL,
)

UNALLOCATED = "unallocated"  # records held against a council that no longer exists and has no sole successor


@dataclass(frozen=True)
class ConcernFacts:
    family: str
    council: str | None
    received_on: date
    acknowledge_by: date
    acknowledged_on: date | None
    decide_by: date
    decided_on: date | None
    investigated_on: date | None = None  # the day we decided to investigate
    concluded_on: date | None = None  # the day the outcome was issued
    upheld_kinds: frozenset[str] = frozenset()  # kinds of finding upheld in whole or in part


@dataclass(frozen=True)
class RequestFacts:
    family: str
    council: str | None
    due_on: date
    answered_on: date | None


@dataclass(frozen=True)
class RecommendationFacts:
    family: str
    council: str | None
    due_on: date
    complied_on: date | None


@dataclass(frozen=True)
class ClockFacts:
    """One statutory deadline the engine judged, in a record shared for statistics."""

    family: str
    council: str | None
    counted_on: date  # the day the family agreed to statistical use: the year it counts in
    check: str
    title: str
    status: str  # met | late | missed


@dataclass
class Facts:
    concerns: list[ConcernFacts] = field(default_factory=list)
    requests: list[RequestFacts] = field(default_factory=list)
    recommendations: list[RecommendationFacts] = field(default_factory=list)
    clocks: list[ClockFacts] = field(default_factory=list)

    def first_day(self) -> date | None:
        days = ([c.received_on for c in self.concerns] + [r.due_on for r in self.requests]
                + [r.due_on for r in self.recommendations] + [c.counted_on for c in self.clocks])
        return min(days) if days else None


@dataclass
class EarlierRelease:
    """What an earlier release published: its rows by table, and its figures for the audit."""

    label: str
    periods: list[str]
    tables: dict[str, list[dict[str, Any]]]
    publication: dict[str, Any]


@dataclass
class FunnelPoint:
    la_name: str
    new_la_code: str
    denominator: int
    percent: int
    lower_ci: int
    upper_ci: int
    position: str


@dataclass
class Funnel:
    time_period: str
    measure: str
    england_percent: float  # unrounded, the centre line
    points: list[FunnelPoint]


@dataclass
class Release:
    cutoff: date
    periods: list[str]
    new_periods: list[str]
    tables: dict[str, list[dict[str, Any]]]
    publication: Publication
    suppressed: list[str]
    failures: list[Disclosure]
    rules_version: str = RULES_VERSION

    @property
    def passed(self) -> bool:
        return not self.failures

    def funnels(self) -> list[Funnel]:
        return funnels_of(self.tables.get(COUNCIL_MEASURES.name, []))


RATE_MEASURES = {
    "upheld": "Investigations upheld in whole or in part",
    "answers": "Council answered our questions on time",
    "recommendations": "Recommendations carried out by their due date",
    "clocks": "Statutory deadlines met (records shared for statistics)",
}
CASEWORK_MEASURES = {
    "received": "Concerns received",
    "investigated": "Investigations started",
    "concluded": "Investigations concluded",
    "upheld": "Upheld in whole or in part",
}
CLOCK_RESULTS = {"met": "Met", "late": "Late", "missed": "Missed"}
STANDARDS = {"acknowledge": "Concern acknowledged within 2 working days",
             "decide": "Decision whether to investigate within 10 working days"}


class _Builder:
    def __init__(self) -> None:
        self.pub = Publication()
        self.tables: dict[str, list[dict[str, Any]]] = {t.name: [] for t in CATALOGUE}
        self.cells: dict[str, list[tuple[dict[str, Any], tuple[str, ...]]]] = defaultdict(list)
        self._figure_keys: set[str] = set()
        self.rates_over: dict[str, list[str]] = defaultdict(list)

    def atoms(self, values: dict[str, int]) -> None:
        self.pub.truths.update(values)

    def count(self, row: dict[str, Any], column: str, key: str, atoms: Sequence[str], truth: int,
              is_dominated: bool = False) -> None:
        shown = publish_count(truth, is_dominated=is_dominated)
        row[column] = shown
        self.cells[key].append((row, (column,)))
        if key in self._figure_keys:
            return
        self._figure_keys.add(key)
        low, high = revealed_range(shown, primary=not is_dominated)
        self.pub.figures.append(Figure(key, tuple(atoms), low, high, sensitive=shown == CONFIDENTIAL, truth=truth))

    def rate(self, row: dict[str, Any], key: str, num_atoms: Sequence[str], den_atoms: Sequence[str],
             num: int, den: int, den_key: str, is_dominated: bool = False, den_dominated: bool = False) -> None:
        self.count(row, "denominator_count", den_key, den_atoms, den, den_dominated)
        rate = publish_rate(num, den, is_dominated=is_dominated, denominator_dominated=den_dominated)
        row.update(rate_percent=rate.percent, rate_lower_ci=rate.lower_ci, rate_upper_ci=rate.upper_ci)
        self.cells[key].append((row, ("rate_percent", "rate_lower_ci", "rate_upper_ci")))
        self.rates_over[den_key].append(key)  # a rate is never shown without its denominator
        self.pub.rates.append(RateFigure(key, tuple(num_atoms), tuple(den_atoms),
                                         rate.percent if rate.shown else None,  # type: ignore[arg-type]
                                         secondary=is_dominated or den_dominated))

    def suppress(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        keys += [rate for key in keys for rate in self.rates_over.get(key, [])]
        for key in keys:
            for row, columns in self.cells.get(key, []):
                for column in columns:
                    row[column] = CONFIDENTIAL
                if "funnel_position" in row and "rate_percent" in columns:
                    row["funnel_position"] = CONFIDENTIAL


def _geo(tp: str, level: str, council: Council | None = None) -> dict[str, Any]:
    row = {"time_period": tp, "time_identifier": periods.TIME_IDENTIFIER, "geographic_level": level,
           "country_code": COUNTRY_CODE, "country_name": COUNTRY_NAME, "region_code": "", "region_name": "",
           "old_la_code": "", "new_la_code": "", "la_name": ""}
    if council is not None:
        row.update(region_code=council.region_code, region_name=council.region, old_la_code=council.dfe_code,
                   new_la_code=council.ons_code, la_name=council.name)
    return row


def _in(day: date | None, year: int) -> bool:
    if day is None:
        return False
    start, end = periods.bounds(year)
    return start <= day <= end


def _build_year(b: _Builder, year: int, councils: Councils, facts: Facts) -> None:
    tp = periods.time_period(year)
    codes = [c.ons_code for c in councils.current] + [UNALLOCATED]
    where = councils.resolve

    def geo_rows() -> list[tuple[str, dict[str, Any], list[str]]]:
        """(label, geography columns, the council codes it sums) for England then each council."""
        rows = [(COUNTRY_NAME, _geo(tp, NATIONAL), codes)]
        rows += [(c.name, _geo(tp, LOCAL_AUTHORITY, c), [c.ons_code]) for c in councils.current]
        return rows

    # --- casework: families, by the year each step happened -----------------------------------
    families: dict[str, dict[str, set[str]]] = {m: defaultdict(set) for m in
                                                [*CASEWORK_MEASURES, *(f"kind:{k}" for k in KINDS)]}
    for c in facts.concerns:
        code = where(c.council) or UNALLOCATED
        if _in(c.received_on, year):
            families["received"][code].add(c.family)
        if _in(c.investigated_on, year):
            families["investigated"][code].add(c.family)
        if _in(c.concluded_on, year):
            families["concluded"][code].add(c.family)
            if c.upheld_kinds:
                families["upheld"][code].add(c.family)
            for kind in c.upheld_kinds:
                families[f"kind:{kind}"][code].add(c.family)

    def atom(code: str, measure: str) -> str:
        return f"{tp}|{code}|{measure}"

    for measure, by_code in families.items():
        b.atoms({atom(code, measure): len(by_code.get(code, ())) for code in codes})
    for code in codes:
        b.pub.relations.append(AtMost((atom(code, "upheld"),), (atom(code, "concluded"),)))
        for kind in KINDS:
            b.pub.relations.append(AtMost((atom(code, f"kind:{kind}"),), (atom(code, "upheld"),)))

    def total(measure: str, sums: list[str]) -> int:
        return sum(len(families[measure].get(code, ())) for code in sums)

    for label, geo, sums in geo_rows():
        for measure, measure_label in CASEWORK_MEASURES.items():
            breakdowns = [(TOTAL, TOTAL, measure)]
            if measure == "upheld":
                breakdowns += [("Kind of finding", kind_label, f"kind:{kind}") for kind, kind_label in KINDS.items()]
            for topic, breakdown, atom_measure in breakdowns:
                row = {**geo, "measure": measure_label, "breakdown_topic": topic, "breakdown": breakdown}
                key = f"{tp} · {label} · {measure_label}" + (f" · {breakdown}" if topic != TOTAL else "")
                b.count(row, "families_count", key, [atom(c, atom_measure) for c in sums],
                        total(atom_measure, sums))
                b.tables[CASEWORK.name].append(row)

    # --- event counts: council answers, recommendations, deadlines -----------------------------
    events: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for r in facts.requests:
        if _in(r.due_on, year):
            code = where(r.council) or UNALLOCATED
            events["answers:due"][code][r.family] += 1
            if r.answered_on is not None and r.answered_on <= r.due_on:
                events["answers:yes"][code][r.family] += 1
    for rec in facts.recommendations:
        if _in(rec.due_on, year):
            code = where(rec.council) or UNALLOCATED
            events["recommendations:due"][code][rec.family] += 1
            if rec.complied_on is not None and rec.complied_on <= rec.due_on:
                events["recommendations:yes"][code][rec.family] += 1
    for clock in facts.clocks:
        if _in(clock.counted_on, year) and clock.status in CLOCK_RESULTS:
            code = where(clock.council) or UNALLOCATED
            events[f"clock:{clock.status}"][code][clock.family] += 1
    for name, by_code in events.items():
        b.atoms({atom(code, name): sum(by_code.get(code, Counter()).values()) for code in codes})
    for name in ("answers", "recommendations"):
        for code in codes:
            b.atoms({atom(code, f"{name}:{part}"): sum(events[f"{name}:{part}"].get(code, Counter()).values())
                     for part in ("due", "yes")})
            b.pub.relations.append(AtMost((atom(code, f"{name}:yes"),), (atom(code, f"{name}:due"),)))
    # Deadlines are shown as totals over every kind of deadline: split by kind, the rarer results
    # (a handful missed nationally) could be worked out from the others and would all be withheld.
    clock_names = [f"clock:{result}" for result in CLOCK_RESULTS]
    b.atoms({atom(code, name): sum(events[name].get(code, Counter()).values()) for name in clock_names for code in codes})

    def merged(names: Iterable[str], sums: Iterable[str]) -> Counter[str]:
        out: Counter[str] = Counter()
        for name in names:
            for code in sums:
                out.update(events[name].get(code, Counter()))
        return out

    def clock_atoms(sums: Iterable[str], check: str | None, result: str | None) -> list[str]:
        return [atom(code, name) for name in clock_names for code in sums
                if result is None or name.endswith(":" + result)]

    for label, geo, sums in geo_rows():
        for result, result_label in [(None, TOTAL), *CLOCK_RESULTS.items()]:
            names = [n for n in clock_names if result is None or n.endswith(":" + result)]
            counts = merged(names, sums)
            row = {**geo, "clock": "All statutory deadlines", "result": result_label}
            key = f"{tp} · {label} · deadlines · {result_label}"
            b.count(row, "clocks_count", key, clock_atoms(sums, None, result), sum(counts.values()),
                    dominated(counts.values()))
            b.tables[STATUTORY_CLOCKS.name].append(row)

    # --- rates, England first so every council row can carry England's rate ---------------------
    def rate_inputs(measure: str, sums: list[str]) -> tuple[list[str], list[str], Counter[str], Counter[str]]:
        if measure == "upheld":
            num = Counter({f: 1 for code in sums for f in families["upheld"].get(code, ())})
            den = Counter({f: 1 for code in sums for f in families["concluded"].get(code, ())})
            return [atom(c, "upheld") for c in sums], [atom(c, "concluded") for c in sums], num, den
        if measure == "clocks":
            return (clock_atoms(sums, None, "met"), clock_atoms(sums, None, None),
                    merged([n for n in clock_names if n.endswith(":met")], sums), merged(clock_names, sums))
        return ([atom(c, f"{measure}:yes") for c in sums], [atom(c, f"{measure}:due") for c in sums],
                merged([f"{measure}:yes"], sums), merged([f"{measure}:due"], sums))

    for measure, measure_label in RATE_MEASURES.items():
        england = None
        for label, geo, sums in geo_rows():
            num_atoms, den_atoms, num, den = rate_inputs(measure, sums)
            n, d = sum(num.values()), sum(den.values())
            families_unit = measure == "upheld"
            num_dom = not families_unit and dominated(num.values())
            den_dom = not families_unit and dominated(den.values())
            row = {**geo, "measure": measure_label}
            if measure == "upheld":
                den_key = f"{tp} · {label} · {CASEWORK_MEASURES['concluded']}"
            elif measure == "clocks":
                den_key = f"{tp} · {label} · deadlines · {TOTAL}"
            else:
                den_key = f"{tp} · {label} · {measure_label} · denominator"
            row["funnel_position"] = ""
            b.rate(row, f"{tp} · {label} · {measure_label} · rate", num_atoms, den_atoms, n, d, den_key,
                   num_dom or den_dom, den_dom)
            if england is None:
                england = (n, d, row["rate_percent"])
            row["england_rate_percent"] = england[2]
            shown = isinstance(row["rate_percent"], int)
            if geo["geographic_level"] == NATIONAL:
                row["funnel_position"] = "z"
            elif shown and isinstance(england[2], int) and 0 < england[0] < england[1]:
                row["funnel_position"] = funnel_position(n, d, england[0] / england[1])
            else:
                row["funnel_position"] = CONFIDENTIAL if not shown else "x"
            row["_england"] = england[0] / england[1] if england[1] and isinstance(england[2], int) else None
            b.tables[COUNCIL_MEASURES.name].append(row)

    # --- our own service standards (England only) -----------------------------------------------
    for standard, standard_label in STANDARDS.items():
        met = notmet = 0
        for c in facts.concerns:
            if not _in(c.received_on, year):
                continue
            due, done = (c.acknowledge_by, c.acknowledged_on) if standard == "acknowledge" else (c.decide_by, c.decided_on)
            if done is not None and done <= due:
                met += 1
            else:
                notmet += 1
        b.atoms({f"{tp}|E|{standard}|met": met, f"{tp}|E|{standard}|not": notmet})
        row = {**_geo(tp, NATIONAL), "standard": standard_label}
        b.rate(row, f"{tp} · England · {standard_label} · rate", [f"{tp}|E|{standard}|met"],
               [f"{tp}|E|{standard}|met", f"{tp}|E|{standard}|not"], met, met + notmet,
               f"{tp} · England · {standard_label} · concerns")
        b.tables[SERVICE_STANDARDS.name].append(row)


def funnels_of(rows: list[dict[str, Any]]) -> list[Funnel]:
    """The funnel plots a published table supports: England's rate shown and at least one council's."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[(row["time_period"], row["measure"])].append(row)
    out = []
    for (tp, measure), group in grouped.items():
        england = next((r for r in group if r["geographic_level"] == NATIONAL), None)
        if england is None or not isinstance(england.get("rate_percent"), int):
            continue
        centre = england.get("_england") or england["rate_percent"] / 100
        points = [FunnelPoint(r["la_name"], r["new_la_code"], r["denominator_count"], r["rate_percent"],
                              r["rate_lower_ci"], r["rate_upper_ci"], r["funnel_position"])
                  for r in group if r["geographic_level"] == LOCAL_AUTHORITY and isinstance(r.get("rate_percent"), int)
                  and isinstance(r.get("denominator_count"), int)]
        if points:
            out.append(Funnel(tp, measure, centre, points))
    return out


def publication_to_json(pub: Publication) -> dict[str, Any]:
    return {"figures": [[f.key, list(f.atoms), f.low, f.high] for f in pub.figures],
            "rates": [[r.key, list(r.numerator), list(r.denominator), r.percent, r.secondary] for r in pub.rates],
            "relations": [[list(r.smaller), list(r.larger)] for r in pub.relations]}


def publication_from_json(doc: dict[str, Any], label: str) -> Publication:
    """An earlier release's figures, frozen: the attacker holds them, and they can no longer change."""
    return Publication(
        [Figure(f"{key} ({label})", tuple(atoms), low, high, frozen=True) for key, atoms, low, high in doc["figures"]],
        [RateFigure(f"{key} ({label})", tuple(num), tuple(den), pct, secondary, frozen=True)
         for key, num, den, pct, secondary in doc["rates"]],
        [AtMost(tuple(s), tuple(la)) for s, la in doc["relations"]])


def build_release(facts: Facts, councils: Sequence[Council], cutoff: date,
                  earlier: Sequence[EarlierRelease] = ()) -> Release:
    """Every financial year that ended before ``cutoff``: earlier releases' years as they were
    published, the rest counted now; then protection and the gate."""
    first = facts.first_day()
    published_before = {tp for e in earlier for tp in e.periods}
    years = periods.closed_years(first, cutoff) if first else []
    all_periods = sorted(published_before | {periods.time_period(y) for y in years})
    new_years = [y for y in years if periods.time_period(y) not in published_before]
    b = _Builder()
    for year in new_years:
        _build_year(b, year, Councils(councils, periods.bounds(year)[1]), facts)
    new_figures = Publication(b.pub.figures, b.pub.rates, b.pub.relations, b.pub.truths)
    everything = Publication(list(new_figures.figures), list(new_figures.rates), list(new_figures.relations),
                             dict(new_figures.truths))
    for e in earlier:
        everything.extend(publication_from_json(e.publication, e.label))
    protected, suppressed, failures = protect(everything)
    b.suppress(suppressed)
    # the frozen years, copied from the latest release that published each
    tables: dict[str, list[dict[str, Any]]] = {t.name: [] for t in CATALOGUE}
    for tp in all_periods:
        source = next((e for e in reversed(earlier) if tp in e.periods), None)
        for name in tables:
            rows = source.tables.get(name, []) if source else b.tables[name]
            tables[name] += [dict(r) for r in rows if str(r["time_period"]) == tp]
    own = [f for f in protected.figures if not f.frozen]
    return Release(cutoff, all_periods, [periods.time_period(y) for y in new_years], tables,
                   Publication(own, [r for r in protected.rates if not r.frozen], new_figures.relations),
                   suppressed, failures)
