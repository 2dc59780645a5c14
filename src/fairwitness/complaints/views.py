"""The challenge pages. Every case lookup goes through ``cases.policy`` (another family's case is a
404, never a 403); every write goes through ``complaints.actions`` and from there ``cases.actions``."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from fairwitness.cases import policy
from fairwitness.cases.law import case_report
from fairwitness.cases.models import Case, Event
from fairwitness.complaints import actions
from fairwitness.complaints.calendar_feed import build_feed, feed_findings
from fairwitness.complaints.forms import (
    DocumentNameForm,
    LetterDetailsForm,
    LetterForm,
    OutcomeForm,
    SenderForm,
    StatementForm,
)
from fairwitness.complaints.letterdraft import KINDS, draft_letter, letter_kinds
from fairwitness.complaints.matters import SOCIAL_WORK_ENGLAND_URL, Matter, case_matters
from fairwitness.complaints.models import CalendarFeed, RectificationRequest
from fairwitness.complaints.reminders import reminder_rows
from fairwitness.documents.letters import ComplaintTopic
from fairwitness.documents.model import LetterError, UnfilledPromptsError
from fairwitness.documents.wording import long_date
from fairwitness.govuk import title_prefix
from fairwitness.law.caseformat import CaseFileError
from fairwitness.law.findings import DISCLAIMER

CHRONOLOGY_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
}


def _case(request: HttpRequest, public_id: Any, permission: str = policy.VIEW_CASE) -> Case:
    return policy.case_for_user_or_404(request.user, public_id, permission)


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _problems_into(form: Any, exc: CaseFileError) -> None:
    for p in exc.problems:
        name = p.field if p.field in form.fields else None
        form.add_error(name, p.message[:1].upper() + p.message[1:])


def _people(case: Case) -> list[tuple[str, str]]:
    return [(p.person_id, f"{p.name} ({p.role})" if p.role else p.name) for p in case.people.all()]


# --- the tracker ----------------------------------------------------------------------------------

def _step_view(case: Case, step: Any) -> dict[str, Any]:
    href = reverse("complaints:letter", args=[case.public_id, step.letter]) if step.letter else step.url
    if step.letter and step.about:
        href += "?" + urlencode({"about": step.about})
    return {"label": step.label, "hint": step.hint, "href": href, "external": not step.letter,
            "also_url": step.url if step.letter and step.url else None}


def _matter_view(case: Case, matter: Matter, choices: Any) -> dict[str, Any]:
    from fairwitness.cases.presenters import finding_view  # the case page's own rendering of a finding

    return {"m": matter, "item": finding_view(matter.finding, choices) if matter.finding else None,
            "steps": [_step_view(case, s) for s in matter.next_steps],
            "due": long_date(matter.due) if matter.due else None,
            "history": [{"label": h.label, "due": long_date(h.due) if h.due else "", "status": h.status}
                        for h in matter.history]}


@login_required
def tracker(request: HttpRequest, public_id: Any) -> HttpResponse:
    from fairwitness.cases.presenters import case_choices

    case = _case(request, public_id)
    report = case_report(case)
    choices = case_choices(case)
    matters = [_matter_view(case, m, choices) for m in case_matters(report)]
    return render(request, "complaints/tracker.html", {
        "case": case, "as_of": long_date(report.as_of_date),
        "open": [m for m in matters if m["m"].is_open], "closed": [m for m in matters if not m["m"].is_open],
        "corrections": RectificationRequest.objects.filter(case=case).count(),
        "reminders": reminder_rows(case), "social_work_england": SOCIAL_WORK_ENGLAND_URL,
        "can_edit": policy.can_edit_case(request.user, case), "disclaimer": DISCLAIMER,
    })


# --- letters --------------------------------------------------------------------------------------

@login_required
def letters(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id)
    return render(request, "complaints/letters.html", {"case": case, "kinds": list(letter_kinds().items())})


def _topic(request: HttpRequest, kind: str) -> ComplaintTopic | None:
    """The finding a new stage 1 complaint is about, from the link that opened the letter."""
    wanted = request.POST.get("about") or request.GET.get("about")
    if not wanted:
        return None
    topic = ComplaintTopic.parse(wanted)
    if topic is None or kind != "complaint-stage-1":
        raise Http404("No such finding")
    return topic


def _rectification_request(case: Case, request: HttpRequest) -> RectificationRequest | None:
    wanted = request.POST.get("request") or request.GET.get("request")
    if not wanted:
        return None
    try:
        return RectificationRequest.objects.get(case=case, public_id=wanted)
    except Exception:  # unknown, another case's, or not a UUID: all the same 404
        raise Http404("No such request") from None


@login_required
@require_http_methods(["GET", "POST"])
def letter(request: HttpRequest, public_id: Any, kind: str) -> HttpResponse:
    case = _case(request, public_id)
    if kind not in KINDS:
        raise Http404("No such letter")
    rect = _rectification_request(case, request)
    topic = _topic(request, kind)
    people = _people(case)
    sender = (request.POST.get("from") or request.GET.get("from") or "").strip()
    if sender and sender not in dict(people):
        raise Http404("No such person")
    sender_form = SenderForm({"sender": sender} if sender else None, people=people)
    title = letter_kinds()[kind]
    try:
        drafted = draft_letter(case, kind, sender_id=sender or None, request=rect, topic=topic)
    except LetterError as exc:
        return render(request, "complaints/letter_blocked.html", {"case": case, "title": title, "message": str(exc)})
    if not drafted.has_contact and drafted.sender_id and policy.can_edit_case(request.user, case) \
            and request.method == "GET":
        # Asked once: the first letter from this person asks for their address, email and phone.
        back = request.get_full_path()
        return redirect(reverse("complaints:letter_details", args=[case.public_id])
                        + "?" + urlencode({"from": drafted.sender_id, "next": back}))
    base = drafted.letter
    prompts = list(dict.fromkeys(base.prompts()))
    form = LetterForm(request.POST or None, letter=base, prompts=prompts)
    draft = base
    if request.method == "POST" and form.is_valid():
        try:
            draft = base.with_edits(form.edits())
        except LetterError as exc:
            form.add_error(None, str(exc))
        else:
            action = request.POST.get("action", "")
            if action in ("draft_pdf", "draft_docx"):
                from fairwitness.documents.render_docx import render_letter_docx
                from fairwitness.documents.render_pdf import render_letter_pdf

                if action == "draft_pdf":
                    return _download(render_letter_pdf(draft, final=False), "application/pdf", f"draft-{kind}.pdf")
                return _download(render_letter_docx(draft, final=False), CHRONOLOGY_TYPES["docx"], f"draft-{kind}.docx")
            if action == "final":
                if not policy.can_edit_case(request.user, case):
                    raise Http404("No such case")
                try:
                    sent = actions.finalise_letter(case, request.user, kind, draft, sender_id=drafted.sender_id,
                                                   request=rect)
                except UnfilledPromptsError as exc:
                    for p in exc.prompts:
                        words = p.removeprefix("[Please add: ").removesuffix("]")
                        form.add_error(None, f"Fill in: {words}")
                except CaseFileError as exc:
                    _problems_into(form, exc)
                else:
                    messages.success(request, "Your letter is final and saved to your record, with its fingerprint.")
                    return redirect("complaints:letter_sent", public_id=case.public_id, event_id=sent.event.event_id)
    return render(request, "complaints/letter.html", {
        "case": case, "kind": kind, "title": title, "letter": draft, "form": form, "sender_form": sender_form,
        "sender": sender, "request_id": str(rect.public_id) if rect else "", "prompts": prompts,
        "about": topic.token if topic else "",
        "expected": long_date(draft.expected_response) if draft.expected_response else None,
        "date": long_date(draft.date), "title_prefix": title_prefix(form),
        "can_edit": policy.can_edit_case(request.user, case),
        "details_url": reverse("complaints:letter_details", args=[case.public_id]) + "?" + urlencode(
            {"from": drafted.sender_id or "", "next": request.get_full_path()}),
    })


def _safe_next(case: Case, target: str) -> str:
    """Only back into this case's own letter pages (never an address from elsewhere)."""
    prefix = reverse("complaints:letters", args=[case.public_id])
    return target if target.startswith(prefix) and "//" not in target and "\\" not in target else prefix


