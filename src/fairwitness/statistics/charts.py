"""Funnel plots, drawn with Altair and rendered to SVG by vl-convert (no browser, no network).
Every chart comes with alt text saying what it shows; pages put a table of the same numbers beside it."""

from __future__ import annotations

import re
from dataclasses import dataclass

import altair as alt
import vl_convert

from fairwitness.statistics import periods
from fairwitness.statistics.intervals import ABOVE, BELOW, funnel_limits
from fairwitness.statistics.release import Funnel

# Colours with at least 3:1 contrast on white (WCAG 1.4.11); the limits differ by dash as well as colour.
INK, MID, LIGHT, FLAG = "#0b0c0c", "#505a5f", "#6f777b", "#d4351c"


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    svg: str
    alt: str


def slug(funnel: Funnel) -> str:
    return re.sub(r"[^a-z0-9]+", "-", f"{funnel.measure} {funnel.time_period}".lower()).strip("-")


def alt_text(funnel: Funnel) -> str:
    above = [p.la_name for p in funnel.points if p.position == ABOVE]
    below = [p.la_name for p in funnel.points if p.position == BELOW]
    text = (f"Funnel plot of {funnel.measure.lower()} in {periods.label(int(funnel.time_period[:4]))}: "
            f"{len(funnel.points)} council{'s' if len(funnel.points) != 1 else ''} shown against England's rate of "
            f"{round(funnel.england_percent * 100)}%, with 95% and 99.8% limits that narrow as the number of cases grows. ")
    if above or below:
        parts = []
        if above:
            parts.append("above the 99.8% limit: " + ", ".join(above))
        if below:
            parts.append("below the 99.8% limit: " + ", ".join(below))
        text += "Outside the expected range, " + "; ".join(parts) + "."
    else:
        text += "Every council shown lies within the range expected by chance."
    return text


def funnel_chart(funnel: Funnel) -> Chart:
    largest = max(p.denominator for p in funnel.points)
    top = max(20, int(largest * 1.25))
    curve = []
    for n in range(5, top + 1, max(1, top // 120)):
        limits = funnel_limits(funnel.england_percent, n)
        for name, value in (("95% limits", limits.lower_95), ("95% limits", limits.upper_95),
                            ("99.8% limits", limits.lower_998), ("99.8% limits", limits.upper_998)):
            curve.append({"n": n, "rate": round(100 * value, 2), "line": name,
                          "side": "lower" if value < funnel.england_percent else "upper"})
    points = [{"n": p.denominator, "rate": p.percent, "council": p.la_name, "position": p.position} for p in funnel.points]
    x = alt.X("n:Q", title="Number of cases (rounded to the nearest 5)", scale=alt.Scale(domain=[0, top]))
    y = alt.Y("rate:Q", title="Rate (%)", scale=alt.Scale(domain=[0, 100]))
    limits_layer = alt.Chart(alt.Data(values=curve)).mark_line(strokeWidth=1.5, color=MID).encode(
        x=x, y=y, detail="side:N",
        strokeDash=alt.StrokeDash("line:N", title="Limits", scale=alt.Scale(domain=["95% limits", "99.8% limits"],
                                                                          range=[[6, 3], [2, 2]])))
    centre = alt.Chart(alt.Data(values=[{"rate": round(100 * funnel.england_percent, 2)}])).mark_rule(
        color=INK, strokeWidth=1).encode(y="rate:Q")
    dots = alt.Chart(alt.Data(values=points)).mark_point(filled=True, size=70, color=INK).encode(
        x=x, y=y, shape=alt.Shape("position:N", title="Council",
                                  scale=alt.Scale(domain=["within expected range", ABOVE, BELOW],
                                                  range=["circle", "triangle-up", "triangle-down"])))
    labels = dots.mark_text(align="left", dx=7, fontSize=11, color=INK).encode(text="council:N")
    title = f"{funnel.measure}, {periods.label(int(funnel.time_period[:4]))}"
    chart = alt.layer(limits_layer, centre, dots, labels).properties(
        width=560, height=320, title=title).configure(font="DejaVu Sans").configure_axis(labelColor=INK, titleColor=INK)
    svg = vl_convert.vegalite_to_svg(chart.to_dict())
    return Chart(slug(funnel), title, svg, alt_text(funnel))
