"""Authentication from the cached snapshot (users.auth_cache): no user row read per request,
and nothing it must refuse gets through: sign-out-everywhere, a new password, a deactivated
account and a changed role are seen by the very next request."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from users.auth_cache import _keys, _shared, auth_cache_forget, user_for_token
from users.models import Role, User
from users.tests.factories import UserFactory
from users.tests.test_token_generation import as_bearer, sign_in

# Committed transactions: the snapshot's version moves when a write commits.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def auth_cache_on(settings):
    settings.QE_AUTH_CACHE = "on"  # the test cache is one process's, like Redis for all
    caches["default"].clear()
    yield
    caches["default"].clear()


def user_rows_read(client, path="/api/auth/me/") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return sum('FROM "users_user"' in q["sql"] or "FROM `users_user`" in q["sql"] for q in queries)


def test_after_the_first_request_the_user_row_is_not_read_again():
    user = UserFactory()
    client = as_bearer(sign_in(user)["access"])
    path = "/api/bookings/"
    user_rows_read(client, path)
    assert user_rows_read(client, path) == 0


def test_sign_out_everywhere_is_seen_by_the_next_request():
    user = UserFactory()
    laptop, phone = sign_in(user), sign_in(user)
    assert as_bearer(laptop["access"]).get("/api/auth/me/").status_code == 200  # cached now
    assert as_bearer(phone["access"]).post("/api/auth/logout-all/").status_code == 204
    assert as_bearer(laptop["access"]).get("/api/auth/me/").status_code == 401


def test_a_new_password_is_seen_by_the_next_request():
    user = UserFactory()
    session = sign_in(user)
    client = as_bearer(session["access"])
    assert client.get("/api/auth/me/").status_code == 200
    fresh = User.objects.get(pk=user.pk)
    fresh.set_password("another-long-pass-phrase")
    fresh.save()
    assert client.get("/api/auth/me/").status_code == 401


def test_a_deactivated_account_and_a_new_role_are_seen_by_the_next_request():
    user = UserFactory(role=Role.ATTENDEE)
    client = as_bearer(sign_in(user)["access"])
    assert client.get("/api/auth/me/").json()["role"] == "attendee"
    # A bulk write tells the cache itself (as the services' UPDATEs do).
    User.objects.filter(pk=user.pk).update(role=Role.ORGANIZER)
    auth_cache_forget(user.pk)
    assert client.get("/api/auth/me/").json()["role"] == "organizer"
    fresh = User.objects.get(pk=user.pk)
    fresh.is_active = False
    fresh.save()
    assert client.get("/api/auth/me/").status_code == 401


def test_a_snapshot_read_before_a_change_committed_is_never_used():
    user = UserFactory(name="Before")
    user_for_token(user.pk)
    snapshot_key, _version = _keys(user.pk)
    stale = _shared("get", snapshot_key)
    # A writer commits (the version moves); a slow reader then stores what it read before.
    fresh = User.objects.get(pk=user.pk)
    fresh.name = "After"
    fresh.save()
    _shared("set", snapshot_key, stale, 60)
    found, _digest = user_for_token(user.pk)
    assert found.name == "After"


def test_the_cached_user_saves_only_what_it_loaded():
    user = UserFactory(name="Ada")
    password, joined = user.password, user.date_joined
    cached, _digest = user_for_token(user.pk)
    assert cached.get_deferred_fields() >= {"password", "last_login", "date_joined"}
    cached.name = "Ada Lovelace"
    cached.save()
    user.refresh_from_db()
    assert (user.name, user.password, user.date_joined) == ("Ada Lovelace", password, joined)


def test_with_redis_unreachable_the_row_is_read_and_every_check_holds(settings):
    settings.QE_AUTH_CACHE = "auto"
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.RedisCacheWithFallback",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    user = UserFactory()
    laptop, phone = sign_in(user), sign_in(user)
    client = as_bearer(laptop["access"])
    assert user_rows_read(client) >= 1
    assert as_bearer(phone["access"]).post("/api/auth/logout-all/").status_code == 204
    assert client.get("/api/auth/me/").status_code == 401
