"""The case page under 20 concurrent clients through the production deployment, beside a static file.

``run()`` is called by ``make bench`` (bench/run.py); run this file directly to see the numbers:

    python bench/deploy_bench.py [--seconds 10] [--clients 20]

The deployment is the one `deploy/` and `docs/deploying.md` describe, started as the deployment
test starts it (tests/deploy/production.py): a throwaway PostgreSQL 15 (started with fsync off, as
the test database is: the load here is reads), migrate and collectstatic, gunicorn with
`deploy/gunicorn.conf.py` and its own choice of workers for this machine, whitenoise for static
files, `FAIRWITNESS_PRODUCTION=1`. Everything binds to 127.0.0.1 only.

1. Setup (not timed): a family account and a generated 1,000-event case imported through
   ``actions.import_case`` (bench/web_bench.py's setup, run with the production environment).
2. Sign in through the login form, as a parent would; the session cookie goes to wrk.
3. wrk (Debian's, a compiled load generator in its own process), 2 threads, each run bounded in time:
   a. the case page, 20 connections (clients) for the duration;
   b. a static file (the hashed stylesheet the page links to), 20 connections, the same duration;
   c. the case page at 20 clients again while a second wrk samples the static file with 2 clients:
      what a static request waits for while the server is busy with case pages.
   Latency percentiles come from wrk's own histogram (a Lua ``done`` hook prints them as JSON); a
   response other than 200 is counted as an error, beside wrk's socket errors and timeouts.

Figures are reported as measured, never as pass/fail. wrk and the server share this machine's
cores: on 2 cores that is part of what is measured.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "deploy"))
sys.path.insert(0, str(ROOT / "tests" / "web"))

import web_bench  # noqa: E402
from fairwitness_testdb import start_postgres, stop_postgres  # noqa: E402
from production import createdb, free_port, prepare, production_env, start_gunicorn, stop_gunicorn  # noqa: E402

CLIENTS = 20
SECONDS = 10
SAMPLING_CLIENTS = 2
TARGET = "case page p95 < 150 ms (1,000-event case, 20 concurrent clients, production deployment)"

# wrk's Lua hooks: count every response that is not a 200 (a redirect to sign-in would otherwise pass
# as a fast success), and print the histogram's percentiles as one JSON line when the run ends.
REPORT_LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_ok = 0 end
function response(status, headers, body) if status ~= 200 then not_ok = not_ok + 1 end end
function done(summary, latency, requests)
  local not_ok_total = 0
  for _, t in ipairs(threads) do not_ok_total = not_ok_total + t:get("not_ok") end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"not_200":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,' ..
    '"timeouts":%d,"p50_ms":%.2f,"p90_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"mean_ms":%.2f}\n',
    summary.requests, summary.duration / 1e6, not_ok_total, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000))
end
"""


def _wrk(url: str, cookie: str, clients: int, seconds: int, script: Path) -> subprocess.Popen[str]:
    threads = min(2, clients)
    return subprocess.Popen(
        ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script),
         "-H", f"Cookie: {cookie}", url],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _result(process: subprocess.Popen[str], seconds: int) -> dict[str, Any]:
    output, _ = process.communicate(timeout=seconds + 60)
    line = next((row for row in reversed(output.splitlines()) if row.startswith("{")), None)
    if process.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({process.returncode}): {output.strip()[-300:]}")
    figures: dict[str, Any] = json.loads(line)
    figures["errors"] = sum(figures[k] for k in ("not_200", "connect_errors", "read_errors", "write_errors", "timeouts"))
    figures["requests_per_second"] = round(figures["requests"] / figures["seconds"], 1)
    return {k: (round(v, 1) if isinstance(v, float) else v) for k, v in figures.items()}


