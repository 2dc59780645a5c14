from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "fairwitness.oversight"
    label = "oversight"
    verbose_name = "Independent oversight"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The family's record asks "is this user staff?" through a hook, never by importing us.
        from fairwitness.cases import policy
        from fairwitness.oversight import permissions

        policy.register_staff_roles(permissions.staff_role, permissions.forget_staff_role)
