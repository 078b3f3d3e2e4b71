"""Django settings, read from the environment (one module; no per-environment files).

Environment variables:
- ``DATABASE_URL``: e.g. ``postgres://postgres@127.0.0.1:5432/wijkaanpak``. Default: a SQLite
  file ``wijkaanpak.sqlite3`` in ``WIJKAANPAK_DATA_DIR`` (default: ``~/.local/share/wijkaanpak``).
- ``DJANGO_SECRET_KEY``: when unset, a random key is made once and kept in the data folder.
- ``DJANGO_DEBUG``: ``1`` for development (the demo sets it).
- ``DJANGO_ALLOWED_HOSTS``: comma-separated, default ``localhost,127.0.0.1``.
- ``DB_POOL_MAX_SIZE``: PostgreSQL connections per server process from psycopg's pool; default 0
  (off). For a thread-per-request server under load (the development server), e.g. 10.
- ``DB_CONN_MAX_AGE``: seconds a connection is kept open without a pool; default 0 (one
  connection per request). The production server sets 60.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
# One data folder, whatever folder ``wijk`` is started from.
DATA_DIR = Path(
    os.environ.get("WIJKAANPAK_DATA_DIR")
    or Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "wijkaanpak"
)
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    # No key given: make one per installation and keep it beside the data (never a known key).
    _key_file = DATA_DIR / ".wijkaanpak-secret-key"
    if not _key_file.exists():
        import secrets

        _key_file.write_text(secrets.token_urlsafe(50))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "wijkaanpak.core",
    "wijkaanpak.areas",
    "wijkaanpak.partners",
    "wijkaanpak.accounts",
    "wijkaanpak.monitor",
    "wijkaanpak.plans",
    "wijkaanpak.projects",
    "wijkaanpak.funding",
    "wijkaanpak.budgets",
    "wijkaanpak.initiatives",
    "wijkaanpak.mkba",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # last: it sees a view's exception first (database down -> 503, issue 7 C13)
    "wijkaanpak.core.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "wijkaanpak.urls"
WSGI_APPLICATION = "wijkaanpak.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkaanpak.core.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'wijkaanpak.sqlite3'}",
        # Persistent connections only where a bounded pool of workers serves requests (the
        # production server sets DB_CONN_MAX_AGE, see gunicorn_conf.py): a thread-per-request
        # server (runserver) would keep one connection open per thread it ever started.
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Optional psycopg pool, one per process: at most DB_POOL_MAX_SIZE connections whatever the
    # server; a request waits up to 20 s for a free one. The pool keeps them open, so Django's
    # own persistence stays off. Off by default: with the database down every request would
    # wait for the pool's timeout before its 503 instead of failing at once, and the
    # production server is faster without it (gunicorn_conf.py).
    _pool_size = int(os.environ.get("DB_POOL_MAX_SIZE", "0"))
    if _pool_size > 0:
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": _pool_size,
            "timeout": 20,
        }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Take the write lock when a transaction starts, waiting up to 20 s for it: a
            # deferred transaction that reads first and then writes cannot wait (SQLite answers
            # "database is locked" at once to avoid a deadlock).
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            # WAL: readers never block the writer nor the other way round. NORMAL: a commit
            # survives a crash of the server process; a power cut may undo the last few (a
            # code and its ballot together, so that voter can vote again). FULL would fsync
            # every vote while holding the write lock: under bursts waiters then starved past
            # the busy timeout ("database is locked").
            # secure_delete: deleted rows (rewritten ballots, replaced votes) are overwritten.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
            ),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
# A start page per role (core.views.start picks it).
LOGIN_REDIRECT_URL = "core:start"
LOGOUT_REDIRECT_URL = "core:home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("WIJKAANPAK_MEDIA_ROOT", DATA_DIR / "media"))
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
# Zip-bomb caps for xlsx/csv imports (a national kwb sheet unpacks to ~90 MB, ~18,000 rows).
IMPORT_MAX_UNCOMPRESSED_MB = int(os.environ.get("WIJKAANPAK_IMPORT_MAX_UNCOMPRESSED_MB", "200"))
IMPORT_MAX_ROWS = int(os.environ.get("WIJKAANPAK_IMPORT_MAX_ROWS", "1048576"))  # Excel's maximum
IMPORT_MAX_UPLOAD_MB = int(os.environ.get("WIJKAANPAK_IMPORT_MAX_UPLOAD_MB", "100"))
# Uploaded images are re-encoded; larger ones are refused (decompression bombs).
IMAGE_MAX_PIXELS = int(os.environ.get("WIJKAANPAK_IMAGE_MAX_PIXELS", str(40_000_000)))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and env_bool("DJANGO_SECURE_COOKIES"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "wijkaanpak.api.pagination.Pagination",
    "PAGE_SIZE": 100,
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_VERSION": "v1",
    "EXCEPTION_HANDLER": "wijkaanpak.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wijkaanpak API",
    "DESCRIPTION": "Areas, action plans, goals, projects, money flows, monitor and resident budgets.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "wijkaanpak.plans.models.PlanStatus",
        "ProjectStatusEnum": "wijkaanpak.projects.models.ProjectStatus",
        "InitiativeStatusEnum": "wijkaanpak.initiatives.models.InitiativeStatus",
        "MilestoneStatusEnum": "wijkaanpak.initiatives.models.MilestoneStatus",
        "NeedKindEnum": "wijkaanpak.initiatives.models.NeedKind",
    },
}

# Social cost-benefit analysis: the Dutch standard discount rate since 2021 (Werkgroep
# discontovoet 2020): -1% risk-free plus a 3.25% risk premium = 2.25% real.
MKBA_DISCOUNT_RATE = float(os.environ.get("MKBA_DISCOUNT_RATE", "0.0225"))

# Resident budgets: the key that hashes voting codes. Unset: derived from SECRET_KEY. Set it to
# keep codes valid when SECRET_KEY is rotated during a vote.
BUDGETS_HMAC_KEY = os.environ.get("WIJKAANPAK_BUDGETS_HMAC_KEY", "")

# Initiatives with spending but no public update for this many months are flagged.
INITIATIVES_UPDATE_INTERVAL_MONTHS = int(os.environ.get("INITIATIVES_UPDATE_INTERVAL_MONTHS", "3"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # Refused requests (4xx) and a database that is down (503) are one line each, without a
    # traceback; "django" logs through the root handler only (Django's own console handler
    # printed every line twice with DEBUG on).
    "filters": {"one_line": {"()": "wijkaanpak.core.unavailable.OneLineRefusals"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"filters": ["one_line"]},
        "django.db.backends": {"level": "WARNING"},
    },
}
