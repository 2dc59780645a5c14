from django.urls import path

from fairwitness.public import views, views_evidence

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
    path("cases/<uuid:public_id>/evidence/", views_evidence.family_page, name="evidence_family"),
    path("public/evidence/", views_evidence.staff_list, name="evidence_list"),
    path("public/evidence/accounts/<int:account_id>/", views_evidence.staff_account, name="evidence_account"),
    path("public/evidence/pack.<str:kind>", views_evidence.pack_file, name="evidence_pack"),
]
