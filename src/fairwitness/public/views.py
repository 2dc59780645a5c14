"""Public pages (no sign-in): England, each council, the open data, the release calendar. They read
only what a release published (symbols and all); nothing here touches a case. The one signed-in page
is a family's own choice about statistical use of its record."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods

from fairwitness.cases import policy
from fairwitness.cases.models import LocalAuthority
from fairwitness.public import actions, calendar
from fairwitness.public.models import Release as StoredRelease
from fairwitness.public.publish import latest
from fairwitness.statistics import periods
from fairwitness.statistics.councils import REGION_CODES
from fairwitness.statistics.opendata import data_guidance, meta_csv, table_csv
from fairwitness.statistics.tables import (
    BY_NAME,
    CASEWORK,
    COUNCIL_MEASURES,
    LOCAL_AUTHORITY,
    NATIONAL,
    TOTAL,
)

MEASURE_NOTES = {
    "Investigations upheld in whole or in part": "Of the investigations we concluded that year, how many found the "
                                                  "council at fault on at least one issue.",
    "Council answered our questions on time": "Of our requests for information that fell due that year, how many the "
                                              "council answered by the due date.",
    "Recommendations carried out by their due date": "Of our recommendations that fell due that year, how many the "
                                                     "council carried out by the due date.",
    "Statutory deadlines met (records shared for statistics)": "Of the law's deadlines in records families let us "
                                                               "count, how many the council met.",
}


def _year(release: StoredRelease, request: HttpRequest) -> str | None:
    wanted = request.GET.get("year", "")
    if wanted in release.periods:
        return wanted
    return release.periods[-1] if release.periods else None


def _rows(release: StoredRelease, table: str, year: str, **match: str) -> list[dict[str, Any]]:
    return [r for r in release.tables.get(table, [])
            if str(r["time_period"]) == year and all(r.get(k) == v for k, v in match.items())]


def _years(release: StoredRelease) -> list[dict[str, str]]:
    return [{"value": tp, "label": periods.label(periods.year_from_time_period(tp))} for tp in reversed(release.periods)]


def _rate_view(row: dict[str, Any]) -> dict[str, Any]:
    shown = isinstance(row.get("rate_percent"), int)
    return {"measure": row.get("measure") or row.get("standard"), "note": MEASURE_NOTES.get(row.get("measure", ""), ""),
            "denominator": row["denominator_count"], "shown": shown, "rate": row["rate_percent"],
            "lower": row["rate_lower_ci"], "upper": row["rate_upper_ci"],
            "england": row.get("england_rate_percent"), "position": row.get("funnel_position", "")}


def _casework_view(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"measure": r["measure"] if r["breakdown_topic"] == TOTAL else f"{r['measure']}: {r['breakdown']}",
             "kind": r["breakdown_topic"] != TOTAL, "count": r["families_count"]} for r in rows]


def _charts(release: StoredRelease, year: str, highlight: str | None = None) -> list[dict[str, Any]]:
    """Each funnel plot of the year with the table of its numbers (the council's own row first)."""
    out = []
    for chart in release.charts:
        if chart["time_period"] != year:
            continue
        rows = [r for r in _rows(release, COUNCIL_MEASURES.name, year, measure=chart["measure"],
                                 geographic_level=LOCAL_AUTHORITY) if isinstance(r.get("rate_percent"), int)]
        rows.sort(key=lambda r: (r["new_la_code"] != highlight, r["la_name"]))
        out.append({**chart, "rows": rows})
    return out


def _councils_by_region() -> list[dict[str, Any]]:
    from fairwitness.cases.localauthorities import ensure_loaded

    ensure_loaded()
    regions: dict[str, list[LocalAuthority]] = {}
    for la in LocalAuthority.objects.filter(in_use_to__isnull=True).order_by("name"):
        regions.setdefault(la.region, []).append(la)
    return [{"name": name, "councils": regions.get(name, [])} for name in REGION_CODES if regions.get(name)]


def england(request: HttpRequest) -> HttpResponse:
    release = latest()
    context: dict[str, Any] = {"release": release, "regions": _councils_by_region(),
                               "planned": calendar.planned(_today())}
    if release is not None and (year := _year(release, request)):
        context.update(
            year=year, year_label=periods.label(periods.year_from_time_period(year)), years=_years(release),
            casework=_casework_view(_rows(release, CASEWORK.name, year, geographic_level=NATIONAL)),
            rates=[_rate_view(r) for r in _rows(release, COUNCIL_MEASURES.name, year, geographic_level=NATIONAL)],
            standards=[_rate_view(r) for r in _rows(release, "service_standards", year)],
            charts=_charts(release, year), downloads=_downloads())
    return render(request, "public/england.html", context)


def council(request: HttpRequest, code: str) -> HttpResponse:
    la = LocalAuthority.objects.filter(ons_code=code).first()
    if la is None:
        raise Http404("No such council")
    release = latest()
    context: dict[str, Any] = {"la": la, "release": release}
    if release is not None and (year := _year(release, request)):
        casework = _rows(release, CASEWORK.name, year, new_la_code=code)
        context.update(
            year=year, year_label=periods.label(periods.year_from_time_period(year)), years=_years(release),
            existed=bool(casework), casework=_casework_view(casework),
            rates=[_rate_view(r) for r in _rows(release, COUNCIL_MEASURES.name, year, new_la_code=code)],
            charts=_charts(release, year, highlight=code), downloads=_downloads())
    return render(request, "public/council.html", context)


def _downloads() -> list[dict[str, str]]:
    return [{"name": spec.name, "title": spec.title, "summary": spec.summary} for spec in BY_NAME.values()]


def data_file(request: HttpRequest, filename: str) -> HttpResponse:
    release = latest()
    match = re.fullmatch(r"([a-z_]+)(\.meta)?\.csv", filename)
    if release is None or match is None or match.group(1) not in BY_NAME:
        raise Http404("No such file")
    spec = BY_NAME[match.group(1)]
    text = meta_csv(spec) if match.group(2) else table_csv(spec, release.tables.get(spec.name, []))
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def chart(request: HttpRequest, slug: str) -> HttpResponse:
    release = latest()
    found = next((c for c in (release.charts if release else []) if c["slug"] == slug), None)
    if found is None:
        raise Http404("No such chart")
    return HttpResponse(found["svg"], content_type="image/svg+xml")


def _stored_as_release(release: StoredRelease) -> Any:
    from fairwitness.statistics.audit import Publication
    from fairwitness.statistics.release import Release

    return Release(release.cutoff, release.periods, release.new_periods, release.tables, Publication(),
                   release.suppressed, [], release.rules_version)


def _markdown(text: str) -> SafeString:
    """The data guidance's own small markdown (headings, bullets, paragraphs, `code`, **bold**) as HTML."""
    def inline(line: str) -> str:
        line = escape(line)
        line = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", line)
        return re.sub(r"`(.+?)`", r"<code>\1</code>", line)

    html, in_list = [], False
    for line in text.splitlines():
        if line.startswith("- "):
            if not in_list:
                html.append('<ul class="govuk-list govuk-list--bullet">')
                in_list = True
            html.append(f"<li>{inline(line[2:])}</li>")
            continue
        if in_list:
            html.append("</ul>")
            in_list = False
        if line.startswith("## "):
            html.append(f'<h2 class="govuk-heading-m">{inline(line[3:])}</h2>')
        elif line.startswith("# "):
            html.append(f'<h1 class="govuk-heading-l">{inline(line[2:])}</h1>')
        elif line.strip():
            html.append(f'<p class="govuk-body">{inline(line)}</p>')
    if in_list:
        html.append("</ul>")
    return mark_safe("\n".join(html))  # noqa: S308 - every piece of text above is escaped


def guidance(request: HttpRequest) -> HttpResponse:
    release = latest()
    if release is None:
        return render(request, "public/guidance.html", {"release": None})
    return render(request, "public/guidance.html", {"release": release,
                                                     "body": _markdown(data_guidance(_stored_as_release(release)))})


def annual_report(request: HttpRequest) -> HttpResponse:
    from fairwitness.statistics.charts import Chart
    from fairwitness.statistics.report import report_pdf

    release = latest()
    if release is None:
        raise Http404("Nothing has been published yet")
    charts = [Chart(c["slug"], c["title"], c["svg"], c["alt"]) for c in release.charts]
    pdf = report_pdf(_stored_as_release(release), charts, synthetic=release.synthetic)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="fair-witness-annual-statistics-{release.cutoff}.pdf"'
    return response


def releases(request: HttpRequest) -> HttpResponse:
    return render(request, "public/releases.html", {
        "planned": calendar.planned(_today()), "published": list(StoredRelease.objects.order_by("-published_at")),
        "release": latest()})


def _today() -> Any:
    from fairwitness.cases.law import today

    return today()


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = policy.case_for_user_or_404(request.user, public_id, policy.SHARE_WITH_OVERSIGHT)  # else a 404
    if request.method == "POST":
        choice = request.POST.get("choice")
        try:
            if choice == "yes":
                actions.give_statistics_consent(case, request.user)
                messages.success(request, "Thank you. From the next release, the deadlines in your record will be "
                                          "counted in our public figures, with no one named.")
            elif choice == "no":
                actions.withdraw_statistics_consent(case, request.user)
                messages.success(request, "Your record will not be counted from the next release.")
        except policy.PermissionDenied:
            raise Http404("No such case") from None
        return redirect("public:consent", public_id=case.public_id)
    return render(request, "public/consent.html", {"case": case, "live": actions.live_consent(case),
                                                   "history": case.statistics_consents.order_by("-given_at")})
