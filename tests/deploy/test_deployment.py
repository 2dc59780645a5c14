"""The production deployment, for real: gunicorn (two workers) against a real PostgreSQL, static
files through whitenoise, a family signing in and reading their case in Debian's Chromium, then a
backup, a restore into a fresh database and data dir, and `fairwitness verify` against the backup's
signed checkpoint. Everything as `deploy/` and `docs/deploying.md` describe it."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from fairwitness_testdb import start_postgres  # noqa: E402
from production import BIN, ROOT, createdb, free_port, prepare, production_env, start_gunicorn, stop_gunicorn  # noqa: E402

pytestmark = [pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "a-long-deployment-password"
SHOTS = Path(os.environ.get("FAIRWITNESS_ARTIFACTS", "test-artifacts")) / "screenshots"


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is not installed (make system-deps)")
    db = start_postgres()
    tmp = tmp_path_factory.mktemp("deploy")
    env = production_env(tmp, createdb(db, "fairwitness_live"), free_port(), workers=2)

    def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, **kwargs)

    prepare(env)
    seed = run(str(BIN / "fairwitness"), "manage", "shell", "-c",
               "from fairwitness.accounts.models import User; from fairwitness.cases import actions;"
               f"u = User.objects.create_user('deploy.parent@example.org', '{PASSWORD}');"
               "c = actions.create_case(u, 'Our deployed case', 'Leeds');"
               "actions.add_child(c, u, 'Robin', '2016-02-02');"
               "actions.add_person(c, u, 'Sam', 'mother', True, ['c1']);"
               "actions.record_event(c, u, {'kind': 'referral_received', 'at': '2025-01-06'});"
               "print(c.public_id)")
    assert seed.returncode == 0, seed.stderr
    case_id = seed.stdout.strip().splitlines()[-1]
    try:
        server = start_gunicorn(env, tmp / "gunicorn.log")
    except RuntimeError as exc:
        pytest.fail(str(exc))
    base = "http://" + env["FAIRWITNESS_BIND"]
    yield {"base": base, "env": env, "run": run, "case_id": case_id, "db": db, "tmp": tmp, "server": server}
    stop_gunicorn(server)


def test_health_static_files_and_headers(production):
    base = production["base"]
    with urllib.request.urlopen(base + "/healthz") as response:
        assert response.read() == b'{"status": "ok", "database": "ok", "migrations": "applied"}'
    with urllib.request.urlopen(base + "/") as response:
        html = response.read().decode()
    css = next(part.split('"')[0] for part in html.split('href="')[1:] if part.startswith("/static/") and ".css" in part.split('"')[0])
    assert "." in css.rsplit("/", 1)[-1].rsplit(".css", 1)[0], css  # hashed name: cached for a year
    with urllib.request.urlopen(base + css) as response:
        assert response.status == 200
        assert "max-age=315360000" in response.headers.get("Cache-Control", "")


def test_a_family_signs_in_and_reads_their_case_then_backup_restore_verify(production, tmp_path):
    from playwright.sync_api import sync_playwright

    base, case_id = production["base"], production["case_id"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_context(viewport={"width": 1024, "height": 800}, locale="en-GB").new_page()
        page.goto(base + "/accounts/login/")
        page.get_by_label("Email address").fill("deploy.parent@example.org")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/cases/")
        page.goto(f"{base}/cases/{case_id}/")
        assert "Our deployed case" in page.content()
        assert "referral" in page.locator("main").inner_text().lower()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "deployment-case-page.png"), full_page=True)
        browser.close()

    run, env = production["run"], production["env"]
    backup = run("bash", str(ROOT / "deploy" / "backup.sh"), str(tmp_path / "backups"))
    assert backup.returncode == 0, backup.stdout + backup.stderr
    backup_dir = backup.stdout.strip().splitlines()[-1]
    assert {"checkpoint.txt", "database.dump", "documents.tar", "SHA256SUMS"} <= {p.name for p in Path(backup_dir).iterdir()}

    restored = dict(env, DATABASE_URL=createdb(production["db"], "fairwitness_restored"),
                    FAIRWITNESS_DATA_DIR=str(tmp_path / "restored-data"))
    restore = subprocess.run(["bash", str(ROOT / "deploy" / "restore.sh"), backup_dir], env=restored, cwd=ROOT,
                             capture_output=True, text=True, timeout=300)
    assert restore.returncode == 0, restore.stdout + restore.stderr
    assert restore.stdout.startswith("OK"), restore.stdout

    # A restore that lost the newest writes is caught by the same checkpoint.
    run(str(BIN / "fairwitness"), "manage", "shell", "-c",
        "from fairwitness.accounts.models import User; from fairwitness.cases import actions;"
        "from fairwitness.cases.models import Case; u = User.objects.get(email='deploy.parent@example.org');"
        "actions.record_event(Case.objects.get(), u, {'kind': 'assessment_started', 'at': '2025-01-08'})")
    newer = run(str(BIN / "fairwitness"), "checkpoint")
    assert newer.returncode == 0, newer.stderr
    (tmp_path / "newer.txt").write_text(newer.stdout)
    stale = subprocess.run([str(BIN / "fairwitness"), "verify", "--checkpoint", str(tmp_path / "newer.txt")],
                           env=restored, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert stale.returncode != 0 and "Traceback" not in stale.stdout + stale.stderr
