"""Issue 11: a busy database is a 503 (plain page or JSON) after a short wait, not a bare 500;
pages and API answers are never cached; production refuses a short secret key; a proxy's
X-Forwarded-Proto is trusted only when configured; a data folder that cannot be written is named."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from fairwitness.accounts.models import ApiToken

SRC = str(Path(__file__).resolve().parents[2] / "src")


@pytest.fixture
def locked_database(transactional_db, settings):
    """Another process holds SQLite's write lock (BEGIN IMMEDIATE) while the request runs."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write lock; PostgreSQL has lock_timeout instead")
    options = connection.settings_dict["OPTIONS"]
    saved = dict(options)
    options["timeout"] = 0.3
    options["init_command"] = options.get("init_command", "").replace("busy_timeout=", "busy_timeout=300;--")
    connection.close()
    holder = sqlite3.connect(connection.settings_dict["NAME"], timeout=1, isolation_level=None)

    def lock() -> None:
        holder.execute("BEGIN IMMEDIATE")

    yield lock
    holder.execute("ROLLBACK") if holder.in_transaction else None
    holder.close()
    options.clear()
    options.update(saved)
    connection.close()


def test_a_busy_database_is_a_503_page_not_a_500(make_user, locked_database):
    user = make_user("busy@example.org")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    locked_database()
    started = time.monotonic()
    response = client.post("/cases/new/", {"title": "A case", "local_authority": ""})
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "The service is busy" in response.content.decode()
    assert "Nothing you sent was saved" in response.content.decode()


def test_a_busy_database_is_a_503_json_on_the_api(make_user, locked_database):
    user = make_user("busyapi@example.org")
    _, token = ApiToken.issue(user, "t")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", raise_request_exception=False)
    locked_database()
    response = client.post("/api/cases/import", data={"format": "fairwitness-case/1", "as_of": "2024-01-01"},
                           content_type="application/json")
    assert response.status_code == 503
    assert response.json()["retry_after"] == 5


def test_database_trouble_outside_a_view_is_a_503_too(rf):
    """A lock met after the view (saving the session, in middleware) reaches Django's 500 handler:
    that handler must still answer 503, and anything else the branded 500."""
    from django.db import OperationalError
    from django.urls import get_resolver

    handler = get_resolver().resolve_error_handler(500)
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        busy = handler(rf.get("/cases/"))
    assert busy.status_code == 503 and "The service is busy" in busy.content.decode()
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        broken = handler(rf.get("/cases/"))
    assert broken.status_code == 500 and "Exit this page" in broken.content.decode()


def test_case_pages_and_api_answers_are_never_cached(family):
    user, case = family
    client = Client()
    client.force_login(user)
    for url in (f"/cases/{case.public_id}/", "/cases/", f"/api/cases/{case.public_id}/events"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def _settings_in_a_fresh_process(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": SRC, "DJANGO_SETTINGS_MODULE": "fairwitness.web.settings", **env}
    full.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=60)


def test_production_refuses_a_short_secret_key(tmp_path):
    result = _settings_in_a_fresh_process(
        {"FAIRWITNESS_PRODUCTION": "1", "FAIRWITNESS_SECRET_KEY": "x", "FAIRWITNESS_DATA_DIR": str(tmp_path)},
        "import fairwitness.web.settings")
    assert result.returncode != 0
    assert "FAIRWITNESS_SECRET_KEY is too short for production" in result.stderr


def test_behind_a_configured_proxy_https_is_recognised_and_hsts_sent(tmp_path):
    code = ("from fairwitness.web import settings as s; "
            "print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None), s.SECURE_HSTS_SECONDS)")
    # Everything else production insists on (issue 10): a master key from outside the data dir, SMTP.
    env = {"FAIRWITNESS_PRODUCTION": "1", "FAIRWITNESS_SECRET_KEY": "k" * 20 + "abcdefghij" * 4,
           "FAIRWITNESS_DATA_DIR": str(tmp_path), "FAIRWITNESS_MASTER_KEY": "A" * 43 + "=",
           "FAIRWITNESS_EMAIL_HOST": "smtp.example.org"}
    plain = _settings_in_a_fresh_process(env, code)
    assert plain.stdout.split() == ["None", "31536000"], plain.stderr
    proxied = _settings_in_a_fresh_process({**env, "FAIRWITNESS_BEHIND_PROXY": "1"}, code)
    assert proxied.stdout.startswith("('HTTP_X_FORWARDED_PROTO', 'https')"), proxied.stderr


def test_a_data_folder_that_cannot_be_written_is_named_without_a_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = {**os.environ, "PYTHONPATH": SRC, "FAIRWITNESS_DATA_DIR": str(blocker / "data")}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", "from fairwitness.cli import main; main()", "export", "x", "--out", str(tmp_path / "out.json")],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "The data folder" in result.stderr and "cannot be created" in result.stderr
