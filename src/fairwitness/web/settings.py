"""Django settings, read from the environment.

- ``FAIRWITNESS_DATA_DIR`` (default ``./var``): the database, encrypted documents and generated keys.
- ``DATABASE_URL``: any database dj-database-url understands; default SQLite in WAL mode in the data dir.
- ``FAIRWITNESS_SECRET_KEY``: required in production; otherwise generated into the data dir once.
- ``FAIRWITNESS_MASTER_KEY``: urlsafe base64 of 32 bytes, wraps every case's own key; generated into
  the data dir on first run when absent. Losing it loses every case: back the data dir up.
- ``FAIRWITNESS_DEMO=1``: allows the demo sign-ins (refused when ``FAIRWITNESS_PRODUCTION=1``).
- ``FAIRWITNESS_MAX_UPLOAD_MB`` (default 25): the largest document a family can upload.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(os.environ.get("FAIRWITNESS_DATA_DIR", "./var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
FAIRWITNESS_DATA_DIR = DATA_DIR

PRODUCTION = _flag("FAIRWITNESS_PRODUCTION")
DEMO = _flag("FAIRWITNESS_DEMO") and not PRODUCTION
if _flag("FAIRWITNESS_DEMO") and PRODUCTION:
    raise ImproperlyConfigured("FAIRWITNESS_DEMO cannot be used with FAIRWITNESS_PRODUCTION: the demo password is public.")
FAIRWITNESS_DEMO = DEMO
DEBUG = _flag("FAIRWITNESS_DEBUG") and not PRODUCTION


def _key_file(path: Path, make: bytes) -> bytes:
    """Read a key from the data dir, writing ``make`` there first (owner-only) when it is missing."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(make)
    return path.read_bytes().strip()


_secret = os.environ.get("FAIRWITNESS_SECRET_KEY")
if not _secret:
    if PRODUCTION:
        raise ImproperlyConfigured("Set FAIRWITNESS_SECRET_KEY in production.")
    _secret = _key_file(DATA_DIR / "secret.key", secrets.token_urlsafe(50).encode()).decode()
SECRET_KEY = _secret

_master = os.environ.get("FAIRWITNESS_MASTER_KEY")
if not _master:
    _master = _key_file(DATA_DIR / "master.key", base64.urlsafe_b64encode(secrets.token_bytes(32))).decode()
FAIRWITNESS_MASTER_KEY = base64.urlsafe_b64decode(_master)
if len(FAIRWITNESS_MASTER_KEY) != 32:
    raise ImproperlyConfigured("FAIRWITNESS_MASTER_KEY must be urlsafe base64 of 32 bytes.")

FAIRWITNESS_DOCUMENTS_DIR = DATA_DIR / "documents"
FAIRWITNESS_MAX_UPLOAD_BYTES = int(float(os.environ.get("FAIRWITNESS_MAX_UPLOAD_MB", "25")) * 1024 * 1024)

ALLOWED_HOSTS = [h for h in os.environ.get("FAIRWITNESS_ALLOWED_HOSTS", "").split(",") if h] or (
    [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("FAIRWITNESS_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "govuk_frontend_django",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",  # django-tasks >= 0.12 moved its database backend into this package
    "ninja",
    "fairwitness.accounts",
    "fairwitness.ledger",
    "fairwitness.cases",
    "fairwitness.oversight",  # issue 5: the independent body, council liaison, "who has seen my file"
    "fairwitness.complaints",  # issue 4: complaints tracker, corrections, letters, reminders, calendar, bundle
    # Pages (added by the pages engineer): makes web/templates (base layout) and web/static
    # (GOV.UK Frontend, our CSS) findable by the app-directories loaders.
    "fairwitness.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the process itself (GOV.UK Frontend, our CSS), compressed and cached, so a
    # small body needs no separate static server; in development straight from the apps' folders.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Oversight (issue 5): staff must pass a second factor; staff sessions end after 30 idle minutes.
    "fairwitness.oversight.middleware.StaffSecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "fairwitness.web.urls"
WSGI_APPLICATION = "fairwitness.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "fairwitness.sqlite3"),
        "OPTIONS": {
            # WAL lets readers carry on while one writer writes; IMMEDIATE takes the write lock at
            # the start of each transaction so two ledger appends can never interleave.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, so a locked-out sign-in stops here
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# django-axes: lock out after repeated failures, per user name and address together.
AXES_FAILURE_LIMIT = int(os.environ.get("FAIRWITNESS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Pages: a GOV.UK page saying sign-in is paused, instead of axes' plain-text 429.
AXES_LOCKOUT_CALLABLE = "fairwitness.accounts.views.lockout_response"

OTP_TOTP_ISSUER = "Fair Witness"

# django-csp 4: no inline script or style; GOV.UK Frontend runs from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    },
}

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if _flag("FAIRWITNESS_TASKS_DB"):
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = os.environ.get("FAIRWITNESS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("FAIRWITNESS_FROM_EMAIL", "Fair Witness <no-reply@fairwitness.invalid>")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("FAIRWITNESS_STATIC_ROOT", DATA_DIR / "static"))
# Production serves what `fairwitness manage collectstatic` gathered (with hashed names cached for a
# year); elsewhere whitenoise finds the files in the apps, so no collectstatic step is needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:  # whitenoise also looks in STATIC_ROOT, and warns on every start when it is missing
    with contextlib.suppress(OSError):
        STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage" if PRODUCTION
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: one limit, enforced in cases/documents.py with a clear message; Django's own limits sit
# just above it so an oversized file reaches our check instead of a bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _flag("FAIRWITNESS_SSL_REDIRECT")
    SECURE_HSTS_SECONDS = 31536000

# Logging never carries case content: only our own messages, which name ids and counts, never
# names, notes or documents. Django's request logger would print request bodies on errors in DEBUG,
# so it is kept at WARNING without the body-carrying handlers.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "fairwitness": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
