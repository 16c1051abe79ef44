"""The embedded default: `make run` on a laptop. SQLite, in-memory channel layer, console
e-mail and a generated secret key unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import STORAGES, env

# E-mail: readable in the worker's console, attachments (QR codes) saved as files under
# EMAIL_FILE_PATH (var/mail) instead of base64 dumps (README: "Reading the e-mail locally").
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="common.mail.ReadableConsoleBackend")

# Serve admin/API-docs static files straight from the apps, no collectstatic step needed.
# (config.local_state creates STATIC_ROOT, where WhiteNoise also looks.)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG  # noqa: F405
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
