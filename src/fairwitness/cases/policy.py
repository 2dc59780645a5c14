"""Every object-level permission check, in one place.

A user's rights over a case come from their membership role, looked up in ``ROLE_PERMISSIONS``.
To add a role (an independent reviewer, an oversight officer), add a row to the table; views, the
API and actions only ever ask ``has_permission`` or the ``can_*`` helpers below.

Another family's case must look exactly like a case that does not exist: views use
``case_for_user_or_404`` (raises Http404), never a 403.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from fairwitness.cases.models import Case, Document, Membership

VIEW_CASE = "view_case"
EDIT_CASE = "edit_case"  # record and correct events, children, people, documents
VIEW_DOCUMENT = "view_document"
EXPORT_CASE = "export_case"
INVITE = "invite"
ERASE_CASE = "erase_case"
MANAGE_CASE = "manage_case"  # title, local authority

# Oversight (issue 5): the family's side of sharing with the independent body.
SHARE_WITH_OVERSIGHT = "share_with_oversight"  # share, change what it may look at, withdraw consent
VIEW_OVERSIGHT = "view_oversight"  # follow the body's work and read its outcome letters
VIEW_ACCESS_LOG = "view_access_log"  # "who has seen my file"

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "owner": frozenset({VIEW_CASE, EDIT_CASE, VIEW_DOCUMENT, EXPORT_CASE, INVITE, ERASE_CASE, MANAGE_CASE,
                        SHARE_WITH_OVERSIGHT, VIEW_OVERSIGHT, VIEW_ACCESS_LOG}),
    "member": frozenset({VIEW_CASE, EDIT_CASE, VIEW_DOCUMENT, EXPORT_CASE, VIEW_OVERSIGHT, VIEW_ACCESS_LOG}),
    "advocate": frozenset({VIEW_CASE, VIEW_DOCUMENT, EXPORT_CASE, VIEW_OVERSIGHT}),
}


class PermissionDenied(Exception):
    """An action was asked for by someone without the right. Views turn it into a 404."""


def signed_in(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def role_in(user: Any, case: Case) -> str | None:
    if not signed_in(user) or case is None or case.pk is None:
        return None
    cache = getattr(user, "_fairwitness_roles", None)
    if cache is None:
        cache = {}
        with contextlib.suppress(AttributeError):
            user._fairwitness_roles = cache
    if case.pk not in cache:
        cache[case.pk] = Membership.objects.filter(case=case, user=user).values_list("role", flat=True).first()
    return cache[case.pk]


# Roles that belong to a user rather than to a case (the independent body's staff) are not the
# family record's business: the app that grants them registers how to read and forget one when
# Django starts (``fairwitness.oversight.apps``), so nothing here imports the body that reviews it.
_staff_role_readers: list[Callable[[Any], str | None]] = []
_role_forgetters: list[Callable[[Any], None]] = []


def register_staff_roles(read: Callable[[Any], str | None], forget: Callable[[Any], None]) -> None:
    """Called once by an app that gives users a role outside any case."""
    if read not in _staff_role_readers:
        _staff_role_readers.append(read)
    if forget not in _role_forgetters:
        _role_forgetters.append(forget)


def staff_role(user: Any) -> str | None:
    """The user's role outside any case (staff of the independent body), or None for a family member."""
    for read in _staff_role_readers:
        role = read(user)
        if role is not None:
            return role
    return None


def forget_roles(user: Any) -> None:
    """Drop the role caches held on a user object (after memberships or staff roles change)."""
    if hasattr(user, "_fairwitness_roles"):
        delattr(user, "_fairwitness_roles")
    for forget in _role_forgetters:
        forget(user)


def has_permission(user: Any, case: Case, permission: str) -> bool:
    if case is None or case.is_erased and permission != VIEW_CASE:
        return False
    role = role_in(user, case)
    return role is not None and permission in ROLE_PERMISSIONS.get(role, frozenset())


def can_view_case(user: Any, case: Case) -> bool:
    return has_permission(user, case, VIEW_CASE)


def can_edit_case(user: Any, case: Case) -> bool:
    return has_permission(user, case, EDIT_CASE)


def can_view_document(user: Any, document: Document) -> bool:
    return has_permission(user, document.case, VIEW_DOCUMENT)


def can_export_case(user: Any, case: Case) -> bool:
    return has_permission(user, case, EXPORT_CASE)


def can_invite(user: Any, case: Case) -> bool:
    return has_permission(user, case, INVITE)


def can_erase_case(user: Any, case: Case) -> bool:
    return has_permission(user, case, ERASE_CASE)


def can_manage_case(user: Any, case: Case) -> bool:
    return has_permission(user, case, MANAGE_CASE)


def visible_cases(user: Any) -> QuerySet[Case]:
    if not signed_in(user):
        return Case.objects.none()
    roles = [r for r, perms in ROLE_PERMISSIONS.items() if VIEW_CASE in perms]
    return Case.objects.filter(memberships__user=user, memberships__role__in=roles, erased_at__isnull=True).distinct()


def require(user: Any, case: Case, permission: str) -> None:
    if not has_permission(user, case, permission):
        raise PermissionDenied(permission)


def case_for_user_or_404(user: Any, public_id: Any, permission: str = VIEW_CASE) -> Case:
    """The case with this public id if the user holds ``permission`` on it; Http404 otherwise
    (whether it exists or not, so another family's case cannot be told from a missing one)."""
    try:
        case = Case.objects.select_related("local_authority").get(public_id=public_id, erased_at__isnull=True)
    except (Case.DoesNotExist, ValueError, TypeError, ValidationError):  # a malformed UUID too
        raise Http404("No such case") from None
    if not has_permission(user, case, permission):
        raise Http404("No such case")
    return case


def document_for_user_or_404(user: Any, public_id: Any) -> Document:
    try:
        document = Document.objects.select_related("case", "event").get(public_id=public_id)
    except (Document.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such document") from None
    if document.case.is_erased or not can_view_document(user, document):
        raise Http404("No such document")
    return document
