"""What authentication needs of a user, kept in the shared cache (Redis), so an API request or
a scan authenticates without reading the user's row (issue 26: the row read was a tenth of a
scan's time).

The snapshot holds what the token checks and the access rules read (id, e-mail, name, role,
the active flag, the token generation, the digest of the password hash that access tokens
carry). The user handed to the view is a model instance with only those fields loaded:
anything else is read from the row when touched, and `save()` writes only loaded fields, as
with `.only()`.

Staleness: every write that changes one of those fields bumps the user's version key at once
and again after its commit (a post_save signal; the services' bulk UPDATEs call
`auth_cache_forget`); a snapshot is used only while the version it was read under is still
current, and both keys are read in one round trip. A reader that read the row before a write
committed stored its snapshot under the old version, which the bump makes stale. The cache is
used only when it is shared by every process (Redis, `QE_AUTH_CACHE=auto`) and never while
Redis is unreachable (the fallback counters of common.cache are per process): then the row is
read as before. Snapshots also expire after a minute, which bounds a bump lost to Redis going
away between the commit and the bump.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from rest_framework_simplejwt.utils import get_md5_hash_password

from common.cache import UNREACHABLE

from .models import User

logger = logging.getLogger(__name__)

FIELDS = (
    "id",
    "email",
    "name",
    "role",
    "is_active",
    "is_staff",
    "is_superuser",
    "email_verified",
    "token_generation",
    "password",
)
SNAPSHOT_SECONDS = 60


def _enabled() -> bool:
    mode = settings.QE_AUTH_CACHE
    if mode == "auto":
        return isinstance(caches["default"], RedisCache)
    return mode == "on"


def _shared(name: str, *args):
    """A call on the shared store itself: RedisCacheWithFallback's per-process fallback must
    never answer here (another process's bump would not be seen there), so its errors rise."""
    store = caches["default"]
    if isinstance(store, RedisCache):
        return getattr(RedisCache, name)(store, *args)
    return getattr(store, name)(*args)


@lru_cache(maxsize=1)
def _database_tag() -> str:
    # Two databases behind one Redis and prefix (a second app on the same host, the browser
    # tests' servers) number their users alike: a snapshot names the database it came from.
    database = settings.DATABASES["default"]
    where = "|".join(str(database.get(key, "")) for key in ("ENGINE", "HOST", "PORT", "NAME"))
    return hashlib.sha256(where.encode()).hexdigest()[:12]


def _keys(user_id: int) -> tuple[str, str]:
    tag = _database_tag()
    return f"auth:{tag}:user:{user_id}", f"auth:{tag}:version:{user_id}"


def user_for_token(user_id: int) -> tuple[User, str] | None:
    """The user with the fields authentication reads, and the digest of their password hash;
    None when there is no such user."""
    if not _enabled():
        return _from_row(user_id)
    snapshot_key, version_key = _keys(user_id)
    try:
        found = _shared("get_many", [snapshot_key, version_key])
        version = found.get(version_key)
        snapshot = found.get(snapshot_key)
        if version is not None and snapshot is not None and snapshot[0] == version:
            return _user_of(snapshot[1]), snapshot[2]
        if version is None:
            _shared("add", version_key, 0, None)
            version = _shared("get", version_key)
        row = _row(user_id)
        if row is not None and version is not None:
            _shared("set", snapshot_key, (version, row[0], row[1]), SNAPSHOT_SECONDS)
    except UNREACHABLE as error:  # Redis unreachable: the row, as before
        logger.debug("auth cache unavailable: %s", error)
        return _from_row(user_id)
    return None if row is None else (_user_of(row[0]), row[1])


def _row(user_id: int) -> tuple[tuple, str] | None:
    values = User.objects.filter(id=user_id).values_list(*FIELDS).first()
    if values is None:
        return None
    # The snapshot keeps the password hash's digest (what tokens carry), never the hash.
    return values[:-1], get_md5_hash_password(values[-1])


_LOADED = [f.attname for f in User._meta.concrete_fields if f.attname in FIELDS[:-1]]


def _user_of(values: tuple) -> User:
    # from_db takes the loaded values in the model's field order; the others stay deferred.
    by_name = dict(zip(FIELDS[:-1], values, strict=True))
    return User.from_db("default", _LOADED, [by_name[name] for name in _LOADED])


def _from_row(user_id: int) -> tuple[User, str] | None:
    user = User.objects.filter(id=user_id).first()
    return None if user is None else (user, get_md5_hash_password(user.password))


def auth_cache_forget(user_id: int) -> None:
    """The user's snapshot is stale from now and again from the commit of the current
    transaction on (a reader between the two stored what it read before the commit)."""
    if not _enabled():
        return

    def bump() -> None:
        _snapshot_key, version_key = _keys(user_id)
        try:
            _shared("add", version_key, 0, None)
            _shared("incr", version_key)
        except UNREACHABLE as error:  # the snapshot's minute bounds it
            logger.warning("auth cache: could not mark user %s changed: %s", user_id, error)

    bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump)
