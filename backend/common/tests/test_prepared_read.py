"""PreparedRead: compiled once, run with new values, rows as the ORM gives them."""

import pytest

from attendance.tests.helpers import live_event, tickets_for
from bookings.models import Ticket
from common.db import PreparedRead

pytestmark = pytest.mark.django_db

FIELDS = ("id", "status", "checked_in_at", "inside", "event__price", "booking__user__name")


def test_rows_equal_the_orms_for_each_set_of_values():
    read = PreparedRead(
        lambda event_id, ticket_id: (
            Ticket.objects.filter(event_id=event_id, id__gte=ticket_id)
            .values(*FIELDS)
            .order_by("id")
        ),
        "event_id",
        "ticket_id",
    )
    first, second = live_event(), live_event()
    tickets = tickets_for(first, quantity=3) + tickets_for(second, quantity=2)
    Ticket.objects.filter(id=tickets[1].id).update(inside=True, checked_in_at=first.starts_at)
    for event, ticket in [(first, tickets[0]), (first, tickets[1]), (second, tickets[3])]:
        expected = list(
            Ticket.objects.filter(event_id=event.id, id__gte=ticket.id)
            .values(*FIELDS)
            .order_by("id")
        )
        assert read.rows(event_id=event.id, ticket_id=ticket.id) == expected
    assert read.rows(event_id=second.id, ticket_id=tickets[4].id + 1) == []


def test_a_value_the_sql_does_not_carry_once_is_refused():
    read = PreparedRead(
        lambda event_id: Ticket.objects.filter(
            event_id=event_id, booking__event_id=event_id
        ).values("id"),
        "event_id",
    )
    with pytest.raises(ValueError):
        read.rows(event_id=1)
