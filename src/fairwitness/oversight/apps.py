from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "fairwitness.oversight"
    label = "oversight"
    verbose_name = "Independent oversight"
    default_auto_field = "django.db.models.BigAutoField"
