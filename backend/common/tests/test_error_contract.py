"""Every error the API can give answers {"code", "detail"[, "fields"]}, never HTML, never a
traceback, and bad input changes nothing."""

import logging

import pytest
from django.test import override_settings
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from config.urls import urlpatterns as real_urlpatterns
from users.models import User

pytestmark = pytest.mark.django_db


def assert_error_body(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert isinstance(body["detail"], str) and body["detail"]
    assert set(body) <= {"code", "detail", "fields"}
    return body


def test_validation_error_has_fields(api_client):
    body = assert_error_body(
        api_client.post("/api/auth/register/", {"email": "x"}), 400, "validation_error"
    )
    assert set(body["fields"]) == {"email", "password", "name"}


def test_malformed_json_is_400_not_500(api_client):
    response = api_client.generic(
        "POST", "/api/auth/login/", '{"email": "a@b.test", "password": ', "application/json"
    )
    assert_error_body(response, 400, "parse_error")


def test_invalid_utf8_is_400(api_client):
    response = api_client.generic(
        "POST", "/api/auth/login/", b'{"email": "\xff\xfe"}', "application/json"
    )
    assert_error_body(response, 400, "parse_error")


def test_json_that_is_not_an_object_is_400(api_client):
    response = api_client.generic("POST", "/api/auth/register/", "[1, 2, 3]", "application/json")
    body = assert_error_body(response, 400, "validation_error")
    assert "non_field_errors" in body["fields"]


def test_unsupported_media_type_is_415(api_client):
    response = api_client.generic("POST", "/api/auth/login/", "email=a", "text/plain")
    assert_error_body(response, 415, "unsupported_media_type")


def test_huge_body_is_413_and_creates_nothing(api_client):
    payload = '{"email": "a@b.test", "password": "a-long-pass-phrase", "name": "%s"}' % (
        "x" * 400_000
    )
    response = api_client.generic("POST", "/api/auth/register/", payload, "application/json")
    assert_error_body(response, 413, "request_too_large")
    assert not User.objects.exists()


def test_401_without_token(api_client):
    assert_error_body(api_client.get("/api/auth/me/"), 401, "not_authenticated")


def test_401_with_garbage_token(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-jwt")
    assert_error_body(api_client.get("/api/auth/me/"), 401, "token_not_valid")


def test_403_for_the_wrong_role(attendee_client):
    assert_error_body(attendee_client.get("/api/events/?mine=true"), 403, "permission_denied")


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_unknown_api_path_is_json_404_for_every_method(api_client, method):
    response = getattr(api_client, method)("/api/no/such/thing/")
    assert_error_body(response, 404, "not_found")


def test_404_for_unknown_object(api_client):
    assert_error_body(api_client.get("/api/events/999999/"), 404, "not_found")


def test_405(api_client):
    assert_error_body(api_client.get("/api/auth/login/"), 405, "method_not_allowed")


def test_429_is_in_the_error_body(api_client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 1
    api_client.post("/api/auth/login/", {"email": "a@b.test", "password": "nope-nope"})
    response = api_client.post("/api/auth/login/", {"email": "a@b.test", "password": "nope"})
    assert_error_body(response, 429, "throttled")


class _Boom(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get(self, request):
        raise RuntimeError("secret internal detail")


urlpatterns = [path("api/test-boom/", _Boom.as_view()), *real_urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_unhandled_exception_is_logged_and_answers_500_without_traceback(api_client, caplog):
    with caplog.at_level(logging.ERROR):
        response = api_client.get("/api/test-boom/")
    body = assert_error_body(response, 500, "server_error")
    assert "secret internal detail" not in response.content.decode()
    assert "Traceback" not in body["detail"]
    assert "secret internal detail" in caplog.text


def test_an_unknown_host_is_a_json_400_on_the_api(client):
    response = client.get("/api/health/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
