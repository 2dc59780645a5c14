"""What the independent oversight body's staff may do, in one place.

Staff roles belong to a user, not to a case (see ``fairwitness.oversight.models.StaffRole``); they are
kept out of the family's ``ROLE_PERMISSIONS`` (``fairwitness.cases.policy``) on purpose, so a family
can never invite someone into their case "as a reviewer". A staff member reaches a family's material
only through a Concern whose consent is live, re-read from the database on every call: nothing here is
cached, so withdrawing consent stops the very next request.

Outcomes, everywhere: a page for a role you do not hold is 403 (the page itself is no secret); an
object you may not see (another council's request, a concern not yours, withdrawn consent, an unshared
event or document) is 404, exactly like one that does not exist.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404

from fairwitness.cases.models import Document
from fairwitness.cases.policy import signed_in

_UNSET = object()

WORK_QUEUE = "work_queue"  # see the triage queue and the body's own deadlines
TRIAGE = "triage"  # open an unassigned concern, acknowledge it, take it
INVESTIGATE = "investigate"  # work a concern assigned to you
ASSIGN = "assign"  # assign any concern to any reviewer
ALL_CONCERNS = "all_concerns"  # open and work any concern, assigned to anyone
ANSWER_REQUESTS = "answer_requests"  # a council officer: their own council's requests only
MANAGE_STAFF = "manage_staff"  # propose staff roles (issue 10: a second person approves)
APPROVE_STAFF = "approve_staff"  # approve or reject a role another person proposed, never one's own
VIEW_STATISTICS = "view_statistics"

STAFF_PERMISSIONS: dict[str, frozenset[str]] = {
    "reviewer": frozenset({WORK_QUEUE, TRIAGE, INVESTIGATE, VIEW_STATISTICS}),
    "senior_reviewer": frozenset({WORK_QUEUE, TRIAGE, INVESTIGATE, ASSIGN, ALL_CONCERNS, VIEW_STATISTICS,
                                  APPROVE_STAFF}),
    "liaison": frozenset({ANSWER_REQUESTS}),
    # The administrator runs the service and manages accounts; reading families' files is not part of it.
    "administrator": frozenset({MANAGE_STAFF, APPROVE_STAFF, VIEW_STATISTICS}),
}


def staff_role(user: Any) -> str | None:
    """The user's staff role, read fresh for each request: the user object is loaded anew per
    request, so remembering it there for the rest of the request cannot outlive a revocation."""
    if not signed_in(user):
        return None
    cached = getattr(user, "_fairwitness_staff_role", _UNSET)
    if cached is not _UNSET:
        return cached  # type: ignore[no-any-return,return-value]
    from fairwitness.oversight.models import StaffRole

    role = StaffRole.objects.filter(user=user).values_list("role", flat=True).first()
    with contextlib.suppress(AttributeError):
        user._fairwitness_staff_role = role
    return role


def staff_council_id(user: Any) -> int | None:
    if not signed_in(user):
        return None
    from fairwitness.oversight.models import StaffRole

    return StaffRole.objects.filter(user=user, role="liaison").values_list("local_authority_id", flat=True).first()


def forget_staff_role(user: Any) -> None:
    """Drop the staff role remembered on a user object (after a role is granted or removed)."""
    if hasattr(user, "_fairwitness_staff_role"):
        delattr(user, "_fairwitness_staff_role")


def has_staff_permission(user: Any, permission: str) -> bool:
    return permission in STAFF_PERMISSIONS.get(staff_role(user) or "", frozenset())


def require_staff_permission(user: Any, permission: str) -> None:
    """For pages whose existence is no secret: raises Django's PermissionDenied (a 403)."""
    from django.core.exceptions import PermissionDenied as Forbidden

    if not has_staff_permission(user, permission):
        raise Forbidden(permission)


