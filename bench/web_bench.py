"""The case page of a 1,000-event case under 20 concurrent users, on the server the demo uses.

``run()`` is called by ``make bench`` (bench/run.py); run this file directly to see the numbers:

    python bench/web_bench.py [--requests 400] [--clients 20]

1. Setup (not timed), in a child process so this process never configures Django: a temporary
   data dir (SQLite), ``migrate``, a family user, and one generated 1,000-event case imported
   through ``actions.import_case`` (encrypted, with its ledger entries, like a real import).
2. ``fairwitness serve`` (waitress, as ``make run`` serves) on a free port, as a subprocess.
3. Sign in through the login form (CSRF token and all), as a parent would.
4. One case-page request on its own: the first view of the case, before anything is cached;
   then 50 case-page and 50 static requests from one client alone (service time, no queueing).
5. 20 client threads on keep-alive ``http.client`` connections share one shuffled queue of N
   case-page requests and N static-file requests (``/static/fairwitness/fairwitness.css``) plus
   N/4 requests for the plain about page, so all three are measured in the same run under the
   same load. Each client's latency is its own request's wall time, queueing in the server included.

Figures are reported as measured, with the issue's target beside them, never as pass/fail. The
client threads and the server share the machine: on 2 cores that is part of what is measured.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import queue
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EVENTS = 1_000
CLIENTS = 20
CASE_REQUESTS = 400
ALONE_REQUESTS = 50  # case-page and static requests from a single client, before the load
STATIC_PATH = "/static/fairwitness/fairwitness.css"
PLAIN_PATH = "/about/"
TARGET = "case page p95 < 150 ms (1,000-event case, 20 concurrent users)"
EMAIL = "bench-family@example.org"
PASSWORD = "bench-password-not-secret"  # a throwaway account in a throwaway database
SEED = 2025


# --- setup: runs in a child process (python bench/web_bench.py --setup) ------------------------

def _setup() -> None:
    """Migrate, create the family and import the case; print {"public_id", "events"} as JSON."""
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairwitness.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from generate import generate_case, local_authorities

    from fairwitness.accounts.models import User
    from fairwitness.cases import actions

    user = User.objects.create_user(email=EMAIL, password=PASSWORD, display_name="Bench family")
    data = generate_case(0, SEED, local_authorities(), target_events=EVENTS)
    case = actions.import_case(user, data, title="Benchmark family")
    print(json.dumps({"public_id": str(case.public_id), "events": case.events.count()}))


# --- the server ---------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _all_cores() -> None:
    """bench/run.py pins itself to one core and children inherit that; the server gets them all."""
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, range(os.cpu_count() or 1))


def _fairwitness_command() -> list[str]:
    script = Path(sys.executable).with_name("fairwitness")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from fairwitness.cli import main; main()"]


def _wait_until_serving(port: int, server: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode} before serving")
        with contextlib.suppress(OSError):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", STATIC_PATH)
            if conn.getresponse().status == 200:
                conn.close()
                return
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {seconds:.0f} s")


# --- a client -----------------------------------------------------------------------------------

class Client:
    """One keep-alive connection with a cookie jar just big enough for Django's two cookies."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes, http.client.HTTPResponse]:
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):  # a keep-alive connection the server closed is reopened once
            try:
                self.conn.request(method, path, body=body, headers=sent)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content, response

    def close(self) -> None:
        self.conn.close()


