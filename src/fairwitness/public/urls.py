from django.urls import path

from fairwitness.public import views

app_name = "public"

urlpatterns = [
    path("public/", views.england, name="england"),
    path("public/councils/<str:code>/", views.council, name="council"),
    path("public/data/<str:filename>", views.data_file, name="data_file"),
    path("public/charts/<slug:slug>.svg", views.chart, name="chart"),
    path("public/data-guidance/", views.guidance, name="guidance"),
    path("public/annual-report.pdf", views.annual_report, name="annual_report"),
    path("public/releases/", views.releases, name="releases"),
    path("cases/<uuid:public_id>/statistics/", views.consent, name="consent"),
]
