"""The production deployment as `deploy/` and `docs/deploying.md` describe it, started for real on
127.0.0.1: its environment (keys outside the data dir, a long secret key, PostgreSQL), migrate and
collectstatic, and gunicorn with `deploy/gunicorn.conf.py`, waited for on `/healthz`.

Shared by the deployment test (tests/deploy/test_deployment.py) and the load benchmark
(bench/deploy_bench.py), so both exercise the same deployment.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from fairwitness_testdb import _as_server_user  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def createdb(db: dict[str, Any], name: str) -> str:
    """A new database on the throwaway server; its DATABASE_URL."""
    subprocess.run(_as_server_user(["/usr/lib/postgresql/15/bin/createdb", "-h", db["HOST"], "-p", db["PORT"],
                                    "-U", "postgres", name]), check=True, capture_output=True)
    return f"postgres://postgres@/{name}?host={db['HOST']}&port={db['PORT']}"


def production_env(tmp: Path, database_url: str, port: int, workers: int | None = None) -> dict[str, str]:
    """The environment a deployment runs with (see deploy/env.example), rooted in ``tmp``.

    ``workers`` None leaves gunicorn's own choice from the CPU count, as a real deployment would."""
    keys = tmp / "etc"  # the keys live outside the data dir, as in production
    keys.mkdir(parents=True, exist_ok=True)
    (keys / "master.key").write_text(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
    (keys / "signing.key").write_text(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
    (tmp / "data").mkdir(parents=True, exist_ok=True)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("FAIRWITNESS_", "DJANGO_", "DATABASE_URL"))},
        "FAIRWITNESS_PRODUCTION": "1",
        "FAIRWITNESS_SECRET_KEY": secrets.token_urlsafe(64),
        "FAIRWITNESS_ALLOWED_HOSTS": "127.0.0.1",
        "FAIRWITNESS_CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
        "DATABASE_URL": database_url,
        "FAIRWITNESS_DATA_DIR": str(tmp / "data"),
        "FAIRWITNESS_STATIC_ROOT": str(tmp / "static"),
        "FAIRWITNESS_MASTER_KEY_FILE": str(keys / "master.key"),
        "FAIRWITNESS_SIGNING_KEY_FILE": str(keys / "signing.key"),
        "FAIRWITNESS_EMAIL_HOST": "127.0.0.1",  # nothing here sends mail
        "FAIRWITNESS_EMAIL_PORT": str(free_port()),
        "FAIRWITNESS_BIND": f"127.0.0.1:{port}",
        "FAIRWITNESS_BIN": str(BIN / "fairwitness"),
        "PYTHONPATH": str(ROOT / "src"),
    }
    if workers is not None:
        env["FAIRWITNESS_WORKERS"] = str(workers)
    return env


def prepare(env: dict[str, str]) -> None:
    """migrate and collectstatic, as docs/deploying.md has the operator do before starting."""
    for step in (["manage", "migrate", "--noinput"], ["manage", "collectstatic", "--noinput"]):
        done = subprocess.run([str(BIN / "fairwitness"), *step], env=env, cwd=ROOT, capture_output=True,
                              text=True, timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"fairwitness {' '.join(step)} failed:\n{done.stdout}{done.stderr}")


def start_gunicorn(env: dict[str, str], log: Path, seconds: float = 120.0) -> subprocess.Popen[bytes]:
    """gunicorn with the deployment's own config, once `/healthz` answers 200. Its error log goes to
    ``log`` (a file, not a pipe nobody reads: under load a full pipe would stall the server)."""
    with log.open("wb") as log_file:
        server = subprocess.Popen([str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                                   "fairwitness.web.wsgi"],
                                  env=env, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT,
                                  start_new_session=True)  # its own group: a failed start kills every worker
    base = "http://" + env["FAIRWITNESS_BIND"]
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()
            raise RuntimeError("gunicorn did not become healthy:\n" + log.read_text(errors="replace"))
        time.sleep(0.3)


def stop_gunicorn(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()
