"""How long importing a case file through the web's action takes: 1,000 and 10,000 events.

``run()`` is called by ``make bench`` (bench/run.py); run this file directly to see the numbers:

    python bench/import_bench.py [--sizes 1000,10000] [--database-url postgres://...] [--profile out.prof]

An import (``cases.actions.import_case``, what the import page, the API and ``web_bench``'s setup
use) validates the file, then encrypts and stores every child, person and event, each with its
hash-chained ledger entry, in one transaction. The web serves it inside one request, so it must
finish well inside the request timeout (gunicorn's 60 s in ``deploy/gunicorn.conf.py``); the
issue's target is a 10,000-event import (the largest the limit allows) in well under 30 s.

In a child process (so this process never configures Django): a temporary data dir (SQLite, or
``--database-url``), ``migrate``, a family user, and for each size one generated case
(``bench/stress.py``'s dense case: every kind of event, three children, three people; not timed)
imported and timed, wall and CPU. Then ``fairwitness verify``'s
check of the whole database (``verify_database``), timed and reported with whether it passed: a
fast import that did not verify would not be an import. Figures are reported as measured, never
as pass/fail.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZES = (1_000, 10_000)
SEED = 2025
TARGET = "10,000-event import well under 30 s (gunicorn's request timeout is 60 s)"


# --- in the child process -------------------------------------------------------------------------

def _measure(sizes: list[int], profile: str | None) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairwitness.web.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    from stress import dense_case

    from fairwitness.accounts.models import User
    from fairwitness.cases import actions
    from fairwitness.cases.integrity import verify_database

    user = User.objects.create_user(email="bench-import@example.org", password="bench-password-not-secret",
                                    display_name="Bench family")
    result: dict[str, Any] = {"database": connection.vendor}
    for size in sizes:
        data = dense_case(size, SEED)
        events = len(data["events"])
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        wall, cpu = time.perf_counter(), time.process_time()
        case = actions.import_case(user, data, title=f"Import benchmark {size}")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(f"{profile}.{size}")
        stored = case.events.count()
        if stored != events:
            raise RuntimeError(f"{events} events in the file but {stored} stored")
        result[f"import_{events}_events"] = {"seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
                                             "ms_per_event": round(wall * 1000 / events, 2)}
    wall = time.perf_counter()
    report = verify_database()
    verify_seconds = time.perf_counter() - wall
    result["verify"] = {"ok": report.ok, "entries": report.entries, "seconds": round(verify_seconds, 2),
                        "problems": report.problems[:3]}
    return result


# --- in this process ------------------------------------------------------------------------------

def run(sizes: tuple[int, ...] = SIZES, database_url: str | None = None, profile: str | None = None) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="fairwitness-import-bench-"))
    env = {**os.environ, "FAIRWITNESS_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "fairwitness.web.settings",
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)}
    for name in ("DATABASE_URL", "FAIRWITNESS_DEMO", "FAIRWITNESS_DEBUG", "FAIRWITNESS_PRODUCTION"):
        env.pop(name, None)  # SQLite in the temporary dir, the ordinary (non-debug) settings
    if database_url:
        env["DATABASE_URL"] = database_url
    command = [sys.executable, str(Path(__file__).resolve()), "--child", "--sizes", ",".join(map(str, sizes))]
    if profile:
        command += ["--profile", profile]
    try:
        child = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=1800)
        if child.returncode != 0:
            raise RuntimeError(f"the import benchmark failed: {child.stderr.strip().splitlines()[-1:] or child.returncode}")
        result: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(data_dir)
    result["target"] = TARGET
    return result


def print_report(result: dict[str, Any]) -> None:
    print(f"Import through cases.actions.import_case ({result['database']}), one transaction per case:")
    print(f"  {'events':>8}{'seconds':>10}{'CPU s':>9}{'ms/event':>10}")
    for key, row in result.items():
        if key.startswith("import_"):
            events = int(key.split("_")[1])
            print(f"  {events:>8,}{row['seconds']:>10.2f}{row['cpu_seconds']:>9.2f}{row['ms_per_event']:>10.2f}")
    verify = result["verify"]
    print(f"  then fairwitness verify of the whole database: {'verified' if verify['ok'] else 'FAILED'}, "
          f"{verify['entries']:,} ledger entries in {verify['seconds']:.2f} s")
    for problem in verify["problems"]:
        print(f"    {problem}")
    print(f"  (target: {result['target']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="event counts, comma-separated")
    parser.add_argument("--database-url", help="a PostgreSQL URL to measure instead of a temporary SQLite file")
    parser.add_argument("--profile", help="write cProfile stats of each import to PROFILE.<events>")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.child:
        print(json.dumps(_measure(sizes, args.profile)))
        return
    print_report(run(tuple(sizes), args.database_url, args.profile))


if __name__ == "__main__":
    main()
