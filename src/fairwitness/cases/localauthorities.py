"""The English children's services authorities, loaded from the CSV shipped in cases/data/."""

from __future__ import annotations

import csv
from datetime import date
from importlib import resources
from typing import Any

CSV_NAME = "local-authorities-england.csv"


def rows() -> list[dict[str, Any]]:
    text = resources.files("fairwitness.cases").joinpath("data", CSV_NAME).read_text(encoding="utf-8")
    out = []
    for raw in csv.DictReader(text.splitlines()):
        out.append({
            "ons_code": raw["ons_code"].strip(),
            "name": raw["name"].strip(),
            "official_name": raw["official_name"].strip(),
            "type": raw["type"].strip(),
            "region": raw["region"].strip(),
            "dfe_la_code": raw["dfe_la_code"].strip(),
            "in_use_from": date.fromisoformat(raw["in_use_from"]) if raw["in_use_from"].strip() else None,
            "in_use_to": date.fromisoformat(raw["in_use_to"]) if raw["in_use_to"].strip() else None,
            "replaced_by": raw["replaced_by"].strip(),
        })
    return out


def load(model: Any) -> int:
    """Insert or refresh every row (idempotent). ``model`` is LocalAuthority, real or historical."""
    count = 0
    for row in rows():
        code = row.pop("ons_code")
        model.objects.update_or_create(ons_code=code, defaults=row)
        count += 1
    return count


def ensure_loaded() -> None:
    from fairwitness.cases.models import LocalAuthority

    if not LocalAuthority.objects.exists():
        load(LocalAuthority)
