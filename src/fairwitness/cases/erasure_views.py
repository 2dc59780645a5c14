"""The "Delete this case for good" journey (issue 10): a clear warning, the case's name typed to
confirm, a cooling-off period the family can cancel, then crypto-shredding by ``fairwitness
erase-due`` (or the worker). Thin: ``actions.request_erasure`` and ``actions.cancel_erasure`` write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fairwitness.cases import actions, policy
from fairwitness.govuk import GovUKFormMixin, title_prefix
from fairwitness.law.caseformat import CaseFileError
from fairwitness.law.dates import long_date


class EraseForm(GovUKFormMixin, forms.Form):
    confirmation = forms.CharField(
        label="To confirm, type the name of the case", max_length=200,
        error_messages={"required": "Type the name of the case to confirm you want it deleted"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))


@login_required
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = policy.case_for_user_or_404(request.user, public_id, policy.ERASE_CASE)
    form = EraseForm(request.POST or None)
    if case.erasure_due_at is None and request.method == "POST" and form.is_valid():
        try:
            actions.request_erasure(case, request.user, form.cleaned_data["confirmation"])
        except CaseFileError:
            form.add_error("confirmation", "The name you typed does not match the name of the case. Type it exactly as shown")
        except actions.ErasureError as exc:
            messages.info(request, str(exc))
            return redirect("cases:erase", public_id=case.public_id)
        else:
            messages.success(request, f"This case will be deleted for good on {long_date(timezone.localdate(case.erasure_due_at))}. "
                                      "You can cancel until then.")
            return redirect("cases:erase", public_id=case.public_id)
    return render(request, "cases/erase.html", {
        "case": case, "form": form, "days": actions.ERASURE_COOLING_OFF_DAYS, "title_prefix": title_prefix(form)})


@login_required
@require_http_methods(["POST"])
def erase_cancel(request: HttpRequest, public_id: Any) -> HttpResponse:
    case = policy.case_for_user_or_404(request.user, public_id, policy.ERASE_CASE)
    try:
        actions.cancel_erasure(case, request.user)
    except actions.ErasureError as exc:
        messages.info(request, str(exc))
    else:
        messages.success(request, "You have cancelled the deletion. The case is kept.")
    return redirect("cases:detail", public_id=case.public_id)
