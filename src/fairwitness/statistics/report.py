"""The annual report as a PDF (WeasyPrint, Debian's DejaVu fonts, nothing fetched): England's
figures, the council tables, our own service standards, the funnel plots, the method, revisions."""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from fairwitness.law.dates import long_date
from fairwitness.statistics import periods
from fairwitness.statistics.charts import Chart
from fairwitness.statistics.disclosure import RULES_VERSION
from fairwitness.statistics.opendata import data_guidance
from fairwitness.statistics.release import Release
from fairwitness.statistics.tables import (
    COUNCIL_MEASURES,
    LOCAL_AUTHORITY,
    NATIONAL,
    SERVICE_STANDARDS,
    TOTAL,
)

CSS = """
@page { size: A4; margin: 18mm 16mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #0b0c0c; }
h1 { font-size: 20pt; } h2 { font-size: 14pt; margin-top: 18pt; } h3 { font-size: 11pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 3pt 4pt; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; }
.note { color: #505a5f; }
img { width: 100%; }
"""


def _cell(value: Any) -> str:
    return escape(str(value))


def _rows(release: Release, table: str, year: str, level: str) -> list[dict[str, Any]]:
    return [r for r in release.tables.get(table, []) if str(r["time_period"]) == year and r["geographic_level"] == level]


def report_html(release: Release, charts: list[Chart], body_name: str = "Fair Witness", synthetic: bool = False) -> str:
    out = [f"<html><head><meta charset='utf-8'><title>{escape(body_name)}: annual statistics</title>"
           f"<style>{CSS}</style></head><body>"]
    out.append(f"<h1>{escape(body_name)}: concerns about children's services in England</h1>")
    out.append(f"<p>Annual statistics, cut off {long_date(release.cutoff)}. Rules {RULES_VERSION}.</p>")
    if synthetic:
        out.append("<p><strong>Synthetic demonstration data: these figures describe no real family or council.</strong></p>")
    out.append("<p class='note'>Volume is not performance: more concerns can mean more families know about us. "
               "The data are volunteered. <code>c</code> marks a figure withheld to protect families.</p>")
    for tp in reversed(release.periods):
        label = periods.label(periods.year_from_time_period(tp))
        out.append(f"<h2>{label}: England</h2><table><tr><th>Measure</th><th class='n'>Families</th></tr>")
        for r in _rows(release, "casework", tp, NATIONAL):
            name = r["measure"] + ("" if r["breakdown_topic"] == TOTAL else f": {r['breakdown']}")
            out.append(f"<tr><td>{_cell(name)}</td><td class='n'>{_cell(r['families_count'])}</td></tr>")
        out.append("</table><table><tr><th>Rate</th><th class='n'>Of</th><th class='n'>Rate</th>"
                   "<th class='n'>95% limits</th></tr>")
        for table in (COUNCIL_MEASURES.name, SERVICE_STANDARDS.name):
            for r in _rows(release, table, tp, NATIONAL):
                name = r.get("measure") or r.get("standard")
                pct = r["rate_percent"]
                limits = f"{r['rate_lower_ci']}–{r['rate_upper_ci']}%" if isinstance(pct, int) else "c"
                out.append(f"<tr><td>{_cell(name)}</td><td class='n'>{_cell(r['denominator_count'])}</td>"
                           f"<td class='n'>{_cell(pct)}{'%' if isinstance(pct, int) else ''}</td>"
                           f"<td class='n'>{limits}</td></tr>")
        out.append("</table>")
        councils = [r for r in _rows(release, "casework", tp, LOCAL_AUTHORITY)
                    if r["breakdown_topic"] == TOTAL and r["measure"] == "Concerns received"
                    and isinstance(r["families_count"], int)]
        out.append(f"<h3>Councils with figures that can be shown, {label}</h3>")
        if councils:
            out.append("<table><tr><th>Council</th><th class='n'>Concerns received</th></tr>")
            out += [f"<tr><td>{_cell(r['la_name'])}</td><td class='n'>{_cell(r['families_count'])}</td></tr>"
                    for r in councils]
            out.append("</table><p class='note'>Every other council: <code>c</code> (0 to 9, or withheld).</p>")
        else:
            out.append("<p>No council had enough concerns for its figures to be shown.</p>")
    for chart in charts:
        data = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
        out.append(f"<h3>{escape(chart.title)}</h3><img src='data:image/svg+xml;base64,{data}' alt='{escape(chart.alt)}'>"
                   f"<p class='note'>{escape(chart.alt)}</p>")
    out.append("<h2>Method and revisions</h2>")
    for line in data_guidance(release).splitlines():
        if line.startswith("#"):
            continue
        if line.strip():
            out.append(f"<p>{escape(line.lstrip('- ').replace('`', ''))}</p>")
    out.append("</body></html>")
    return "".join(out)


def report_pdf(release: Release, charts: list[Chart], **kwargs: Any) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html(release, charts, **kwargs)).write_pdf()
