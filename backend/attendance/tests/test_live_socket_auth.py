"""The live attendance WebSocket: JWT in the subprotocol, open to the event's door only."""

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from rest_framework_simplejwt.tokens import AccessToken

from attendance.selectors import attendance_group_name
from config.asgi import application
from events.tests.factories import EventFactory, staff_accepted
from users.models import Role
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = [(b"origin", b"http://127.0.0.1:8000")]


def connect(event_id, token=None, headers=ORIGIN):
    protocols = ["qr-entry.jwt", str(token)] if token else None
    return WebsocketCommunicator(
        application,
        f"/ws/events/{event_id}/attendance/",
        headers=headers,
        subprotocols=protocols,
    )


@sync_to_async
def make_event_with_people():
    event = EventFactory()
    staff = UserFactory()
    staff_accepted(event, staff)
    return event, staff


async def test_organizer_connects_and_gets_a_snapshot_then_live_messages():
    event, _ = await make_event_with_people()
    token = await sync_to_async(AccessToken.for_user)(event.organizer)
    communicator = connect(event.id, token)
    connected, subprotocol = await communicator.connect()
    assert connected and subprotocol == "qr-entry.jwt"
    snapshot = await communicator.receive_json_from(timeout=2)
    assert snapshot == {
        "type": "snapshot",
        "event": event.id,
        "counters": {
            "checked_in": 0,
            "tickets_sold": 0,
            "capacity": event.capacity,
            "inside": 0,
            "by_gate": [],
        },
    }
    await get_channel_layer().group_send(
        attendance_group_name(event_id=event.id),
        {"type": "attendance.update", "payload": {"type": "scan", "id": 1}},
    )
    assert await communicator.receive_json_from(timeout=2) == {"type": "scan", "id": 1}
    await communicator.disconnect()


async def test_door_staff_may_connect():
    event, staff = await make_event_with_people()
    token = await sync_to_async(AccessToken.for_user)(staff)
    communicator = connect(event.id, token)
    connected, _ = await communicator.connect()
    assert connected
    await communicator.disconnect()


async def closed_after_accept(communicator) -> int:
    """Refusals come after the handshake, so a browser sees the close code (a refused
    handshake is a bare 1006 there)."""
    connected, _ = await communicator.connect()
    assert connected
    message = await communicator.receive_output(timeout=2)
    assert message["type"] == "websocket.close"
    return message["code"]


async def test_anonymous_is_closed_with_4401():
    event, _ = await make_event_with_people()
    assert await closed_after_accept(connect(event.id)) == 4401


async def test_garbage_token_is_closed_with_4401():
    event, _ = await make_event_with_people()
    assert await closed_after_accept(connect(event.id, "not.a.token")) == 4401


@pytest.mark.parametrize("who", ["attendee", "other_organizer", "staff_of_other_event"])
async def test_others_are_closed_with_4403(who):
    event, _ = await make_event_with_people()

    @sync_to_async
    def outsider():
        if who == "attendee":
            return UserFactory()
        if who == "other_organizer":
            return UserFactory(role=Role.ORGANIZER)
        other_event, other_staff = EventFactory(), UserFactory()
        staff_accepted(other_event, other_staff)
        return other_staff

    user = await outsider()
    token = await sync_to_async(AccessToken.for_user)(user)
    assert await closed_after_accept(connect(event.id, token)) == 4403


async def test_foreign_origin_is_refused():
    event, _ = await make_event_with_people()
    token = await sync_to_async(AccessToken.for_user)(event.organizer)
    communicator = connect(event.id, token, headers=[(b"origin", b"https://evil.example")])
    connected, _ = await communicator.connect()
    assert not connected
