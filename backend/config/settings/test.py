"""Test settings: the same as local, with a fast password hasher and isolated state."""

from .local import *  # noqa: F403
from .local import SECRET_KEY, TICKET_SIGNING_KEYS

# Fixed secrets unless the environment gives some: tests never depend on a generated file.
SECRET_KEY = SECRET_KEY or "test-only-secret-key-" + "x" * 40
TICKET_SIGNING_KEYS = TICKET_SIGNING_KEYS or "1:" + "VGVzdCBvbmx5IHNpZ25pbmcga2V5IC0gMzIgYnl0ZSE="
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test starts with empty throttle counters; the cache is cleared by a fixture.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
QE_OUTBOX_DRAIN_ON_COMMIT = True
QE_OUTBOX_RETRY_SECONDS = 0
