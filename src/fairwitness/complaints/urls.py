"""The challenge pages, all under a case (and so all behind ``cases.policy``), plus the calendar
feed, which is reached by its secret link alone."""

from django.urls import path

from fairwitness.complaints import views

app_name = "complaints"

urlpatterns = [
    path("cases/<uuid:public_id>/complaints/", views.tracker, name="tracker"),
    path("cases/<uuid:public_id>/letters/", views.letters, name="letters"),
    path("cases/<uuid:public_id>/letters/sent/<str:event_id>/", views.letter_sent, name="letter_sent"),
    path("cases/<uuid:public_id>/letters/your-details/", views.letter_details, name="letter_details"),
    path("cases/<uuid:public_id>/letters/<slug:kind>/", views.letter, name="letter"),
    path("cases/<uuid:public_id>/corrections/", views.corrections, name="corrections"),
    path("cases/<uuid:public_id>/corrections/new/", views.correction_new, name="correction_new"),
    path("cases/<uuid:public_id>/corrections/<str:request_id>/", views.correction, name="correction"),
    path("cases/<uuid:public_id>/corrections/<str:request_id>/statements/<str:event_id>/answer/",
         views.statement_outcome, name="statement_outcome"),
    path("cases/<uuid:public_id>/calendar/", views.calendar, name="calendar"),
    path("cases/<uuid:public_id>/court-documents/", views.court_documents, name="court_documents"),
    path("cases/<uuid:public_id>/court-documents/chronology.<str:fmt>", views.chronology, name="chronology"),
    path("cases/<uuid:public_id>/court-documents/bundle.pdf", views.bundle, name="bundle"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
