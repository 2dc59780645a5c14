"""The benchmark `make bench` runs: how fast the law core loads and checks cases, on one core.

1. Load and validate only: N generated cases, from JSON text (what `fairwitness validate` does).
2. Load, validate and check (`evaluate`), the same cases: events and cases a second for bulk checking,
   and the ratio of checking alone (excluding loading) to loading alone, measured in this one run.
3. One 1,000-event case, checked many times: median and 95th percentile milliseconds.
4. Scaling: one dense case of 1,000, 5,000 and 20,000 events (every kind, several a day; see
   ``bench/stress.py``), loaded and checked; the time per event should stay flat (linear engine).

Figures are reported as they are, with the issue's targets beside them for reading, never as
pass/fail. Other areas add sections as ``bench/<name>_bench.py`` files with a ``run() -> dict`` (the bundle,
the web server, importing a case file, the production deployment under wrk, …); their results are printed and stored
under ``sections``.

    python bench/run.py [--cases 5000] [--repeats 200] [--seed 2025]
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import platform
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate, generate_case, local_authorities  # noqa: E402
from stress import dense_case  # noqa: E402

from fairwitness.law.caseformat import loads_case  # noqa: E402
from fairwitness.law.engine import evaluate  # noqa: E402

TARGETS = {
    "bulk_cases_per_second": ">= 10,000 cases/s (about 30 events each, one core)",
    "long_case_ms": "< 20 ms for a 1,000-event case",
    "check_to_load_ratio": "<= 2x (checking no slower than twice loading)",
    "scaling_20k_check_seconds": "< 2 s for a 20,000-event case; time per event flat from 1k to 20k",
}
SCALING_SIZES = (1_000, 5_000, 20_000)


def pin_to_one_core() -> str:
    """Run on one core so the figures mean 'one core' whatever the machine."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity); single-threaded"


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall seconds, CPU seconds of this process, and the result. On a busy machine the CPU time is
    the steadier figure (wall time includes waiting for the core); both are reported."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def bulk(texts: list[str]) -> dict[str, Any]:
    load_s, load_cpu, cases = timed(lambda: [loads_case(t) for t in texts])
    events = sum(len(c.events) for c in cases)
    check_s, check_cpu, reports = timed(lambda: [evaluate(c) for c in cases])
    findings = sum(len(r.findings) for r in reports)
    del reports
    both_s, both_cpu, _ = timed(lambda: [evaluate(loads_case(t)) for t in texts])
    n = len(texts)
    return {
        "cases": n,
        "events": events,
        "mean_events_per_case": round(events / n, 1),
        "findings": findings,
        "load_validate_seconds": round(load_s, 3),
        "check_only_seconds": round(check_s, 3),
        "load_validate_check_seconds": round(both_s, 3),
        "load_validate": {"cases_per_second": round(n / load_s), "events_per_second": round(events / load_s)},
        "check_only": {"cases_per_second": round(n / check_s), "events_per_second": round(events / check_s)},
        "load_validate_check": {"cases_per_second": round(n / both_s), "events_per_second": round(events / both_s)},
        "check_to_load_ratio": round(check_s / load_s, 2),
        "cpu_seconds": {"load_validate": round(load_cpu, 3), "check_only": round(check_cpu, 3),
                        "load_validate_check": round(both_cpu, 3)},
        "cpu_based": {
            "load_validate_check_cases_per_second": round(n / both_cpu),
            "load_validate_check_events_per_second": round(events / both_cpu),
            "check_to_load_ratio": round(check_cpu / load_cpu, 2),
        },
    }


