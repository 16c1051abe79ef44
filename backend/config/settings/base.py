"""Settings shared by every profile. Everything that differs between machines comes from the
environment (read by django-environ), so one image runs anywhere; every variable read here is
in README "Configuration" (a test checks it). Importing the settings writes nothing: the
embedded default's secret and signing key are made by `config.local_state` when a local
entry point (manage.py, asgi.py, wsgi.py) starts."""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config.local_state import read_local_secret

env = environ.Env()

BACKEND_DIR = Path(__file__).resolve().parent.parent.parent
REPO_DIR = BACKEND_DIR.parent
# Local state of the embedded default (SQLite file, generated keys); git-ignored.
DATA_DIR = Path(env.str("QE_DATA_DIR", default=str(REPO_DIR / "var")))
FRONTEND_DIST = Path(env.str("QE_FRONTEND_DIST", default=str(REPO_DIR / "frontend" / "dist")))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="") or read_local_secret(DATA_DIR, "secret_key")
# Ed25519 keys that sign ticket codes: "id:base64seed,id:base64seed", the first one signs, all
# verify (rotation). The embedded default generates one key on first run.
TICKET_SIGNING_KEYS = env.str("TICKET_SIGNING_KEYS", default="") or read_local_secret(
    DATA_DIR, "ticket_signing_keys"
)
# Public keys only ("id:base64key,..."): a door node (`make run-door`) verifies codes with the
# main server's keys, mirrored into its data folder. Empty: the signing keys verify.
TICKET_VERIFY_KEYS = env.str("TICKET_VERIFY_KEYS", default="") or read_local_secret(
    DATA_DIR, "ticket_verify_keys"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "csp",
    "common",
    "users",
    "events",
    "bookings",
    "attendance",
    "doornode",
    "adminpanel",
]

