"""Every API endpoint has its rows in the permission matrix of the app that implements it,
and no GET writes to the database (v3: reads never write; holds that ended read as expired
until the sweep or a write releases them).

An endpoint is a (URL pattern, HTTP method) pair; the app implementing it is the one whose
module defines that method of the view (views of libraries, such as the schema's, count as
common's). A new URL or method without a row fails here."""

from __future__ import annotations

import importlib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from common.tests.access import ACTORS, build_world
from common.views import ApiNotFoundView

APPS = ("common", "users", "events", "bookings", "attendance", "doornode", "adminpanel")
METHODS = ("get", "post", "put", "patch", "delete")


def _matrices() -> dict[str, list]:
    found = {}
    for app in APPS:
        try:
            module = importlib.import_module(f"{app}.tests.test_permission_matrix")
        except ModuleNotFoundError:
            continue
        found[app] = module.ENDPOINTS
    return found


def _api_patterns(patterns=None, prefix: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += _api_patterns(pattern.url_patterns, route)
        elif route.startswith("api/"):
            found.append((route, pattern))
    return found


def _owner(view_class, method: str) -> str:
    """The app whose module defines the method; for a method inherited from a library (a
    generic list view's `get`), the view's app; for a library's view, common."""
    for module in (getattr(view_class, method).__module__, view_class.__module__):
        app = module.split(".")[0]
        if app in APPS:
            return app
    return "common"


def _endpoints() -> dict[tuple[str, str], str]:
    """(URL name, METHOD) -> the app that implements it."""
    endpoints = {}
    for _route, pattern in _api_patterns():
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is None or view_class is ApiNotFoundView:
            continue  # not an endpoint: the JSON 404 for unknown paths
        for method in METHODS:
            if hasattr(view_class, method):
                endpoints[(pattern.name, method.upper())] = _owner(view_class, method)
    return endpoints


def _url_name(path: str) -> str:
    return resolve(re.sub(r"\{[a-z_]+\}", "1", path.split("?")[0])).url_name


def test_every_endpoint_has_rows_in_its_apps_permission_matrix():
    covered = {
        (app, _url_name(path), method)
        for app, rows in _matrices().items()
        for method, path, _body, _table in rows
    }
    missing = [
        f"{method} {name} (in {app}/tests/test_permission_matrix.py)"
        for (name, method), app in sorted(_endpoints().items())
        if (app, name, method) not in covered
    ]
    assert not missing, "endpoints without a permission matrix row:\n" + "\n".join(missing)


def test_the_coverage_check_knows_every_api_url():
    names = {name for name, _method in _endpoints()}
    assert {"event-detail", "booking-cancel", "attendance-validate", "auth-me"} <= names
    assert ("auth-me", "DELETE") in _endpoints()
    assert _endpoints()[("auth-me", "GET")] == "users"
    assert _endpoints()[("auth-me", "DELETE")] == "bookings"


GET_ROWS = sorted(
    {path for rows in _matrices().values() for method, path, _b, _t in rows if method == "GET"}
)


@pytest.mark.django_db
@pytest.mark.parametrize("path", GET_ROWS)
def test_no_get_writes_to_the_database(path):
    world = build_world()
    for actor in ACTORS:
        client = world.client(actor)  # signing the client in writes its session: not the GET
        with CaptureQueriesContext(connection) as queries:
            client.get(world.fill(path))
        writes = [
            query["sql"]
            for query in queries.captured_queries
            if re.match(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", query["sql"], re.IGNORECASE)
        ]
        assert not writes, (actor, writes)
