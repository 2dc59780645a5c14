"""Mounted at /oversight/ (see web/urls.py). Family pages name the case (``public_id``), so the
project-wide permission test treats them like every other case page."""

from django.urls import path

from fairwitness.oversight import views

app_name = "oversight"

urlpatterns = [
    # the family
    path("family/<uuid:public_id>/", views.family_case, name="family_case"),
    path("family/<uuid:public_id>/share/", views.share, name="share"),
    path("family/<uuid:public_id>/withdraw/", views.withdraw, name="withdraw"),
    path("family/<uuid:public_id>/seen/", views.seen, name="seen"),
    path("family/<uuid:public_id>/letters/<uuid:concern_id>/", views.family_letter, name="family_letter"),
    # staff sign-in
    path("verify/", views.verify, name="verify"),
    # reviewers
    path("", views.queue, name="queue"),
    path("concerns/<uuid:concern_id>/", views.concern_detail, name="concern"),
    path("concerns/<uuid:concern_id>/events/<str:event_id>/", views.concern_event, name="concern_event"),
    path("concerns/<uuid:concern_id>/documents/<uuid:file_id>/", views.concern_document, name="concern_document"),
    path("concerns/<uuid:concern_id>/council-documents/<uuid:file_id>/", views.concern_council_document,
         name="concern_council_document"),
    path("concerns/<uuid:concern_id>/letters/<str:recipient>/", views.concern_letter, name="concern_letter"),
    path("concerns/<uuid:concern_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("concerns/<uuid:concern_id>/take/", views.take, name="take"),
    path("concerns/<uuid:concern_id>/assign/", views.assign, name="assign"),
    path("concerns/<uuid:concern_id>/decide/", views.decide, name="decide"),
    path("concerns/<uuid:concern_id>/issues/add/", views.issue_add, name="issue_add"),
    path("concerns/<uuid:concern_id>/issues/from-findings/", views.issues_from_findings, name="issues_from_findings"),
    path("concerns/<uuid:concern_id>/issues/<int:number>/finding/", views.finding, name="finding"),
    path("concerns/<uuid:concern_id>/issues/<int:number>/recommend/", views.recommend, name="recommend"),
    path("concerns/<uuid:concern_id>/evidence/add/", views.evidence_add, name="evidence_add"),
    path("concerns/<uuid:concern_id>/referrals/add/", views.referral_add, name="referral_add"),
    path("concerns/<uuid:concern_id>/recommendations/<int:number>/done/", views.compliance, name="compliance"),
    path("concerns/<uuid:concern_id>/requests/add/", views.request_add, name="request_add"),
    path("concerns/<uuid:concern_id>/requests/<uuid:request_id>/more-time/", views.more_time_decide,
         name="more_time_decide"),
    path("concerns/<uuid:concern_id>/outcome/", views.issue_outcome, name="outcome"),
    # the council's liaison officer
    path("council/", views.council, name="council"),
    path("council/requests/<uuid:request_id>/", views.council_request, name="council_request"),
    path("council/requests/<uuid:request_id>/events/<str:event_id>/", views.council_event, name="council_event"),
    path("council/requests/<uuid:request_id>/documents/<uuid:file_id>/", views.council_document,
         name="council_document"),
    path("council/requests/<uuid:request_id>/more-time/", views.council_more_time, name="council_more_time"),
    path("council/requests/<uuid:request_id>/upload/", views.council_upload, name="council_upload"),
    path("council/requests/<uuid:request_id>/letter/", views.council_letter, name="council_letter"),
    # administration, and the public numbers
    path("staff/", views.staff, name="staff"),
    path("staff/changes/<uuid:change_id>/", views.staff_decide, name="staff_decide"),
    path("standards/", views.service_standards, name="standards"),
]
