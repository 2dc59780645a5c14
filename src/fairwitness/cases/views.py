"""The pages of a family's case. Views stay thin: every lookup goes through ``policy`` (another
family's case is a 404, never a 403) and every write through ``actions``."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods

from fairwitness.cases import actions, policy
from fairwitness.cases.eventforms import (
    CaseChoices,
    EventForm,
    build_event_form,
    initial_from_event,
)
from fairwitness.cases.forms import (
    CaseForm,
    ChildForm,
    ChronologyFilter,
    DocumentForm,
    ImportForm,
    InviteForm,
    PersonForm,
)
from fairwitness.cases.headcache import HeadCache
from fairwitness.cases.journey import GROUPS, GROUPS_BY_SLUG, find_option, option_for_event
from fairwitness.cases.models import Case, Event
from fairwitness.cases.presenters import (
    case_choices,
    describe_event,
    event_label,
    finding_view,
    glossary_for,
    grouped_findings,
    merge_siblings,
    rights_now,
    timeline_label,
    what_matters_now,
    when_words,
)
from fairwitness.cases.timeline import build as build_timeline
from fairwitness.govuk import component, error_summary, title_prefix
from fairwitness.law.caseformat import CaseFileError, Problem
from fairwitness.law.dates import long_date
from fairwitness.law.findings import DISCLAIMER
from fairwitness.law.validation import MAX_FILE_BYTES

_DRAFT = "fairwitness_event_draft"


# ---------------------------------------------------------------------------------------------
# helpers


def _case(request: HttpRequest, public_id: Any, permission: str = policy.VIEW_CASE) -> Case:
    return policy.case_for_user_or_404(request.user, public_id, permission)


def _event(case: Case, event_id: str) -> Event:
    event = Event.objects.filter(case=case, event_id=event_id).select_related("current").first()
    if event is None:
        raise Http404("No such event")
    event.case = case
    return event


def _problems_into(form: Any, problems: list[Problem]) -> None:
    """Put the actions' problems next to the fields they are about (or at the top)."""
    for p in problems:
        name = p.field.split(".")[0] if p.field else None
        if name and name in form.fields:
            form.add_error(name, p.message[:1].upper() + p.message[1:])
        else:
            form.add_error(None, f"{p.where}: {p.field + ': ' if p.field else ''}{p.message}")


# ---------------------------------------------------------------------------------------------
# cases


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    if policy.staff_role(request.user):
        return redirect("home")  # staff land on their own inbox, never on "Start a case"
    cases = list(policy.visible_cases(request.user).select_related("local_authority"))
    return render(request, "cases/list.html", {"cases": cases})


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.create_case(request.user, form.cleaned_data["title"],
                                       form.cleaned_data["local_authority"] or None)
        except CaseFileError as exc:
            _problems_into(form, exc.problems)
        else:
            messages.success(request, "Your case is ready. Now add the children.")
            return redirect("cases:child_add", public_id=case.public_id)
    return render(request, "form_page.html", {
        "form": form, "heading": "Start a case", "button": "Start the case", "back": reverse("cases:list"),
        "title_prefix": title_prefix(form)})