@login_required
@require_http_methods(["GET", "POST"])
def letter_details(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The sender's address, email and phone, and the council's complaints address: asked once,
    kept encrypted with the case, changed here."""
    case = _case(request, public_id, policy.EDIT_CASE)
    people = dict(_people(case))
    person_id = (request.POST.get("from") or request.GET.get("from") or "").strip()
    if person_id not in people:
        raise Http404("No such person")
    next_url = _safe_next(case, request.POST.get("next") or request.GET.get("next") or "")
    stored = actions.letter_details(case)
    initial = dict(stored.sender(person_id) or {}) if stored else {}
    initial["council_address"] = stored.council_address if stored else ""
    form = LetterDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            actions.save_letter_details(case, request.user, person_id, address=cd["address"], email=cd["email"],
                                        phone=cd["phone"], council_address=cd["council_address"])
        except CaseFileError as exc:
            _problems_into(form, exc)
        else:
            messages.success(request, "Your details are saved for your letters. You can change them from any letter.")
            return redirect(next_url)
    name = people[person_id].split(" (")[0]
    return render(request, "form_page.html", {
        "form": form, "heading": f"{name}: details for your letters", "button": "Save and continue",
        "back": next_url, "title_prefix": title_prefix(form),
        "intro": "Councils answer letters that say who they are from and where to reply. We print these at the "
                 "top of your letters. We ask once and keep them encrypted with your case: only you and the "
                 "people you share the case with can see them."})


@login_required
def letter_sent(request: HttpRequest, public_id: Any, event_id: str) -> HttpResponse:
    case = _case(request, public_id)
    event = Event.objects.filter(case=case, event_id=event_id).select_related("current").first()
    if event is None:
        raise Http404("No such letter")
    event.case = case
    docs = list(event.documents.all())
    for d in docs:
        d.case = case
    pdf = next((d for d in docs if d.content_type == "application/pdf"), None)
    docx = next((d for d in docs if d.content_type == CHRONOLOGY_TYPES["docx"]), None)
    if pdf is None and docx is None:
        raise Http404("No letter with this event")
    return render(request, "complaints/letter_sent.html", {
        "case": case, "event": event, "pdf": pdf, "docx": docx, "note": event.data.get("note", ""),
    })


# --- correcting the record ------------------------------------------------------------------------

def _request_or_404(case: Case, request_id: Any) -> RectificationRequest:
    try:  # the URL takes any text so that a signed-out visitor is sent to sign in, not shown a 404
        found = RectificationRequest.objects.filter(case=case, public_id=uuid.UUID(str(request_id))).first()
    except ValueError:
        found = None
    if found is None:
        raise Http404("No such request")
    found.case = case
    return found


@login_required
def corrections(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id)
    rows = []
    for r in RectificationRequest.objects.filter(case=case):
        r.case = case
        outcomes = actions.statement_outcomes(case, r)
        rows.append({"r": r, "statements": len(r.statement_ids), "answered": len(outcomes),
                     "sent": bool(r.request_event_id)})
    return render(request, "complaints/corrections.html", {"case": case, "rows": rows,
                                                           "can_edit": policy.can_edit_case(request.user, case)})


@login_required
@require_http_methods(["GET", "POST"])
def correction_new(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id, policy.EDIT_CASE)
    form = DocumentNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            r = actions.start_rectification(case, request.user, form.cleaned_data["document"])
        except CaseFileError as exc:
            _problems_into(form, exc)
        else:
            return redirect("complaints:correction", public_id=case.public_id, request_id=r.public_id)
    return render(request, "form_page.html", {
        "form": form, "heading": "Which council document is wrong?", "button": "Continue",
        "back": reverse("complaints:corrections", args=[case.public_id]), "title_prefix": title_prefix(form),
    })


@login_required
@require_http_methods(["GET", "POST"])
def correction(request: HttpRequest, public_id: Any, request_id: Any) -> HttpResponse:
    case = _case(request, public_id)
    r = _request_or_404(case, request_id)
    can_edit = policy.can_edit_case(request.user, case)
    form = StatementForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_edit:
            raise Http404("No such case")
        if form.is_valid():
            cd = form.cleaned_data
            try:
                actions.add_statement(case, request.user, r, statement=cd["statement"], correction=cd["correction"],
                                      evidence=cd["evidence"], evidence_file=cd.get("evidence_file"))
            except CaseFileError as exc:
                message = getattr(exc, "message", None)
                if message:
                    form.add_error("evidence_file", message[:1].upper() + message[1:])
                else:
                    _problems_into(form, exc)
            else:
                messages.success(request, "The statement has been added to your record.")
                return redirect("complaints:correction", public_id=case.public_id, request_id=r.public_id)
    events = {e.event_id: e for e in Event.objects.filter(case=case, event_id__in=r.statement_ids).select_related("current")}
    outcomes = actions.statement_outcomes(case, r)
    statements = []
    for n, eid in enumerate(r.statement_ids, 1):
        e = events.get(eid)
        if e is None:
            continue
        e.case = case
        data = e.data
        out = outcomes.get(eid)
        statements.append({"n": n, "event_id": eid, "statement": data.get("statement", ""),
                           "correction": data.get("correction", ""), "evidence": "; ".join(data.get("evidence") or []),
                           "outcome": actions.OUTCOMES.get(out.get("outcome", ""), "") if out else "",
                           "outcome_on": long_date(_date(out.get("at"))) if out else ""})
    return render(request, "complaints/correction.html", {
        "case": case, "r": r, "document": r.document, "statements": statements, "form": form, "can_edit": can_edit,
        "sent": bool(r.request_event_id), "title_prefix": title_prefix(form),
        "letter_url": reverse("complaints:letter", args=[case.public_id, "rectification"]) + f"?request={r.public_id}",
    })


def _date(text: Any) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def statement_outcome(request: HttpRequest, public_id: Any, request_id: Any, event_id: str) -> HttpResponse:
    case = _case(request, public_id, policy.EDIT_CASE)
    r = _request_or_404(case, request_id)
    if event_id not in r.statement_ids:
        raise Http404("No such statement")
    event = Event.objects.select_related("current").get(case=case, event_id=event_id)
    event.case = case
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            actions.record_outcome(case, request.user, r, event_id, outcome=cd["outcome"], on=cd["on"], note=cd["note"])
        except CaseFileError as exc:
            _problems_into(form, exc)
        else:
            messages.success(request, "The council's answer has been saved to your record.")
            return redirect("complaints:correction", public_id=case.public_id, request_id=r.public_id)
    return render(request, "complaints/outcome.html", {
        "case": case, "r": r, "form": form, "statement": event.data.get("statement", ""),
        "title_prefix": title_prefix(form),
    })


# --- calendar -------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id, policy.EDIT_CASE)
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            actions.revoke_feeds(case, request.user)
            messages.success(request, "The calendar link has been turned off. Calendars using it will stop updating.")
            return redirect("complaints:calendar", public_id=case.public_id)
        token = actions.create_feed(case, request.user)
    active = CalendarFeed.objects.filter(case=case, revoked_at__isnull=True).first()
    report = case_report(case)
    return render(request, "complaints/calendar.html", {
        "case": case, "active": active, "count": len(feed_findings(report)),
        "feed_url": site_url(request, reverse("complaints:feed", args=[token])) if token else None,
    })


def site_url(request: HttpRequest, path: str) -> str:
    """A full link at the address the family is using now (its host and port), unless the site's
    own address is configured (behind a proxy). Emails, with no request, use ``base_url``."""
    configured = str(getattr(settings, "FAIRWITNESS_BASE_URL", "") or "").rstrip("/")
    return configured + path if configured else request.build_absolute_uri(path)


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar feed: reached by its secret link alone (phones cannot sign in)."""
    case = actions.feed_case(token)
    if case is None:
        raise Http404("No such calendar")
    report = case_report(case)
    link = site_url(request, reverse("complaints:tracker", args=[case.public_id]))
    body = build_feed(report, str(case.public_id), link, timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="fairwitness-deadlines.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- chronology and bundle ------------------------------------------------------------------------

@login_required
def court_documents(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id, policy.EXPORT_CASE)
    from fairwitness.complaints.exports import PAGEABLE, stored_documents

    docs = stored_documents(case)
    return render(request, "complaints/court_documents.html", {
        "case": case, "documents": len(docs), "left_out": [d.title for d in docs if d.document.content_type not in PAGEABLE],
    })


@login_required
def chronology(request: HttpRequest, public_id: Any, fmt: str) -> HttpResponse:
    case = _case(request, public_id, policy.EXPORT_CASE)
    if fmt not in CHRONOLOGY_TYPES:
        raise Http404("No such format")
    from fairwitness.complaints.exports import case_chronology
    from fairwitness.documents.chronology import chronology_csv

    chron = case_chronology(case)
    if fmt == "csv":
        data = chronology_csv(chron).encode("utf-8")
    elif fmt == "docx":
        from fairwitness.documents.render_docx import render_chronology_docx

        data = render_chronology_docx(chron)
    else:
        from fairwitness.documents.render_pdf import render_chronology_pdf

        data = render_chronology_pdf(chron)
    return _download(data, CHRONOLOGY_TYPES[fmt], f"chronology-{chron.prepared_on.isoformat()}.{fmt}")


@login_required
def bundle(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id, policy.EXPORT_CASE)
    from fairwitness.complaints.exports import case_bundle

    built = case_bundle(case)
    return _download(built.bundle.pdf, "application/pdf", f"evidence-bundle-{timezone.localdate().isoformat()}.pdf")
