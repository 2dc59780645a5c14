from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))

from fairwitness_fixtures import *  # noqa: E402,F401,F403
