"""The embedded default: `make run` on a laptop. SQLite, in-memory channel layer, console
e-mail and a generated secret key unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import STATIC_ROOT, STORAGES

# Serve admin/API-docs static files straight from the apps, no collectstatic step needed.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise also looks here
WHITENOISE_AUTOREFRESH = DEBUG  # noqa: F405
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