@login_required
def case_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    from fairwitness.cases.law import case_report

    case = _case(request, public_id)
    snapshot = actions.case_snapshot(case)
    choices = case_choices(case, snapshot=snapshot)
    report = case_report(case)
    ok, checked_at = actions.ledger_status(case)
    filter_form = ChronologyFilter(request.GET or None, children=choices.children)
    chronology = _filtered(list(snapshot.chronological), filter_form)
    page = Paginator(chronology, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    words = _row_words(case, snapshot)
    return render(request, "cases/detail.html", {
        "case": case, "choices": choices, "report": report,
        "standing": _standing_html(case, snapshot, report, choices),
        "ledger_ok": ok, "ledger_checked_at": checked_at,
        "filter_form": filter_form, "filter_html": _filter_html(case, filter_form, choices),
        "page": page, "query": query.urlencode(),
        "rows": [(e, *words[e.event_id]) for e in page.object_list],
        "can_edit": policy.can_edit_case(request.user, case), "can_invite": policy.can_invite(request.user, case),
        "can_export": policy.can_export_case(request.user, case),
        "can_erase": policy.has_permission(request.user, case, policy.ERASE_CASE),
        "people": list(case.people.all()), "disclaimer": DISCLAIMER, "as_of": long_date(report.as_of_date),
    })


# The case page's timelines, findings and rights depend only on the case's state and the day it
# is judged at, not on who looks: rendered once per (case, ledger head, day), they cost about
# 20 ms a view otherwise for a 1,000-event case.
_standing: HeadCache[SafeString] = HeadCache(size=32)
# The unfiltered chronology filter (GOV.UK date inputs, through Jinja): about 10 ms a view.
_blank_filters: HeadCache[SafeString] = HeadCache(size=32)


def _standing_html(case: Case, snapshot: actions.CaseSnapshot, report: Any, choices: CaseChoices) -> SafeString:
    def build() -> SafeString:
        from fairwitness.complaints.matters import case_matters  # pure: the open matters and their letters

        labels = {e: lbl for e, _k, lbl in choices.events}
        jurisdiction = report.case.jurisdiction or "england"
        children = dict(choices.children)
        timelines = [build_timeline(cid, name, report.footings, report.as_of_date) for cid, name in choices.children]

        def views(findings: Any) -> list[dict[str, Any]]:
            return merge_siblings([finding_view(f, choices, labels, jurisdiction) for f in findings], children)

        problems = views(sorted(report.problems(), key=lambda f: f.sort_key))
        notes = views(f for f in report.findings if f.severity == "info" and f.status not in ("due", "met")
                      and not f.family_window and not f.is_problem)
        shown = problems + notes
        return mark_safe(render_to_string("cases/_standing.html", {
            "case": case, "timelines": timelines, "rights": rights_now(timelines),
            "priorities": what_matters_now(report, timelines, case_matters(report)),
            "groups": grouped_findings(shown), "any_problem": bool(problems),
            "deadlines": views(report.deadlines_ahead()),
            "windows": views(report.family_windows()),
            "met": views(f for f in report.findings if f.status == "met" and not f.family_window),
            "glossary": glossary_for(shown), "as_of": long_date(report.as_of_date), "on_case_page": True,
        }))

    return _standing.get_or_build((case.pk, snapshot.head, report.as_of_date.isoformat()), build)


# Each chronology row's date, label and link, per state of the case: 50 rows of date and label
# formatting and URL reversing cost about 8 ms a view otherwise.
_rows: HeadCache[dict[str, tuple[str, str, str]]] = HeadCache(size=32)


def _row_words(case: Case, snapshot: actions.CaseSnapshot) -> dict[str, tuple[str, str, str]]:
    def build() -> dict[str, tuple[str, str, str]]:
        people = dict(case_choices(case, snapshot=snapshot).people)
        return {e.event_id: (when_words(e.at), timeline_label(e.content, people),
                             reverse("cases:event", args=[case.public_id, e.event_id]))
                for e in snapshot.chronological}

    return _rows.get_or_build((case.pk, snapshot.head), build)


def _filter_html(case: Case, form: ChronologyFilter, choices: CaseChoices) -> SafeString:
    def build() -> SafeString:
        return mark_safe(form.error_summary() + form.as_govuk())

    if form.is_bound:
        return build()
    return _blank_filters.get_or_build((case.pk, tuple(choices.children)), build)


def _filtered(events: list[actions.EventSnapshot], form: ChronologyFilter) -> list[actions.EventSnapshot]:
    if not form.is_bound or not form.is_valid():
        return events
    cd = form.cleaned_data
    out = events
    if cd.get("child"):
        out = [e for e in out if not e.content.get("children") or cd["child"] in e.content["children"]]
    if cd.get("group"):
        kinds = {o.kind for o in GROUPS_BY_SLUG[cd["group"]].options}
        presets = [o.presets for o in GROUPS_BY_SLUG[cd["group"]].options if o.presets]
        out = [e for e in out if e.kind in kinds and (e.kind != "activity" or not presets
                                                      or any(e.content.get("activity") == p.get("activity") for p in presets)
                                                      or cd["group"] == "agreement")]
    if cd.get("date_from"):
        out = [e for e in out if str(e.at)[:10] >= cd["date_from"].isoformat()]
    if cd.get("date_to"):
        out = [e for e in out if str(e.at)[:10] <= cd["date_to"].isoformat()]
    return out


# ---------------------------------------------------------------------------------------------
# children, people, sharing


@login_required
@require_http_methods(["GET", "POST"])
def child_add(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id, policy.EDIT_CASE)
    form = ChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_child(case, request.user, form.cleaned_data["name"], form.cleaned_data["date_of_birth"])
        except CaseFileError as exc:
            _problems_into(form, exc.problems)
        else:
            messages.success(request, f"{form.cleaned_data['name']} has been added.")
            if request.POST.get("another"):
                return redirect("cases:child_add", public_id=case.public_id)
            return redirect("cases:people", public_id=case.public_id)
    return render(request, "cases/child_add.html", {"form": form, "case": case, "title_prefix": title_prefix(form),
                                                    "children": list(case.children.all())})


@login_required
def people(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id)
    from fairwitness.cases.views_records import pr_words

    children = list(case.children.all())
    pairs = [(c.child_id, c.name) for c in children]
    rows = [(p, pr_words(p.data, pairs)) for p in case.people.all()]
    return render(request, "cases/people.html", {
        "case": case, "children": children, "people": rows,
        "can_edit": policy.can_edit_case(request.user, case), "can_invite": policy.can_invite(request.user, case),
        "can_manage": policy.can_manage_case(request.user, case)})


def _next_in_case(request: HttpRequest, case: Case) -> str | None:
    """A page of this case to go back to (the journey that asked for a person), never elsewhere."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    prefix = reverse("cases:detail", args=[case.public_id])
    return target if target.startswith(prefix) and "//" not in target and "\\" not in target else None


@login_required
@require_http_methods(["GET", "POST"])
def person_add(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id, policy.EDIT_CASE)
    children = [(c.child_id, c.name) for c in case.children.all()]
    form = PersonForm(request.POST or None, children=children)
    if request.method == "POST" and form.is_valid():
        pr = form.pr_answer()  # None: not known, so not recorded
        try:
            actions.add_person(case, request.user, form.cleaned_data["name"], form.cleaned_data["role"], pr,
                               [cid for cid, _ in children] or None)
        except CaseFileError as exc:
            _problems_into(form, exc.problems)
        else:
            messages.success(request, f"{form.cleaned_data['name']} has been added.")
            return redirect(_next_in_case(request, case) or reverse("cases:people", args=[case.public_id]))
    return render(request, "form_page.html", {
        "form": form, "heading": "Add a person", "button": "Add this person", "title_prefix": title_prefix(form),
        "intro": "Parents, step-parents, grandparents, carers: anyone the record needs to name.",
        "next": _next_in_case(request, case), "back": _next_in_case(request, case) or reverse("cases:people", args=[case.public_id])})


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id, policy.INVITE)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.invite_member(case, request.user, form.cleaned_data["email"], form.cleaned_data["role"])
        except CaseFileError as exc:
            _problems_into(form, exc.problems)
        else:
            _send_invitation(request, case, invitation)
            messages.success(request, f"We have emailed an invitation to {invitation.email}. "
                                      f"It works for {actions.INVITATION_DAYS} days, and only for that address.")
            return redirect("cases:people", public_id=case.public_id)
    return render(request, "form_page.html", {
        "form": form, "heading": "Share this case", "button": "Send the invitation", "title_prefix": title_prefix(form),
        "intro": "They will get an email with a link. Only an account with that email address, once confirmed, "
                 f"can use it, and only once, within {actions.INVITATION_DAYS} days.",
        "back": reverse("cases:people", args=[case.public_id])})


def _send_invitation(request: HttpRequest, case: Case, invitation: Any) -> None:
    from django.conf import settings
    from django.core.mail import EmailMessage

    from fairwitness.ledger.receipts import email_receipt

    link = request.build_absolute_uri(reverse("cases:accept_invitation", args=[invitation.token]))
    inviter = request.user.get_full_name() if hasattr(request.user, "get_full_name") else str(request.user)
    EmailMessage(
        "You have been invited to share a case on Fair Witness",
        f"{inviter} has invited you to share their case record on Fair Witness.\n\n"
        f"To accept, open this link (it works for {actions.INVITATION_DAYS} days, once, and only for an account "
        f"with this email address, {invitation.email}):\n{link}\n\n"
        "If you were not expecting this, you can ignore this email." + email_receipt(),
        settings.DEFAULT_FROM_EMAIL, [invitation.email], headers={"X-Fairwitness-Kind": "invitation"},
    ).send()


@login_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Bound to the invited address (issue 10): another account, or one whose address is not yet
    confirmed, is told so and cannot join."""
    try:
        if request.method == "POST":
            membership = actions.accept_invitation(token, request.user)
        else:
            actions.check_invitation(token, request.user)
    except actions.InvitationError as exc:
        return render(request, "cases/invitation.html", {
            "error": str(exc), "needs_verification": exc.needs_verification, "wrong_account": exc.wrong_account,
            "here": request.path}, status=200 if exc.needs_verification else 400)
    if request.method == "POST":
        messages.success(request, "You can now see this case.")
        return redirect("cases:detail", public_id=membership.case.public_id)
    return render(request, "cases/invitation.html", {})


# ---------------------------------------------------------------------------------------------
# the "what happened?" journey


@login_required
def record_start(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id, policy.EDIT_CASE)
    error = None
    if "group" in request.GET:
        slug = request.GET.get("group", "")
        if slug in GROUPS_BY_SLUG:
            return redirect("cases:record_kind", public_id=case.public_id, group=slug)
        error = "Select what happened"
    radios = _choice_radios("group", "What happened?", [(g.slug, g.label, g.hint) for g in GROUPS], error)
    return render(request, "cases/record_choice.html", {
        "case": case, "radios": radios, "error": error, "error_href": "#group", "title": "What happened?",
        "back": reverse("cases:detail", args=[case.public_id]), "title_prefix": "Error: " if error else ""})


@login_required
def record_kind(request: HttpRequest, public_id: Any, group: str) -> HttpResponse:
    case = _case(request, public_id, policy.EDIT_CASE)
    found = GROUPS_BY_SLUG.get(group)
    if found is None:
        raise Http404("No such group")
    error = None
    if "option" in request.GET:
        slug = request.GET.get("option", "")
        if find_option(group, slug):
            return redirect("cases:record_details", public_id=case.public_id, group=group, option=slug)
        error = "Select what happened"
    legend = f"{found.label}: what happened?"
    radios = _choice_radios("option", legend, [(o.slug, o.label, o.hint) for o in found.options], error)
    return render(request, "cases/record_choice.html", {
        "case": case, "radios": radios, "error": error, "error_href": "#option", "title": legend,
        "back": reverse("cases:record", args=[case.public_id]), "title_prefix": "Error: " if error else ""})


def _choice_radios(name: str, legend: str, items: list[tuple[str, str, str]], error: str | None) -> Any:
    return component("radios", {
        "name": name, "idPrefix": name,
        "fieldset": {"legend": {"text": legend, "isPageHeading": True, "classes": "govuk-fieldset__legend--l"}},
        "errorMessage": {"text": error} if error else None,
        "items": [{"value": v, "text": label, "hint": {"text": hint} if hint else None} for v, label, hint in items],
    })


def _draft_key(case: Case, group: str, option: str, event_id: str | None) -> str:
    return f"{case.public_id}:{event_id or ''}:{group}:{option}"


def _store_draft(request: HttpRequest, case: Case, key: str, post: QueryDict) -> None:
    """One journey at a time: an abandoned draft does not linger. The draft is sealed under the
    case's key (issue 10), so the session row holds nothing readable and erasure shreds it too."""
    fields = {k: post.getlist(k) for k in post if k != "csrfmiddlewaretoken"}
    request.session[_DRAFT] = {key: actions.seal_draft(case, key, fields)}


def _load_draft(request: HttpRequest, case: Case, key: str) -> QueryDict | None:
    sealed = request.session.get(_DRAFT, {}).get(key)
    stored = actions.open_draft(case, key, sealed) if isinstance(sealed, str) else None
    if stored is None:
        return None
    q = QueryDict(mutable=True)
    for k, values in stored.items():
        q.setlist(k, values)
    return q


def _journey(request: HttpRequest, public_id: Any, group: str, option: str,
             event_id: str | None) -> tuple[Case, Any, type[EventForm], Event | None, str]:
    case = _case(request, public_id, policy.EDIT_CASE)
    found = find_option(group, option)
    if found is None:
        raise Http404("No such kind of event")
    event = _event(case, event_id) if event_id else None
    events = [e for e in actions.case_events(case) if e.event_id != event_id]
    choices = case_choices(case, events)
    form_class = build_event_form(found[1], choices, correction=event is not None,
                                  ask_agreement=False if event is not None else None,
                                  stored=event.data if event is not None else None)
    return case, found, form_class, event, _draft_key(case, group, option, event_id)


def _journey_urls(case: Case, group: str, option: str, event: Event | None) -> dict[str, str]:
    if event is None:
        args = [case.public_id, group, option]
        return {"details": reverse("cases:record_details", args=args), "check": reverse("cases:record_check", args=args),
                "back": reverse("cases:record_kind", args=[case.public_id, group])}
    args = [case.public_id, event.event_id]
    return {"details": reverse("cases:correct", args=args) + f"?group={group}&option={option}",
            "check": reverse("cases:correct_check", args=args) + f"?group={group}&option={option}",
            "back": reverse("cases:event", args=args)}


@login_required
@require_http_methods(["GET", "POST"])
def record_details(request: HttpRequest, public_id: Any, group: str, option: str,
                   event_id: str | None = None) -> HttpResponse:
    case, (grp, opt), form_class, event, key = _journey(request, public_id, group, option, event_id)
    urls = _journey_urls(case, group, option, event)
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            _store_draft(request, case, key, request.POST)
            return redirect(urls["check"])
    else:
        draft = _load_draft(request, case, key)
        if draft is not None:
            form = form_class(draft)
            form.is_valid()
        elif event is not None:
            form = form_class(initial=initial_from_event(event.data, form_class))
        else:
            form = form_class()
    return render(request, "cases/record_details.html", {
        "case": case, "group": grp, "option": opt, "form": form, "event": event, "urls": urls,
        "needs_people": _needs_people(form), "title_prefix": title_prefix(form),
        "add_person_url": reverse("cases:person_add", args=[case.public_id]) + "?" + QueryDict.fromkeys(
            ["next"], urls["details"]).urlencode()})


def _needs_people(form: EventForm) -> bool:
    """Questions about people (who was invited, whose agreement) are left out of the form while the
    case names nobody: say so, rather than let the answer go unrecorded."""
    if form.case_choices.people:
        return False
    person_kinds = {"meeting", "consent", "notified", "objection", "section_20_removal_request"}
    return form.kind in person_kinds or form.asks_agreement or any(
        getattr(f, "choices", None) == [] and f.required for f in form.fields.values())


@login_required
@require_http_methods(["GET", "POST"])
def record_check(request: HttpRequest, public_id: Any, group: str, option: str,
                 event_id: str | None = None) -> HttpResponse:
    case, (grp, opt), form_class, event, key = _journey(request, public_id, group, option, event_id)
    urls = _journey_urls(case, group, option, event)
    draft = _load_draft(request, case, key)
    if draft is None:
        return redirect(urls["details"])
    form = form_class(draft)
    if not form.is_valid():
        return redirect(urls["details"])
    errors: list[str] = []
    if request.method == "POST":
        try:
            saved = _save(case, request.user, form, event)
        except CaseFileError as exc:
            errors = [str(p) for p in exc.problems]
        else:
            request.session.pop(_DRAFT, None)
            messages.success(request, "Your correction has been saved. The earlier version is kept below."
                             if event else "Saved to your record.")
            return redirect("cases:event", public_id=case.public_id, event_id=saved.event_id)
    summary = error_summary([]) if not errors else None
    return render(request, "cases/record_check.html", {
        "case": case, "group": grp, "option": opt, "form": form, "rows": form.summary_rows(), "urls": urls,
        "event": event, "errors": errors, "summary": summary, "title_prefix": "Error: " if errors else ""})


def _save(case: Case, user: Any, form: EventForm, event: Event | None) -> Event:
    data = form.event_data()
    if event is not None:
        kept = {k: v for k, v in event.data.items() if k not in form.fields and k not in data
                and k not in ("id", "kind", "at", "excluded", "reports_shared") and k not in form.option.presets}
        data = {**kept, **data}  # fields the form does not ask (unknown fields, documents) are kept
        return actions.correct_event(case, user, event.event_id, data, form.cleaned_data["reason"])
    with transaction.atomic():
        extra = form.agreement_events()
        # The agreement comes first in the record: it was asked (or not) before the thing was done.
        for item in extra:
            if item["kind"] == "consent":
                actions.record_event(case, user, item)
        saved = actions.record_event(case, user, data)
        for item in extra:
            if item["kind"] != "consent":
                actions.record_event(case, user, item)
    return saved


# ---------------------------------------------------------------------------------------------
# one event: its versions, corrections, documents


@login_required
def event_detail(request: HttpRequest, public_id: Any, event_id: str) -> HttpResponse:
    case = _case(request, public_id)
    event = _event(case, event_id)
    choices = case_choices(case)
    versions = []
    for v in actions.event_history(event):
        who = v.created_by.get_full_name() if v.created_by else "Someone no longer on the case"
        versions.append({"v": v, "who": who, "rows": describe_event(v.data, choices), "reason": v.reason,
                         "when": v.created_at})
    versions.reverse()
    found = option_for_event(event.data)
    correct_url = None
    if found and policy.can_edit_case(request.user, case):
        correct_url = reverse("cases:correct", args=[case.public_id, event.event_id]) + f"?group={found[0].slug}&option={found[1].slug}"
    documents = list(event.documents.all())
    for d in documents:
        d.case = case
    return render(request, "cases/event.html", {
        "case": case, "event": event, "label": event_label(event.data), "when": when_words(event.at),
        "rows": describe_event(event.data, choices), "versions": versions, "correct_url": correct_url,
        "documents": documents, "can_edit": policy.can_edit_case(request.user, case),
        "document_form": DocumentForm(), "disclaimer": DISCLAIMER})


@login_required
@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, public_id: Any, event_id: str) -> HttpResponse:
    group, option = request.GET.get("group", ""), request.GET.get("option", "")
    if not find_option(group, option):
        case = _case(request, public_id, policy.EDIT_CASE)
        found = option_for_event(_event(case, event_id).data)
        if not found:
            raise Http404("This event cannot be corrected here")
        return redirect(reverse("cases:correct", args=[case.public_id, event_id]) + f"?group={found[0].slug}&option={found[1].slug}")
    return record_details(request, public_id, group, option, event_id=event_id)


