"""Every object-level permission check, in one place.

A user's rights over a case come from their membership role, looked up in ``ROLE_PERMISSIONS``.
To add a role (an independent reviewer, an oversight officer), add a row to the table; views, the
API and actions only ever ask ``has_permission`` or the ``can_*`` helpers below.

Another family's case must look exactly like a case that does not exist: views use
``case_for_user_or_404`` (raises Http404), never a 403.
"""

from __future__ import annotations

import contextlib
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

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "owner": frozenset({VIEW_CASE, EDIT_CASE, VIEW_DOCUMENT, EXPORT_CASE, INVITE, ERASE_CASE, MANAGE_CASE}),
    "member": frozenset({VIEW_CASE, EDIT_CASE, VIEW_DOCUMENT, EXPORT_CASE}),
    "advocate": frozenset({VIEW_CASE, VIEW_DOCUMENT, EXPORT_CASE}),
}


class PermissionDenied(Exception):
    """An action was asked for by someone without the right. Views turn it into a 404."""


def _authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def role_in(user: Any, case: Case) -> str | None:
    if not _authenticated(user) or case is None or case.pk is None:
        return None
    cache = getattr(user, "_fairwitness_roles", None)
    if cache is None:
        cache = {}
        with contextlib.suppress(AttributeError):
            user._fairwitness_roles = cache
    if case.pk not in cache:
        cache[case.pk] = Membership.objects.filter(case=case, user=user).values_list("role", flat=True).first()
    return cache[case.pk]


def forget_roles(user: Any) -> None:
    """Drop the per-object role cache (after memberships change)."""
    if hasattr(user, "_fairwitness_roles"):
        del user._fairwitness_roles


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
    if not _authenticated(user):
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
