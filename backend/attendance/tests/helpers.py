from datetime import timedelta

from channels.testing import WebsocketCommunicator
from django.utils import timezone

from bookings.models import Ticket
from bookings.tests.helpers import book
from bookings.ticket_codes import ticket_code_for
from config.asgi import application
from events.models import Event
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

ORIGIN = [(b"origin", b"http://127.0.0.1:8000")]


def live_event(**overrides):
    """An event whose door is open now, created a week before (an offline scan made before
    its creation is refused: a test's event must not be younger than its scans)."""
    now = timezone.now()
    fields = {
        "starts_at": now - timedelta(minutes=30),
        "ends_at": now + timedelta(hours=3),
        "checkin_opens_at": now - timedelta(hours=2),
        "capacity": 500,
        **overrides,
    }
    event = EventFactory(**fields)
    event.created_at = now - timedelta(days=7)
    Event.objects.filter(id=event.id).update(created_at=event.created_at)
    return event


def tickets_for(event, quantity=1, holder=None):
    booking = book(holder or UserFactory(), event, quantity)
    return list(Ticket.objects.filter(booking=booking).order_by("id"))


def code_of(ticket) -> str:
    return ticket_code_for(event_id=ticket.event_id, ticket_id=ticket.id, key_id=ticket.key_id)


async def open_socket(event_id: int, token: str) -> WebsocketCommunicator:
    """A live attendance view of the event, connected, its snapshot read."""
    communicator = WebsocketCommunicator(
        application,
        f"/ws/events/{event_id}/attendance/",
        headers=ORIGIN,
        subprotocols=["qr-entry.jwt", token],
    )
    connected, _ = await communicator.connect()
    assert connected
    snapshot = await communicator.receive_json_from(timeout=2)
    assert snapshot["type"] == "snapshot"
    return communicator
