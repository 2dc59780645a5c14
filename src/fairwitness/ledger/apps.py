from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "fairwitness.ledger"
    label = "ledger"
    verbose_name = "Ledger"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings

        if getattr(settings, "PRODUCTION", False):
            from fairwitness.ledger.keys import check_configuration

            check_configuration()  # refuse to start without a signing key kept outside the data dir
