"""All settings, read from the environment in this one module (twelve-factor).

DJANGO_ENV=production switches on the hardened profile: it refuses to start
without DJANGO_SECRET_KEY and with DEBUG on.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
# Public reference data and external standards shipped with the repository
# (attribution in data/*/README.md).
DATA_DIR = Path(os.environ.get("INTERPROCHANCE_DATA_DIR", BASE_DIR / "data"))
REFERENCE_DATA_DIR = DATA_DIR / "reference"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
TESTING = ENVIRONMENT == "test" or "pytest" in sys.modules or env_bool("TESTING")

DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if PRODUCTION:
    if not SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set (at least 50 characters) in production."
        )
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")
elif not SECRET_KEY:
    SECRET_KEY = "dev-only-insecure-key-never-used-in-production-0123456789abcdefghij"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Demo data (synthetic people) is allowed only outside production.
DEMO_MODE = env_bool("DEMO_MODE", default=not PRODUCTION)
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "interprochance-demo")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    # Our apps, in dependency order (core first; governance/transfer read the others).
    "interprochance.core",
    "interprochance.monitoring",
    "interprochance.directory",
    "interprochance.pool",
    "interprochance.fund",
    "interprochance.counseling",
    "interprochance.participation",
    "interprochance.governance",
    "interprochance.transfer",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "interprochance.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "interprochance.core.middleware.LoginRequiredMiddleware",
    "interprochance.core.middleware.TenantMiddleware",
    "interprochance.core.middleware.TwoFactorEnforcementMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "interprochance" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "interprochance.core.context_processors.platform",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = (
        {"NAME": os.environ.get("SQLITE_TEST_NAME", "")}
        if os.environ.get("SQLITE_TEST_NAME")
        else {}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Fast hashing in tests only; production and the demo always use argon2.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling (django-axes): lock a username+IP after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))

# CP-SAT threads of one pool optimisation in the background worker. The benchmark figures
# (docs/pool.md) are for 2; on a machine whose cores the web workers need, set 1.
POOL_SOLVER_WORKERS = max(1, int(os.environ.get("POOL_SOLVER_WORKERS", "2")))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)

# Two-factor: roles for which TOTP is mandatory (comma separated role codes).
OTP_REQUIRED_ROLES = env_list("OTP_REQUIRED_ROLES", "administration" if PRODUCTION else "")
OTP_TOTP_ISSUER = "InterProChance"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "interprochance" / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "interprochance" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Sessions and cookies
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"  # read from cache, written through to the DB
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content Security Policy: no inline scripts or styles anywhere.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["interprochance.core.api.RolePermission"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "interprochance.core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"public": os.environ.get("PUBLIC_API_RATE", "120/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "InterProChance API",
    "DESCRIPTION": "REST API of the InterProChance platform (Präventionskette).",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASK_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache"
        if PRODUCTION
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "interprochance_cache",
    }
}

# Operator details shown on the imprint, privacy and accessibility pages.
OPERATOR = {
    "name": os.environ.get("OPERATOR_NAME", "Landkreis Darmstadt-Dieburg"),
    "address": os.environ.get("OPERATOR_ADDRESS", "Albinistraße 23, 64807 Dieburg"),
    "email": os.environ.get("OPERATOR_EMAIL", "interprochance@example.org"),
    "phone": os.environ.get("OPERATOR_PHONE", ""),
    "representative": os.environ.get("OPERATOR_REPRESENTATIVE", "Der Kreisausschuss"),
    "dpo_email": os.environ.get("OPERATOR_DPO_EMAIL", "datenschutz@example.org"),
    "accessibility_contact": os.environ.get(
        "OPERATOR_A11Y_CONTACT", "barrierefreiheit@example.org"
    ),
    "supervisory_authority": os.environ.get(
        "OPERATOR_SUPERVISORY_AUTHORITY",
        "Der Hessische Beauftragte für Datenschutz und Informationsfreiheit",
    ),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "interprochance.core.requestid.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

if PRODUCTION:
    # Behind a proxy: trust X-Forwarded-For only as configured there.
    AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "1"))
FORM_RENDERER = "interprochance.core.forms.KernFormRenderer"
