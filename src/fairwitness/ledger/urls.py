from __future__ import annotations

from django.urls import path

from fairwitness.ledger import views

app_name = "ledger"
urlpatterns = [
    path("", views.transparency, name="transparency"),
    path("checkpoint.txt", views.checkpoint_text, name="checkpoint"),
    path("key.txt", views.public_key, name="public_key"),
]
