"""An event with a general and a VIP type and a "VIP lounge" list for VIPs only."""

from decimal import Decimal

from attendance.tests.helpers import live_event
from bookings.models import Ticket
from bookings.services.create import booking_create
from events.models import CheckinList
from users.tests.factories import UserFactory

TYPES = [
    {"name": "General admission", "price": Decimal("0")},
    {"name": "VIP table", "price": Decimal("0")},
]


def lounge_event(**overrides):
    """(event, general type, VIP type, VIP lounge list)."""
    event = live_event(ticket_types=TYPES, **overrides)
    general, vip = event.ticket_types.order_by("id")
    lounge = CheckinList.objects.create(event=event, name="VIP lounge")
    lounge.ticket_types.set([vip])
    return event, general, vip, lounge


def ticket_of_type(event, ticket_type, holder=None) -> Ticket:
    booking, _ = booking_create(
        user=holder or UserFactory(), event_id=event.id, items=[(ticket_type.id, 1)]
    )
    return Ticket.objects.get(booking=booking)
