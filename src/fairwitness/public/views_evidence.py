"""Pages of the evidence pack (issue 12 point 7): the family's page on its case, and the body's
staff pages (the list, one account to draft or sign off, the pack as PDF and Word). Thin: every
write is ``evidence``'s. Another family's case or account is a 404, like one that does not exist;
a staff page for someone without the role is a 403."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from fairwitness.cases import policy
from fairwitness.public import evidence, pack
from fairwitness.public.models import PublishedAccount


def _today() -> Any:
    from fairwitness.cases.law import today

    return today()


@login_required
@require_http_methods(["GET", "POST"])
def family_page(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = policy.case_for_user_or_404(request.user, public_id, policy.SHARE_WITH_OVERSIGHT)  # else a 404
    account = evidence.live_account(case)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "offer":
                evidence.offer(case, request.user, request.POST.get("account", ""),
                               request.POST.get("identifying", "").splitlines())
                messages.success(request, "Thank you. We will send you the version we would publish to read first.")
            elif action == "approve" and account is not None:
                evidence.approve(account, request.user, request.POST.get("seen", ""))
                messages.success(request, "You approved this text. A senior reviewer will now check it.")
            elif action == "withdraw" and account is not None:
                evidence.withdraw(account, request.user)
                messages.success(request, "Your account is withdrawn. It will not be in any pack we make from now on.")
        except evidence.NotAllowed as refused:
            if action != "offer":
                messages.error(request, str(refused))
                return redirect("public:evidence_family", public_id=case.public_id)
            return render(request, "public/evidence_family.html", {
                "case": case, "account": account, "error": str(refused),
                "typed": request.POST.get("account", ""), "identifying": request.POST.get("identifying", ""),
                "max_account": evidence.MAX_ACCOUNT}, status=400)
        return redirect("public:evidence_family", public_id=case.public_id)
    context = {"case": case, "account": account, "max_account": evidence.MAX_ACCOUNT,
               "history": case.published_accounts.filter(status="withdrawn").order_by("-withdrawn_at")}
    if account is not None:
        context["account_text"] = evidence.account_text(account)
        context["seen"] = evidence.sha256(account.redacted_text)
    return render(request, "public/evidence_family.html", context)


def _staff(request: HttpRequest) -> None:
    if not evidence.can_review(request.user):
        raise Forbidden("review evidence accounts")


@login_required
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    accounts = PublishedAccount.objects.filter(case__erased_at__isnull=True).order_by("status", "offered_at")
    return render(request, "public/evidence_list.html", {"accounts": accounts,
                                                         "can_sign_off": evidence.can_sign_off(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def staff_account(request: HttpRequest, account_id: int) -> HttpResponse:
    _staff(request)
    account = PublishedAccount.objects.select_related("case").filter(pk=account_id, case__erased_at__isnull=True).first()
    if account is None:
        raise Http404("No such account")
    error, typed = "", None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "draft":
                typed = request.POST.get("text", "")
                evidence.draft(account, request.user, typed if typed.strip() else None)
                messages.success(request, "Draft saved and sent to the family to approve.")
            elif action == "sign_off":
                evidence.sign_off(account, request.user)
                messages.success(request, "Signed off: the account will be in the next pack.")
            return redirect("public:evidence_account", account_id=account.pk)
        except evidence.NotAllowed as refused:
            error = str(refused)
        account.refresh_from_db()
    from fairwitness.oversight.access import record_access

    # The family sees this look in "who has seen my file", in words (the kinds are not the body's own).
    record_access(request.user, account.case, what="the account you offered for our evidence pack",
                  why="to prepare it for publication", object_id=str(account.pk))
    known = evidence.known_for(account)
    return render(request, "public/evidence_account.html", {
        "account": account, "account_text": evidence.account_text(account), "identifying": known.identifying,
        "suggested": typed if typed is not None else (account.redacted_text or evidence.first_draft(account)),
        "can_sign_off": evidence.can_sign_off(request.user), "error": error}, status=400 if error else 200)


@login_required
@require_GET
def pack_file(request: HttpRequest, kind: str) -> HttpResponse:
    _staff(request)
    if kind not in ("pdf", "docx"):
        raise Http404("No such file")
    made = pack.build(_today())
    if kind == "pdf":
        body, content_type = pack.to_pdf(made), "application/pdf"
    else:
        body = pack.to_docx(made)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="evidence-pack-{made.made_on.isoformat()}.{kind}"'
    return response
