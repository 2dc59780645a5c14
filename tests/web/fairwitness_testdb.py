"""Test database fixtures shared by tests/web and tests/cases (and any suite that imports them).

On SQLite (the default) pytest-django's in-memory test database is used as it is. With
``FAIRWITNESS_TEST_DB=postgres`` a real PostgreSQL 15 is started from Debian's binaries in a
temporary directory (unix socket there, a free port, trust authentication), Django is pointed at
it before the test database is created, and it is stopped at the end of the session. As root,
the server runs as the ``postgres`` system user, because initdb refuses to run as root.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

PG_BIN = Path(os.environ.get("FAIRWITNESS_PG_BIN", "/usr/lib/postgresql/15/bin"))
_server: dict[str, Any] | None = None


def wants_postgres() -> bool:
    return os.environ.get("FAIRWITNESS_TEST_DB", "").lower() in {"postgres", "postgresql", "pg"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def start_postgres() -> dict[str, Any]:
    """Start (once per process) a throwaway PostgreSQL; returns Django database settings."""
    global _server
    if _server is not None:
        return _server["settings"]
    if not (PG_BIN / "initdb").exists():
        raise RuntimeError(f"PostgreSQL binaries not found in {PG_BIN}: install postgresql-15")
    root = Path(tempfile.mkdtemp(prefix="fairwitness-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = _free_port()
    subprocess.run(_as_server_user([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                                    "-E", "UTF8", "--locale=C", "--no-sync"]),
                   check=True, capture_output=True)
    options = f"-k {root} -p {port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"),
                                    "-w", "-t", "60", "start"]), check=True, capture_output=True)
    _server = {
        "root": root,
        "data": data,
        "settings": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "postgres",
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": str(root),
            "PORT": str(port),
            "OPTIONS": {},
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
        },
    }
    atexit.register(stop_postgres)
    return _server["settings"]


def stop_postgres() -> None:
    global _server
    if _server is None:
        return
    server, _server = _server, None
    subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(server["data"]), "-m", "immediate", "-w", "stop"]),
                   capture_output=True)
    shutil.rmtree(server["root"], ignore_errors=True)


def point_django_at_postgres() -> None:
    """Change the default database in place (pytest-django and Django hold the same dict)."""
    from django.conf import settings
    from django.db import connections

    target = start_postgres()
    db = settings.DATABASES["default"]
    db.update(target)
    db.setdefault("TEST", {})
    db["TEST"]["NAME"] = None
    connections["default"].close()
    with contextlib.suppress(AttributeError, KeyError):
        del connections["default"]  # rebuilt from the updated settings on next use


def use_sqlite_file() -> None:
    """A file, not memory: shared-cache in-memory SQLite locks whole tables and ignores the busy
    timeout, so concurrent writers would fail in tests but not in real use (WAL on a file)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    root = Path(tempfile.mkdtemp(prefix=f"fairwitness-sqlite-{worker}-"))
    db.setdefault("TEST", {})["NAME"] = str(root / "test.sqlite3")
    atexit.register(shutil.rmtree, root, True)
