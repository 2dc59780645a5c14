"""Build, render and record a release from the current database. The CLI, the demo and the tests
all come through here, so the audit gate can never be skipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from fairwitness.public.collect import collect, councils
from fairwitness.public.models import Release as StoredRelease
from fairwitness.statistics.charts import Chart, funnel_chart
from fairwitness.statistics.opendata import release_id, write_release
from fairwitness.statistics.release import EarlierRelease, Release, build_release, publication_to_json
from fairwitness.statistics.report import report_pdf


class GateRefused(Exception):
    def __init__(self, release: Release):
        self.release = release
        super().__init__("; ".join(str(f) for f in release.failures))


@dataclass
class Prepared:
    release: Release
    charts: list[Chart]


def earlier_releases() -> list[EarlierRelease]:
    return [EarlierRelease(r.label, r.periods, r.tables, r.publication) for r in StoredRelease.objects.all()]


def prepare(cutoff: date) -> Prepared:
    """Count, protect and audit; raises GateRefused naming the cells if the gate fails."""
    release = build_release(collect(cutoff), councils(), cutoff, earlier_releases())
    if not release.passed:
        raise GateRefused(release)
    return Prepared(release, [funnel_chart(f) for f in release.funnels()])


def chart_rows(prepared: Prepared) -> list[dict[str, Any]]:
    funnels = prepared.release.funnels()
    return [{"slug": c.slug, "title": c.title, "svg": c.svg, "alt": c.alt, "time_period": f.time_period,
             "measure": f.measure} for c, f in zip(prepared.charts, funnels, strict=True)]


def write_files(prepared: Prepared, out: Path, *, synthetic: bool = False) -> list[Path]:
    extra = {f"charts/{c.slug}.svg": c.svg.encode("utf-8") for c in prepared.charts}
    extra["annual-report.pdf"] = report_pdf(prepared.release, prepared.charts, synthetic=synthetic)
    return write_release(prepared.release, out, extra)


def record(prepared: Prepared, *, pre_release_access: list[dict[str, str]], synthetic: bool = False,
           manifest: dict[str, Any] | None = None) -> StoredRelease:
    r = prepared.release
    with transaction.atomic():
        return StoredRelease.objects.create(
            label=release_id(r), cutoff=r.cutoff, rules_version=r.rules_version, periods=r.periods,
            new_periods=r.new_periods, tables=r.tables, publication=publication_to_json(r.publication),
            charts=chart_rows(prepared), suppressed=r.suppressed, manifest=manifest or {},
            pre_release_access=pre_release_access, synthetic=synthetic)


def latest() -> StoredRelease | None:
    return StoredRelease.objects.order_by("-published_at", "-pk").first()
