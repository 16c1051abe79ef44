"""A door node mirrors the event's check-in lists: the same ids, types and admissions, so a
general ticket is refused at its VIP lounge and a VIP admitted upstream is a duplicate."""

import pytest

from attendance.models import ListAdmission, Scan
from attendance.tests.helpers import code_of
from attendance.tests.list_helpers import lounge_event, ticket_of_type
from bookings.models import Booking, BookingItem, Ticket
from conftest import client_for
from doornode import services
from events.models import CheckinList, Event, EventStaff, TicketType
from events.tests.factories import staff_accepted
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_mirrored_lounge_decides_like_the_main_server():
    event, general, vip, lounge = lounge_event()
    staff = UserFactory()
    staff_accepted(event, staff)
    client = client_for(staff)
    seen_upstream, new_vip = ticket_of_type(event, vip), ticket_of_type(event, vip)
    general_ticket = ticket_of_type(event, general)
    body = {"event": event.id, "code": code_of(seen_upstream), "gate": "Up", "list": lounge.id}
    assert client.post("/api/attendance/validate/", body, format="json").json()["status"] == (
        "accepted"
    )
    kit = client.get(f"/api/events/{event.id}/door-kit/").json()
    codes = {t.id: code_of(t) for t in (seen_upstream, new_vip, general_ticket)}
    for model in (Scan, ListAdmission, Ticket, BookingItem, Booking, EventStaff):
        model.objects.all().delete()
    CheckinList.objects.all().delete()
    TicketType.objects.all().delete()
    Event.objects.all().delete()

    services.door_mirror_apply(kit=kit)
    services.door_mirror_apply(kit=kit)  # again: nothing changes
    assert set(CheckinList.objects.values_list("id", "name")) == {
        (row["id"], row["name"]) for row in kit["lists"]
    }
    assert ListAdmission.objects.get().ticket_id == seen_upstream.id
    door = services.door_account_ensure(event_id=event.id, email="d@example.test", password="pw")
    node = client_for(door)

    def scan(ticket):
        body = {"event": event.id, "code": codes[ticket.id], "gate": "Node", "list": lounge.id}
        answer = node.post("/api/attendance/validate/", body, format="json").json()
        return answer["status"], answer["reason"]

    assert scan(seen_upstream) == ("rejected", "duplicate")
    assert scan(new_vip) == ("accepted", None)
    assert scan(general_ticket) == ("rejected", "wrong_list")
    assert Scan.objects.get(ticket_id=new_vip.id).checkin_list_id == lounge.id
