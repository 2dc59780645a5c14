from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "fairwitness.public"
    label = "public"
    verbose_name = "Public statistics"
    default_auto_field = "django.db.models.BigAutoField"
