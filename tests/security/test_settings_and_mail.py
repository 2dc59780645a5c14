"""Issue 10, finding 2 (links printed in production) and the master key kept apart from the data.

Settings are read once per process, so each start-up is a fresh interpreter."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")
KEY = base64.urlsafe_b64encode(b"k" * 32).decode()


def _start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FAIRWITNESS_")}
    clean.update({"PYTHONPATH": SRC, "DJANGO_SETTINGS_MODULE": "fairwitness.web.settings",
                  "FAIRWITNESS_DATA_DIR": str(tmp_path / "data"), **env})
    code = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"
    return subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=60)


PRODUCTION = {"FAIRWITNESS_PRODUCTION": "1", "FAIRWITNESS_SECRET_KEY": "x" * 50, "FAIRWITNESS_ALLOWED_HOSTS": "example.org"}


def test_production_refuses_to_start_without_an_smtp_host(tmp_path):
    started = _start(tmp_path, **PRODUCTION, FAIRWITNESS_MASTER_KEY=KEY)
    assert started.returncode != 0
    assert "FAIRWITNESS_EMAIL_HOST" in started.stderr


def test_production_sends_by_smtp(tmp_path):
    started = _start(tmp_path, **PRODUCTION, FAIRWITNESS_MASTER_KEY=KEY, FAIRWITNESS_EMAIL_HOST="smtp.example.org")
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"


def test_production_refuses_a_master_key_inside_the_data_dir(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "master.key").write_text(KEY)
    env = {**PRODUCTION, "FAIRWITNESS_EMAIL_HOST": "smtp.example.org"}
    in_dir = _start(tmp_path, **env, FAIRWITNESS_MASTER_KEY_FILE=str(data / "master.key"))
    assert in_dir.returncode != 0 and "inside the data dir" in in_dir.stderr
    left_behind = _start(tmp_path, **env)  # a demo-era key file left in the data dir is not picked up
    assert left_behind.returncode != 0 and "inside the data dir" in left_behind.stderr
    outside = tmp_path / "secrets" / "master.key"
    outside.parent.mkdir()
    outside.write_text(KEY)
    (data / "master.key").unlink()
    assert _start(tmp_path, **env, FAIRWITNESS_MASTER_KEY_FILE=str(outside)).returncode == 0


def test_production_needs_a_master_key(tmp_path):
    started = _start(tmp_path, **PRODUCTION, FAIRWITNESS_EMAIL_HOST="smtp.example.org")
    assert started.returncode != 0 and "FAIRWITNESS_MASTER_KEY" in started.stderr
    assert not (tmp_path / "data" / "master.key").exists()


def test_the_demo_writes_mail_to_files_and_prints_no_link(tmp_path):
    """A password reset in demo mode: the link is in a file under the data dir, not on any output."""
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command; call_command('migrate', verbosity=0)\n"
        "from django.test import Client\n"
        "from fairwitness.accounts.models import User\n"
        "User.objects.create_user('parent@example.org', 'a-long-test-password')\n"
        "Client().post('/accounts/password-reset/', {'email': 'parent@example.org'})\n"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FAIRWITNESS_")}
    clean.update({"PYTHONPATH": SRC, "DJANGO_SETTINGS_MODULE": "fairwitness.web.settings",
                  "FAIRWITNESS_DATA_DIR": str(tmp_path / "data"), "FAIRWITNESS_DEMO": "1"})
    ran = subprocess.run([sys.executable, "-c", script], env=clean, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    files = list((tmp_path / "data" / "demo-emails").glob("*.eml"))
    assert len(files) == 1 and "parent@example.org" in files[0].name
    assert "/accounts/reset/" in files[0].read_text()
    assert "/accounts/reset/" not in ran.stdout + ran.stderr
    assert "parent@example.org" not in ran.stdout + ran.stderr