def _drain(base: str, seconds: float = 120.0) -> None:
    """Wait until the server is idle again (a health check answered within 0.2 s): requests wrk
    abandoned at the end of a run are still being served, and must not be charged to the next run."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(base + "/healthz", timeout=30):
                pass
            if time.perf_counter() - started < 0.2:
                return
        time.sleep(0.5)


def run(seconds: int = SECONDS, clients: int = CLIENTS) -> dict[str, Any]:
    if shutil.which("wrk") is None:
        return {"skipped": "wrk is not installed (make system-deps installs it from Debian's packages)"}
    tmp = Path(tempfile.mkdtemp(prefix="fairwitness-deploy-bench-"))
    server = None
    affinity = None
    with contextlib.suppress(AttributeError, OSError):
        affinity = os.sched_getaffinity(0)
    try:
        started = time.perf_counter()
        db = start_postgres()
        port = free_port()
        env = production_env(tmp, createdb(db, "fairwitness_bench"), port)
        prepare(env)
        setup = subprocess.run([sys.executable, str(HERE / "web_bench.py"), "--setup"], env=env, cwd=ROOT,
                               capture_output=True, text=True, timeout=900)
        if setup.returncode != 0:
            raise RuntimeError(f"setup failed: {setup.stderr.strip().splitlines()[-1:] or setup.returncode}")
        made = json.loads(setup.stdout.strip().splitlines()[-1])
        setup_seconds = time.perf_counter() - started

        web_bench._all_cores()  # bench/run.py pins itself to one core; the server and wrk get them all
        server = start_gunicorn(env, tmp / "gunicorn.log")
        base = f"http://127.0.0.1:{port}"
        cookies = web_bench._sign_in(port)
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        case_url = f"{base}/cases/{made['public_id']}/"

        first = web_bench.Client(port, cookies)
        t0 = time.perf_counter()
        status, body, _ = first.request("GET", case_url.removeprefix(base))
        first_ms = (time.perf_counter() - t0) * 1000
        first.close()
        if status != 200:
            raise RuntimeError(f"the case page answered {status}")
        stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', body)
        if not stylesheet:
            raise RuntimeError("the case page links no stylesheet")
        static_url = base + stylesheet.group(1).decode()

        script = tmp / "report.lua"
        script.write_text(REPORT_LUA)
        _result(_wrk(case_url, cookie, clients, 2, script), 2)  # warm every worker; not reported
        _drain(base)
        case_page = _result(_wrk(case_url, cookie, clients, seconds, script), seconds)
        _drain(base)
        static_file = _result(_wrk(static_url, cookie, clients, seconds, script), seconds)
        _drain(base)
        busy_case = _wrk(case_url, cookie, clients, seconds, script)
        busy_static = _wrk(static_url, cookie, SAMPLING_CLIENTS, seconds, script)
        together = {"case_page": _result(busy_case, seconds), "static_file": _result(busy_static, seconds)}

        config = {}
        probe = subprocess.run([sys.executable, "-c", "import runpy, json; c = runpy.run_path('deploy/gunicorn.conf.py');"
                                "print(json.dumps({k: c[k] for k in ('workers', 'threads', 'timeout')}))"],
                               env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
        with contextlib.suppress(ValueError, IndexError):
            config = json.loads(probe.stdout.strip().splitlines()[-1])
        return {
            "name": "case_page_through_production_deployment",
            "server": (f"gunicorn (deploy/gunicorn.conf.py: {config.get('workers', '?')} workers x "
                       f"{config.get('threads', '?')} threads), PostgreSQL 15, whitenoise, FAIRWITNESS_PRODUCTION=1"),
            "load_generator": f"{_wrk_version()}, 2 threads, {seconds} s per run, 127.0.0.1 only",
            "cpus": os.cpu_count(),
            "events": made["events"],
            "clients": clients,
            "setup_seconds": round(setup_seconds, 1),
            "case_page_kib": round(len(body) / 1024, 1),
            "case_page_first_view_ms": round(first_ms, 1),
            "case_page": case_page,
            "static_file": {"path": stylesheet.group(1).decode(), **static_file},
            "case_to_static_p95_ratio": (round(case_page["p95_ms"] / static_file["p95_ms"], 1)
                                         if static_file["p95_ms"] else None),
            f"static_file_sampled_by_{SAMPLING_CLIENTS}_while_{clients}_load_the_case_page": together,
            "errors": case_page["errors"] + static_file["errors"] + sum(r["errors"] for r in together.values()),
            "target": TARGET,
        }
    finally:
        if server is not None:
            stop_gunicorn(server)
        if affinity is not None:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(0, affinity)
        stop_postgres()
        shutil.rmtree(tmp, ignore_errors=True)


def _wrk_version() -> str:
    done = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    words = (done.stdout or done.stderr).split()
    return " ".join(words[:2]) if words else "wrk"


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=SECONDS, help="length of each wrk run")
    parser.add_argument("--clients", type=int, default=CLIENTS)
    args = parser.parse_args()
    print(json.dumps(run(args.seconds, args.clients), indent=2))
