"""Correcting and removing a case's children, people and details, and who has access to the case.

Like events, a child, a person or the case's title and council are never overwritten: a change is a
new version (``actions.correct_child`` and friends keep the earlier ones), and these pages show that
history. Views stay thin: policy for the lookup, actions for every write.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from fairwitness.cases import actions, policy
from fairwitness.cases.forms import NO_PR, CaseDetailsForm, ChildForm, PersonForm, ReasonForm, RemoveForm
from fairwitness.cases.models import Case, ChildRecord, Invitation, Membership, PersonRecord, RecordVersion
from fairwitness.govuk import title_prefix
from fairwitness.law.caseformat import CaseFileError, Problem
from fairwitness.law.dates import long_date

Record = TypeVar("Record", ChildRecord, PersonRecord)

ROLE_WORDS = {"owner": "Owner: can change everything and decide who has access",
              "member": "Family member: can see the case and record what happened",
              "advocate": "Advocate or adviser: can see the case, not change it"}


def _case(request: HttpRequest, public_id: Any, permission: str) -> Case:
    return policy.case_for_user_or_404(request.user, public_id, permission)


def _problems_into(form: Any, problems: list[Problem]) -> None:
    for p in problems:
        name = p.field.split(".")[0] if p.field else None
        message = p.message[:1].upper() + p.message[1:]
        form.add_error(name if name in form.fields else None, message)


class ChildChangeForm(ChildForm):
    reason = ReasonForm.base_fields["reason"]


class PersonChangeForm(PersonForm):
    reason = ReasonForm.base_fields["reason"]


def _child(case: Case, child_id: str) -> ChildRecord:
    return _of_case(case, case.children.filter(child_id=child_id).first(), "No such child")


def _person(case: Case, person_id: str) -> PersonRecord:
    return _of_case(case, case.people.filter(person_id=person_id).first(), "No such person")


def _of_case(case: Case, record: Record | None, missing: str) -> Record:
    """The record, found in this case (and told so, saving a query), or a 404."""
    if record is None:
        raise Http404(missing)
    record.case = case
    return record


def _children(case: Case) -> list[tuple[str, str]]:
    return [(c.child_id, c.name) for c in case.children.all()]


def pr_words(data: dict[str, Any], children: list[tuple[str, str]]) -> str:
    """Parental responsibility in words, keeping "none" apart from "not known"."""
    pr = data.get("parental_responsibility")
    if "parental_responsibility" not in data:
        return "Not known"
    names = [name for cid, name in children if
             (pr.get(cid) if isinstance(pr, dict) else bool(pr) and (data.get("children") is None or cid in data["children"]))]
    return ", ".join(names) if names else "None"


def _version_rows(version: RecordVersion, children: list[tuple[str, str]]) -> list[tuple[str, str]]:
    data = version.data
    if version.kind == "child":
        dob = data.get("date_of_birth")
        return [("Name", data.get("name", "")), ("Date of birth", long_date(date.fromisoformat(dob[:10])) if dob else "Not given")]
    if version.kind == "person":
        return [("Name", data.get("name", "")), ("Who they are", data.get("role", "")),
                ("Parental responsibility", pr_words(data, children))]
    return [("Name of the case", data.get("title", "")), ("Council", data.get("local_authority", "Not given"))]


def _history(case: Case, kind: str, record_id: str, first_recorded: Any) -> list[dict[str, Any]]:
    """Newest first. Version 1 is what was there before the first change: it dates from when the
    child, person or case was first recorded, not from when it was copied into the history."""
    children = _children(case)
    out = []
    for v in reversed(actions.record_versions(case, kind, record_id)):
        who = (v.created_by.get_full_name() or v.created_by.email) if v.created_by else None
        out.append({"v": v, "who": who, "rows": _version_rows(v, children), "reason": v.reason,
                    "when": first_recorded if v.number == 1 else v.created_at})
    return out


def _change_page(request: HttpRequest, case: Case, form: Any, save: Callable[[dict[str, Any]], Any], *,
                 done: Callable[[dict[str, Any]], str], heading: str, kind: str, record_id: str,
                 first_recorded: Any, remove_url: str | None = None) -> HttpResponse:
    """The page that changes a child, a person or the case: on a valid answer ``save`` makes the
    change (its problems go next to the fields) and ``done`` says what changed; below the form, the
    record's history."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except CaseFileError as exc:
            _problems_into(form, exc.problems)
        else:
            messages.success(request, done(form.cleaned_data))
            return redirect("cases:people", public_id=case.public_id)
    return render(request, "cases/record_change.html", {
        "case": case, "form": form, "heading": heading, "history": _history(case, kind, record_id, first_recorded),
        "remove_url": remove_url, "back": reverse("cases:people", args=[case.public_id]),
        "title_prefix": title_prefix(form)})


