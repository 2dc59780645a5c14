"""Issue 12 point 7: the evidence pack. Nothing unapproved reaches it; redaction removes every
recorded name; a family sees only its own offer; withdrawal after sign-off leaves the next pack."""

from __future__ import annotations

import io
import zipfile

import pytest
from typer.testing import CliRunner

ACCOUNT = ("On 12 March 2024 a social worker came to see Poppy Smith, aged 8, at the blue house on Mill Lane in "
           "Hartlepool. Alice Smith was not asked for consent. Bob Smith’s letter of 2024-04-02 was ignored, and "
           "poppy's school was told before we were.")


@pytest.fixture
def staff(make_user):
    from fairwitness.oversight.models import StaffRole

    def make(email: str, role: str):
        user = make_user(email)
        StaffRole.objects.create(user=user, role=role)
        return user

    return make("reviewer@example.org", "reviewer"), make("senior@example.org", "senior_reviewer")


def _staff_client(user):
    from tests.oversight.conftest import verified_client  # signed in, second factor verified

    return verified_client(user)


def _pack_text():
    from datetime import date

    from fairwitness.public import pack

    made = pack.build(date(2026, 12, 1))
    return made, pack.to_html(made)


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode()


def _to_state(state, case, user, staff):
    """An account brought to ``state`` through the real actions."""
    from fairwitness.public import evidence

    reviewer, senior = staff
    account = evidence.offer(case, user, ACCOUNT, ["Mill Lane", "the blue house"])
    if state == "offered":
        return account
    account = evidence.draft(account, reviewer)
    if state == "drafted":
        return account
    account = evidence.approve(account, user, evidence.sha256(account.redacted_text))
    if state == "family_approved":
        return account
    account = evidence.sign_off(account, senior)
    if state == "signed_off":
        return account
    assert state == "withdrawn_after_sign_off"
    return evidence.withdraw(account, user)


@pytest.mark.parametrize("state", ["offered", "drafted", "family_approved", "withdrawn_after_sign_off"])
def test_nothing_unapproved_reaches_the_pack(state, family, staff):
    user, case = family
    _to_state(state, case, user, staff)
    made, text = _pack_text()
    assert made.accounts == []
    assert "[child]" not in text and "not asked for consent" not in text


@pytest.mark.parametrize("before", ["offered", "drafted", "family_approved"])
def test_withdrawn_before_publication_never_reaches_the_pack(before, family, staff):
    from fairwitness.public import evidence

    user, case = family
    account = _to_state(before, case, user, staff)
    evidence.withdraw(account, user)
    with pytest.raises(evidence.NotAllowed):
        evidence.sign_off(account, staff[1])
    assert _pack_text()[0].accounts == []


def test_signed_off_account_reaches_the_pack_redacted_with_its_law(family, staff):
    from fairwitness.cases import actions as case_actions
    from fairwitness.public import pack

    user, case = family
    # a referral decided weeks after it came in: the engine finds the deadline missed or late
    case_actions.record_event(case, user, {"kind": "referral_received", "at": "2024-01-02"})
    case_actions.record_event(case, user, {"kind": "referral_decision", "at": "2024-02-20", "decision": "assessment",
                                           "by": "local_authority"})
    _to_state("signed_off", case, user, staff)
    made, text = _pack_text()
    assert len(made.accounts) == 1
    for word in ("Poppy", "Smith", "Alice", "Bob", "Hartlepool", "Mill Lane", "blue house", "12 March", "2024-04-02",
                 "aged 8"):
        assert word.lower() not in text.lower(), word
    assert "March 2024" in text and "aged 5 to 9" in text and "not asked for consent" in text
    from fairwitness.cases.law import case_report

    expected = {str(f.citation) for f in case_report(case, as_of=made.made_on).findings if f.status in pack.BROKEN}
    assert expected and {item.citation for item in made.accounts[0].law} == expected
    assert all(item.citation in text for item in made.accounts[0].law)
    assert pack.to_pdf(made).startswith(b"%PDF")
    docx = _docx_text(pack.to_docx(made))
    assert "not asked for consent" in docx and "Poppy" not in docx


