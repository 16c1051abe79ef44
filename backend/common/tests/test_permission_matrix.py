"""Who gets what on the endpoints that belong to no domain: health, the OpenAPI schema and
its docs are open to anyone (see common/tests/access.py)."""

import pytest

from common.tests.access import build_world, call, expect, matrix_cases

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("GET", "/api/health/", None, expect(rest=200)),
    ("GET", "/api/health/live/", None, expect(rest=200)),
    ("GET", "/api/schema/", None, expect(rest=200)),
    ("GET", "/api/docs/", None, expect(rest=200)),
]


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), matrix_cases(ENDPOINTS))
def test_permission_matrix(method, path, body, actor, status):
    world = build_world()
    response = call(world, actor, method, path, body)
    assert response.status_code == status, response.content
