"""Input that used to crash the server now answers a 4xx in the error body and changes
nothing: absurd nesting, dates in the year 1 or 9999, bodies with no length, unknown sockets."""

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import override_settings

from attendance.models import Scan
from config.asgi import application
from events.models import Event
from events.tests.factories import EventFactory
from users.models import User

from .test_error_contract import assert_error_body

pytestmark = pytest.mark.django_db


def test_deeply_nested_json_is_a_parse_error(api_client):
    response = api_client.generic("POST", "/api/auth/login/", "[" * 100_000, "application/json")
    assert_error_body(response, 400, "parse_error")


@pytest.mark.parametrize(
    "moment", ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"]
)
def test_dates_far_outside_any_event_are_field_errors(organizer_client, moment):
    response = organizer_client.post(
        "/api/events/",
        {
            "title": "Year one",
            "venue": "Nowhere",
            "starts_at": moment,
            "ends_at": "2099-01-01T00:00:00Z",
            "capacity": 10,
        },
        format="json",
    )
    body = assert_error_body(response, 400, "validation_error")
    assert "starts_at" in body["fields"]
    assert not Event.objects.exists()


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"])
def test_list_filters_refuse_impossible_dates(api_client, moment):
    response = api_client.get("/api/events/", {"starts_after": moment})
    assert_error_body(response, 400, "validation_error")


async def _asgi_post(path: str, chunks: list[bytes], headers: list[tuple[bytes, bytes]]):
    """Send a request to the real ASGI application body chunk by body chunk (as a chunked
    upload arrives), and collect the answer."""
    messages = [
        {"type": "http.request", "body": chunk, "more_body": index < len(chunks) - 1}
        for index, chunk in enumerate(chunks)
    ]
    sent: list[dict] = []
    read = 0

    async def receive():
        nonlocal read
        read += 1
        if read <= len(messages):
            return messages[read - 1]
        await asyncio.Event().wait()  # the client stays connected until the answer is sent

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    await application(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body, read, len(messages)


@pytest.mark.django_db(transaction=True)
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=64 * 1024)
async def test_a_chunked_body_is_refused_at_the_first_byte_over_the_limit():
    chunks = [b'{"email": "a@b.test", "name": "' + b"x" * 16 * 1024] + [b"x" * 16 * 1024] * 200
    status, body, read, total = await _asgi_post(
        "/api/auth/register/", chunks, [(b"content-type", b"application/json")]
    )
    assert status == 413
    assert json.loads(body)["code"] == "request_too_large"
    assert read < 10 < total  # stopped reading long before the end
    assert not await sync_to_async(User.objects.exists)()


@pytest.mark.django_db(transaction=True)
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=64 * 1024)
async def test_a_declared_length_over_the_limit_is_refused_before_reading():
    status, _body, read, _ = await _asgi_post(
        "/api/auth/login/",
        [b"{}"],
        [(b"content-type", b"application/json"), (b"content-length", b"999999999")],
    )
    assert (status, read) == (413, 0)


@pytest.mark.django_db(transaction=True)
async def test_a_small_chunked_body_reaches_the_view():
    # (DRF reads a body only by its Content-Length: without one the view sees none.)
    status, body, _, _ = await _asgi_post(
        "/api/auth/login/",
        [b'{"email": "nobody@example.test",', b' "password": "wrong-password"}'],
        [(b"content-type", b"application/json")],
    )
    assert (status, json.loads(body)["code"]) == (400, "validation_error"), body


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/ws/nothing/", "/ws/events/abc/attendance/", "/"])
async def test_an_unknown_socket_path_is_refused_not_a_crash(path):
    communicator = WebsocketCommunicator(
        application, path, headers=[(b"origin", b"http://127.0.0.1:8000")]
    )
    connected, code = await communicator.connect()
    assert not connected
    assert code == 4404
    await communicator.disconnect()


def test_deleting_an_event_deletes_its_scan_log(organizer_client, organizer):
    event = EventFactory(organizer=organizer, status="draft")
    Scan.objects.create(
        event=event, scanner=organizer, gate="main", result="rejected", reason="fake"
    )
    response = organizer_client.delete(f"/api/events/{event.id}/")
    assert response.status_code == 204
    assert not Scan.objects.filter(event_id=event.id).exists()


@pytest.mark.django_db(transaction=True)
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=64 * 1024, QE_UPLOAD_MAX_BYTES=512 * 1024)
async def test_the_image_upload_has_its_own_larger_limit():
    """300 KB is refused by a JSON endpoint but reaches the image view (which answers 401 for
    this anonymous request); past its own limit the upload is refused like any body."""
    chunk = [b"x" * 16 * 1024] * 20
    form = [(b"content-type", b"multipart/form-data; boundary=zz")]
    status, _body, _read, _ = await _asgi_post("/api/events/1/image/", chunk, form)
    assert status == 401
    status, _body, _read, _ = await _asgi_post("/api/auth/login/", chunk, form)
    assert status == 413
    status, body, _read, _ = await _asgi_post("/api/events/1/image/", chunk * 2, form)
    assert (status, json.loads(body)["code"]) == (413, "request_too_large")
