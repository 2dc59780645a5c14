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
    path("api/", api.urls),
]
