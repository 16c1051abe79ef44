"""CORS is closed by default and open only to the configured origins."""

import pytest

pytestmark = pytest.mark.django_db


def test_unknown_origin_gets_no_cors_headers(client):
    response = client.get("/api/events/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in response


def test_configured_origin_is_allowed_with_credentials(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://box-office.example"]
    response = client.options(
        "/api/auth/login/",
        HTTP_ORIGIN="https://box-office.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert response["Access-Control-Allow-Origin"] == "https://box-office.example"
    assert response["Access-Control-Allow-Credentials"] == "true"