MIDDLEWARE = [
    "common.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
AUTH_USER_MODEL = "users.User"

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


def database_from_url(url: str) -> dict:
    config = env.db_url_config(url)
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
    engine = config["ENGINE"]
    if engine == "django.db.backends.mysql":
        config["OPTIONS"] = {
            "charset": "utf8mb4",
            # Strict mode: an over-long or invalid value is an error, never silently cut.
            "init_command": "SET sql_mode='STRICT_TRANS_TABLES'",
            "isolation_level": "read committed",
            **config.get("OPTIONS", {}),
        }
        config["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
    elif engine == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock
            # at BEGIN so two writers queue instead of failing with "database is locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


DATABASE_URL = env.str("DATABASE_URL", default="") or f"sqlite:///{DATA_DIR / 'qr-entry.sqlite3'}"
DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
REDIS_PREFIX = env.str("QE_REDIS_PREFIX", default="qe")


def redis_channel_layer(url: str, prefix: str) -> dict:
    return {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            # A consumer waits for its messages in blocking reads of up to 5 s
            # (channels-redis' brpop_timeout), and redis-py 8 times every read out after 5 s
            # by default: an idle live view died of a TimeoutError. The read timeout must
            # outlast the blocking read; it still ends a read from a dead server.
            "hosts": [{"address": url, "socket_timeout": 15, "socket_connect_timeout": 2}],
            "prefix": prefix,
        },
    }


def redis_cache(url: str, prefix: str) -> dict:
    """Throttle counters must be shared by every process, so they live in Redis. While Redis
    cannot be reached they fall back to counters in each process, with a logged warning
    (common.cache), so sign-in and booking go on; short timeouts keep a hung Redis from
    holding requests."""
    return {
        "BACKEND": "common.cache.RedisCacheWithFallback",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


if REDIS_URL:
    CHANNEL_LAYERS = {"default": redis_channel_layer(REDIS_URL, REDIS_PREFIX)}
    CACHES = {"default": redis_cache(REDIS_URL, REDIS_PREFIX)}
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
# Uploaded files (event images): a local folder served by the app under /media/, or an
# S3-compatible bucket (django-storages) when QE_S3_BUCKET is set. Every upload gets a new
# name, so both are served with long cache lifetimes.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("QE_MEDIA_ROOT", default=str(DATA_DIR / "media")))
QE_S3_BUCKET = env.str("QE_S3_BUCKET", default="")
_DEFAULT_STORAGE: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if QE_S3_BUCKET:
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": QE_S3_BUCKET,
            "endpoint_url": env.str("QE_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("QE_S3_REGION", default="") or None,
            "access_key": env.str("QE_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("QE_S3_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env.str("QE_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": False,  # event images are public
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The built SPA is served from the site root; Vite puts content hashes in asset names, so
# those may be cached for a year. index.html itself is answered by the SPA view, uncached.
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.is_dir() else None
WHITENOISE_IMMUTABLE_FILE_TEST = (
    r"^/?(assets/.+-[A-Za-z0-9_-]{8,}\.\w+|static/.+\.[0-9a-f]{12}\.\w+)$"
)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(DATA_DIR / "mail"))  # file backend
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="QR-Entry <tickets@qr-entry.local>")

# Production: the Celery worker drains the outbox (woken after each commit) and beat runs the
# periodic jobs; without a broker, `manage.py run_worker` does both (make run).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# The outbox (common/outbox.py): e-mails and other work that must not be lost are rows written
# with the change and done by the worker, which polls this often and backs off from failures
# starting at QE_OUTBOX_RETRY_SECONDS. Tests drain it right after each commit instead.
QE_WORKER_POLL_SECONDS = env.float("QE_WORKER_POLL_SECONDS", default=1.0)
QE_OUTBOX_RETRY_SECONDS = env.float("QE_OUTBOX_RETRY_SECONDS", default=30.0)
QE_OUTBOX_DRAIN_ON_COMMIT = env.bool("QE_OUTBOX_DRAIN_ON_COMMIT", default=False)

# Card payments through Stripe: offered only when both keys are set. The webhook secret
# verifies Stripe's deliveries; STRIPE_API_BASE points the SDK at a Stripe-compatible server
# (tests: localstripe). Manual payment (bank transfer, box office) needs nothing.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="https://api.stripe.com").rstrip("/")
# How often the worker ends the holds of unpaid bookings past their expiry.
QE_HOLD_SWEEP_SECONDS = env.float("QE_HOLD_SWEEP_SECONDS", default=30.0)
# How often the worker asks Stripe about the card payments still pending (a webhook lost or
# late): at least once a minute.
QE_PAYMENT_SWEEP_SECONDS = env.float("QE_PAYMENT_SWEEP_SECONDS", default=30.0)
# Hoarding (seats held unpaid by manual payment, which may take days): per event at most
# QE_MANUAL_HOLD_PERCENT of the capacity unless the event sets manual_hold_limit; per account
# at most QE_MANUAL_HOLDS_PER_ACCOUNT such bookings awaiting payment (all events); per client
# address at most QE_MANUAL_HOLDS_PER_ADDRESS such bookings made per day (the address as
# NUM_PROXIES allows: X-Forwarded-For is never read unless it is set).
QE_MANUAL_HOLD_PERCENT = env.int("QE_MANUAL_HOLD_PERCENT", default=25)
QE_MANUAL_HOLDS_PER_ACCOUNT = env.int("QE_MANUAL_HOLDS_PER_ACCOUNT", default=2)
QE_MANUAL_HOLDS_PER_ADDRESS = env.int("QE_MANUAL_HOLDS_PER_ADDRESS", default=10)
# Slotted seat counters for flash sales (bookings.models.SeatSlot): > 1 splits each event's
# seats over that many rows the first time it is booked; 0 or 1 (the default) keeps the one
# counter on the event row.
QE_SEAT_SLOTS = env.int("QE_SEAT_SLOTS", default=0)
# The door node (`make run-door`): the main server it mirrors one event from, that event, the
# door staff account it signs in with upstream, and how often it pushes and pulls.
QE_DOOR_UPSTREAM = env.str("QE_DOOR_UPSTREAM", default="")
QE_DOOR_EVENT = env.int("QE_DOOR_EVENT", default=0)
QE_DOOR_EMAIL = env.str("QE_DOOR_EMAIL", default="")
QE_DOOR_PASSWORD = env.str("QE_DOOR_PASSWORD", default="")
QE_DOOR_POLL_SECONDS = env.float("QE_DOOR_POLL_SECONDS", default=5.0)
# Offline scans (sync) are held to the event's check-in window at the device's time, give or
# take this much for the device's clock being off ours; further ahead of ours is refused too.
QE_DOOR_CLOCK_SKEW_SECONDS = env.int("QE_DOOR_CLOCK_SKEW_SECONDS", default=300)

# Requests bigger than this are refused before they are read, chunked ones too (413).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=256 * 1024)
# The event image upload (5 MB at most, checked by the view) with room for its form fields.
QE_UPLOAD_MAX_BYTES = env.int("QE_UPLOAD_MAX_BYTES", default=6 * 1024 * 1024)

# Client addresses (throttling) come from X-Forwarded-For only behind this many reverse
# proxies; 0 (the default) means never: the header is the client's to forge.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "users.authentication.GenerationJWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["common.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "common.schema.AutoSchema",
    "EXCEPTION_HANDLER": "common.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        # django-allauth's default for sign-ups: 20 per minute per address.
        "register": env.str("QE_THROTTLE_REGISTER", default="20/min"),
        # Per user: the tickets e-mail again, and organizers writing to all ticket holders.
        "booking_resend": env.str("QE_THROTTLE_RESEND", default="5/hour"),
        # Per user, tickets PDFs (each drawn once per version of its booking).
        "tickets_pdf": env.str("QE_THROTTLE_TICKETS_PDF", default="20/min"),
        "event_message": env.str("QE_THROTTLE_EVENT_MESSAGE", default="10/day"),
        # Per user, door staff invitations (each an e-mail in the organizer's name).
        "staff_invite": env.str("QE_THROTTLE_STAFF_INVITE", default="50/day"),
        # Per user, bookings made and cancelled together.
        "booking": env.str("QE_THROTTLE_BOOKING", default="30/min"),
        # Per user, door staff looking tickets up by name, e-mail or backup code.
        "door_search": env.str("QE_THROTTLE_DOOR_SEARCH", default="60/min"),
    },
    # An int, never None: DRF reads X-Forwarded-For whenever NUM_PROXIES is None.
    "NUM_PROXIES": NUM_PROXIES,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# JWT_ACCESS_SECONDS (tests only: a browser test watches a token expire) overrides the minutes.
_ACCESS_SECONDS = env.int("JWT_ACCESS_SECONDS", default=0)
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(
        seconds=_ACCESS_SECONDS or 60 * env.int("JWT_ACCESS_MINUTES", default=10)
    ),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=14)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    # Access tokens carry a hash of the password hash: a new password (reset, change, account
    # deletion) ends every access token issued before it, not only the refresh tokens.
    "CHECK_REVOKE_TOKEN": True,
    "ALGORITHM": "HS256",
    "AUTH_HEADER_TYPES": ("Bearer",),
}
if SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"] > timedelta(minutes=15):
    raise ImproperlyConfigured(
        "JWT_ACCESS_MINUTES must be at most 15: access tokens are short-lived."
    )

