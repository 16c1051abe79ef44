"""Test settings: the same as local, with a fast password hasher and isolated state."""

from .local import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test starts with empty throttle counters; the cache is cleared by a fixture.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
QE_BACKGROUND_EAGER = True
QE_BACKGROUND_RETRY_SECONDS = 0
