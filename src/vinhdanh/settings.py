"""Settings for VinhDanh, read from environment variables.

DATABASE_URL   sqlite:///var/vinhdanh.sqlite3 by default; postgres://user@host:5432/name in production
SECRET_KEY     required when DEBUG is off outside tests (at least 50 characters)
ALLOWED_HOSTS  comma-separated; required when DEBUG is off outside tests
               (127.0.0.1,localhost when DEBUG is on)
DEBUG          1/true to enable; default off
TASKS_BACKEND  "database" (default) or "immediate" (runs jobs inline; used by tests)
CACHE_URL      db://vinhdanh_cache (default), locmem://, redis://host:6379/0, file:///path, dummy://
STATIC_ROOT    where collectstatic writes (default staticfiles/ in the checkout)
STATIC_HASHED  1: hashed, compressed static files served by WhiteNoise (default with DEBUG off)
LOG_FORMAT     json (default with DEBUG off) or text; LOG_REQUESTS 1 logs one line per request

With DEBUG off (outside tests) the app refuses to start without SECRET_KEY and ALLOWED_HOSTS and
turns on secure cookies, HSTS, the HTTPS redirect and trust in the proxy's X-Forwarded-Proto;
each can be changed with the variables listed in README ("Security"): SECURE_COOKIES,
SECURE_SSL_REDIRECT, SECURE_PROXY_SSL_HEADER, SECURE_HSTS_SECONDS, SECURE_HSTS_PRELOAD.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VINHDANH_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules or env_bool("VINHDANH_TESTING")

# Build-time commands that only compare the models with the migration files: they serve no
# request and touch no data or signed value, so they run without the production secrets (a CI
# or pre-commit migration check needs no SECRET_KEY). Everything else is refused below.
BUILD_ONLY_COMMANDS = {"makemigrations"}
BUILD_ONLY = len(sys.argv) > 1 and sys.argv[1] in BUILD_ONLY_COMMANDS

# Production = DEBUG off outside the test suite: secrets and hosts must come from the environment.
PRODUCTION = not DEBUG and not TESTING and not BUILD_ONLY

_DEV_SECRET = "dev-only-insecure-key-change-me-0b6f1c9e6a2d4f8e9b7a"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
_hosts = os.environ.get("ALLOWED_HOSTS", "")
if PRODUCTION:
    _problems = []
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET:
        _problems.append("SECRET_KEY chưa được đặt (SECRET_KEY is not set)")
    elif len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        _problems.append("SECRET_KEY quá ngắn: cần ít nhất 50 ký tự ngẫu nhiên (too short)")
    if not _hosts.strip():
        _problems.append("ALLOWED_HOSTS chưa được đặt (ALLOWED_HOSTS is not set)")
    if _problems:
        raise ImproperlyConfigured(
            "VinhDanh không khởi động khi DEBUG tắt: "
            + "; ".join(_problems)
            + ". Đặt các biến môi trường này (xem README, mục “Bảo mật”), "
            "hoặc DEBUG=1 khi chạy trên máy phát triển."
        )
SECRET_KEY = SECRET_KEY or _DEV_SECRET

ALLOWED_HOSTS = [h.strip() for h in (_hosts or "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# The public portal's absolute address (scheme and host, no trailing slash), used in the QR
# codes printed on certificates. Without it and with DEBUG off, printing refuses.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").strip().rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Before django_tasks_db: its ``db_worker`` command is extended by vinhdanh.core's own
    # (stale job recovery, see core/jobs.py).
    "vinhdanh.core",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "vinhdanh.accounts",
    "vinhdanh.orgs",
    "vinhdanh.catalogue",
    "vinhdanh.registry",
    "vinhdanh.rules",
    "vinhdanh.emulation",
    "vinhdanh.nominations",
    "vinhdanh.council",
    "vinhdanh.decisions",
    "vinhdanh.portal",
    "vinhdanh.documents",
    "vinhdanh.api",
    "vinhdanh.imports",
    "vinhdanh.demo",
    "vinhdanh.reports",
    "vinhdanh.inbox",
]

MIDDLEWARE = [
    "vinhdanh.core.middleware.RequestLogMiddleware",
    "vinhdanh.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "vinhdanh.urls"
WSGI_APPLICATION = "vinhdanh.wsgi.application"
ASGI_APPLICATION = "vinhdanh.asgi.application"

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
                "vinhdanh.core.context_processors.navigation",
                "vinhdanh.core.context_processors.csp_nonce",
            ],
            "builtins": ["vinhdanh.core.templatetags.vn"],
        },
    }
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'vinhdanh.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web server share one file without "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["vinhdanh.accounts.backends.LockoutModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failures (accounts.backends).
LOGIN_MAX_FAILURES = int(os.environ.get("LOGIN_MAX_FAILURES", "5"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))

# Password reset links (accounts.passwords) stay valid this long and work once.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(24 * 3600)))

# Two-factor sign-in (accounts.twofactor): required for superusers and these roles. DEMO=1
# (make run) leaves it optional for the demo accounts of manage.py demo_data.
TWO_FACTOR_ROLES = ["admin", "signer"]
DEMO = env_bool("DEMO", False)
OTP_TOTP_ISSUER = "VinhDanh"

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (and strips it from
# clients): trust it, redirect plain HTTP, and ask browsers to stay on HTTPS (HSTS).
if env_bool("SECURE_PROXY_SSL_HEADER", PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
# Load balancers probe the app servers over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)

# Content-Security-Policy (django-csp 4): scripts only from the app itself or carrying the
# request's nonce (no inline script exists; htmx's tag receives the nonce). Inline style
# attributes remain in templates (progress bars, print layouts), hence 'unsafe-inline' for
# styles only; styles cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}


def cache_from_url(url: str) -> dict:
    """CACHE_URL → a CACHES entry: db://table, locmem://, redis://…, file:///path, dummy://."""
    scheme, _, rest = url.partition("://")
    if scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": rest or "vinhdanh_cache",
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest}
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "file":
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": rest}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL không hợp lệ (unknown scheme): {url!r}")


CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "db://vinhdanh_cache"))}

LANGUAGE_CODE = "vi"
# The product speaks Vietnamese whatever the browser asks for (Accept-Language is ignored).
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Numbers are grouped explicitly (the money and number filters): a global separator would
# print years as "2.024".
USE_THOUSAND_SEPARATOR = False
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["vinhdanh.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Production serves static files from the app server through WhiteNoise: names carry a hash of
# the content (cached for a year), gzip/brotli copies are made by collectstatic. Development
# and tests keep Django's plain storage (no collectstatic needed; runserver serves them).
STATIC_HASHED = env_bool("STATIC_HASHED", PRODUCTION)
if STATIC_HASHED:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "files"))
# Uploaded files are served only through views that check permissions: no URL route maps
# MEDIA_URL, it exists because Django's helpers expect a value.
MEDIA_URL = "/_files-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "vinhdanh.core.staticfiles.HashedStaticStorage"
            if STATIC_HASHED
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
_MB = 1024 * 1024
# Size limits, checked before the body is read (core.middleware) and again per kind of file
# (core.files.check_upload). Uploads above FILE_UPLOAD_MAX_MEMORY_SIZE stream to a temporary
# file; DATA_UPLOAD_MAX_MEMORY_SIZE caps the non-file fields and JSON bodies.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * _MB
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * _MB
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(20 * _MB)))
UPLOAD_MAX_BYTES_BY_KIND = {
    "pdf": UPLOAD_MAX_BYTES,
    "docx": UPLOAD_MAX_BYTES,
    "xlsx": UPLOAD_MAX_BYTES,
    "png": min(UPLOAD_MAX_BYTES, 10 * _MB),
    "jpg": min(UPLOAD_MAX_BYTES, 10 * _MB),
    "jpeg": min(UPLOAD_MAX_BYTES, 10 * _MB),
}
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(40 * _MB)))
# A whole request: the largest file plus room for the form's other fields.
REQUEST_MAX_BYTES = int(
    os.environ.get("REQUEST_MAX_BYTES", str(max(UPLOAD_MAX_BYTES, IMPORT_MAX_BYTES) + 2 * _MB))
)
# Imports with more data rows than this run as a background job with a progress bar.
IMPORT_BACKGROUND_ROWS = int(os.environ.get("IMPORT_BACKGROUND_ROWS", "500"))

# Crash-safe jobs (vinhdanh.core.jobs): a running job beats every JOBS_HEARTBEAT_SECONDS; one
# silent for JOBS_STALE_SECONDS is taken as dead and the worker (checking every
# JOBS_RECOVER_SECONDS) resumes it from its checkpoint, so a dead worker is noticed within a minute.
JOBS_HEARTBEAT_SECONDS = float(os.environ.get("JOBS_HEARTBEAT_SECONDS", "10"))
JOBS_STALE_SECONDS = float(os.environ.get("JOBS_STALE_SECONDS", "45"))
JOBS_RECOVER_SECONDS = float(os.environ.get("JOBS_RECOVER_SECONDS", "10"))
JOBS_HEARTBEAT_THREAD = env_bool("JOBS_HEARTBEAT_THREAD", not TESTING)

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("TASKS_BACKEND", "immediate" if TESTING else "database")
            == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "vinhdanh@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# Logs go to stderr (the service manager keeps them). In production one JSON object per line;
# every record made while a request is served carries its request id (core.logging), and
# core.middleware.RequestLogMiddleware writes one line per request on "vinhdanh.request".
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "vinhdanh.core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "vinhdanh.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "vinhdanh.request": {
            "level": "INFO" if env_bool("LOG_REQUESTS", PRODUCTION) else "WARNING",
        },
    },
}

NINJA_PAGINATION_PER_PAGE = 50

CSRF_FAILURE_VIEW = "vinhdanh.core.views.csrf_failure"