def long_case(repeats: int, seed: int) -> dict[str, Any]:
    case_data = generate_case(0, seed, local_authorities(), target_events=1000)
    text = json.dumps(case_data)
    case = loads_case(text)
    evaluate(case)  # warm: the calendar and the packs are built once per process
    check_ms, check_cpu_ms, load_ms = [], [], []
    for _ in range(repeats):
        started, cpu = time.perf_counter(), time.process_time()
        evaluate(case)
        check_ms.append((time.perf_counter() - started) * 1000)
        check_cpu_ms.append((time.process_time() - cpu) * 1000)
    for _ in range(max(20, repeats // 4)):
        started = time.perf_counter()
        loads_case(text)
        load_ms.append((time.perf_counter() - started) * 1000)
    return {
        "events": len(case.events),
        "repeats": repeats,
        "check_median_ms": round(statistics.median(check_ms), 2),
        "check_p95_ms": round(_p95(check_ms), 2),
        "check_cpu_median_ms": round(statistics.median(check_cpu_ms), 2),
        "check_cpu_p95_ms": round(_p95(check_cpu_ms), 2),
        "load_validate_median_ms": round(statistics.median(load_ms), 2),
        "findings": len(evaluate(case).findings),
    }


def scaling(repeats: int = 3) -> dict[str, Any]:
    """The engine on one dense case at each size: best of ``repeats`` (wall and CPU), so a busy
    machine's pauses do not read as growth."""
    rows = []
    for n in SCALING_SIZES:
        text = json.dumps(dense_case(n), separators=(",", ":"))
        load_s, _, case = timed(lambda text=text: loads_case(text))
        walls, cpus = [], []
        for _ in range(repeats):
            wall, cpu, report = timed(lambda case=case: evaluate(case))
            walls.append(wall)
            cpus.append(cpu)
        rows.append({"events": n, "load_seconds": round(load_s, 3), "check_seconds": round(min(walls), 3),
                     "check_cpu_seconds": round(min(cpus), 3),
                     "check_microseconds_per_event": round(min(cpus) / n * 1e6, 1), "findings": len(report.findings)})
    first, last = rows[0], rows[-1]
    growth = (last["check_cpu_seconds"] / first["check_cpu_seconds"]) / (last["events"] / first["events"])
    return {"rows": rows, "per_event_growth_1k_to_20k": round(growth, 2)}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def optional_sections() -> dict[str, Any]:
    """Results of every bench/*_bench.py (the bundle, the web server, the production deployment, …):
    adding a section is adding such a file with a ``run() -> dict``."""
    results: dict[str, Any] = {}
    for path in sorted(HERE.glob("*_bench.py")):
        name = path.stem
        print(f"running {path.name}...", flush=True)
        try:
            spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            results[name] = module.run()
        except Exception as exc:  # one broken section must not lose the others' figures
            results[name] = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc(limit=3)}
    return results


def print_report(report: dict[str, Any]) -> None:
    b, lc = report["bulk"], report["long_case"]
    print()
    print("Fair Witness benchmark: the law core on one core")
    print(f"  {report['machine']['python']} on {report['machine']['platform']}; {report['machine']['core']}")
    print(f"  {b['cases']:,} synthetic cases, {b['events']:,} events ({b['mean_events_per_case']} per case), "
          f"{b['findings']:,} findings")
    print()
    rows = [
        ("load + validate", b["load_validate_seconds"], b["load_validate"]),
        ("check only (excluding loading)", b["check_only_seconds"], b["check_only"]),
        ("load + validate + check", b["load_validate_check_seconds"], b["load_validate_check"]),
    ]
    print(f"  {'':34}{'seconds':>9}{'cases/s':>12}{'events/s':>13}")
    for label, seconds, rate in rows:
        print(f"  {label:34}{seconds:>9.2f}{rate['cases_per_second']:>12,}{rate['events_per_second']:>13,}")
    print()
    cpu = b["cpu_based"]
    print(f"  CPU time (steadier on a busy machine): load+validate+check {cpu['load_validate_check_cases_per_second']:,} cases/s, "
          f"{cpu['load_validate_check_events_per_second']:,} events/s")
    print()
    print(f"  check time / load time:  {b['check_to_load_ratio']:.2f}x wall, {cpu['check_to_load_ratio']:.2f}x CPU"
          f"   (target {TARGETS['check_to_load_ratio']})")
    print(f"  bulk checking:           {b['load_validate_check']['cases_per_second']:,} cases/s loaded and checked, "
          f"{b['check_only']['cases_per_second']:,} checked   (target {TARGETS['bulk_cases_per_second']})")
    print(f"  1,000-event case:        median {lc['check_median_ms']} ms, p95 {lc['check_p95_ms']} ms wall "
          f"(CPU median {lc['check_cpu_median_ms']} ms, p95 {lc['check_cpu_p95_ms']} ms) over {lc['repeats']} runs;")
    print(f"                           loading it {lc['load_validate_median_ms']} ms   (target {TARGETS['long_case_ms']})")
    sc = report["scaling"]
    print()
    print(f"  Scaling, one dense case (target {TARGETS['scaling_20k_check_seconds']}):")
    print(f"  {'events':>8}{'load s':>9}{'check s':>9}{'CPU s':>8}{'µs/event':>10}{'findings':>10}")
    for row in sc["rows"]:
        print(f"  {row['events']:>8,}{row['load_seconds']:>9.3f}{row['check_seconds']:>9.3f}{row['check_cpu_seconds']:>8.3f}"
              f"{row['check_microseconds_per_event']:>10}{row['findings']:>10,}")
    print(f"  per-event cost at 20k relative to 1k: {sc['per_event_growth_1k_to_20k']}x (1.0 is linear)")
    for name, section in report["sections"].items():
        print()
        print(f"  [{name}]")
        for key, value in section.items():
            if key != "traceback":
                print(f"    {key}: {value}")
    print()
    print(f"  written to {report['written_to']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5_000)
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "report.json")
    parser.add_argument("--no-sections", action="store_true", help="skip the bench/*_bench.py sections")
    args = parser.parse_args()

    core = pin_to_one_core()
    print(f"generating {args.cases:,} cases (seed {args.seed}; not timed)...", flush=True)
    texts = [json.dumps(c, separators=(",", ":")) for c in generate(args.cases, args.seed)]
    evaluate(loads_case(texts[0]))  # warm the calendar and packs so they are not in the timings

    report: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "core": core,
                    "cpus": os.cpu_count()},
        "seed": args.seed,
        "targets": TARGETS,
    }
    print("timing bulk load and check...", flush=True)
    report["bulk"] = bulk(texts)
    del texts
    print("timing the 1,000-event case...", flush=True)
    report["long_case"] = long_case(args.repeats, args.seed)
    print("timing 1k, 5k and 20k events...", flush=True)
    report["scaling"] = scaling()
    report["sections"] = {} if args.no_sections else optional_sections()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report["written_to"] = str(args.out)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_report(report)


if __name__ == "__main__":
    main()
