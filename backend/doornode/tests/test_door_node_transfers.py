"""A ticket transferred upstream reaches the door node by its next pull: the old code and
backup code are refused there as `revoked`, the new code admits, and the node's own door kit
(for its scanners) lists the revoked code as the main server does."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from attendance.tests.helpers import code_of, live_event, tickets_for
from bookings.models import Booking, BookingItem, Ticket
from conftest import client_for
from doornode import services
from events.models import Event, EventStaff, TicketType
from events.tests.factories import staff_accepted
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _forget_the_main_server():
    Ticket.objects.filter(transferred_from__isnull=False).delete()
    Ticket.objects.all().delete()
    BookingItem.objects.all().delete()
    Booking.objects.all().delete()
    EventStaff.objects.all().delete()
    TicketType.objects.all().delete()
    Event.objects.all().delete()


def test_the_old_code_is_refused_revoked_on_the_door_node_after_its_next_pull():
    event = live_event(transfers_until=timezone.now() + timedelta(hours=1))
    booker = UserFactory()
    [old, _kept] = tickets_for(event, 2, holder=booker)
    staff = UserFactory()
    staff_accepted(event, staff)
    main = client_for(staff)
    first = main.get(f"/api/events/{event.id}/door-kit/").json()
    new = (
        client_for(booker)
        .post(
            f"/api/tickets/{old.id}/transfer/",
            {"email": "friend@example.test", "name": "Fran Friend"},
            format="json",
        )
        .json()
    )
    later = main.get(f"/api/events/{event.id}/door-kit/?since={first['cursor']}").json()
    old_code, old_backup = code_of(old), old.backup_code
    _forget_the_main_server()

    services.door_mirror_apply(kit=first)
    services.door_mirror_apply(kit=later)
    node_event = Event.objects.get(id=event.id)
    assert node_event.tickets_sold == 2
    door = services.door_account_ensure(event_id=event.id, email="d@example.test", password="p")
    client = client_for(door)

    def scan(code):
        body = {"event": event.id, "code": code, "gate": "Node"}
        return client.post("/api/attendance/validate/", body, format="json").json()

    for code in (old_code, old_backup):
        answer = scan(code)
        assert (answer["status"], answer["reason"]) == ("rejected", "revoked")
    assert scan(new["code"])["status"] == "accepted"
    kit = client.get(f"/api/events/{event.id}/door-kit/").json()
    [revoked] = kit["revoked"]
    assert revoked["code_sha256"] == hashlib.sha256(old_code.encode()).hexdigest()
    assert revoked["backup_code"] == old_backup
