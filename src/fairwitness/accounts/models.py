"""A user signs in with their email address. API tokens are stored only as hashes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone

TOKEN_PREFIX = "fw_"
TOKEN_LIFETIME = timedelta(days=30)  # a lost or forgotten token stops working on its own (issue 11)
DEMO_PASSWORD = "demo-password-only"  # the same as fairwitness.demo.data.DEMO_PASSWORD


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is needed to sign in")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField("name", max_length=150, blank=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Set when the person opened a link we emailed to this address (accounts/verification.py). An
    # invitation to a family's case is accepted only by an account whose verified address it was sent to.
    email_verified_at = models.DateTimeField("email address confirmed", null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "user"

    def __str__(self) -> str:
        return self.email

    def check_password(self, raw_password: str | None) -> bool:
        # The demo password is public: it opens nothing outside demo mode, whatever is stored.
        from django.conf import settings

        if raw_password == DEMO_PASSWORD and not getattr(settings, "FAIRWITNESS_DEMO", False):
            return False
        return super().check_password(raw_password)

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    def get_full_name(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name or self.email


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. The token itself is shown once and never stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12)  # the first characters, so a user can tell tokens apart
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)  # None only on rows made before expiry existed

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or 'API token'})"

    @classmethod
    def issue(cls, user: User, name: str = "") -> tuple[ApiToken, str]:
        """Make a token. Only ``accounts.actions.create_api_token`` should call this outside tests:
        it checks the second factor and writes the ledger entry."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = cls.objects.create(user=user, name=name, prefix=token[:10], token_hash=hash_token(token),
                                 expires_at=timezone.now() + TOKEN_LIFETIME)
        return row, token

    @property
    def is_expired(self) -> bool:
        return self.expires_at is None or self.expires_at <= timezone.now()

    @classmethod
    def find(cls, token: str) -> ApiToken | None:
        """The live (not revoked) row for a token, expired or not, with its active user."""
        if not token or not token.startswith(TOKEN_PREFIX):
            return None
        row = cls.objects.select_related("user").filter(token_hash=hash_token(token), revoked_at__isnull=True).first()
        if row is None or not row.user.is_active:
            return None
        return row

    @classmethod
    def authenticate(cls, token: str) -> User | None:
        """The token's user, or None if it is unknown, revoked or expired."""
        row = cls.find(token)
        if row is None or row.is_expired:
            return None
        cls.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        return row.user

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
