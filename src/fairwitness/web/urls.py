"""The root URLconf: pages for families, the accounts pages, and the API."""

from __future__ import annotations

from django.urls import include, path

from fairwitness.web import health, views
from fairwitness.web.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include("fairwitness.accounts.urls")),
    path("cases/", include("fairwitness.cases.urls")),
    path("oversight/", include("fairwitness.oversight.urls")),  # issue 5: the independent body
    path("", include("fairwitness.complaints.urls")),  # issue 4: cases/<id>/complaints/, letters/, …, calendar/<token>.ics
    path("", include("fairwitness.public.urls")),  # issue 12: /public/ (no sign-in), cases/<id>/statistics/
    path("transparency/", include("fairwitness.ledger.urls")),  # issue 10: signed checkpoints, public
    path("api/", api.urls),
]

# Branded error pages with "Exit this page" and a way back (web/views.py). A 500 goes through
# resilience first (issue 11): database trouble anywhere in a request is a 503, the rest the branded 500.
handler400 = "fairwitness.web.views.bad_request"
handler403 = "fairwitness.web.views.permission_denied"
handler404 = "fairwitness.web.views.page_not_found"
handler500 = "fairwitness.web.resilience.handler500"
