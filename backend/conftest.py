"""Fixtures shared by every app's tests."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from users.models import Role
from users.tests.factories import UserFactory


def pytest_collection_modifyitems(config, items):
    """Race tests need a database that runs writers in parallel; SQLite serialises them, so
    there they are deselected (they would prove nothing). Tests of Redis itself need
    REDIS_URL. CI's MariaDB + Redis pass runs them all."""
    from django.conf import settings

    unavailable = set()
    if "mysql" not in settings.DATABASES["default"]["ENGINE"]:
        unavailable.add("mysql")
    if not settings.REDIS_URL:
        unavailable.add("redis")
    left_out = [i for i in items if any(i.get_closest_marker(m) for m in unavailable)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [i for i in items if i not in left_out]


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttle counters live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client


@pytest.fixture
def attendee(db):
    return UserFactory(role=Role.ATTENDEE)


@pytest.fixture
def organizer(db):
    return UserFactory(role=Role.ORGANIZER)


@pytest.fixture
def admin_user(db):
    return UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def attendee_client(attendee) -> APIClient:
    return client_for(attendee)


@pytest.fixture
def organizer_client(organizer) -> APIClient:
    return client_for(organizer)


@pytest.fixture
def sent_mail():
    """The e-mails sent so far. The outbox is drained first: the transaction a test runs in
    never commits, so the drain after each commit (test settings) never comes by itself."""
    from django.core import mail

    from common.outbox import outbox_drain

    def read():
        outbox_drain()
        return mail.outbox

    return read


@pytest.fixture(scope="session")
def localstripe():
    """localstripe on a free port for the whole session: its base URL."""
    from common.tests.localstripe import localstripe_server

    with localstripe_server() as base:
        yield base


@pytest.fixture
def stripe_on(localstripe, settings):
    """Stripe switched on against an emptied localstripe: its base URL."""
    from common.tests.localstripe import localstripe_reset, stripe_settings

    localstripe_reset(localstripe)
    for name, value in stripe_settings(localstripe).items():
        setattr(settings, name, value)
    return localstripe