# Refresh token cookie for the web app: httpOnly so scripts never read it, SameSite=Strict so
# no other site can make the browser send it, and scoped to the auth endpoints only.
AUTH_REFRESH_COOKIE = {
    "name": "qe_refresh",
    "path": "/api/auth/",
    "secure": env.bool("AUTH_COOKIE_SECURE", default=False),
    "samesite": "Strict",
}
# The device cookie of the sign-in limits: the same scope and flags, for a year by default.
AUTH_DEVICE_COOKIE = {**AUTH_REFRESH_COOKIE, "name": "qe_device"}

# Sign-in throttling (users/throttling.py), failures only, OWASP's "device cookies": an attempt
# with a valid device cookie for its account (given by an earlier successful sign-in in that
# browser) counts only per device; others count per (account, address) and per address, the
# latter sized for a venue's shared Wi-Fi. A stranger cannot lock out a known device.
LOGIN_FAILURE_WINDOW_SECONDS = env.int("QE_LOGIN_FAILURE_WINDOW", default=900)
LOGIN_FAILURES_PER_ACCOUNT = env.int("QE_LOGIN_FAILURES_PER_ACCOUNT", default=5)
LOGIN_FAILURES_PER_ADDRESS = env.int("QE_LOGIN_FAILURES_PER_ADDRESS", default=200)
LOGIN_FAILURES_PER_DEVICE = env.int("QE_LOGIN_FAILURES_PER_DEVICE", default=10)
LOGIN_UNTRUSTED_FAILURES_PER_ACCOUNT = env.int(
    "QE_LOGIN_UNTRUSTED_FAILURES_PER_ACCOUNT", default=50
)
LOGIN_DEVICE_COOKIE_DAYS = env.int("QE_LOGIN_DEVICE_COOKIE_DAYS", default=365)
# Password-reset requests (each one sends an e-mail), per hour.
PASSWORD_RESETS_PER_ADDRESS = env.int("QE_PASSWORD_RESETS_PER_ADDRESS", default=10)
PASSWORD_RESETS_PER_EMAIL = env.int("QE_PASSWORD_RESETS_PER_EMAIL", default=3)
# "You already have an account" e-mails to one address (sign-ups with a taken address), per hour.
ACCOUNT_EXISTS_EMAILS_PER_HOUR = env.int("QE_ACCOUNT_EXISTS_EMAILS_PER_HOUR", default=3)
# Verification e-mails a signed-in user may ask for again, per hour.
VERIFICATION_RESENDS_PER_USER = env.int("QE_VERIFICATION_RESENDS_PER_USER", default=3)
# How long the links in account e-mails work (Django's token generator for resets).
PASSWORD_RESET_TIMEOUT = env.int("QE_PASSWORD_RESET_SECONDS", default=3600)
EMAIL_VERIFICATION_MAX_AGE = env.int("QE_EMAIL_VERIFICATION_SECONDS", default=7 * 24 * 3600)
STAFF_INVITATION_MAX_AGE = env.int("QE_STAFF_INVITATION_SECONDS", default=7 * 24 * 3600)
# optional: anyone may book and publish; mandatory: only with a verified e-mail address.
EMAIL_VERIFICATION = env.str("QE_EMAIL_VERIFICATION", default="optional")
if EMAIL_VERIFICATION not in ("optional", "mandatory"):
    raise ImproperlyConfigured("QE_EMAIL_VERIFICATION must be optional or mandatory.")
