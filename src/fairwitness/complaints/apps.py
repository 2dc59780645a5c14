from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "fairwitness.complaints"
    label = "complaints"
    verbose_name = "Complaints, letters and reminders"
    default_auto_field = "django.db.models.BigAutoField"
