"""Production: refuses to start without the settings that must not be guessed, and turns on
every transport-security setting so `manage.py check --deploy` is clean."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import AUTH_DEVICE_COOKIE, AUTH_REFRESH_COOKIE, LOGGING, env

for required in ("SECRET_KEY", "ALLOWED_HOSTS", "TICKET_SIGNING_KEYS"):
    if not env.str(required, default=""):
        raise ImproperlyConfigured(f"{required} must be set when DJANGO_ENV=production.")
if len(env.str("SECRET_KEY")) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")

DEBUG = False
# Demo accounts have a public password: `seed_demo` refuses unless QE_DEMO=1.
QE_DEMO = env.bool("QE_DEMO", default=False)
# Django's admin is one more sign-in form on the internet: off unless asked for.
QE_DJANGO_ADMIN = env.bool("QE_DJANGO_ADMIN", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The TLS-terminating proxy tells us the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^api/health/(live/)?$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
AUTH_REFRESH_COOKIE = {**AUTH_REFRESH_COOKIE, "secure": True}
AUTH_DEVICE_COOKIE = {**AUTH_DEVICE_COOKIE, "secure": True}
LOGGING = {**LOGGING, "handlers": {**LOGGING["handlers"]}}
if env.str("LOG_FORMAT", default="json") == "json":
    LOGGING["handlers"]["console"] = {**LOGGING["handlers"]["console"], "formatter": "json"}
