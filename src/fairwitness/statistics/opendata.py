"""Write a release as open data in the layout of explore-education-statistics: one tidy UTF-8 CSV per
table with its ``.meta.csv``, the data guidance, a Frictionless ``datapackage.json`` and a
``release.json`` holding every file's SHA-256."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

from fairwitness.statistics import periods
from fairwitness.statistics.disclosure import RULES_VERSION, SYMBOLS, THRESHOLD
from fairwitness.statistics.release import Release
from fairwitness.statistics.tables import CATALOGUE, TableSpec

META_COLUMNS = ["col_name", "col_type", "label", "indicator_grouping", "indicator_unit", "indicator_dp",
                "filter_hint", "filter_grouping_column"]


def table_csv(spec: TableSpec, rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=spec.columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in spec.columns})
    return buffer.getvalue()


def meta_csv(spec: TableSpec) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=META_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for f in spec.filters:
        writer.writerow({"col_name": f.name, "col_type": "Filter", "label": f.label, "indicator_grouping": "",
                         "indicator_unit": "", "indicator_dp": "", "filter_hint": f.hint, "filter_grouping_column": ""})
    for i in spec.indicators:
        writer.writerow({"col_name": i.name, "col_type": "Indicator", "label": i.label, "indicator_grouping": "",
                         "indicator_unit": i.unit, "indicator_dp": "" if i.dp is None else i.dp, "filter_hint": "",
                         "filter_grouping_column": ""})
    return buffer.getvalue()


def data_guidance(release: Release) -> str:
    years = ", ".join(periods.label(periods.year_from_time_period(tp)) for tp in release.periods) or "none yet"
    lines = [
        "# Fair Witness: concerns about children's services, data guidance", "",
        f"Financial years covered: {years}. Rules version {RULES_VERSION}. Figures cut off on "
        f"{release.cutoff.isoformat()}.", "",
        "## What these figures are", "",
        "Counts of the concerns families brought to Fair Witness, an independent body, about the children's services "
        "of English councils; what we found; whether councils answered our questions and carried out our "
        "recommendations on time; and, only where a family agreed to their record being used for statistics, "
        "whether the law's deadlines were met in that record (as our law engine judged them).", "",
        "## What they do not show", "",
        "- **Volume is not performance.** More concerns about a council can mean more families know about us, or a "
        "council that tells families how to complain; a bigger population brings more concerns. A rise from 2 to 4 "
        "means nothing.",
        "- The data are volunteered: families choose to come to us. They are not a sample of all families.",
        "- For the official picture see the Local Government and Social Care Ombudsman's annual review letters and "
        "the Department for Education's children in need and children looked after statistics.", "",
        "## How families are protected", "",
        "The unit is the family. A council knows every family that complained to it, so:", "",
        f"- every count from 0 to {THRESHOLD - 1} at council level (and for England) is shown as `c`;",
        "- counts of 10 or more are rounded to the nearest 5; totals are rounded on their own, so rows need not add up;",
        "- a rate is shown only when its numerator and the rest of its denominator are both 10 or more, as a whole "
        "percentage with Wilson 95% confidence limits and the rounded denominator;",
        "- an event count (answers, recommendations, deadlines) is `c` when one family holds more than half of it;",
        "- before release, an audit solves for the tightest bounds anyone could put on every `c` from everything "
        "published for the same years, in this release and earlier ones; where a `c` could be pinned, a "
        "neighbouring figure is also shown as `c`, so a `c` can hide a larger count;",
        "- each financial year is published once it has ended, and then frozen: a concern counts in the year it was "
        "shared with us, an outcome in the year it was issued. A family that withdraws its agreement is left out "
        "from the next release; figures already published are not re-cut.", "",
        "## Comparing councils", "",
        "There are no rankings. Each rate is shown on a funnel plot against its denominator, with England's rate as "
        "the centre line and exact binomial 95% and 99.8% limits. About 1 council in 20 lies outside the 95% limits by "
        "chance alone, so only a council outside the 99.8% limits is marked, as `above 99.8% limit` or "
        "`below 99.8% limit`.", "",
        "## Symbols", "",
        "- `c`: confidential, withheld to protect families;",
        "- `x`: not available (not collected, or England's rate is withheld so no position can be given);",
        "- `z`: not applicable.", "",
        "## Files", "",
    ]
    for spec in CATALOGUE:
        lines.append(f"- `data/{spec.name}.csv` ({spec.title}): {spec.summary} Filters: "
                     + ", ".join(f"`{f.name}`" for f in spec.filters) + ". Indicators: "
                     + ", ".join(f"`{i.name}`" for i in spec.indicators) + ".")
    lines += ["", "Every file has a `.meta.csv` describing its filters and indicators. Council rows carry DfE's "
              "three-digit code (`old_la_code`) and the ONS code (`new_la_code`); a council that did not exist in a "
              "year has no row for it.", "",
              "## Revisions", "",
              "Published years are not revised except to correct an error. A correction is released as a new "
              "version with its scale, cause and effect explained here, and goes through the same audit.", ""]
    return "\n".join(lines)


def datapackage(release: Release) -> dict[str, Any]:
    resources = []
    for spec in CATALOGUE:
        fields = [{"name": c, "type": "string"} for c in spec.columns]
        for f in fields:
            if f["name"] in {i.name for i in spec.indicators} and f["name"] != "funnel_position":
                f["type"] = "integer"
        resources.append({"name": spec.name, "path": f"data/{spec.name}.csv", "format": "csv", "encoding": "utf-8",
                          "title": spec.title, "description": spec.summary,
                          "schema": {"fields": fields, "missingValues": list(SYMBOLS)}})
    return {"name": "fair-witness-statistics", "title": "Fair Witness: concerns about children's services",
            "licenses": [{"name": "OGL-UK-3.0"}], "resources": resources}


def write_release(release: Release, out: Path, extra: dict[str, bytes] | None = None) -> list[Path]:
    """Write the open data (and any ``extra`` files, e.g. charts and the report) under ``out``;
    returns the files written, ``release.json`` last."""
    files: dict[str, bytes] = {}
    for spec in CATALOGUE:
        rows = release.tables.get(spec.name, [])
        files[f"data/{spec.name}.csv"] = table_csv(spec, rows).encode("utf-8")
        files[f"data/{spec.name}.meta.csv"] = meta_csv(spec).encode("utf-8")
    files["data-guidance.md"] = data_guidance(release).encode("utf-8")
    files["datapackage.json"] = (json.dumps(datapackage(release), indent=2) + "\n").encode("utf-8")
    files.update(extra or {})
    written = []
    for name, content in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    manifest = {"release": release_id(release), "cut_off": release.cutoff.isoformat(), "rules": RULES_VERSION,
                "periods": release.periods, "new_periods": release.new_periods,
                "files": {name: hashlib.sha256(content).hexdigest() for name, content in sorted(files.items())}}
    (out / "release.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    written.append(out / "release.json")
    return written


def release_id(release: Release) -> str:
    return f"fw-{release.cutoff.isoformat()}"
