import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_the_database(api_client):
    response = api_client.get("/api/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


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
    # The sidecar serves Swagger UI from our own static files: no CDN needed at the venue.
    assert "cdn.jsdelivr" not in html
