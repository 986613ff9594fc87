"""Settings shared by every environment.

Everything that differs between machines is read from environment variables, with safe
defaults for a one-machine start: SQLite under ``var/``, DEBUG off unless the local settings
turn it on, e-mail to the console.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("BILIKTILIK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Behind a reverse proxy (nginx) that sets X-Forwarded-For and X-Forwarded-Proto itself: the
# client's address is the right-most X-Forwarded-For entry, and the production settings trust
# X-Forwarded-Proto. Never turn this on when clients reach Django directly.
BILIKTILIK_BEHIND_PROXY = env_bool("BILIKTILIK_BEHIND_PROXY", False)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

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
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "treebeard",
    "bootstrap",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    # Biliktilik apps, in the order of their dependencies (see docs/architecture.md).
    "biliktilik.core",
    "biliktilik.org",
    "biliktilik.people",
    "biliktilik.accounts",
    "biliktilik.policy",
    "biliktilik.ledger",
    "biliktilik.compliance",
    "biliktilik.workflows",
    "biliktilik.documents",
    "biliktilik.planning",
    "biliktilik.notifications",
    "biliktilik.api",
    "biliktilik.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "biliktilik.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "biliktilik.core.middleware.SessionIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "biliktilik.core.middleware.HtmxLoginRedirectMiddleware",
    "biliktilik.core.middleware.ApplicationErrorMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the request into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "biliktilik.accounts.context_processors.roles",
                "biliktilik.notifications.context_processors.bell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'biliktilik.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# django-axes checks every authentication for a lockout first; ModelBackend then checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Kazakh first. Our own catalogs in locale/ fill the gaps of Django's.
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
# Our catalogs first (they win), then the Kazakh for Django's own messages that its kk catalogs lack
# (never touched by makemessages; see docs/architecture.md, "Languages").
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_django"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Almaty")
LANGUAGE_COOKIE_NAME = "biliktilik_language"

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "biliktilik@localhost")

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an anonymous request gets 401 with WWW-Authenticate: Token.
        "biliktilik.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "biliktilik.core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "biliktilik.core.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "biliktilik.core.api.exceptions.exception_handler",
    "NUM_PROXIES": 1 if BILIKTILIK_BEHIND_PROXY else None,
    # Anonymous callers (the token endpoint, the schema) are rate-limited; signed-in ones are not.
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    # Rates of the endpoints open to anonymous callers (the token endpoint, password reset).
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("BILIKTILIK_THROTTLE_ANON", "60/minute"),
        "auth_token": os.environ.get("BILIKTILIK_THROTTLE_AUTH_TOKEN", "10/minute"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Biliktilik API",
    "DESCRIPTION": "Professional development of the staff of education organisations.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # The docs page serves Swagger UI from our own static files (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "StaffCategoryEnum": "biliktilik.people.enums.StaffCategory",
        "OrganisationKindEnum": "biliktilik.org.enums.OrganisationKind",
        "UnitKindEnum": "biliktilik.org.enums.UnitKind",
        "EvidenceKindEnum": "biliktilik.ledger.enums.EvidenceKind",
        "TrainerCategoryEnum": "biliktilik.ledger.enums.TrainerCategory",
        "RunStatusEnum": "biliktilik.workflows.enums.RunStatus",
        "RuleSetStatusEnum": "biliktilik.policy.enums.RuleSetStatus",
        "PlanStatusEnum": "biliktilik.planning.enums.PlanStatus",
        "RecordStatusEnum": "biliktilik.ledger.enums.RecordStatus",
        "EvidenceStatusEnum": "biliktilik.ledger.enums.EvidenceStatus",
        "ComplianceStatusEnum": "biliktilik.compliance.enums.ComplianceStatus",
        "DecisionActionEnum": "biliktilik.workflows.enums.DecisionAction",
        "StepActionEnum": "biliktilik.workflows.apis.STEP_ACTION_CHOICES",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The public address of the site, for links in e-mails (e.g. https://pd.example.kz).
BILIKTILIK_SITE_URL = os.environ.get("BILIKTILIK_SITE_URL", "")

# Staff directory and other list pages.
BILIKTILIK_PAGE_SIZE = 25
# How far ahead of today an employment may start, in days (forms, API and imports).
BILIKTILIK_MAX_FUTURE_START_DAYS = int(os.environ.get("BILIKTILIK_MAX_FUTURE_START_DAYS", "366"))
# Days in the query string (core.query): none before this day, none later than this many years
# after today, so date arithmetic on them never overflows.
BILIKTILIK_QUERY_DATE_MIN = "1990-01-01"
BILIKTILIK_QUERY_YEARS_AHEAD = 10
# Imports (table kit, docs/import-staff.md): the largest file accepted, in bytes; the most data
# rows per file; what an .xlsx may unpack to and its largest compression ratio; above how many
# rows a file is imported in the background by the task worker.
BILIKTILIK_IMPORT_MAX_BYTES = int(os.environ.get("BILIKTILIK_IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))
BILIKTILIK_IMPORT_MAX_ROWS = int(os.environ.get("BILIKTILIK_IMPORT_MAX_ROWS", "20000"))
BILIKTILIK_IMPORT_MAX_UNCOMPRESSED_BYTES = int(
    os.environ.get("BILIKTILIK_IMPORT_MAX_UNCOMPRESSED_BYTES", str(100 * 1024 * 1024))
)
BILIKTILIK_IMPORT_MAX_COMPRESSION_RATIO = int(os.environ.get("BILIKTILIK_IMPORT_MAX_COMPRESSION_RATIO", "100"))
BILIKTILIK_IMPORT_BACKGROUND_ROWS = int(os.environ.get("BILIKTILIK_IMPORT_BACKGROUND_ROWS", "2000"))

# Login hardening (SEC-03; docs/adr/0007-login-hardening.md).
# django-axes: after this many failed logins of one username from one IP address, that pair is
# locked out for the cool-off time, on the login page and on the API token endpoint alike.
AXES_FAILURE_LIMIT = int(os.environ.get("BILIKTILIK_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("BILIKTILIK_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "biliktilik.accounts.lockout.lockout_response"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "biliktilik.accounts.lockout.client_ip_address"
# An API token expires this many hours after it was issued.
BILIKTILIK_TOKEN_TTL_HOURS = int(os.environ.get("BILIKTILIK_TOKEN_TTL_HOURS", "12"))
# A session ends after this many minutes without a request (core.middleware.SessionIdleTimeoutMiddleware),
# and in any case this many hours after the login.
BILIKTILIK_SESSION_IDLE_MINUTES = int(os.environ.get("BILIKTILIK_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = int(os.environ.get("BILIKTILIK_SESSION_MAX_HOURS", "12")) * 60 * 60
# Password reset links are valid for this many seconds.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("BILIKTILIK_PASSWORD_RESET_SECONDS", str(2 * 60 * 60)))
# Password reset requests from one IP address in a minute.
BILIKTILIK_PASSWORD_RESET_RATE = int(os.environ.get("BILIKTILIK_PASSWORD_RESET_RATE", "5"))

# Content-Security-Policy (django-csp): only our own files; Bootstrap's icons are data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Planning figures where an organisation's rules give none (docs/rules.md, "Planning
# parameters"; an organisation sets its own with a ``planning_parameters`` rule). No regulation
# fixes the length of a suggested course or the age of young staff (KazNRTU-602 7.3 gives none);
# the suggested hours come from SKMA-464 4.3 (72 h) when an organisation's rules do not say.
PLANNING_DEFAULTS = {"suggested_course_hours": 72, "suggested_course_days": 14, "young_staff_age": 35}

# The rule set whose forms rule says which forms need a justification where an organisation has
# no forms rule in force (docs/rules.md, "Forms"; KazNRTU-602 6.1: other forms with a
# justification approved by the unit head). An unowned (template or national) rule set's code.
DEFAULT_FORMS_RULE_SET = "kaznrtu-602"
