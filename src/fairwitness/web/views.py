"""The pages that belong to no case: the home page and the plain-English "about" page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fairwitness.law.findings import DISCLAIMER


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        from fairwitness.oversight.views import home_for  # staff start at their own inbox

        return redirect(home_for(request.user))
    return render(request, "home.html", {"disclaimer": DISCLAIMER})


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "about.html", {"disclaimer": DISCLAIMER})
