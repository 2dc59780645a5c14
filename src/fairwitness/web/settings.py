"""Django settings, read from the environment.

- ``FAIRWITNESS_DATA_DIR`` (default ``./var``): the database, encrypted documents and generated keys.
- ``DATABASE_URL``: any database dj-database-url understands; default SQLite in WAL mode in the data dir.
- ``FAIRWITNESS_SECRET_KEY``: required in production; otherwise generated into the data dir once.
- ``FAIRWITNESS_MASTER_KEY`` or ``FAIRWITNESS_MASTER_KEY_FILE``: urlsafe base64 of 32 bytes, wraps every
  case's own key. Required in production, and kept outside the data dir; elsewhere generated into the
  data dir on first run. Losing it loses every case: back it up, apart from the data dir.
- ``FAIRWITNESS_EMAIL_HOST`` (and ``_PORT``, ``_USER``, ``_PASSWORD``, ``_USE_TLS``/``_USE_SSL``): SMTP,
  required in production. Elsewhere mail is written to ``<data dir>/demo-emails/``.
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
# A data folder that cannot be written is said plainly at start-up (issue 11), not met later as a
# traceback from SQLite or the key files.
try:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
except OSError as _exc:
    raise ImproperlyConfigured(f"The data folder {DATA_DIR} cannot be created ({_exc.strerror}). Set "
                               "FAIRWITNESS_DATA_DIR to a folder this user can write to.") from None
if not os.access(DATA_DIR, os.W_OK | os.X_OK):
    raise ImproperlyConfigured(f"The data folder {DATA_DIR} is read-only for this user. Fair Witness keeps its "
                               "database, keys and documents there: make it writable, or set FAIRWITNESS_DATA_DIR "
                               "to a folder that is.")
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
# Django's own deployment check asks for at least 50 characters (and 5 different ones): a short key
# signs sessions and password-reset links that can be guessed (issue 11).
MIN_SECRET_KEY_LENGTH = 50
if PRODUCTION and (len(_secret) < MIN_SECRET_KEY_LENGTH or len(set(_secret)) < 5):
    raise ImproperlyConfigured(f"FAIRWITNESS_SECRET_KEY is too short for production: use at least "
                               f"{MIN_SECRET_KEY_LENGTH} random characters, for example from "
                               "python -c 'import secrets; print(secrets.token_urlsafe(50))'.")
SECRET_KEY = _secret

# --- security (issue 10): the master key -------------------------------------------------------
# Erasure destroys a case's wrapped key; that is only worth something if whoever holds a copy of the
# data dir (a backup, a stolen disk) does not also hold the master key. So in production the key comes
# from outside the data dir: FAIRWITNESS_MASTER_KEY (the key itself) or FAIRWITNESS_MASTER_KEY_FILE (a
# path to it, e.g. a mounted secret), and a key file inside the data dir is refused. Outside production
# (the demo, development) a key is generated into the data dir as before.
def _master_key_text() -> str:
    from_env = os.environ.get("FAIRWITNESS_MASTER_KEY", "").strip()
    key_path = os.environ.get("FAIRWITNESS_MASTER_KEY_FILE", "").strip()
    if from_env:
        return from_env
    if key_path:
        path = Path(key_path).resolve()
        if PRODUCTION and path.is_relative_to(DATA_DIR):
            raise ImproperlyConfigured(
                f"FAIRWITNESS_MASTER_KEY_FILE is inside the data dir ({DATA_DIR}): keep the master key apart from "
                "the data it protects, or erased cases can be read again from a copy of the data dir.")
        try:
            return path.read_text(encoding="ascii").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"FAIRWITNESS_MASTER_KEY_FILE cannot be read: {exc.strerror}") from None
    if PRODUCTION:
        if (DATA_DIR / "master.key").exists():
            raise ImproperlyConfigured(
                f"A master key is stored inside the data dir ({DATA_DIR / 'master.key'}): move it out, and point "
                "FAIRWITNESS_MASTER_KEY_FILE at its new place.")
        raise ImproperlyConfigured(
            "Set FAIRWITNESS_MASTER_KEY or FAIRWITNESS_MASTER_KEY_FILE (outside the data dir) in production.")
    return _key_file(DATA_DIR / "master.key", base64.urlsafe_b64encode(secrets.token_bytes(32))).decode()


try:
    FAIRWITNESS_MASTER_KEY = base64.urlsafe_b64decode(_master_key_text())
except ValueError:
    FAIRWITNESS_MASTER_KEY = b""
if len(FAIRWITNESS_MASTER_KEY) != 32:
    raise ImproperlyConfigured("The master key must be urlsafe base64 of 32 bytes.")
# --- end security: master key -----------------------------------------------------------------

FAIRWITNESS_DOCUMENTS_DIR = DATA_DIR / "documents"
FAIRWITNESS_MAX_UPLOAD_BYTES = int(float(os.environ.get("FAIRWITNESS_MAX_UPLOAD_MB", "25")) * 1024 * 1024)
# Issue 11: all of one account's documents together (0 for no limit).
FAIRWITNESS_STORAGE_QUOTA_BYTES = int(float(os.environ.get("FAIRWITNESS_STORAGE_QUOTA_MB", "500")) * 1024 * 1024)

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
    "fairwitness.public",  # issue 12: public statistics, open data, statistics consent
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
    # Issue 11: a busy or read-only database is a 503 with a plain page or JSON; no-store everywhere.
    "fairwitness.web.resilience.ResilienceMiddleware",
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


# How long a request waits for the database's write lock before it is answered 503 ("busy, try
# again"): writers queue for this long instead of failing at once, and no one waits for ever.
DB_BUSY_SECONDS = float(os.environ.get("FAIRWITNESS_DB_BUSY_SECONDS", "5"))
# PostgreSQL stops a statement running longer than this, so a slow request gives its worker back.
DB_STATEMENT_SECONDS = float(os.environ.get("FAIRWITNESS_DB_STATEMENT_SECONDS", "30"))


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"].endswith("postgresql"):
            config.setdefault("OPTIONS", {})["options"] = (
                f"-c lock_timeout={int(DB_BUSY_SECONDS * 1000)} -c statement_timeout={int(DB_STATEMENT_SECONDS * 1000)}")
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "fairwitness.sqlite3"),
        "OPTIONS": {
            # WAL lets readers carry on while one writer writes; IMMEDIATE takes the write lock at
            # the start of each transaction (BEGIN IMMEDIATE) so writers queue for the busy timeout
            # rather than failing mid-transaction, and two ledger appends can never interleave.
            # secure_delete (issue 10): deleted and overwritten content (an erased case's wrapped key, a
            # finished session) is zeroed on the page, not left in free space for a copy of the file to show.
            "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                            f"PRAGMA busy_timeout={int(DB_BUSY_SECONDS * 1000)}; PRAGMA secure_delete=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": DB_BUSY_SECONDS,
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

# --- security (issue 10): email -----------------------------------------------------------------
# Invitation and password-reset links are keys to a family's record: they are never printed. In
# production mail goes by SMTP (FAIRWITNESS_EMAIL_HOST, _PORT, _USER, _PASSWORD, _USE_TLS or
# _USE_SSL, FAIRWITNESS_FROM_EMAIL) and start-up is refused without a host. Elsewhere (the demo,
# development) each message is written to a file in <data dir>/demo-emails/ (web/mailfiles.py).
DEFAULT_FROM_EMAIL = os.environ.get("FAIRWITNESS_FROM_EMAIL", "Fair Witness <no-reply@fairwitness.invalid>")
if PRODUCTION:
    EMAIL_HOST = os.environ.get("FAIRWITNESS_EMAIL_HOST", "").strip()
    if not EMAIL_HOST:
        raise ImproperlyConfigured(
            "Set FAIRWITNESS_EMAIL_HOST (and FAIRWITNESS_EMAIL_PORT, _USER, _PASSWORD, _USE_TLS) in production: "
            "invitations and password resets are sent by email and are never printed.")
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("FAIRWITNESS_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("FAIRWITNESS_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("FAIRWITNESS_EMAIL_PASSWORD", "")
    EMAIL_USE_SSL = _flag("FAIRWITNESS_EMAIL_USE_SSL")
    EMAIL_USE_TLS = not EMAIL_USE_SSL and os.environ.get("FAIRWITNESS_EMAIL_USE_TLS", "1").strip().lower() not in {"0", "false", "no", "off"}
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "fairwitness.web.mailfiles.DemoFileBackend"
# --- end security: email --------------------------------------------------------------------------

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
CSRF_FAILURE_VIEW = "fairwitness.web.views.csrf_failure"  # branded, with "Exit this page" and a way back
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _flag("FAIRWITNESS_SSL_REDIRECT")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("FAIRWITNESS_HSTS_SUBDOMAINS")

# Behind a TLS-terminating reverse proxy (issue 11): trust its X-Forwarded-Proto only when the
# operator says a proxy sets it (FAIRWITNESS_BEHIND_PROXY=1; the proxy must overwrite any such
# header from the client). Without this, SECURE_SSL_REDIRECT loops and HSTS is never sent.
if _flag("FAIRWITNESS_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = _flag("FAIRWITNESS_USE_X_FORWARDED_HOST")

# --- security (issue 10): logging -----------------------------------------------------------------
# Logging never carries personal data. Our own messages name ids and counts only; every handler runs
# web/logsafety.py's filter, which drops the arguments of other libraries' messages (WeasyPrint's
# "Failed to load image at <a whole photo>", python-docx, Django's request logger, waitress), keeps an
# exception's type and code locations but never its message (an error id is logged instead), and
# cuts data: URLs out of every message.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "fairwitness.web.logsafety.PersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_personal_data"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "fairwitness": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
# --- end security: logging ------------------------------------------------------------------------
