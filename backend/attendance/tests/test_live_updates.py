"""A scan reaches the event's live views within a second of the validate call."""

import time

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework_simplejwt.tokens import AccessToken

from attendance.tests.helpers import code_of, live_event, open_socket, tickets_for
from config.asgi import application
from conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)


@sync_to_async
def setup_door():
    event = live_event()
    [ticket] = tickets_for(event)
    return event, ticket, str(AccessToken.for_user(event.organizer)), code_of(ticket)


@sync_to_async
def validate(event, code, gate):
    return client_for(event.organizer).post(
        "/api/attendance/validate/", {"code": code, "event": event.id, "gate": gate}
    )


async def test_scan_and_counters_are_pushed_within_a_second():
    event, ticket, token, code = await setup_door()
    communicator = WebsocketCommunicator(
        application,
        f"/ws/events/{event.id}/attendance/",
        headers=[(b"origin", b"http://127.0.0.1:8000")],
        subprotocols=["qr-entry.jwt", token],
    )
    connected, _ = await communicator.connect()
    assert connected
    snapshot = await communicator.receive_json_from(timeout=2)
    assert snapshot["counters"]["checked_in"] == 0

    started = time.monotonic()
    response = await validate(event, code, "North")
    assert response.json()["status"] == "accepted"
    message = await communicator.receive_json_from(timeout=1)
    assert time.monotonic() - started < 1.5
    assert message["type"] == "scan"
    assert message["scan"]["result"] == "accepted"
    assert message["scan"]["gate"] == "North"
    assert message["scan"]["ticket"]["id"] == ticket.id
    assert message["counters"] == {
        "checked_in": 1,
        "tickets_sold": 1,
        "capacity": 500,
        "inside": 1,
        "by_gate": [{"gate": "North", "inside": 1}],
    }

    await validate(event, code, "South")
    duplicate = await communicator.receive_json_from(timeout=1)
    assert duplicate["scan"]["reason"] == "duplicate"
    assert duplicate["counters"]["checked_in"] == 1
    await communicator.disconnect()


async def test_other_events_scans_are_not_pushed():
    event, _, token, _ = await setup_door()
    other, _, _, other_code = await setup_door()
    communicator = WebsocketCommunicator(
        application,
        f"/ws/events/{event.id}/attendance/",
        headers=[(b"origin", b"http://127.0.0.1:8000")],
        subprotocols=["qr-entry.jwt", token],
    )
    await communicator.connect()
    await communicator.receive_json_from(timeout=2)
    await validate(other, other_code, "Main")
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


@pytest.mark.redis
async def test_a_live_view_idle_for_longer_than_the_redis_read_timeout_still_gets_the_next_scan():
    """A dashboard can sit for minutes without a scan. channels-redis waits for messages in
    blocking reads of 5 s; redis-py 8 gives every read a 5 s timeout by default, so an idle
    consumer used to die of a TimeoutError and the view dropped off the live feed."""
    event, ticket, token, code = await setup_door()
    communicator = await open_socket(event.id, token)

    # Two full blocking reads with nothing to read: the consumer must still be there.
    assert await communicator.receive_nothing(timeout=11, interval=0.5)
    response = await validate(event, code, "North")
    assert response.json()["status"] == "accepted"
    message = await communicator.receive_json_from(timeout=2)
    assert message["type"] == "scan"
    assert message["scan"]["ticket"]["id"] == ticket.id
    await communicator.disconnect()


async def test_frames_from_the_client_are_ignored_and_the_socket_keeps_working():
    # The channel is one-way: whatever a client sends (not JSON, binary, JSON nested deeper
    # than the decoder's recursion limit, plain JSON) is dropped unread, never a traceback.
    event, ticket, token, code = await setup_door()
    communicator = await open_socket(event.id, token)
    for frame in ("not json", "[" * 100_000 + "]" * 100_000, '{"type": "scan"}'):
        await communicator.send_to(text_data=frame)
    await communicator.send_to(bytes_data=b"\x00\xff binary")
    assert await communicator.receive_nothing(timeout=0.3)
    response = await validate(event, code, "North")
    assert response.json()["status"] == "accepted"
    message = await communicator.receive_json_from(timeout=2)
    assert message["type"] == "scan" and message["scan"]["ticket"]["id"] == ticket.id
    await communicator.disconnect()