def test_redaction_removes_every_recorded_name(family, staff):
    from fairwitness.cases import actions as case_actions
    from fairwitness.public import evidence
    from fairwitness.public.redaction import name_parts

    user, case = family
    case_actions.add_child(case, user, "Jo-Anne O'Neill", "2019-02-03")
    case_actions.add_person(case, user, "Dr Kwame Mensah", "social_worker", False, None)
    names = [c.data["name"] for c in case.children.all()] + [p.data["name"] for p in case.people.all()]
    text = " ".join(f"{n} and {n.upper()} and {n.split()[-1]}'s" for n in names)
    account = evidence.offer(case, user, text, [])
    redacted = evidence.first_draft(account)
    for name in names:
        for part in name_parts(name):
            assert part.lower() not in redacted.lower(), (part, redacted)


def test_a_draft_with_a_name_left_in_is_refused_and_approval_needs_the_exact_text(family, staff):
    from fairwitness.public import evidence

    user, case = family
    reviewer, senior = staff
    account = evidence.offer(case, user, ACCOUNT, [])
    with pytest.raises(evidence.NotAllowed, match="Poppy"):
        evidence.draft(account, reviewer, "A reviewer forgot Poppy.")
    account = evidence.draft(account, reviewer)
    with pytest.raises(evidence.NotAllowed, match="changed"):
        evidence.approve(account, user, evidence.sha256("some other text"))
    with pytest.raises(evidence.NotAllowed):  # the family cannot sign off, the reviewer cannot approve
        evidence.sign_off(account, user)
    with pytest.raises(evidence.NotAllowed):
        evidence.approve(account, reviewer, evidence.sha256(account.redacted_text))
    approved = evidence.approve(account, user, evidence.sha256(account.redacted_text))
    with pytest.raises(evidence.NotAllowed):  # an ordinary reviewer cannot sign off
        evidence.sign_off(approved, reviewer)
    # an edit after approval goes back to the family
    edited = evidence.draft(approved, reviewer, approved.redacted_text + " One more sentence.")
    assert edited.status == "drafted" and edited.approved_sha256 == ""


def test_every_move_is_in_the_ledger_and_illegal_moves_are_refused(family, staff):
    from fairwitness.ledger.models import LedgerEntry as Entry
    from fairwitness.public import evidence

    user, case = family
    account = _to_state("withdrawn_after_sign_off", case, user, staff)
    actions = list(Entry.objects.filter(case=str(case.public_id), action__startswith="evidence_account_")
                   .order_by("pk").values_list("action", flat=True))
    assert actions == ["evidence_account_offered", "evidence_account_drafted", "evidence_account_family_approved",
                       "evidence_account_signed_off", "evidence_account_withdrawn"]
    with pytest.raises(evidence.NotAllowed):
        evidence.draft(account, staff[0])
    assert set(evidence.TRANSITIONS) == {s.value for s in evidence.S}


def test_withdrawal_after_sign_off_removes_it_from_the_next_pack(family, staff):
    from fairwitness.public import evidence

    user, case = family
    account = _to_state("signed_off", case, user, staff)
    assert len(_pack_text()[0].accounts) == 1
    evidence.withdraw(account, user)
    assert _pack_text()[0].accounts == []


def test_a_family_cannot_see_or_act_on_another_familys_offer(client, family, other_family, staff):
    from fairwitness.public import evidence

    user, case = family
    other_user, other_case = other_family
    account = evidence.offer(case, user, ACCOUNT, [])
    with pytest.raises(evidence.NotAllowed):
        evidence.withdraw(account, other_user)
    client.force_login(other_user)
    for url in (f"/cases/{case.public_id}/evidence/", f"/public/evidence/accounts/{account.pk}/"):
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"action": "withdraw"}).status_code in (403, 404)
    assert "blue house" not in client.get(f"/cases/{other_case.public_id}/evidence/").content.decode()
    account.refresh_from_db()
    assert account.status == "offered"