# `seed_demo` (demo accounts with a public password, demo events): allowed by default for
# `make run`; the production profile refuses it unless this is set (`make run-prod` loads it
# only with QE_DEMO=1).
QE_DEMO = env.bool("QE_DEMO", default=True)
# Django's admin site under /django-admin/ (support work). On by default for `make run`; the
# production profile serves it only when this is set.
QE_DJANGO_ADMIN = env.bool("QE_DJANGO_ADMIN", default=True)
# open: anyone may register as an organizer; closed: organizers only by invitation or made
# by an administrator (self-registration as organizer answers 403 organizer_signup_closed).
ORGANIZER_SIGNUP = env.str("QE_ORGANIZER_SIGNUP", default="open")
if ORGANIZER_SIGNUP not in ("open", "closed"):
    raise ImproperlyConfigured("QE_ORGANIZER_SIGNUP must be open or closed.")
# The address people open the app at, for links in e-mails; unset: the address the request
# that caused the e-mail came to (fine on one host; set it behind a proxy).
PUBLIC_URL = env.str("QE_PUBLIC_URL", default="").rstrip("/")

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOW_CREDENTIALS = True
CORS_URLS_REGEX = r"^/api/.*$"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The SPA is built without inline scripts, so scripts may come from our own origin only,
# and Stripe.js from Stripe's (the card form of a paid booking: its script, its iframes and
# 3-D Secure pages, its API; Stripe's documented policy). blob: images are the ticket QR codes
# fetched with the token; the scanner's camera needs no source. connect-src 'self' covers
# same-origin WebSockets in current browsers; ws:/wss: are listed for the rest.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "https://js.stripe.com", "https://*.js.stripe.com"],
        "frame-src": [
            "https://js.stripe.com",
            "https://*.js.stripe.com",
            "https://hooks.stripe.com",
        ],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", "ws:", "wss:", "https://api.stripe.com"],
        "media-src": ["'self'", "blob:"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SPECTACULAR_SETTINGS = {
    "TITLE": "QR-Entry API",
    "DESCRIPTION": "Event ticketing and QR check-in. Errors answer "
    '{"code", "detail", "fields"}; see docs/api.md.',
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.schema.add_message_components",
    ],
    "ENUM_NAME_OVERRIDES": {
        "EventStatusEnum": "events.models.EventStatus",
        "BookingStatusEnum": "bookings.models.BookingStatus",
        "TicketStatusEnum": "bookings.models.TicketStatus",
        "RoleEnum": "users.models.Role",
        "RejectReasonEnum": "attendance.models.RejectReason",
        "ScanResultEnum": "attendance.models.ScanResult",
        "PaymentMethodEnum": "events.models.PaymentMethod",
        "PaymentStatusEnum": "bookings.models.PaymentStatus",
        "ScanMethodEnum": "attendance.models.ScanMethod",
        "EventCategoryEnum": "events.models.EventCategory",
        "EventPhaseEnum": "events.models.EventPhase",
        "CancelledByEnum": "bookings.models.CancelledBy",
        "KindEnum": "events.models.QuestionKind",
        "CodeKindEnum": "events.models.CodeKind",
        "WaitingStatusEnum": "bookings.models.WaitingStatus",
    },
}

# LOG_FORMAT=json (the production default) writes one JSON object per line with the request
# id, for log collectors; plain text otherwise.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "common.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Authentication reads the user from a snapshot in the shared cache instead of the user's row
# (users.auth_cache): "auto" when the cache is Redis, "on" (one process only, tests), "off".
QE_AUTH_CACHE = env.str("QE_AUTH_CACHE", default="auto")
