"""'Who has seen my file': every look at a family's material by anyone outside the family is a
ledger entry on the case (who, role, what, when, why), written before the material is shown.

The entry names what was seen by kind and id only, never its content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model

from fairwitness.cases import policy
from fairwitness.cases.models import Case
from fairwitness.ledger.store import append, entries_for_case
from fairwitness.oversight import permissions

ACCESS_ACTION = "file_seen"

WHAT_WORDS = {
    "concern": "the part of your record you shared, and what you asked us to look at",
    "event": "one event in your record",
    "document": "a document from your record",
    "request": "an information request about your case, with the material chosen for the council",
    "council_document": "a document the council sent us about your case",
    "letter": "an outcome letter about your case",
    "export": "a download of the shared part of your record",
}
WHY_WORDS = {
    "triage": "to decide how urgently to look at it",
    "investigation": "to investigate what you asked us to look at",
    "council_answer": "to answer our questions about your case",
    "outcome": "to read the outcome",
}
ROLE_WORDS = {"reviewer": "Reviewer", "senior_reviewer": "Senior reviewer",
              "liaison": "Council liaison officer", "administrator": "Administrator"}


def record_access(user: Any, case: Case, *, what: str, why: str, concern: Any = None, object_id: str = "") -> None:
    """Record a look at a family's material. Family members' own looks are not recorded."""
    role = policy.role_in(user, case)
    if role is not None:
        return
    append(action=ACCESS_ACTION, case=str(case.public_id), actor_id=getattr(user, "pk", None),
           actor_role=permissions.staff_role(user) or "user",
           objects={"what": what, "why": why, "concern": str(concern.public_id) if concern else "",
                    "object": str(object_id)})


@dataclass(frozen=True)
class Access:
    when: datetime
    who: str
    role: str
    what: str
    why: str
    object_id: str


def accesses(case: Case) -> list[Access]:
    """Every recorded look at this case's material, newest first."""
    entries = [e for e in entries_for_case(str(case.public_id)) if e.get("action") == ACCESS_ACTION]
    ids = {e.get("actor_id") for e in entries if e.get("actor_id")}
    users = {str(u.pk): u for u in get_user_model()._default_manager.filter(pk__in=ids)}
    out = []
    for e in entries:
        user = users.get(str(e.get("actor_id")))
        who = (user.get_full_name() if user else "A person whose account was removed")
        objects = e.get("objects") or {}
        out.append(Access(
            when=datetime.fromisoformat(e["recorded_at"]), who=who,
            role=ROLE_WORDS.get(e.get("actor_role", ""), e.get("actor_role", "")),
            what=WHAT_WORDS.get(objects.get("what", ""), objects.get("what", "")),
            why=WHY_WORDS.get(objects.get("why", ""), objects.get("why", "")), object_id=objects.get("object", "")))
    return sorted(out, key=lambda a: a.when, reverse=True)


@dataclass(frozen=True)
class AccessWidened:
    """A staff role change that let one more person open this family's concern (issue 10)."""

    when: datetime
    who: str
    role: str
    proposed_by: str
    approved_by: str


def access_changes(case: Case) -> list[AccessWidened]:
    """Role changes that widened who can open this case's concerns, newest first."""
    from fairwitness.oversight.actions import WIDENED_ACTION

    entries = [e for e in entries_for_case(str(case.public_id)) if e.get("action") == WIDENED_ACTION]
    ids = set()
    for e in entries:
        o = e.get("objects") or {}
        ids.update(str(o.get(k)) for k in ("user", "proposed_by", "approved_by") if o.get(k) is not None)
    users = {str(u.pk): u for u in get_user_model()._default_manager.filter(pk__in=ids)}

    def name(pk: object) -> str:
        user = users.get(str(pk))
        return user.get_full_name() if user else "A person whose account was removed"

    out = []
    for e in entries:
        o = e.get("objects") or {}
        out.append(AccessWidened(datetime.fromisoformat(e["recorded_at"]), name(o.get("user")),
                                 ROLE_WORDS.get(o.get("role", ""), o.get("role", "")),
                                 name(o.get("proposed_by")), name(o.get("approved_by"))))
    return sorted(out, key=lambda a: a.when, reverse=True)