def _details_changed(data: dict[str, Any]) -> str:
    return f"{data['name']}'s details have been changed. The earlier version is kept."


# ---------------------------------------------------------------------------------------------
# children


@login_required
@require_http_methods(["GET", "POST"])
def child_change(request: HttpRequest, public_id: Any, child_id: str) -> HttpResponse:
    case = _case(request, public_id, policy.EDIT_CASE)
    child = _child(case, child_id)
    initial = {"name": child.name, "date_of_birth": child.date_of_birth}
    form = ChildChangeForm(request.POST or None, initial=initial)
    return _change_page(request, case, form,
                        lambda d: actions.correct_child(case, request.user, child_id, name=d["name"],
                                                        date_of_birth=d["date_of_birth"], reason=d["reason"]),
                        done=_details_changed, heading=f"Change {child.name}'s details", kind="child",
                        record_id=child_id, first_recorded=child.created_at, remove_url=reverse("cases:child_remove", args=[case.public_id, child_id]))


@login_required
@require_http_methods(["GET", "POST"])
def child_remove(request: HttpRequest, public_id: Any, child_id: str) -> HttpResponse:
    case = _case(request, public_id, policy.EDIT_CASE)
    child = _child(case, child_id)
    return _remove_page(request, case, child.name, lambda reason: actions.remove_child(case, request.user, child_id, reason),
                        naming=len(actions.events_naming(case, child=child_id)))


# ---------------------------------------------------------------------------------------------
# people


@login_required
@require_http_methods(["GET", "POST"])
def person_change(request: HttpRequest, public_id: Any, person_id: str) -> HttpResponse:
    case = _case(request, public_id, policy.EDIT_CASE)
    person = _person(case, person_id)
    children = _children(case)
    form = PersonChangeForm(request.POST or None, children=children,
                            initial=PersonForm.initial_for(person.data, children))
    return _change_page(request, case, form,
                        lambda d: actions.correct_person(case, request.user, person_id, name=d["name"], role=d["role"],
                                                         parental_responsibility=form.pr_answer(), reason=d["reason"]),
                        done=_details_changed, heading=f"Change {person.name}'s details", kind="person",
                        record_id=person_id, first_recorded=person.created_at, remove_url=reverse("cases:person_remove", args=[case.public_id, person_id]))


@login_required
@require_http_methods(["GET", "POST"])
def person_remove(request: HttpRequest, public_id: Any, person_id: str) -> HttpResponse:
    case = _case(request, public_id, policy.EDIT_CASE)
    person = _person(case, person_id)
    return _remove_page(request, case, person.name,
                        lambda reason: actions.remove_person(case, request.user, person_id, reason),
                        naming=len(actions.events_naming(case, person=person_id)))


def _remove_page(request: HttpRequest, case: Case, name: str, remove: Any, *, naming: int) -> HttpResponse:
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            remove(form.cleaned_data["reason"])
        except CaseFileError as exc:
            _problems_into(form, exc.problems)
        else:
            messages.success(request, f"{name} has been removed from the case. The record of them is kept in its history.")
            return redirect("cases:people", public_id=case.public_id)
    return render(request, "cases/record_remove.html", {
        "case": case, "form": form, "name": name, "naming": naming, "title_prefix": title_prefix(form),
        "back": reverse("cases:people", args=[case.public_id]),
        "timeline": reverse("cases:detail", args=[case.public_id])})


# ---------------------------------------------------------------------------------------------
# the case's own details


