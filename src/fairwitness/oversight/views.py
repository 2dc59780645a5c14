"""Pages of the oversight body, the family's view of it, and the council officer's inbox.

Thin views: every object comes from a ``cases.policy`` or ``oversight.permissions`` lookup made on
this request (consent is re-read each time; nothing is cached), every write goes through ``oversight.actions``, and every
look at a family's material by someone outside the family is recorded by ``access.record_access``
before it is shown. A page for a role you do not hold is 403; an object you may not see is 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from fairwitness.cases import policy
from fairwitness.cases.law import today
from fairwitness.cases.models import Document, LocalAuthority
from fairwitness.govuk import title_prefix
from fairwitness.oversight import actions, forms, permissions, shared, standards, wording
from fairwitness.oversight.access import access_changes, accesses, record_access
from fairwitness.oversight.letters import outcome_letter_pdf
from fairwitness.oversight.models import (
    STAFF_ROLE_CHOICES,
    Concern,
    CouncilDocument,
    InformationRequest,
    Recommendation,
    StaffRole,
    StaffRoleChange,
)

# ---------------------------------------------------------------------------------------------
# helpers


def _not_found_on_denial(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An action refused by policy looks like a missing object (404), never a hint that it exists."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except policy.PermissionDenied:
            raise Http404("Not found") from None

    return wrapped


def _form_page(request: HttpRequest, form: Any, heading: str, *, button: str = "Continue", back: str = "",
               intro: str = "", enctype: str = "") -> HttpResponse:
    return render(request, "form_page.html", {"form": form, "heading": heading, "button": button, "back": back,
                                              "intro": intro, "enctype": enctype, "title_prefix": title_prefix(form)})


def _put_error(form: Any, error: actions.OversightError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _file(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    safe = "".join(c for c in filename if c.isalnum() or c in "._- ") or "document"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["Cache-Control"] = "no-store"
    return response


def _event_choices(events: list[Any]) -> list[tuple[str, str]]:
    from fairwitness.cases.presenters import event_label, when_words

    return [(e.event_id, f"{when_words(e.at)}: {event_label(e.data)}") for e in events]


def _document_choices(documents: list[Document]) -> list[tuple[str, str]]:
    return [(str(d.public_id), d.filename) for d in documents]


def _concern(request: HttpRequest, concern_id: Any) -> Concern:
    return permissions.concern_for_staff_or_404(request.user, concern_id)


def _concern_url(concern: Concern) -> str:
    return reverse("oversight:concern", args=[concern.public_id])


def _why(concern: Concern) -> str:
    return "investigation" if concern.decision == "investigate" else "triage"


# ---------------------------------------------------------------------------------------------
# the family


@login_required
def family_case(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = policy.case_for_user_or_404(request.user, public_id, policy.VIEW_OVERSIGHT)
    now = today()
    concerns = [{"concern": c, "state": wording.state(c, now), "steps": wording.steps(c, now)}
                for c in Concern.objects.filter(case=case).order_by("-received_at")]
    return render(request, "oversight/family_case.html", {
        "case": case, "concerns": concerns, "active": actions.active_concern(case),
        "can_share": policy.has_permission(request.user, case, policy.SHARE_WITH_OVERSIGHT),
        "can_see_log": policy.has_permission(request.user, case, policy.VIEW_ACCESS_LOG)})


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def share(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = policy.case_for_user_or_404(request.user, public_id, policy.SHARE_WITH_OVERSIGHT)
    if actions.active_concern(case) is not None:
        messages.info(request, "You have already shared this case with Fair Witness.")
        return redirect("oversight:family_case", public_id=case.public_id)
    from fairwitness.cases.actions import case_events

    form = forms.ShareForm(request.POST or None, events=_event_choices(case_events(case)),
                           documents=_document_choices(list(Document.objects.filter(case=case))))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.share_case(case, request.user, what_to_look_at=data["what_to_look_at"], urgency=data["urgency"],
                               scope=data["scope"], event_ids=data["event_ids"], document_ids=data["document_ids"])
        except actions.OversightError as e:
            _put_error(form, e)
        else:
            messages.success(request, "You have shared your case with Fair Witness. We will acknowledge it within 2 working days.")
            return redirect("oversight:family_case", public_id=case.public_id)
    return _form_page(request, form, "Ask Fair Witness to look at your case", button="Share my case",
                      back=reverse("oversight:family_case", args=[case.public_id]),
                      intro="A reviewer at Fair Witness, which is independent of the council, will read what you share. "
                            "They will also see the names of the children and people in your record. They may show "
                            "parts of it to the council when they ask the council questions; you can see every time "
                            "anyone looks, and you can withdraw at any time.")


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def withdraw(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = policy.case_for_user_or_404(request.user, public_id, policy.SHARE_WITH_OVERSIGHT)
    concern = actions.active_concern(case)
    if concern is None:
        raise Http404("Nothing is shared")
    form = forms.WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.withdraw(concern, request.user)
        messages.success(request, "You have withdrawn your consent. Nobody at Fair Witness or the council can see your record through this request any more.")
        return redirect("oversight:family_case", public_id=case.public_id)
    return _form_page(request, form, "Stop sharing your case", button="Withdraw my consent",
                      back=reverse("oversight:family_case", args=[case.public_id]),
                      intro="From the moment you withdraw, reviewers and council officers can no longer open your "
                            "record through this request. What they have already written stays on the record.")


@login_required
def seen(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = policy.case_for_user_or_404(request.user, public_id, policy.VIEW_ACCESS_LOG)
    return render(request, "oversight/seen.html", {"case": case, "accesses": accesses(case),
                                                   "widened": access_changes(case)})


@login_required
@_not_found_on_denial
def family_letter(request: HttpRequest, public_id: Any, concern_id: Any) -> HttpResponse:
    case = policy.case_for_user_or_404(request.user, public_id, policy.VIEW_OVERSIGHT)
    concern = Concern.objects.filter(case=case, public_id=concern_id, outcome_issued_at__isnull=False).first()
    if concern is None:
        raise Http404("No such letter")
    return _pdf(outcome_letter_pdf(concern, "family"), f"fair-witness-outcome-{concern.reference}.pdf")


# ---------------------------------------------------------------------------------------------
# staff sign-in: the second factor


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    form = forms.CodeForm(request.POST or None)
    target = request.POST.get("next") or request.GET.get("next") or "/oversight/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/oversight/"
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].replace(" ", "")
        device = next((d for d in TOTPDevice.objects.filter(user=request.user, confirmed=True) if d.verify_token(code)), None)
        if device is not None:
            otp_login(request, device)
            return redirect(target)
        form.add_error("code", "That code is not right, or it has run out. Enter the code your app shows now")
    return render(request, "form_page.html", {"form": form, "heading": "Enter the code from your authenticator app",
                                              "button": "Continue", "next": target, "title_prefix": title_prefix(form)})


def home_for(user: Any) -> str:
    """Where a signed-in person starts: staff go to their own inbox."""
    role = permissions.staff_role(user)
    return {"reviewer": "oversight:queue", "senior_reviewer": "oversight:queue", "liaison": "oversight:council",
            "administrator": "oversight:staff"}.get(role or "", "cases:list")


# ---------------------------------------------------------------------------------------------
# reviewers: the queue and a concern


def queue_order(concerns: list[Concern]) -> list[Concern]:
    """Most serious findings first, then the oldest, then what the family says is most urgent."""
    from fairwitness.oversight.models import URGENCY_RANK

    return sorted(concerns, key=lambda c: (c.priority, c.received_at, URGENCY_RANK.get(c.urgency, 9)))


RECENTLY_CLOSED = 20


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    permissions.require_staff_permission(request.user, permissions.WORK_QUEUE)
    now = today()
    live = list(Concern.objects.filter(withdrawn_at__isnull=True, closed_at__isnull=True, case__erased_at__isnull=True)
                .select_related("assigned_to", "case__local_authority")
                .prefetch_related("information_requests__local_authority", "issues__recommendations"))
    rows = []
    for c in queue_order([c for c in live if permissions.can_open_concern(request.user, c)]):
        rows.append({"concern": c, "state": wording.state(c, now), "deadlines": wording.deadlines(c, now, open_only=True),
                     "overdue": wording.overdue_flags(c, now),
                     "serious": wording.SERIOUS_WORDS.get(c.top_check, ""),
                     "urgency": wording.URGENCY_WORDS.get(c.urgency, c.urgency)})
    # Finished concerns stay findable: the newest the reviewer may still open (consent live).
    finished = (Concern.objects.filter(closed_at__isnull=False, withdrawn_at__isnull=True, case__erased_at__isnull=True)
                .select_related("assigned_to", "case__local_authority").order_by("-closed_at", "-pk")[:RECENTLY_CLOSED * 5])
    closed = [{"concern": c, "state": wording.state(c, now)} for c in finished
              if permissions.can_open_concern(request.user, c)][:RECENTLY_CLOSED]
    return render(request, "oversight/queue.html", {
        "rows": rows, "closed": closed, "today": now, "overdue_rows": [row for row in rows if row["overdue"]],
        "ack_days": standards.ACKNOWLEDGE_WORKING_DAYS, "decide_days": standards.DECIDE_WORKING_DAYS,
        "can_assign": permissions.has_staff_permission(request.user, permissions.ASSIGN)})


@login_required
@_not_found_on_denial
def concern_detail(request: HttpRequest, concern_id: Any) -> HttpResponse:
    from fairwitness.cases.actions import case_events
    from fairwitness.cases.presenters import event_label, when_words

    concern = _concern(request, concern_id)
    record_access(request.user, concern.case, what="concern", why=_why(concern), concern=concern,
                  object_id=concern.public_id)
    now = today()
    report = shared.shared_report(concern)
    events = [e for e in case_events(concern.case) if permissions.shares_event(concern, e.event_id)]
    requests = list(concern.information_requests.select_related("local_authority").prefetch_related("council_documents"))
    issues = list(concern.issues.prefetch_related("recommendations"))
    return render(request, "oversight/concern.html", {
        "concern": concern, "clocks": wording.our_deadlines(concern, now), "state": wording.state(concern, now),
        "allowed": wording.allowed_actions(concern),
        "findings": report.problems() if report else None,
        "events": [{"event": e, "label": event_label(e.data), "when": when_words(e.at)} for e in events],
        "documents": shared.shared_documents(concern), "issues": issues,
        "undecided": [issue.number for issue in issues if not issue.outcome],
        "requests": [{"r": r, "overdue": r.is_overdue(now), "deadline": wording.request_deadline(r, now)} for r in requests],
        "evidence": list(concern.evidence.all()), "referrals": list(concern.referrals.all()),
        "can_work": permissions.can_work_on_concern(request.user, concern),
        "can_assign": permissions.has_staff_permission(request.user, permissions.ASSIGN),
        "urgency": wording.URGENCY_WORDS.get(concern.urgency, ""), "today": now})


@login_required
@_not_found_on_denial
def concern_event(request: HttpRequest, concern_id: Any, event_id: str) -> HttpResponse:
    from fairwitness.cases.actions import case_events
    from fairwitness.cases.presenters import case_choices, describe_event, event_label

    concern = _concern(request, concern_id)
    if not permissions.shares_event(concern, event_id):
        raise Http404("No such event")
    events = [e for e in case_events(concern.case) if permissions.shares_event(concern, e.event_id)]
    event = next((e for e in events if e.event_id == event_id), None)
    if event is None:
        raise Http404("No such event")
    record_access(request.user, concern.case, what="event", why=_why(concern), concern=concern, object_id=event_id)
    rows = describe_event(event.data, case_choices(concern.case, events))
    return render(request, "oversight/event.html", {"concern": concern, "label": event_label(event.data), "rows": rows,
                                                    "back": _concern_url(concern)})


@login_required
@_not_found_on_denial
def concern_document(request: HttpRequest, concern_id: Any, file_id: Any) -> HttpResponse:
    from fairwitness.cases.documents import open_document

    concern = _concern(request, concern_id)
    document = Document.objects.filter(case=concern.case, public_id=file_id).select_related("event", "case").first()
    if document is None or not permissions.shares_document(concern, document):
        raise Http404("No such document")
    record_access(request.user, concern.case, what="document", why=_why(concern), concern=concern,
                  object_id=document.public_id)
    return _file(open_document(document), document.content_type, document.filename)


@login_required
@_not_found_on_denial
def concern_council_document(request: HttpRequest, concern_id: Any, file_id: Any) -> HttpResponse:
    concern = _concern(request, concern_id)
    doc = CouncilDocument.objects.filter(request__concern=concern, public_id=file_id).first()
    if doc is None:
        raise Http404("No such document")
    record_access(request.user, concern.case, what="council_document", why=_why(concern), concern=concern,
                  object_id=doc.public_id)
    return _file(doc.content(), doc.content_type, doc.filename)


@login_required
@_not_found_on_denial
def concern_letter(request: HttpRequest, concern_id: Any, recipient: str) -> HttpResponse:
    concern = _concern(request, concern_id)
    if recipient not in ("family", "council") or concern.outcome_issued_at is None:
        raise Http404("No such letter")
    record_access(request.user, concern.case, what="letter", why="outcome", concern=concern, object_id=recipient)
    return _pdf(outcome_letter_pdf(concern, recipient), f"fair-witness-outcome-{concern.reference}-{recipient}.pdf")


def _post_action(handler: Callable[[HttpRequest, Concern], str]) -> Callable[..., HttpResponse]:
    """A button on the concern page: POST only, the concern re-checked, then back to the page."""

    @login_required
    @require_POST
    @_not_found_on_denial
    @wraps(handler)
    def view(request: HttpRequest, concern_id: Any) -> HttpResponse:
        concern = _concern(request, concern_id)
        try:
            message = handler(request, concern)
        except actions.OversightError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, message)
        return redirect(_concern_url(concern))

    return view


@_post_action
def acknowledge(request: HttpRequest, concern: Concern) -> str:
    actions.acknowledge(concern, request.user)
    return f"{concern.reference} acknowledged."


@_post_action
def take(request: HttpRequest, concern: Concern) -> str:
    actions.assign(concern, request.user, request.user)
    return f"{concern.reference} is now assigned to you."


@_post_action
def issues_from_findings(request: HttpRequest, concern: Concern) -> str:
    made = actions.issues_from_findings(concern, request.user)
    return f"{len(made)} issue{'s' if len(made) != 1 else ''} added from the findings and the family's request."


@_post_action
def issue_outcome(request: HttpRequest, concern: Concern) -> str:
    actions.issue_outcome(concern, request.user)
    return "The outcome letters have been issued to the family and the council."


def _concern_form(request: HttpRequest, concern_id: Any, form_class: Any, heading: str, button: str,
                  save: Callable[[Concern, dict[str, Any]], Any], *, form_kwargs: dict[str, Any] | None = None,
                  work: bool = True, done: str = "Saved.") -> HttpResponse:
    concern = _concern(request, concern_id)
    if work and not permissions.can_work_on_concern(request.user, concern):
        raise Http404("Not found")
    kwargs = form_kwargs(concern) if callable(form_kwargs) else (form_kwargs or {})
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            save(concern, form.cleaned_data)
        except actions.OversightError as e:
            _put_error(form, e)
        else:
            messages.success(request, done)
            return redirect(_concern_url(concern))
    return _form_page(request, form, heading, button=button, back=_concern_url(concern),
                      intro=f"{concern.reference}")


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def assign(request: HttpRequest, concern_id: Any) -> HttpResponse:
    permissions.require_staff_permission(request.user, permissions.ASSIGN)
    reviewers = [(str(s.user_id), s.user.get_full_name()) for s in
                 StaffRole.objects.filter(role__in=("reviewer", "senior_reviewer")).select_related("user")]
    users = get_user_model()._default_manager

    def save(concern: Concern, data: dict[str, Any]) -> None:
        actions.assign(concern, request.user, users.get(pk=data["reviewer"]))

    return _concern_form(request, concern_id, forms.AssignForm, "Assign this concern", "Assign", save,
                         form_kwargs={"reviewers": reviewers}, work=False, done="Assigned.")


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def decide(request: HttpRequest, concern_id: Any) -> HttpResponse:
    return _concern_form(request, concern_id, forms.DecideForm, "Decide whether to investigate", "Record the decision",
                         lambda c, d: actions.decide(c, request.user, d["decision"], d["reason"]), done="Decision recorded.")


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def issue_add(request: HttpRequest, concern_id: Any) -> HttpResponse:
    return _concern_form(request, concern_id, forms.IssueForm, "Add an issue", "Add the issue",
                         lambda c, d: actions.add_issue(c, request.user, d["title"]), done="Issue added.")


def _issue(concern: Concern, number: int) -> Any:
    issue = concern.issues.filter(number=number).first()
    if issue is None:
        raise Http404("No such issue")
    return issue


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def finding(request: HttpRequest, concern_id: Any, number: int) -> HttpResponse:
    return _concern_form(request, concern_id, forms.FindingForm, f"Finding on issue {number}", "Record the finding",
                         lambda c, d: actions.record_finding(_issue(c, number), request.user, d["outcome"], d["reasons"]),
                         done=f"Finding recorded for issue {number}.")


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def recommend(request: HttpRequest, concern_id: Any, number: int) -> HttpResponse:
    return _concern_form(request, concern_id, forms.RecommendationForm, f"Recommendation on issue {number}",
                         "Add the recommendation",
                         lambda c, d: actions.add_recommendation(_issue(c, number), request.user, d["text"], d["remedy"],
                                                                 d["due_on"]), done="Recommendation added.")


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def evidence_add(request: HttpRequest, concern_id: Any) -> HttpResponse:
    return _concern_form(request, concern_id, forms.EvidenceForm, "Record evidence", "Save the evidence",
                         lambda c, d: actions.add_evidence(c, request.user, d["note"]), done="Evidence recorded.")


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def referral_add(request: HttpRequest, concern_id: Any) -> HttpResponse:
    return _concern_form(request, concern_id, forms.ReferralForm, "Refer this on", "Record the referral",
                         lambda c, d: actions.refer(c, request.user, d["body"], d["reason"]), done="Referral recorded.")


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def compliance(request: HttpRequest, concern_id: Any, number: int) -> HttpResponse:
    def save(concern: Concern, data: dict[str, Any]) -> None:
        rec = Recommendation.objects.filter(issue__concern=concern, number=number).first()
        if rec is None:
            raise Http404("No such recommendation")
        actions.record_compliance(rec, request.user, data["complied_on"], data["note"])

    return _concern_form(request, concern_id, forms.ComplianceForm, f"Recommendation {number} done", "Record it", save,
                         done="Compliance recorded.")


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def request_add(request: HttpRequest, concern_id: Any) -> HttpResponse:
    from fairwitness.cases.forms import local_authority_choices

    def kwargs(concern: Concern) -> dict[str, Any]:
        from fairwitness.documents.wording import long_date

        council = concern.case.local_authority
        return {"councils": local_authority_choices(),
                "council": council.ons_code if council else "",
                "default_due": f"{long_date(standards.answer_due(today()))}, {standards.ANSWER_WORKING_DAYS} working days "
                               "from today",
                "events": _event_choices(shared.shared_events(concern)),
                "documents": _document_choices(shared.shared_documents(concern))}

    def save(concern: Concern, data: dict[str, Any]) -> None:
        council = LocalAuthority.objects.filter(ons_code=data["local_authority"]).first()
        actions.send_request(concern, request.user, local_authority=council, questions=data["questions"],
                             due_on=data["due_on"], event_ids=data["event_ids"], document_ids=data["document_ids"])

    response = _concern_form(request, concern_id, forms.RequestForm, "Ask the council for information",
                             "Send the request", save, form_kwargs=kwargs, done="Information request sent.")
    return response


@login_required
@require_POST
@_not_found_on_denial
def more_time_decide(request: HttpRequest, concern_id: Any, request_id: Any) -> HttpResponse:
    concern = _concern(request, concern_id)
    req = InformationRequest.objects.filter(concern=concern, public_id=request_id).first()
    if req is None:
        raise Http404("No such request")
    try:
        actions.decide_more_time(req, request.user, request.POST.get("grant") == "yes")
    except actions.OversightError as e:
        messages.error(request, e.message)
    return redirect(_concern_url(concern))


# ---------------------------------------------------------------------------------------------
# the council's liaison officer


@login_required
def council(request: HttpRequest) -> HttpResponse:
    permissions.require_staff_permission(request.user, permissions.ANSWER_REQUESTS)
    now = today()
    rows = [{"r": r, "overdue": r.is_overdue(now), "deadline": wording.request_deadline(r, now)}
            for r in permissions.visible_requests(request.user)]
    # What waits for an answer first, the most overdue at the top; then what was answered, newest first.
    waiting = sorted((row for row in rows if row["r"].answered_on is None), key=lambda row: row["r"].due_on)
    answered = sorted((row for row in rows if row["r"].answered_on is not None),
                      key=lambda row: row["r"].answered_on, reverse=True)
    staff = StaffRole.objects.select_related("local_authority").get(user=request.user)
    return render(request, "oversight/council.html", {
        "waiting": waiting, "answered": answered, "council": staff.local_authority,
        "overdue_count": sum(1 for row in waiting if row["overdue"])})


def _council_request(request: HttpRequest, request_id: Any) -> InformationRequest:
    permissions.require_staff_permission(request.user, permissions.ANSWER_REQUESTS)
    return permissions.request_for_user_or_404(request.user, request_id)


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def council_request(request: HttpRequest, request_id: Any) -> HttpResponse:
    from fairwitness.cases.actions import case_events
    from fairwitness.cases.presenters import event_label, when_words

    req = _council_request(request, request_id)
    form = forms.AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_request(req, request.user, form.cleaned_data["answer"])
        except actions.OversightError as e:
            _put_error(form, e)
        else:
            messages.success(request, "Your answer has been sent to the reviewer.")
            return redirect("oversight:council_request", request_id=req.public_id)
    record_access(request.user, req.concern.case, what="request", why="council_answer", concern=req.concern,
                  object_id=req.public_id)
    events = [e for e in case_events(req.concern.case) if permissions.request_shows_event(req, e.event_id)]
    documents = [d for d in req.documents.select_related("event", "case") if permissions.request_shows_document(req, d)]
    return render(request, "oversight/council_request.html", {
        "req": req, "form": form, "overdue": req.is_overdue(today()), "title_prefix": title_prefix(form),
        "deadline": wording.request_deadline(req, today()),
        "events": [{"event": e, "label": event_label(e.data), "when": when_words(e.at)} for e in events],
        "documents": documents, "uploaded": list(req.council_documents.all())})


@login_required
@_not_found_on_denial
def council_event(request: HttpRequest, request_id: Any, event_id: str) -> HttpResponse:
    from fairwitness.cases.actions import case_events
    from fairwitness.cases.presenters import case_choices, describe_event, event_label

    req = _council_request(request, request_id)
    events = [e for e in case_events(req.concern.case) if permissions.request_shows_event(req, e.event_id)]
    event = next((e for e in events if e.event_id == event_id), None)
    if event is None:
        raise Http404("No such event")
    record_access(request.user, req.concern.case, what="event", why="council_answer", concern=req.concern,
                  object_id=event_id)
    rows = describe_event(event.data, case_choices(req.concern.case, events))
    return render(request, "oversight/event.html", {"label": event_label(event.data), "rows": rows,
                                                    "back": reverse("oversight:council_request", args=[req.public_id])})


@login_required
@_not_found_on_denial
def council_document(request: HttpRequest, request_id: Any, file_id: Any) -> HttpResponse:
    from fairwitness.cases.documents import open_document

    req = _council_request(request, request_id)
    document = Document.objects.filter(public_id=file_id).select_related("event", "case").first()
    if document is None or not permissions.request_shows_document(req, document):
        raise Http404("No such document")
    record_access(request.user, req.concern.case, what="document", why="council_answer", concern=req.concern,
                  object_id=document.public_id)
    return _file(open_document(document), document.content_type, document.filename)


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def council_more_time(request: HttpRequest, request_id: Any) -> HttpResponse:
    req = _council_request(request, request_id)
    form = forms.MoreTimeForm(request.POST or None)
    back = reverse("oversight:council_request", args=[req.public_id])
    if request.method == "POST" and form.is_valid():
        try:
            actions.ask_more_time(req, request.user, form.cleaned_data["until"], form.cleaned_data["reason"])
        except actions.OversightError as e:
            _put_error(form, e)
        else:
            messages.success(request, "Your request for more time has been sent to the reviewer.")
            return redirect(back)
    return _form_page(request, form, "Ask for more time", button="Ask for more time", back=back)


@login_required
@require_http_methods(["GET", "POST"])
@_not_found_on_denial
def council_upload(request: HttpRequest, request_id: Any) -> HttpResponse:
    from fairwitness.cases.documents import UploadRejected

    req = _council_request(request, request_id)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    back = reverse("oversight:council_request", args=[req.public_id])
    if request.method == "POST" and form.is_valid():
        try:
            actions.upload_council_document(req, request.user, form.cleaned_data["file"])
        except UploadRejected as e:
            form.add_error("file", e.message)
        else:
            messages.success(request, "The file has been sent to the reviewer.")
            return redirect(back)
    return _form_page(request, form, "Send a document", button="Upload", back=back, enctype="multipart/form-data")


@login_required
@_not_found_on_denial
def council_letter(request: HttpRequest, request_id: Any) -> HttpResponse:
    req = _council_request(request, request_id)
    if req.concern.outcome_issued_at is None:
        raise Http404("No letter yet")
    record_access(request.user, req.concern.case, what="letter", why="outcome", concern=req.concern, object_id="council")
    return _pdf(outcome_letter_pdf(req.concern, "council"), f"fair-witness-outcome-{req.concern.reference}.pdf")


# ---------------------------------------------------------------------------------------------
# administration and the public service standards


@login_required
@require_http_methods(["GET", "POST"])
def staff(request: HttpRequest) -> HttpResponse:
    """Administrators propose roles; a second person (senior reviewer or another administrator)
    approves them here (issue 10)."""
    can_propose = permissions.has_staff_permission(request.user, permissions.MANAGE_STAFF)
    if not (can_propose or permissions.has_staff_permission(request.user, permissions.APPROVE_STAFF)):
        permissions.require_staff_permission(request.user, permissions.MANAGE_STAFF)  # 403
    form = forms.StaffForm(request.POST or None) if can_propose else None
    if form is not None and request.method == "POST" and form.is_valid():
        user = get_user_model()._default_manager.filter(email__iexact=form.cleaned_data["email"]).first()
        council = LocalAuthority.objects.filter(ons_code=form.cleaned_data["local_authority"]).first()
        if user is None:
            form.add_error("email", "There is no account with this email address. Ask them to create one first")
        else:
            try:
                actions.propose_staff_role(request.user, user, form.cleaned_data["role"], council)
            except actions.OversightError as e:
                _put_error(form, e)
            else:
                messages.success(request, f"You have proposed {user.email} as a {form.cleaned_data['role'].replace('_', ' ')}. "
                                          "It takes effect when a senior reviewer or another administrator approves it.")
                return redirect("oversight:staff")
    people = StaffRole.objects.select_related("user", "local_authority").order_by("role", "user__email")
    pending = actions.pending_staff_role_changes()
    labels = dict(STAFF_ROLE_CHOICES)
    for change in pending:
        change.previous_label = labels.get(change.previous_role, "No staff role")
        change.can_decide = (permissions.has_staff_permission(request.user, permissions.APPROVE_STAFF)
                             and request.user.pk not in (change.user_id, change.proposed_by_id))
    return render(request, "oversight/staff.html", {"form": form, "people": people, "pending": pending,
                                                    "title_prefix": title_prefix(form) if form else ""})


@login_required
@require_http_methods(["POST"])
def staff_decide(request: HttpRequest, change_id: Any) -> HttpResponse:
    permissions.require_staff_permission(request.user, permissions.APPROVE_STAFF)
    change = StaffRoleChange.objects.filter(public_id=change_id).first()
    if change is None:
        raise Http404("No such change")
    approve = request.POST.get("decision") == "approve"
    try:
        actions.decide_staff_role(request.user, change, approve)
    except actions.OversightError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"{'Approved' if approve else 'Rejected'}: {change.user.email} as a "
                                  f"{change.role.replace('_', ' ')}.")
    return redirect("oversight:staff")


def service_standards(request: HttpRequest) -> HttpResponse:
    """Public: how the body keeps its own promises and how councils answer it. Numbers only, and
    published by the public figures' rule (0 to 9 withheld as c, others rounded to 5): the page is
    live and open to anyone, so an exact small count would show the day one family's request moved."""
    now = today()
    return render(request, "oversight/standards.html", {
        "ours": standards.published(standards.service_standard_counts(now)),
        "councils": [standards.published(row) for row in standards.council_answer_counts(now)], "today": now,
        "ack_days": standards.ACKNOWLEDGE_WORKING_DAYS, "decide_days": standards.DECIDE_WORKING_DAYS})
