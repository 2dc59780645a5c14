from django.urls import path

from fairwitness.cases import erasure_views, story_views, views, views_records

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("import/", views.case_import, name="import"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("<uuid:public_id>/", views.case_detail, name="detail"),
    path("<uuid:public_id>/export/", views.case_export, name="export"),
    path("<uuid:public_id>/children/add/", views.child_add, name="child_add"),
    path("<uuid:public_id>/people/", views.people, name="people"),
    path("<uuid:public_id>/people/add/", views.person_add, name="person_add"),
    path("<uuid:public_id>/share/", views.invite, name="invite"),
    path("<uuid:public_id>/details/", views_records.case_change, name="case_change"),
    path("<uuid:public_id>/children/<str:child_id>/change/", views_records.child_change, name="child_change"),
    path("<uuid:public_id>/children/<str:child_id>/remove/", views_records.child_remove, name="child_remove"),
    path("<uuid:public_id>/people/<str:person_id>/change/", views_records.person_change, name="person_change"),
    path("<uuid:public_id>/people/<str:person_id>/remove/", views_records.person_remove, name="person_remove"),
    path("<uuid:public_id>/access/", views_records.access, name="access"),
    path("<uuid:public_id>/access/members/<int:membership_id>/remove/", views_records.member_remove, name="member_remove"),
    path("<uuid:public_id>/access/invitations/<int:invitation_id>/cancel/", views_records.invitation_revoke,
         name="invitation_revoke"),
    path("<uuid:public_id>/delete/", erasure_views.erase, name="erase"),
    path("<uuid:public_id>/delete/cancel/", erasure_views.erase_cancel, name="erase_cancel"),
    path("<uuid:public_id>/record/", views.record_start, name="record"),
    path("<uuid:public_id>/story/", story_views.story_start, name="story"),
    path("<uuid:public_id>/story/confirm/", story_views.story_confirm, name="story_confirm"),
    path("<uuid:public_id>/record/<slug:group>/", views.record_kind, name="record_kind"),
    path("<uuid:public_id>/record/<slug:group>/<slug:option>/", views.record_details, name="record_details"),
    path("<uuid:public_id>/record/<slug:group>/<slug:option>/check/", views.record_check, name="record_check"),
    path("<uuid:public_id>/events/<str:event_id>/", views.event_detail, name="event"),
    path("<uuid:public_id>/events/<str:event_id>/correct/", views.correct, name="correct"),
    path("<uuid:public_id>/events/<str:event_id>/correct/check/", views.correct_check, name="correct_check"),
    path("<uuid:public_id>/events/<str:event_id>/documents/add/", views.document_add, name="event_document_add"),
    path("<uuid:public_id>/documents/", views.documents, name="documents"),
    path("<uuid:public_id>/documents/add/", views.document_add, name="document_add"),
    path("<uuid:public_id>/documents/<uuid:document_id>/", views.document_download, name="document_download"),
]