@login_required
@require_http_methods(["GET", "POST"])
def case_change(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id, policy.MANAGE_CASE)
    initial = {"title": case.title, "local_authority": case.local_authority.ons_code if case.local_authority else ""}
    form = CaseDetailsForm(request.POST or None, initial=initial)
    return _change_page(request, case, form,
                        lambda d: actions.update_case(case, request.user, title=d["title"],
                                                      local_authority=d["local_authority"] or None, reason=d["reason"]),
                        done=lambda d: "The case's details have been changed. The earlier version is kept.",
                        heading="Change the case's name or council", kind="case",
                        record_id="case", first_recorded=case.created_at)


# ---------------------------------------------------------------------------------------------
# who has access


@login_required
def access(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id, policy.VIEW_CASE)
    can_manage = policy.can_invite(request.user, case)
    members = list(Membership.objects.filter(case=case).select_related("user").order_by("created_at"))
    owners = sum(1 for m in members if m.role == "owner")
    return render(request, "cases/access.html", {
        "case": case, "members": [(m, ROLE_WORDS.get(m.role, m.role), can_manage and (m.role != "owner" or owners > 1))
                                  for m in members],
        "invitations": [(i, ROLE_WORDS.get(i.role, i.role_label)) for i in actions.list_invitations(case, request.user)
                        if i.can_revoke]
        if can_manage else [],
        "can_manage": can_manage, "me": request.user.pk})


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, public_id: Any, membership_id: int) -> HttpResponse:
    case = _case(request, public_id, policy.INVITE)
    membership = Membership.objects.filter(case=case, pk=membership_id).select_related("user").first()
    if membership is None:
        raise Http404("No such member")
    who = membership.user.get_full_name() or membership.user.email

    def remove() -> HttpResponse:
        actions.remove_member(case, request.user, membership_id)
        messages.success(request, f"{who} no longer has access to this case.")
        if membership.user_id == request.user.pk:
            return redirect("cases:list")
        return redirect("cases:access", public_id=case.public_id)

    return _confirm_access_change(
        request, case, remove, refused=CaseFileError, heading=f"Remove {who}'s access to this case?",
        body="They will no longer see the case or anything in it. What they recorded stays in the record.",
        button="Remove their access")


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke(request: HttpRequest, public_id: Any, invitation_id: int) -> HttpResponse:
    case = _case(request, public_id, policy.INVITE)
    invitation = Invitation.objects.filter(case=case, pk=invitation_id, accepted_at__isnull=True,
                                           revoked_at__isnull=True).first()
    if invitation is None:
        raise Http404("No such invitation")

    def revoke() -> HttpResponse:
        actions.revoke_invitation(case, request.user, invitation_id)
        messages.success(request, f"The invitation to {invitation.email} has been cancelled. Its link no longer works.")
        return redirect("cases:access", public_id=case.public_id)

    return _confirm_access_change(
        request, case, revoke, refused=actions.InvitationError, heading=f"Cancel the invitation to {invitation.email}?",
        body="The link in the email will stop working. You can invite them again later.",
        button="Cancel the invitation")


def _confirm_access_change(request: HttpRequest, case: Case, change: Callable[[], HttpResponse], *,
                           refused: type[Exception], heading: str, body: str, button: str) -> HttpResponse:
    """The yes-or-no page for a change to who has access. On yes, ``change`` makes it and says where
    to go next; if the action refuses (``refused``), its reason is shown on the same page."""
    error = None
    if request.method == "POST":
        try:
            return change()
        except refused as exc:
            error = _refusal_text(exc)
    return render(request, "cases/confirm.html", {
        "case": case, "heading": heading, "error": error, "body": body, "button": button,
        "back": reverse("cases:access", args=[case.public_id])})


def _refusal_text(exc: Exception) -> str:
    if isinstance(exc, CaseFileError):
        message = exc.problems[0].message
        return message[:1].upper() + message[1:]
    return str(exc)


__all__ = ["NO_PR", "access", "case_change", "child_change", "child_remove", "invitation_revoke", "member_remove",
           "person_change", "person_remove", "pr_words"]