@login_required
@require_http_methods(["GET", "POST"])
def correct_check(request: HttpRequest, public_id: Any, event_id: str) -> HttpResponse:
    group, option = request.GET.get("group", ""), request.GET.get("option", "")
    return record_check(request, public_id, group, option, event_id=event_id)


# ---------------------------------------------------------------------------------------------
# documents


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, public_id: Any, event_id: str | None = None) -> HttpResponse:
    case = _case(request, public_id, policy.EDIT_CASE)
    event = _event(case, event_id) if event_id else None
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.attach_document(case, request.user, event, form.cleaned_data["file"])
        except CaseFileError as exc:
            message = getattr(exc, "message", None) or "; ".join(p.message for p in exc.problems)
            form.add_error("file", message[:1].upper() + message[1:])
        else:
            messages.success(request, "The document has been added.")
            if event:
                return redirect("cases:event", public_id=case.public_id, event_id=event.event_id)
            return redirect("cases:documents", public_id=case.public_id)
    back = reverse("cases:event", args=[case.public_id, event.event_id]) if event else reverse("cases:documents", args=[case.public_id])
    return render(request, "form_page.html", {
        "form": form, "heading": "Add a document", "button": "Upload", "enctype": "multipart/form-data",
        "back": back, "title_prefix": title_prefix(form),
        "intro": "It is stored encrypted. Only you and the people you share the case with can open it."})


