"""The embedded default: `make run` on a laptop. SQLite, in-memory channel layer, console
e-mail and a generated secret key unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import STORAGES

# Serve admin/API-docs static files straight from the apps, no collectstatic step needed.
# (config.local_state creates STATIC_ROOT, where WhiteNoise also looks.)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG  # noqa: F405
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
