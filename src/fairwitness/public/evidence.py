"""The evidence pack's accounts (issue 12 point 7): a family offers its account, the body drafts a
redacted version, the family approves the exact text, a senior reviewer signs it off.

The only code that writes ``PublishedAccount``. Every move is checked against ``TRANSITIONS``, made
in one transaction with the row locked, and named in the ledger (ids and states only, never words).
Who may make each move is in ``MOVERS``: the family's side is the people who decide about sharing
with the body (``SHARE_WITH_OVERSIGHT``); the body's side uses its staff roles (a reviewer drafts,
a senior reviewer, who may work every concern, signs off)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from fairwitness.cases import policy
from fairwitness.cases.models import Case
from fairwitness.ledger.store import append
from fairwitness.oversight import permissions
from fairwitness.public.models import AccountStatus, PublishedAccount
from fairwitness.public.redaction import Known, leaks, redact

S = AccountStatus

# The allowed moves: from each state, the states it may go to. Withdrawal is open from every state
# before publication; a signed-off account may still be withdrawn, and leaves the next pack.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.OFFERED: frozenset({S.DRAFTED, S.WITHDRAWN}),
    S.DRAFTED: frozenset({S.DRAFTED, S.FAMILY_APPROVED, S.WITHDRAWN}),  # a reviewer may re-draft
    S.FAMILY_APPROVED: frozenset({S.DRAFTED, S.SIGNED_OFF, S.WITHDRAWN}),  # an edit goes back to the family
    S.SIGNED_OFF: frozenset({S.WITHDRAWN}),
    S.WITHDRAWN: frozenset(),
}

FAMILY, REVIEWER, SENIOR = "family", "reviewer", "senior_reviewer"
MOVERS: dict[str, str] = {S.DRAFTED: REVIEWER, S.FAMILY_APPROVED: FAMILY, S.SIGNED_OFF: SENIOR, S.WITHDRAWN: FAMILY}

MAX_ACCOUNT = 20_000  # characters: a few pages, what a petition or committee can use


class NotAllowed(Exception):
    """A move the table or the person's role does not allow; the message says why in plain words."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _may(actor: Any, side: str, case: Case) -> bool:
    if side == FAMILY:
        return not case.is_erased and policy.has_permission(actor, case, policy.SHARE_WITH_OVERSIGHT)
    if side == REVIEWER:
        return permissions.has_staff_permission(actor, permissions.INVESTIGATE)
    return permissions.has_staff_permission(actor, permissions.ALL_CONCERNS)


def can_review(actor: Any) -> bool:
    return _may(actor, REVIEWER, Case())


def can_sign_off(actor: Any) -> bool:
    return _may(actor, SENIOR, Case())


def live_account(case: Case) -> PublishedAccount | None:
    return PublishedAccount.objects.filter(case=case).exclude(status=S.WITHDRAWN).first()


def account_text(account: PublishedAccount) -> str:
    return str(account.case.unseal(account.account_sealed, f"evidence_account:{account.pk}") or "")


def identifying_phrases(account: PublishedAccount) -> list[str]:
    return list(account.case.unseal(account.identifying_sealed, f"evidence_identifying:{account.pk}") or [])


def known_for(account: PublishedAccount) -> Known:
    """What the case records that could identify the family: children's and people's names (each
    replaced by a label that keeps the account readable), the council's and any recorded places,
    and the phrases the family marked."""
    case = account.case
    names: dict[str, str] = {}
    places: list[str] = []
    for child in case.children.all():
        if child.data.get("name"):
            names[child.data["name"]] = "[child]"
    for person in case.people.all():
        data = person.data
        if data.get("name"):
            names[data["name"]] = f"[{(data.get('role') or 'person').replace('_', ' ')}]"
        places += [str(data[k]) for k in ("address", "organisation", "school", "place", "town") if data.get(k)]
    la = case.local_authority
    if la is not None:
        places += [la.name, la.official_name]
    return Known(names=names, places=[p for p in places if p], identifying=identifying_phrases(account))


