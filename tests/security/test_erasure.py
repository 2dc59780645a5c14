"""Issue 10, finding 5: erasure could not be reached, and after it the old wrapped key stayed in the
SQLite WAL and unsaved drafts sat readable in django_session. Now a family asks ("Delete this case
for good"), types the case's name, can cancel during the cooling-off period, and ``fairwitness
erase-due`` (or the worker) shreds it so nothing is readable anywhere."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone
from typer.testing import CliRunner

from fairwitness.cases import actions
from fairwitness.cases.integrity import verify_database
from fairwitness.cases.models import Case
from fairwitness.ledger.store import entries_for_case


@pytest.mark.django_db
def test_the_family_asks_to_delete_and_can_cancel_during_the_cooling_off(family, make_user, client_for):
    owner, case = family
    client = client_for(owner)
    assert b"Delete this case for good" in client.get(f"/cases/{case.public_id}/").content
    page = client.get(f"/cases/{case.public_id}/delete/")
    assert b"nobody can get it back" in page.content and f"{actions.ERASURE_COOLING_OFF_DAYS} days".encode() in page.content

    wrong = client.post(f"/cases/{case.public_id}/delete/", {"confirmation": "Alice"})
    assert wrong.status_code == 200 and b"does not match the name of the case" in wrong.content
    assert Case.objects.get(pk=case.pk).erasure_due_at is None

    assert client.post(f"/cases/{case.public_id}/delete/", {"confirmation": "  alice smith's CASE "}).status_code == 302
    waiting = Case.objects.get(pk=case.pk)
    assert abs(waiting.erasure_due_at - timezone.now() - timedelta(days=actions.ERASURE_COOLING_OFF_DAYS)) < timedelta(minutes=1)
    assert b"will be deleted for good on" in client.get(f"/cases/{case.public_id}/").content

    member = make_user("member@example.org")
    actions.accept_invitation(actions.invite_member(case, owner, member.email).token, member)
    assert client_for(member).post(f"/cases/{case.public_id}/delete/cancel/").status_code == 404  # the owner's choice

    assert actions.carry_out_due_erasures() == []  # not before the cooling-off ends
    assert client.post(f"/cases/{case.public_id}/delete/cancel/").status_code == 302
    assert Case.objects.get(pk=case.pk).erasure_due_at is None
    assert actions.carry_out_due_erasures(now=timezone.now() + timedelta(days=60)) == []
    kinds = [e["action"] for e in entries_for_case(str(case.public_id))]
    assert kinds.index("erasure_requested") < kinds.index("erasure_cancelled")


@pytest.mark.django_db
def test_the_erase_due_command_shreds_cases_whose_cooling_off_ended(family, other_family):
    from fairwitness.cli import app

    owner, case = family
    actions.request_erasure(case, owner, "Alice Smith's case")
    Case.objects.filter(pk=case.pk).update(erasure_due_at=timezone.now() - timedelta(seconds=1))
    result = CliRunner().invoke(app, ["erase-due"])
    assert result.exit_code == 0, result.output
    assert "Erased 1 case(s)" in result.output and "Alice" not in result.output
    erased = Case.objects.get(pk=case.pk)
    assert erased.is_erased and erased.wrapped_key is None and erased.title == "Erased case"
    assert not Case.objects.get(pk=other_family[1].pk).is_erased
    last = entries_for_case(str(case.public_id))[-1]
    assert last["action"] == "case_erased" and last["objects"]["reason"] == "family_request"
    report = verify_database()
    assert report.ok, report.problems


@pytest.mark.django_db(transaction=True)
def test_after_erasure_no_copy_of_the_key_or_the_draft_is_readable(family, client_for):
    """The SQLite file and its WAL hold no copy of the destroyed wrapped key; the session's draft of
    an unsaved event cannot be read."""
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL half is test_postgres_rewrites_the_case_table_after_erasure")
    owner, case = family
    client = client_for(owner)
    draft_words = "Unsaved draft about Yelverton Pimm"
    response = client.post(f"/cases/{case.public_id}/record/visit/home_visit/", {
        "at-day": "4", "at-month": "6", "at-year": "2024", "agreement_person": "p2", "agreement_asked": "yes",
        "agreement_decision": "given", "agreement_informed": "yes", "agreement_in_writing": "no",
        "pressure_any": "no", "source": "family", "note": draft_words})
    assert response.status_code == 302  # to the check page: the draft waits in the session
    session_rows = [s.get_decoded() for s in Session.objects.all()]
    assert session_rows and draft_words not in repr(session_rows)  # sealed under the case key

    wrapped = bytes(Case.objects.get(pk=case.pk).wrapped_key)
    db_file = Path(connection.settings_dict["NAME"])
    actions.request_erasure(case, owner, "Alice Smith's case")
    actions.carry_out_due_erasures(now=timezone.now() + timedelta(days=actions.ERASURE_COOLING_OFF_DAYS, minutes=1))

    wal = Path(str(db_file) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert wrapped not in db_file.read_bytes()
    assert actions.open_draft(Case.objects.get(pk=case.pk), "any", "AAAA") is None


@pytest.mark.django_db(transaction=True)
def test_postgres_rewrites_the_case_table_after_erasure(family):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    owner, case = family
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_filepath('cases_case')")
        before = cursor.fetchone()[0]
    actions.erase_case(case, owner)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_filepath('cases_case')")
        after = cursor.fetchone()[0]
        cursor.execute("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'cases_case'")
    assert before != after  # VACUUM FULL wrote the table anew; the file with the old row version is gone
    assert settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
