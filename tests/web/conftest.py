"""Database fixtures for the web tests: SQLite by default, PostgreSQL 15 with FAIRWITNESS_TEST_DB=postgres."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fairwitness_fixtures import *  # noqa: E402,F403