def _sign_in(port: int) -> dict[str, str]:
    """The login form, as a browser fills it: GET for the CSRF cookie and token, then POST."""
    client = Client(port)
    status, body, _ = client.request("GET", "/accounts/login/")
    if status != 200:
        raise RuntimeError(f"the sign-in page answered {status}")
    found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not found:
        raise RuntimeError("no CSRF token on the sign-in page")
    form = urlencode({"csrfmiddlewaretoken": found.group(1).decode(), "username": EMAIL, "password": PASSWORD})
    status, _, response = client.request("POST", "/accounts/login/", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{port}/accounts/login/"})
    client.close()
    if status != 302 or "sessionid" not in client.cookies:
        raise RuntimeError(f"signing in failed (status {status}, location {response.getheader('Location')})")
    return client.cookies


# --- the load -----------------------------------------------------------------------------------

def _load(port: int, cookies: dict[str, str], jobs: list[tuple[str, str]], clients: int) -> tuple[
        dict[str, list[float]], dict[str, int], float]:
    work: queue.SimpleQueue[tuple[str, str] | None] = queue.SimpleQueue()
    for job in jobs:
        work.put(job)
    for _ in range(clients):
        work.put(None)
    latencies: dict[str, list[float]] = {name: [] for name, _ in jobs}
    errors: dict[str, int] = {name: 0 for name, _ in jobs}
    lock = threading.Lock()
    start_line = threading.Barrier(clients + 1)

    def worker() -> None:
        client = Client(port, cookies)
        start_line.wait()
        while (job := work.get()) is not None:
            name, path = job
            started = time.perf_counter()
            try:
                status, _, _ = client.request("GET", path)
                ok = status == 200
            except (OSError, http.client.HTTPException):
                ok = False
            elapsed_ms = (time.perf_counter() - started) * 1000
            with lock:
                if ok:
                    latencies[name].append(elapsed_ms)
                else:
                    errors[name] += 1
        client.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    start_line.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - started


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


def _summary(values: list[float], errors: int) -> dict[str, Any]:
    return {"requests": len(values), "errors": errors,
            "median_ms": round(statistics.median(values), 1) if values else None,
            "p95_ms": round(_percentile(values, 0.95), 1) if values else None,
            "max_ms": round(max(values), 1) if values else None}


def run(case_requests: int = CASE_REQUESTS, clients: int = CLIENTS) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="fairwitness-web-bench-"))
    env = {**os.environ, "FAIRWITNESS_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "fairwitness.web.settings",
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)}
    for name in ("DATABASE_URL", "FAIRWITNESS_DEMO", "FAIRWITNESS_DEBUG", "FAIRWITNESS_PRODUCTION"):
        env.pop(name, None)  # SQLite in the temporary dir, the ordinary (non-debug) settings
    server: subprocess.Popen[bytes] | None = None
    affinity = None
    with contextlib.suppress(AttributeError, OSError):
        affinity = os.sched_getaffinity(0)
    try:
        started = time.perf_counter()
        setup = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--setup"], env=env, cwd=ROOT,
                               capture_output=True, text=True, timeout=900)
        if setup.returncode != 0:
            raise RuntimeError(f"setup failed: {setup.stderr.strip().splitlines()[-1:] or setup.returncode}")
        made = json.loads(setup.stdout.strip().splitlines()[-1])
        setup_seconds = time.perf_counter() - started

        _all_cores()
        port = _free_port()
        server_log = (data_dir / "server.log").open("wb")  # a file, not a pipe nobody reads (it could fill)
        server = subprocess.Popen([*_fairwitness_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=server_log)
        _wait_until_serving(port, server)
        cookies = _sign_in(port)
        case_path = f"/cases/{made['public_id']}/"

        first = Client(port, cookies)
        t0 = time.perf_counter()
        status, body, _ = first.request("GET", case_path)
        first_ms = (time.perf_counter() - t0) * 1000
        if status != 200:
            raise RuntimeError(f"the case page answered {status}")
        page_kib = len(body) / 1024
        for path in (STATIC_PATH, PLAIN_PATH):  # one of each, so no kind is measured cold
            first.request("GET", path)
        first.close()

        # One client alone first: what a request costs the server with no queue in front of it.
        alone_jobs = [("case", case_path), ("static", STATIC_PATH)] * ALONE_REQUESTS
        alone, _, _ = _load(port, cookies, alone_jobs, 1)

        plain_requests = max(1, case_requests // 4)
        jobs = ([("case", case_path)] * case_requests + [("static", STATIC_PATH)] * case_requests
                + [("plain", PLAIN_PATH)] * plain_requests)
        random.Random(SEED).shuffle(jobs)
        latencies, errors, seconds = _load(port, cookies, jobs, clients)

        case, static, plain = (_summary(latencies[k], errors[k]) for k in ("case", "static", "plain"))
        ratio = (case["p95_ms"] / static["p95_ms"]) if case["p95_ms"] and static["p95_ms"] else None
        total = sum(len(v) for v in latencies.values())
        return {
            "name": "case_page_1000_events",
            "events": made["events"],
            "clients": clients,
            "server": "fairwitness serve (waitress, 8 threads), SQLite in a temporary data dir",
            "cpus": os.cpu_count(),
            "setup_seconds": round(setup_seconds, 1),
            "case_page_kib": round(page_kib, 1),
            "case_page_first_view_ms": round(first_ms, 1),
            "case_page": case,
            "static_file": {"path": STATIC_PATH, **static},
            "plain_page": {"path": PLAIN_PATH, **plain},
            "case_to_static_p95_ratio": round(ratio, 1) if ratio else None,
            "one_client_alone": {"case_page": _summary(alone["case"], 0), "static_file": _summary(alone["static"], 0)},
            "requests_per_second": {
                "all": round(total / seconds, 1),
                "case_page": round(len(latencies["case"]) / seconds, 1),
            },
            "load_seconds": round(seconds, 1),
            "target": TARGET,
        }
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if affinity is not None:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(0, affinity)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--setup"]:
        _setup()
    else:
        import argparse

        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--requests", type=int, default=CASE_REQUESTS, help="case-page requests in all")
        parser.add_argument("--clients", type=int, default=CLIENTS)
        args = parser.parse_args()
        print(json.dumps(run(args.requests, args.clients), indent=2))
