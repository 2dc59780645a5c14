"""The case API (django-ninja). Thin: every read goes through ``policy``, every write through
``actions``. Another family's case answers 404, exactly like a case that does not exist."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Body, NinjaAPI, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from fairwitness import crypto
from fairwitness.accounts.models import ApiToken
from fairwitness.cases import actions, policy
from fairwitness.cases.law import case_report
from fairwitness.cases.models import Case, Event
from fairwitness.law.caseformat import CaseFileError
from fairwitness.law.dates import long_date


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = ApiToken.find(token)
        if row is not None and row.is_expired:
            # Said plainly, so the holder knows to make a new one rather than suspect the server.
            ended = f" on {long_date(timezone.localdate(row.expires_at))}" if row.expires_at else ""
            raise HttpError(401, f"This API token expired{ended}. Create a new one on your account page.")
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


AUTH = [BearerToken(), django_auth]
router = Router(auth=AUTH, tags=["cases"])


class ProblemOut(Schema):
    where: str
    field: str
    message: str


class ProblemsOut(Schema):
    message: str
    problems: list[ProblemOut]


class MessageOut(Schema):
    detail: str


class LocalAuthorityOut(Schema):
    ons_code: str
    name: str
    official_name: str
    current: bool


class CaseSummaryOut(Schema):
    id: str
    title: str
    role: str
    local_authority: LocalAuthorityOut | None
    created_at: str


class CaseOut(CaseSummaryOut):
    children: list[dict[str, Any]]
    people: list[dict[str, Any]]
    events: int
    ledger_ok: bool
    ledger_verified_at: str


class EventOut(Schema):
    id: str
    version: int
    entered_after_fact: bool
    data: dict[str, Any]


class VersionOut(Schema):
    number: int
    created_at: str
    reason: str
    entered_after_fact: bool
    data: dict[str, Any]


class CorrectionIn(Schema):
    data: dict[str, Any]
    reason: str


class CreatedCaseOut(Schema):
    id: str


def _user(request: HttpRequest) -> Any:
    return request.user


def _la(case: Case) -> dict[str, Any] | None:
    la = case.local_authority
    if la is None:
        return None
    return {"ons_code": la.ons_code, "name": la.name, "official_name": la.official_name, "current": la.is_current}


def _summary(case: Case, user: Any) -> dict[str, Any]:
    return {"id": str(case.public_id), "title": case.title, "role": policy.role_in(user, case) or "",
            "local_authority": _la(case), "created_at": case.created_at.isoformat()}


def _event_out(event: Event) -> dict[str, Any]:
    version = event.current
    return {"id": event.event_id, "version": version.number if version else 0,
            "entered_after_fact": bool(version and version.entered_after_fact), "data": event.data}


def _problems(exc: CaseFileError) -> dict[str, Any]:
    return {"message": "The case data has problems. Nothing was stored.",
            "problems": [{"where": p.where, "field": p.field, "message": p.message} for p in exc.problems]}


@router.get("/cases", response=list[CaseSummaryOut], summary="The cases you can see")
def list_cases(request: HttpRequest) -> list[dict[str, Any]]:
    user = _user(request)
    return [_summary(c, user) for c in policy.visible_cases(user).select_related("local_authority")]


@router.post("/cases/import", response={201: CreatedCaseOut, 422: ProblemsOut}, summary="Import a case file")
def import_case(request: HttpRequest, payload: dict[str, Any] = Body(...)) -> Any:  # noqa: B008
    try:
        case = actions.import_case(_user(request), payload)
    except CaseFileError as exc:
        return Status(422, _problems(exc))
    return Status(201, {"id": str(case.public_id)})


@router.get("/cases/{case_id}", response=CaseOut, summary="One case")
def get_case(request: HttpRequest, case_id: str) -> dict[str, Any]:
    user = _user(request)
    case = policy.case_for_user_or_404(user, case_id)
    ok, at = actions.ledger_status(case)
    return {**_summary(case, user), "children": [c.data for c in case.children.all()],
            "people": [p.data for p in case.people.all()], "events": case.events.count(),
            "ledger_ok": ok, "ledger_verified_at": at.isoformat()}


@router.get("/cases/{case_id}/events", response=list[EventOut], summary="The chronology")
def list_events(request: HttpRequest, case_id: str, kind: str | None = None) -> list[dict[str, Any]]:
    case = policy.case_for_user_or_404(_user(request), case_id)
    events = actions.case_events(case)
    return [_event_out(e) for e in events if kind is None or e.kind == kind]


@router.post("/cases/{case_id}/events", response={201: EventOut, 422: ProblemsOut}, summary="Record an event")
def record_event(request: HttpRequest, case_id: str, payload: dict[str, Any] = Body(...)) -> Any:  # noqa: B008
    user = _user(request)
    case = policy.case_for_user_or_404(user, case_id, policy.EDIT_CASE)
    try:
        event = actions.record_event(case, user, payload)
    except CaseFileError as exc:
        return Status(422, _problems(exc))
    return Status(201, _event_out(event))


@router.get("/cases/{case_id}/events/{event_id}", response=list[VersionOut], summary="An event's versions")
def event_history(request: HttpRequest, case_id: str, event_id: str) -> list[dict[str, Any]]:
    case = policy.case_for_user_or_404(_user(request), case_id)
    event = Event.objects.filter(case=case, event_id=event_id).first()
    if event is None:
        raise Http404("No such event")
    return [{"number": v.number, "created_at": v.created_at.isoformat(), "reason": v.reason,
             "entered_after_fact": v.entered_after_fact, "data": v.data} for v in actions.event_history(event)]


@router.post("/cases/{case_id}/events/{event_id}/corrections", response={201: EventOut, 422: ProblemsOut},
             summary="Correct an event (a new version)")
def correct_event(request: HttpRequest, case_id: str, event_id: str, payload: CorrectionIn) -> Any:
    user = _user(request)
    case = policy.case_for_user_or_404(user, case_id, policy.EDIT_CASE)
    if not case.events.filter(event_id=event_id).exists():
        raise Http404("No such event")
    try:
        event = actions.correct_event(case, user, event_id, payload.data, payload.reason)
    except CaseFileError as exc:
        return Status(422, _problems(exc))
    return Status(201, _event_out(event))


@router.get("/cases/{case_id}/findings", response={200: dict[str, Any], 422: ProblemsOut},
            summary="The engine's findings, footings and deadlines")
def findings(request: HttpRequest, case_id: str, as_of: date | None = None) -> Any:
    case = policy.case_for_user_or_404(_user(request), case_id)
    try:
        return case_report(case, as_of=as_of).as_json()
    except CaseFileError as exc:  # a moment out of range, or a stored case no longer valid
        return Status(422, _problems(exc))


@router.get("/cases/{case_id}/export", summary="The case file with its ledger entries")
def export_case(request: HttpRequest, case_id: str) -> dict[str, Any]:
    user = _user(request)
    case = policy.case_for_user_or_404(user, case_id, policy.EXPORT_CASE)
    return actions.export_case(case, user)


rights_router = Router(auth=AUTH, tags=["rights"])


@rights_router.get("/{footing}", summary="What the council must, may and may not do on a footing")
def rights(request: HttpRequest, footing: str) -> dict[str, Any]:
    from fairwitness.law.rights import rights_for

    try:
        return rights_for(footing).as_json()
    except KeyError:
        raise Http404("No such footing") from None


def install(api: NinjaAPI) -> None:
    api.add_router("/", router)
    api.add_router("/rights", rights_router)

    @api.exception_handler(policy.PermissionDenied)
    def _denied(request: HttpRequest, exc: Exception) -> Any:
        return api.create_response(request, {"detail": "Not Found"}, status=404)

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> Any:
        if isinstance(exc.__cause__, CaseFileError):  # a body the parser refused: name its problems
            return api.create_response(request, _problems(exc.__cause__), status=422)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    @api.exception_handler(crypto.ContentUnavailable)
    def _gone(request: HttpRequest, exc: Exception) -> Any:
        return api.create_response(request, {"detail": "This content is no longer available."}, status=410)