def consent_live(concern: Any) -> bool:
    """Asked of the database every time, so an object loaded before a withdrawal cannot outlive it."""
    from fairwitness.oversight.models import Concern

    return concern is not None and concern.pk is not None and Concern.objects.filter(
        pk=concern.pk, withdrawn_at__isnull=True, case__erased_at__isnull=True).exists()


def can_open_concern(user: Any, concern: Any) -> bool:
    """Read the shared material of a concern: consent live, and the concern is unassigned (to be
    triaged), assigned to this reviewer, or the user is a senior reviewer."""
    from fairwitness.oversight.models import LIVE_STATUSES

    if concern is None or not consent_live(concern):
        return False
    role_perms = STAFF_PERMISSIONS.get(staff_role(user) or "", frozenset())
    if ALL_CONCERNS in role_perms:
        return True
    if TRIAGE in role_perms and concern.assigned_to_id is None and concern.status in LIVE_STATUSES:
        return True  # triage is for work still to do: a finished concern is read by its reviewer or a senior
    return INVESTIGATE in role_perms and concern.assigned_to_id == getattr(user, "pk", None)


def can_work_on_concern(user: Any, concern: Any) -> bool:
    """Write to a concern (issues, requests, findings, outcome): its reviewer or a senior reviewer."""
    if not can_open_concern(user, concern):
        return False
    if has_staff_permission(user, ALL_CONCERNS):
        return True
    return concern.assigned_to_id == getattr(user, "pk", None)


def concern_for_staff_or_404(user: Any, public_id: Any) -> Any:
    from fairwitness.oversight.models import Concern

    try:
        concern = Concern.objects.select_related("case", "case__local_authority").get(public_id=public_id)
    except (Concern.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such concern") from None
    if not can_open_concern(user, concern):
        raise Http404("No such concern")
    return concern


def shares_event(concern: Any, event_id: str) -> bool:
    if not concern.consent_active:
        return False
    return concern.scope == "all" or event_id in (concern.shared_event_ids or [])


def shares_document(concern: Any, document: Document) -> bool:
    if not concern.consent_active or document.case_id != concern.case_id:
        return False
    if concern.scope == "all":
        return True
    return concern.shared_documents.filter(pk=document.pk).exists() or (
        document.event is not None and document.event.event_id in (concern.shared_event_ids or []))


def can_see_request(user: Any, request_obj: Any) -> bool:
    """A council officer sees a request only when it is addressed to their own council and the
    family's consent is live; the concern's reviewers see every request of the concern."""
    if request_obj is None or not consent_live(request_obj.concern):
        return False
    if has_staff_permission(user, ANSWER_REQUESTS):
        return request_obj.local_authority_id == staff_council_id(user)
    return can_open_concern(user, request_obj.concern)


def request_for_user_or_404(user: Any, public_id: Any) -> Any:
    from fairwitness.oversight.models import InformationRequest

    try:
        found = InformationRequest.objects.select_related("concern", "concern__case", "local_authority").get(public_id=public_id)
    except (InformationRequest.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such request") from None
    if not can_see_request(user, found):
        raise Http404("No such request")
    return found


def request_shows_document(request_obj: Any, document: Document) -> bool:
    """The material a reviewer chose for the council: only what the family also still shares."""
    return (request_obj.documents.filter(pk=document.pk).exists()
            and shares_document(request_obj.concern, document))


def request_shows_event(request_obj: Any, event_id: str) -> bool:
    return event_id in (request_obj.event_ids or []) and shares_event(request_obj.concern, event_id)


def visible_requests(user: Any) -> Any:
    """A council officer's inbox: their own council's requests, live consent only."""
    from fairwitness.oversight.models import InformationRequest

    council = staff_council_id(user) if has_staff_permission(user, ANSWER_REQUESTS) else None
    if council is None:
        return InformationRequest.objects.none()
    return (InformationRequest.objects.filter(local_authority_id=council, concern__withdrawn_at__isnull=True,
                                              concern__case__erased_at__isnull=True)
            .select_related("concern", "concern__case", "local_authority"))
