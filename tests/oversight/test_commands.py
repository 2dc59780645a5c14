"""`fairwitness oversight demo-code` and `oversight overdue` run as the docs show them: no
environment to set, no traceback. Each runs in a fresh process, as a person at a terminal would."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "FAIRWITNESS_DEMO", "FAIRWITNESS_PRODUCTION", "DATABASE_URL")}
    env.update(PYTHONPATH=SRC, FAIRWITNESS_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, "-c", "from fairwitness.cli import app; app()", *args],
                          capture_output=True, text=True, env=env, timeout=120, cwd=data_dir)


def test_demo_code_prints_a_code_with_no_environment(tmp_path):
    result = _run("oversight", "demo-code", "liaison@example.org", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d{6}\n", result.stdout)


def test_demo_code_names_the_demo_staff_for_an_unknown_address(tmp_path):
    result = _run("oversight", "demo-code", "nobody@example.org", data_dir=tmp_path)
    assert result.returncode == 2 and "reviewer@example.org" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_overdue_says_how_to_set_up_rather_than_crash(tmp_path):
    result = _run("oversight", "overdue", data_dir=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "ImproperlyConfigured" not in result.stderr and "Traceback" not in result.stderr
    assert "fairwitness demo" in result.stderr
    _run("manage", "migrate", "--verbosity", "0", data_dir=tmp_path)
    result = _run("oversight", "overdue", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "No information requests" in result.stdout
