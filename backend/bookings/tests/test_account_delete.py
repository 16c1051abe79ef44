"""Deleting an account (DELETE /api/auth/me/): the person erased, the records kept; what it booked
ahead cancelled (and refunded) by the bookings rules, which this app runs."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from attendance.tests.helpers import code_of, live_event, tickets_for
from bookings.models import Booking, BookingStatus
from conftest import client_for
from events.models import EventStatus
from events.tests.factories import EventFactory, staff_accepted
from users.models import User
from users.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_deleting_the_account_erases_the_person_and_keeps_the_records(attendee):
    ahead = EventFactory(starts_at=timezone.now() + timedelta(days=3))
    [future_ticket] = tickets_for(ahead, holder=attendee)
    past = live_event(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=2)
    )
    door = live_event()
    staff_accepted(door, attendee)
    with_past = Booking.objects.create(
        user=attendee,
        event=past,
        quantity=1,
        unit_price=past.price,
        total_amount=past.price,
        currency=past.currency,
    )
    email = attendee.email
    ahead.refresh_from_db()
    sold_before = ahead.tickets_sold
    client = client_for(attendee)

    response = client.delete("/api/auth/me/", {"password": PASSWORD})
    assert response.status_code == 204

    gone = User.objects.get(pk=attendee.pk)
    assert gone.email != email and gone.name != attendee.name
    assert not gone.is_active and not gone.has_usable_password()
    assert not User.objects.filter(email=email).exists()
    # The booking ahead is cancelled and its seat is free again; the past one stays.
    future = Booking.objects.get(pk=future_ticket.booking_id)
    assert future.status == BookingStatus.CANCELLED
    ahead.refresh_from_db()
    assert ahead.tickets_sold == sold_before - 1
    assert Booking.objects.get(pk=with_past.pk).status == BookingStatus.CONFIRMED
    # No more door access, no more sign-in, no more token.
    assert not door.staff_links.exists()
    assert client.get("/api/auth/me/").status_code == 401
    login = APIClient().post("/api/auth/login/", {"email": email, "password": PASSWORD})
    assert login.status_code == 401


def test_deleting_needs_the_password(attendee_client, attendee):
    response = attendee_client.delete("/api/auth/me/", {"password": "not-it"})
    assert response.status_code == 400
    assert response.json()["code"] == "wrong_password"
    attendee.refresh_from_db()
    assert attendee.is_active
    assert attendee_client.delete("/api/auth/me/", {}).status_code == 400


def test_an_organizer_with_upcoming_events_cannot_delete_the_account(organizer):
    EventFactory(organizer=organizer, status=EventStatus.DRAFT)
    response = client_for(organizer).delete("/api/auth/me/", {"password": PASSWORD})
    assert response.status_code == 409
    assert response.json()["code"] == "organizer_has_events"
    organizer.refresh_from_db()
    assert organizer.is_active


def test_an_organizer_whose_events_are_over_or_cancelled_may_delete(organizer):
    EventFactory(organizer=organizer, status=EventStatus.CANCELLED)
    past = timezone.now() - timedelta(days=10)
    EventFactory(organizer=organizer, starts_at=past, ends_at=past + timedelta(hours=2))
    response = client_for(organizer).delete("/api/auth/me/", {"password": PASSWORD})
    assert response.status_code == 204


def test_a_checked_in_booking_ahead_is_kept(attendee):
    event = live_event(starts_at=timezone.now() + timedelta(minutes=30))
    [ticket] = tickets_for(event, holder=attendee)
    organizer_client = client_for(event.organizer)
    scan = organizer_client.post(
        "/api/attendance/validate/", {"code": code_of(ticket), "event": event.id}
    )
    assert scan.json()["status"] == "accepted"
    assert client_for(attendee).delete("/api/auth/me/", {"password": PASSWORD}).status_code == 204
    assert Booking.objects.get(pk=ticket.booking_id).status == BookingStatus.CONFIRMED


def test_deleted_account_keeps_no_verified_address(attendee):
    attendee.email_verified = True
    attendee.save()
    client_for(attendee).delete("/api/auth/me/", {"password": PASSWORD})
    assert not User.objects.get(pk=attendee.pk).email_verified