def _move(account: PublishedAccount, actor: Any, to: str, **fields: Any) -> PublishedAccount:
    """Lock, check the table and the mover, write, ledger: one transaction."""
    with transaction.atomic():
        locked = PublishedAccount.objects.select_for_update().select_related("case").get(pk=account.pk)
        if to not in TRANSITIONS[locked.status]:
            raise NotAllowed(f"An account that is {locked.get_status_display().lower()} cannot be moved to "
                             f"“{S(to).label.lower()}”.")
        if not _may(actor, MOVERS[to], locked.case):
            raise NotAllowed("You cannot do that.")
        before = locked.status
        locked.status = to
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        append(action=f"evidence_account_{to}", case=str(locked.case.public_id), actor_id=actor.pk,
               actor_role=policy.role_in(actor, locked.case) or policy.staff_role(actor) or "family",
               objects={"account": locked.pk, "from": before, "to": to})
    return locked


def offer(case: Case, actor: Any, text: str, identifying: list[str]) -> PublishedAccount:
    """The family offers its account. One live offer per case; an empty or too long text is refused."""
    if not _may(actor, FAMILY, case):
        raise policy.PermissionDenied(policy.SHARE_WITH_OVERSIGHT)
    text = text.strip()
    if not text:
        raise NotAllowed("Please type or paste your account first.")
    if len(text) > MAX_ACCOUNT:
        raise NotAllowed(f"Your account is {len(text):,} characters long; the most we can take is {MAX_ACCOUNT:,}. "
                         "Nothing was saved; please shorten it and try again.")
    phrases = [p.strip() for p in identifying if p.strip()]
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()
        if live_account(case) is not None:
            raise NotAllowed("You have already offered an account. Withdraw it first to offer a new one.")
        account = PublishedAccount.objects.create(case=case, offered_at=timezone.now(), offered_by=actor,
                                                  account_sealed=b"", identifying_sealed=b"")
        account.account_sealed = case.seal(text, f"evidence_account:{account.pk}")
        account.identifying_sealed = case.seal(phrases, f"evidence_identifying:{account.pk}")
        account.save(update_fields=["account_sealed", "identifying_sealed"])
        append(action="evidence_account_offered", case=str(case.public_id), actor_id=actor.pk,
               actor_role=policy.role_in(actor, case) or "family", objects={"account": account.pk, "to": S.OFFERED})
    return account


def first_draft(account: PublishedAccount) -> str:
    return redact(account_text(account), known_for(account))


def draft(account: PublishedAccount, actor: Any, text: str | None = None) -> PublishedAccount:
    """A reviewer saves the redacted draft: the automatic pass when ``text`` is None, else their edit.
    Any recorded name, place or marked phrase still in it is refused, naming what was found."""
    text = first_draft(account) if text is None else text.strip()
    if not text:
        raise NotAllowed("The draft is empty.")
    found = leaks(text, known_for(account))
    if found:
        raise NotAllowed("The draft still contains: " + ", ".join(found) + ". Nothing was saved.")
    return _move(account, actor, S.DRAFTED, redacted_text=text, drafted_at=timezone.now(), drafted_by=actor,
                 approved_sha256="", family_approved_at=None)


def approve(account: PublishedAccount, actor: Any, text_seen_sha256: str) -> PublishedAccount:
    """The family approves the exact text it was shown (its hash), so a draft changed meanwhile is
    not approved by mistake."""
    current = PublishedAccount.objects.get(pk=account.pk)
    if text_seen_sha256 != sha256(current.redacted_text):
        raise NotAllowed("The draft changed since you read it. Please read it again before approving.")
    return _move(account, actor, S.FAMILY_APPROVED, approved_sha256=text_seen_sha256,
                 family_approved_at=timezone.now())


def sign_off(account: PublishedAccount, actor: Any) -> PublishedAccount:
    current = PublishedAccount.objects.select_related("case").get(pk=account.pk)
    if current.approved_sha256 != sha256(current.redacted_text):
        raise NotAllowed("The text is not the one the family approved.")
    if leaks(current.redacted_text, known_for(current)):
        raise NotAllowed("The text still contains something that could identify the family.")
    return _move(account, actor, S.SIGNED_OFF, signed_off_at=timezone.now(), signed_off_by=actor)


def withdraw(account: PublishedAccount, actor: Any) -> PublishedAccount:
    return _move(account, actor, S.WITHDRAWN, withdrawn_at=timezone.now())


def for_pack() -> list[PublishedAccount]:
    """The only accounts the pack may carry: signed off, the text still the one the family approved,
    the case not erased."""
    out = []
    for account in PublishedAccount.objects.filter(status=S.SIGNED_OFF, case__erased_at__isnull=True
                                                   ).select_related("case").order_by("signed_off_at", "pk"):
        if account.approved_sha256 == sha256(account.redacted_text):
            out.append(account)
    return out
