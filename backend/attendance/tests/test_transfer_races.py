"""A transfer racing a scan of the old code, on MariaDB: either the scan admits and the
transfer is refused, or the transfer wins and the old code is refused, never both."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from attendance.tests.helpers import code_of, live_event, tickets_for
from bookings.models import Ticket, TicketStatus
from common.tests.concurrency import race
from conftest import client_for
from events.models import CheckinList, Event
from events.tests.factories import staff_accepted
from users.tests.factories import UserFactory

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]

ROUNDS = 12


def _setup(checkin_list: bool = False):
    event = live_event(transfers_until=timezone.now() + timedelta(hours=1), max_per_booking=20)
    booker = UserFactory()
    tickets = tickets_for(event, ROUNDS, holder=booker)
    staff = UserFactory()
    staff_accepted(event, staff)
    lounge = CheckinList.objects.create(event=event, name="Lounge") if checkin_list else None
    return event, client_for(booker), client_for(staff), tickets, lounge


def _race_one(event, holder, door, ticket, lounge):
    body = {"event": event.id, "gate": "North", "code": code_of(ticket)}
    if lounge is not None:
        body["list"] = lounge.id

    def scan():
        return door.post("/api/attendance/validate/", body, format="json")

    def transfer():
        return holder.post(
            f"/api/tickets/{ticket.id}/transfer/",
            {"email": f"friend{ticket.id}@example.test", "name": "Fran Friend"},
            format="json",
        )

    scanned, transferred = race([scan, transfer])
    assert scanned.status_code == 200, scanned.content
    answer = scanned.json()
    if answer["status"] == "accepted":
        assert transferred.status_code == 409, transferred.content
        assert transferred.json()["code"] == "already_checked_in"
        assert Ticket.objects.get(id=ticket.id).status == TicketStatus.VALID
        return "scan"
    assert answer["reason"] == "revoked"
    assert transferred.status_code == 200, transferred.content
    assert Ticket.objects.get(id=ticket.id).status == TicketStatus.REVOKED
    return "transfer"


@pytest.mark.parametrize("on_list", [False, True], ids=["entry", "another list"])
def test_a_transfer_racing_a_scan_of_the_old_code_never_lets_both_win(on_list):
    event, holder, door, tickets, lounge = _setup(checkin_list=on_list)
    winners = Counter(_race_one(event, holder, door, ticket, lounge) for ticket in tickets)
    assert sum(winners.values()) == ROUNDS
    event = Event.objects.get(id=event.id)
    # One valid ticket per seat whoever won: sold never moves, admissions are the scans won.
    assert event.tickets_sold == ROUNDS
    assert Ticket.objects.filter(event=event, status=TicketStatus.VALID).count() == ROUNDS
    if not on_list:
        assert event.checked_in_count == winners["scan"]
