"""A picture of one child's legal footings over time, as SVG, with the same facts as table rows.

One lane per footing (a child can be on a child in need footing and in care by agreement at once),
a bar for each interval, year marks along the bottom and a dashed line for the day the report is
judged at. The SVG is ``role="img"`` with a <title> and <desc>; the table that goes with it is the
text equivalent, so the picture never carries anything the words do not.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.safestring import SafeString, mark_safe

from fairwitness.law.dates import long_date
from fairwitness.law.findings import FootingInterval

FOOTING_WORDS: dict[str, str] = {
    "none": "No involvement",
    "s17": "Child in need (section 17)",
    "s47": "Child protection enquiry (section 47)",
    "cin_plan": "Child in need plan",
    "cp_plan": "Child protection plan",
    "section_20": "Care by agreement (section 20)",
    "police_protection": "Police protection",
    "epo": "Emergency protection order",
    "child_assessment_order": "Child assessment order",
    "pre_proceedings": "Pre-proceedings",
    "care_proceedings": "Care proceedings",
    "interim_care_order": "Interim care order",
    "care_order": "Care order",
    "supervision_order": "Supervision order",
    "connected_person_placement": "Living with a relative or friend",
    "looked_after": "Looked after",
    "special_guardianship_order": "Special guardianship order",
    "placement_order": "Placement order",
}

# GOV.UK colours: the voluntary footings blue/green, compulsory ones red/purple, others dark grey.
_COLOURS = {
    "s17": "#1d70b8", "cin_plan": "#1d70b8", "section_20": "#00703c", "connected_person_placement": "#00703c",
    "s47": "#912b88", "cp_plan": "#912b88", "pre_proceedings": "#912b88",
    "police_protection": "#d4351c", "epo": "#d4351c", "child_assessment_order": "#d4351c",
    "care_proceedings": "#d4351c", "interim_care_order": "#d4351c", "care_order": "#d4351c",
    "supervision_order": "#d4351c", "placement_order": "#d4351c",
}

WIDTH, LABEL_W, LANE_H, TOP, AXIS_H = 900, 250, 30, 10, 30


def footing_words(footing: str) -> str:
    return FOOTING_WORDS.get(footing, footing.replace("_", " ").capitalize())


@dataclass(frozen=True)
class TimelineRow:
    footing: str
    start: date
    end: date | None

    @property
    def label(self) -> str:
        return footing_words(self.footing)

    @property
    def period(self) -> str:
        return f"{long_date(self.start)} to {long_date(self.end) if self.end else 'now'}"


@dataclass(frozen=True)
class Timeline:
    child_id: str
    child_name: str
    svg: SafeString
    rows: list[TimelineRow]
    current: list[str]


def build(child_id: str, child_name: str, intervals: Iterable[FootingInterval], as_of: date) -> Timeline:
    mine = sorted((i for i in intervals if i.child == child_id and i.footing != "none"), key=lambda i: (i.start, i.footing))
    rows = [TimelineRow(i.footing, i.start, i.end) for i in mine]
    current = [r.footing for r in rows if r.start <= as_of and (r.end is None or as_of < r.end)]
    return Timeline(child_id, child_name, _svg(child_id, child_name, rows, as_of), rows, current or ["none"])


def _svg(child_id: str, child_name: str, rows: list[TimelineRow], as_of: date) -> SafeString:
    esc = html.escape
    uid = "tl-" + "".join(ch for ch in child_id if ch.isalnum() or ch in "-_")
    lanes: list[str] = []
    for r in rows:
        if r.footing not in lanes:
            lanes.append(r.footing)
    title = f"Legal footings over time for {child_name}"
    if not rows:
        desc = "No legal footing recorded: no involvement by children's services shows in the record."
    else:
        desc = "; ".join(f"{r.label}: {r.period}" for r in rows) + "."
    height = TOP + max(len(lanes), 1) * LANE_H + AXIS_H
    start = min((r.start for r in rows), default=as_of - timedelta(days=365))
    end = max([as_of, *(r.end for r in rows if r.end)])
    if (end - start).days < 30:
        start = end - timedelta(days=30)
    span = max((end - start).days, 1)
    plot_w = WIDTH - LABEL_W - 10

    def x(d: date) -> float:
        return LABEL_W + plot_w * ((d - start).days / span)

    parts = [
        f'<svg class="fw-timeline" role="img" aria-labelledby="{uid}-title {uid}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg" focusable="false">',
        f'<title id="{uid}-title">{esc(title)}</title>',
        f'<desc id="{uid}-desc">{esc(desc)}</desc>',
    ]
    for n, footing in enumerate(lanes):
        y = TOP + n * LANE_H
        parts.append(f'<text x="0" y="{y + LANE_H * 0.65:.0f}">{esc(footing_words(footing))}</text>')
        colour = _COLOURS.get(footing, "#505a5f")
        for r in rows:
            if r.footing != footing:
                continue
            x0, x1 = x(r.start), x(r.end or end)
            parts.append(f'<rect x="{x0:.1f}" y="{y + 5}" width="{max(x1 - x0, 3):.1f}" height="{LANE_H - 10}" '
                         f'fill="{colour}"><title>{esc(r.label)}: {esc(r.period)}</title></rect>')
    axis_y = TOP + max(len(lanes), 1) * LANE_H
    parts.append(f'<line class="fw-axis" x1="{LABEL_W}" y1="{axis_y}" x2="{WIDTH - 10}" y2="{axis_y}"/>')
    for year in range(start.year + 1, end.year + 1):
        xy = x(date(year, 1, 1))
        parts.append(f'<line class="fw-axis" x1="{xy:.1f}" y1="{axis_y}" x2="{xy:.1f}" y2="{axis_y + 6}"/>')
        parts.append(f'<text x="{xy:.1f}" y="{axis_y + 22}" text-anchor="middle">{year}</text>')
    tx = x(as_of)
    parts.append(f'<line class="fw-today" x1="{tx:.1f}" y1="{TOP}" x2="{tx:.1f}" y2="{axis_y}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
