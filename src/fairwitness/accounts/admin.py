from django.contrib import admin

from fairwitness.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "display_name", "is_active", "is_staff", "date_joined")
    search_fields = ("email",)
    exclude = ("password",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "expires_at", "revoked_at")
    readonly_fields = ("prefix", "token_hash", "expires_at")

    def has_add_permission(self, request: object) -> bool:
        return False  # tokens are made on the account page, after the second factor, with an expiry
