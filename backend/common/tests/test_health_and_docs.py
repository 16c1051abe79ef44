import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_the_database(api_client, settings):
    settings.REDIS_URL = ""
    response = api_client.get("/api/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "not configured"}


def test_health_reports_redis_when_configured(api_client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = api_client.get("/api/health/")
    assert response.status_code == 503
    assert response.json()["redis"] == "unreachable"


def test_liveness_answers_without_the_database(api_client, settings, django_assert_num_queries):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # down: liveness does not ask it
    with django_assert_num_queries(0):
        response = api_client.get("/api/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.redis
def test_health_says_redis_answers(api_client):
    assert api_client.get("/api/health/").json()["redis"] == "ok"


def test_every_answer_has_a_request_id_and_a_csp(client):
    response = client.get("/api/health/", HTTP_X_REQUEST_ID="lb-1234abcd")
    assert response["X-Request-ID"] == "lb-1234abcd"
    assert len(client.get("/api/health/", HTTP_X_REQUEST_ID="bad id!")["X-Request-ID"]) == 32
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_openapi_schema_lists_the_auth_endpoints(api_client):
    response = api_client.get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for endpoint in ["register", "login", "refresh", "logout", "me"]:
        assert f"/api/auth/{endpoint}/" in paths
    assert "/api/events/" in paths


def test_swagger_docs_page_uses_local_assets(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger" in html.lower()
    assert "<script>" not in html  # no inline script: the CSP allows none
    # The sidecar serves Swagger UI from our own static files: no CDN needed at the venue.
    assert "cdn.jsdelivr" not in html
