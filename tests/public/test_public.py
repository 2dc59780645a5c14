"""The public pages, a family's statistics consent, and `fairwitness statistics`."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from typer.testing import CliRunner

from tests.statistics.synthetic import COUNCILS, synthetic_facts


def _publish_synthetic():
    from fairwitness.public.publish import Prepared, record
    from fairwitness.statistics.charts import funnel_chart
    from fairwitness.statistics.release import build_release

    release = build_release(synthetic_facts(), COUNCILS, date(2026, 12, 1))
    assert release.passed
    return record(Prepared(release, [funnel_chart(f) for f in release.funnels()]),
                  pre_release_access=[{"name": "A. Analyst", "role": "production"}], synthetic=True)


def test_public_pages_before_anything_is_published(client, db):
    page = client.get("/public/")
    assert page.status_code == 200
    assert "Nothing has been published yet" in page.content.decode()


@pytest.mark.django_db
def test_england_and_council_pages_show_the_published_figures_without_sign_in(client):
    _publish_synthetic()
    page = client.get("/public/").content.decode()
    assert "Synthetic demonstration data" in page
    assert "Volume is not performance" in page
    assert '<span class="fw-symbol">c</span>' in page
    assert "Investigations upheld in whole or in part" in page
    assert "A. Analyst" not in page  # the access list is on the calendar page
    assert "A. Analyst" in client.get("/public/releases/").content.decode()
    leeds = client.get("/public/councils/E08000035/").content.decode()
    assert "Leeds" in leeds and "40" in leeds
    scilly = client.get("/public/councils/E06000053/?year=202425").content.decode()
    assert "Isles of Scilly" in scilly and '<span class="fw-symbol">c</span>' in scilly
    assert client.get("/public/councils/NOPE/").status_code == 404


@pytest.mark.django_db
def test_open_data_downloads_and_chart_and_guidance(client):
    stored = _publish_synthetic()
    response = client.get("/public/data/casework.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(response.content.decode("utf-8").splitlines()))
    assert rows and all(r["families_count"] == "c" or int(r["families_count"]) >= 10 for r in rows
                        if r["geographic_level"] == "Local authority")
    assert client.get("/public/data/casework.meta.csv").status_code == 200
    assert client.get("/public/data/../settings.csv").status_code == 404
    assert client.get("/public/data/secrets.csv").status_code == 404
    if stored.charts:
        svg = client.get(f"/public/charts/{stored.charts[0]['slug']}.svg")
        assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    guidance = client.get("/public/data-guidance/").content.decode()
    assert "How families are protected" in guidance
    pdf = client.get("/public/annual-report.pdf")
    assert pdf.content.startswith(b"%PDF")


def test_statistics_consent_is_the_familys_own_choice_and_can_be_withdrawn(client, family, other_family):
    from fairwitness.public.models import StatisticsConsent

    user, case = family
    client.force_login(user)
    page = client.get(f"/cases/{case.public_id}/statistics/").content.decode()
    assert "not counted" in page and "separate from asking us to look at your case" in page
    client.post(f"/cases/{case.public_id}/statistics/", {"choice": "yes"})
    assert StatisticsConsent.objects.filter(case=case, withdrawn_at__isnull=True).count() == 1
    client.post(f"/cases/{case.public_id}/statistics/", {"choice": "yes"})  # again: still one
    assert StatisticsConsent.objects.filter(case=case).count() == 1
    client.post(f"/cases/{case.public_id}/statistics/", {"choice": "no"})
    consent = StatisticsConsent.objects.get(case=case)
    assert consent.withdrawn_at is not None  # kept, dated: nothing is deleted
    # another family's case is not there at all
    _, other_case = other_family
    assert client.get(f"/cases/{other_case.public_id}/statistics/").status_code == 404
    assert client.post(f"/cases/{other_case.public_id}/statistics/", {"choice": "yes"}).status_code == 404
    assert not StatisticsConsent.objects.filter(case=other_case).exists()


def test_only_consented_records_give_deadlines_and_withdrawal_applies_next_time(family, other_family):
    from fairwitness.cases import actions as case_actions
    from fairwitness.public import actions
    from fairwitness.public.collect import consented_clocks

    user, case = family
    case_actions.record_event(case, user, {"kind": "referral_received", "at": "2024-01-02"})
    case_actions.record_event(case, user, {"kind": "referral_decision", "at": "2024-01-08", "decision": "assessment",
                                           "by": "local_authority"})
    other_user, other_case = other_family
    assert consented_clocks(date(2026, 12, 1)) == []
    actions.give_statistics_consent(case, user)
    clocks = consented_clocks(date(2026, 12, 1))
    assert clocks and {c.family for c in clocks} == {str(case.public_id)}
    assert {c.check for c in clocks} >= {"referral_decision"}
    assert all(c.status in ("met", "late", "missed") for c in clocks)
    actions.withdraw_statistics_consent(case, user)
    assert consented_clocks(date(2026, 12, 1)) == []


def _cli():
    from fairwitness.cli import app

    return app


@pytest.mark.django_db(transaction=True)
def test_cli_writes_the_release_then_refuses_a_second_with_the_same_cut_off(tmp_path, family):
    from fairwitness.oversight import actions as oversight
    from fairwitness.oversight.models import Concern
    from fairwitness.public.models import Release

    user, case = family
    concern = oversight.share_case(case, user, what_to_look_at="Please look", urgency="soon")
    Concern.objects.filter(pk=concern.pk).update(received_on=date(2025, 5, 1))
    result = CliRunner().invoke(_cli(), ["statistics", "--out", str(tmp_path / "rel"), "--cut-off", "2026-06-01",
                                         "--pre-release-access", "A. Analyst: production"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "rel" / "data" / "casework.csv").exists()
    assert (tmp_path / "rel" / "annual-report.pdf").read_bytes().startswith(b"%PDF")
    assert Release.objects.get().pre_release_access == [{"name": "A. Analyst", "role": "production"}]
    again = CliRunner().invoke(_cli(), ["statistics", "--out", str(tmp_path / "again"), "--cut-off", "2026-06-01"])
    assert again.exit_code == 2 and "already published" in again.output
    bad = CliRunner().invoke(_cli(), ["statistics", "--out", str(tmp_path / "x"), "--cut-off", "June"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


@pytest.mark.django_db(transaction=True)
def test_cli_refuses_a_release_an_earlier_one_would_unpick_and_names_the_cell(tmp_path, family):
    """An earlier (interim) release published Hartlepool's 2025-26 concerns exactly; this release's
    `c` for the same cell would be pinned, so nothing is written and the cell is named."""
    from fairwitness.oversight import actions as oversight
    from fairwitness.oversight.models import Concern
    from fairwitness.public.models import Release

    user, case = family
    concern = oversight.share_case(case, user, what_to_look_at="Please look", urgency="soon")
    Concern.objects.filter(pk=concern.pk).update(received_on=date(2025, 5, 1))
    Release.objects.create(label="interim", cutoff=date(2025, 12, 1), rules_version="test", periods=[],
                           publication={"figures": [["interim Hartlepool", ["202526|E06000001|received"], 1, 1]],
                                        "rates": [], "relations": []})
    out = tmp_path / "refused"
    result = CliRunner().invoke(_cli(), ["statistics", "--out", str(out), "--cut-off", "2026-06-01"])
    assert result.exit_code == 2, result.output
    assert "202526 · Hartlepool · Concerns received" in result.output and "Nothing was written" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert Release.objects.count() == 1


def test_release_calendar_is_a_year_ahead_at_half_past_nine():
    from fairwitness.public.calendar import planned

    soon = planned(date(2026, 12, 1))
    assert [p.at.date() for p in soon] == [date(2027, 7, 8)]
    assert soon[0].at.hour == 9 and soon[0].at.minute == 30
    assert [p.at.date() for p in planned(date(2026, 7, 10))] == [date(2027, 7, 8)]  # the day after: next year's


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_demo_publishes_synthetic_figures_with_suppression_and_a_funnel_once(client, settings):
    from fairwitness.public.demo import load_statistics_demo
    from fairwitness.public.models import Release

    settings.FAIRWITNESS_DEMO = True
    assert load_statistics_demo(echo=None, today=date(2026, 12, 1)) is True
    assert load_statistics_demo(echo=None, today=date(2026, 12, 1)) is False  # a second run changes nothing
    release = Release.objects.get()
    assert release.synthetic and release.periods == ["202425", "202526"] and release.charts
    counts = [r["families_count"] for r in release.tables["casework"] if r["geographic_level"] == "Local authority"]
    assert "c" in counts and any(isinstance(n, int) for n in counts)
    page = client.get("/public/").content.decode()
    assert "Synthetic demonstration data" in page and "img class=\"fw-chart\"" in page