def test_family_offers_approves_and_withdraws_through_the_page(client, family, staff):
    from django.test import Client

    from fairwitness.public.models import PublishedAccount

    user, case = family
    client.force_login(user)
    url = f"/cases/{case.public_id}/evidence/"
    page = client.get(url).content.decode()
    assert "What happens next" in page
    client.post(url, {"action": "offer", "account": ACCOUNT, "identifying": "Mill Lane\nthe blue house"})
    account = PublishedAccount.objects.get(case=case)
    assert account.status == "offered"
    reviewer, senior = staff
    client = _staff_client(reviewer)
    staff_page = client.get(f"/public/evidence/accounts/{account.pk}/").content.decode()
    assert "Mill Lane" in staff_page  # the reviewer sees the original to check the draft against
    from fairwitness.oversight.access import accesses

    assert [a.role for a in accesses(case)] == ["Reviewer"]  # and the family can see that they did
    client.post(f"/public/evidence/accounts/{account.pk}/", {"action": "draft", "text": ""})
    account.refresh_from_db()
    assert account.status == "drafted" and "Mill Lane" not in account.redacted_text
    client = Client()
    client.force_login(user)
    page = client.get(url).content.decode()
    assert "[child]" in page
    client.post(url, {"action": "approve", "seen": account.redacted_text and __import__("hashlib").sha256(
        account.redacted_text.encode()).hexdigest()})
    account.refresh_from_db()
    assert account.status == "family_approved"
    client = _staff_client(senior)
    client.post(f"/public/evidence/accounts/{account.pk}/", {"action": "sign_off"})
    account.refresh_from_db()
    assert account.status == "signed_off"
    pdf = client.get("/public/evidence/pack.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get("/public/evidence/pack.docx")
    assert docx.status_code == 200 and "not asked for consent" in _docx_text(docx.content)
    client = Client()
    client.force_login(user)
    client.post(url, {"action": "withdraw"})
    account.refresh_from_db()
    assert account.status == "withdrawn"


def test_staff_pages_are_for_the_body_only(client, family):
    user, _ = family
    client.force_login(user)
    assert client.get("/public/evidence/").status_code == 403
    assert client.get("/public/evidence/pack.pdf").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_cli_writes_the_pack_as_pdf_and_word(tmp_path, family, staff):
    from fairwitness.cli import app

    user, case = family
    _to_state("signed_off", case, user, staff)
    result = CliRunner().invoke(app, ["evidence-pack", "--out", str(tmp_path / "pack")])
    assert result.exit_code == 0, result.output
    assert "1 signed-off account" in result.output
    pdf = next((tmp_path / "pack").glob("*.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")
    docx = next((tmp_path / "pack").glob("*.docx"))
    assert "Poppy" not in _docx_text(docx.read_bytes())
    (tmp_path / "file").write_text("x")
    bad = CliRunner().invoke(app, ["evidence-pack", "--out", str(tmp_path / "file")])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_the_pack_carries_englands_figures_exactly_as_the_latest_release_published_them(db):
    from datetime import date

    from fairwitness.public import pack
    from fairwitness.statistics.tables import CASEWORK, NATIONAL, TOTAL

    from .test_public import _publish_synthetic

    stored = _publish_synthetic()
    made = pack.build(date(2026, 12, 1))
    year = stored.periods[-1]
    published = {f"{r['measure']} (families)": str(r["families_count"]) for r in stored.tables[CASEWORK.name]
                 if str(r["time_period"]) == year and r["geographic_level"] == NATIONAL and r["breakdown_topic"] == TOTAL}
    assert published and all(dict(made.figures)[k] == v for k, v in published.items())
    assert made.synthetic and "synthetic" in pack.to_html(made)