@login_required
def documents(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id)
    docs = list(case.documents.select_related("event", "event__current").all())
    for d in docs:
        d.case = case
    return render(request, "cases/documents.html", {"case": case, "documents": docs,
                                                    "can_edit": policy.can_edit_case(request.user, case)})


@login_required
def document_download(request: HttpRequest, public_id: Any, document_id: Any) -> HttpResponse:
    case = _case(request, public_id, policy.VIEW_DOCUMENT)
    document = policy.document_for_user_or_404(request.user, document_id)
    if document.case_id != case.pk:
        raise Http404("No such document")
    try:
        content = actions.read_document(document, request.user)
    except policy.PermissionDenied:
        raise Http404("No such document") from None
    response = HttpResponse(content, content_type=document.content_type)
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(True, document.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------------------------
# import and export


@login_required
@require_http_methods(["GET", "POST"])
def case_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_FILE_BYTES:  # refused before it is read into memory
                raise CaseFileError("case file", [Problem("file", "", f"the file is larger than "
                                                          f"{MAX_FILE_BYTES // 1_048_576} MB, the most a case file may be")])
            case = actions.import_case_file(request.user, upload.read())
        except CaseFileError as exc:
            problems = list(exc.problems)
        else:
            messages.success(request, "The case file has been imported.")
            return redirect("cases:detail", public_id=case.public_id)
        form.add_error("file", f"The case file has {len(problems)} problem{'s' if len(problems) != 1 else ''}: "
                               "see the list below")
    return render(request, "cases/import.html", {"form": form, "problems": problems,
                                                 "title_prefix": title_prefix(form)})


@login_required
def case_export(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = _case(request, public_id, policy.EXPORT_CASE)
    try:
        doc = actions.export_case(case, request.user)
    except policy.PermissionDenied:
        raise Http404("No such case") from None
    body = json.dumps(doc, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fairwitness-case-{case.public_id}.json"'
    response["Cache-Control"] = "private, no-store"
    return response
