"""The buyer's journey after booking, through the API: the tickets e-mail (queued with the
booking, drawn by the worker), sent again on request, the tickets as a PDF, and who
cancelled a booking."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from unittest import mock

import pypdf
import pytest
from PIL import Image

from bookings.models import Booking
from bookings.tests.helpers import book, decode_qr
from bookings.ticket_codes import ticket_code_for
from common.models import OutboxMessage, OutboxState
from common.outbox import outbox_drain
from conftest import client_for
from events.tests.factories import EventFactory
from users.models import Role
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_a_big_booking_draws_no_qr_code_in_the_request(settings):
    """The booking commits for real (the worker would see it); the request only wrote rows,
    the worker draws the 100 QR codes."""
    settings.QE_OUTBOX_DRAIN_ON_COMMIT = False  # as in production: the worker sends
    from django.core import mail

    attendee = UserFactory()
    event = EventFactory(max_per_booking=100, capacity=200)
    with mock.patch("bookings.qr_images.segno.make", wraps=__import__("segno").make) as drawn:
        response = client_for(attendee).post(
            "/api/book-ticket/", {"event": event.id, "quantity": 100}, format="json"
        )
        assert response.status_code == 201
        assert drawn.call_count == 0
        queued = OutboxMessage.objects.get(topic="bookings.confirmation_email")
        assert queued.payload == {"booking": response.json()["id"]}
        assert queued.state == OutboxState.PENDING
        assert outbox_drain() == 1  # the worker
        assert drawn.call_count == 100
    [sent] = mail.outbox
    assert len(sent.attachments) == 100


def test_the_confirmation_shows_the_time_in_the_events_zone(attendee_client, sent_mail):
    starts = datetime(2031, 12, 5, 19, 0, tzinfo=UTC)
    event = EventFactory(
        timezone="America/New_York",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        checkin_opens_at=starts - timedelta(hours=2),
        venue="Blue Note",
        venue_address="131 W 3rd St, New York",
    )
    attendee_client.post("/api/book-ticket/", {"event": event.id, "quantity": 2}, format="json")
    [mail] = sent_mail()
    assert "When: Fri 5 Dec 2031, 14:00 EST" in mail.body
    assert "Where: Blue Note, 131 W 3rd St, New York" in mail.body
    booking = Booking.objects.get()
    for ticket in booking.tickets.all():
        # Grouped for reading, as printed; the door takes it with or without the dash.
        grouped = f"{ticket.backup_code[:4]}-{ticket.backup_code[4:]}"
        assert f"General admission for {booking.user.name}, backup code {grouped}" in mail.body


def test_resend_queues_the_tickets_again_for_the_booker_only(attendee, sent_mail):
    event = EventFactory()
    booking = book(attendee, event, 2)
    sent_mail().clear()
    response = client_for(attendee).post(f"/api/bookings/{booking.id}/resend/")
    assert response.status_code == 202
    assert response.json() == {"status": "queued"}
    [mail] = sent_mail()
    assert mail.to == [attendee.email]
    assert "here are your tickets again" in mail.body
    assert len(mail.attachments) == 2
    organizer = client_for(event.organizer)
    assert organizer.post(f"/api/bookings/{booking.id}/resend/").status_code == 403
    stranger = client_for(UserFactory())
    assert stranger.post(f"/api/bookings/{booking.id}/resend/").status_code == 404


def test_resend_is_throttled(attendee, settings):
    booking = book(attendee, EventFactory(), 1)
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "booking_resend": "2/hour"}
    with mock.patch("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates):
        codes = [
            client_for(attendee).post(f"/api/bookings/{booking.id}/resend/").status_code
            for _ in range(3)
        ]
    assert codes == [202, 202, 429]


def test_a_cancelled_booking_has_nothing_to_resend_or_print(attendee):
    booking = book(attendee, EventFactory(), 1)
    client = client_for(attendee)
    client.post(f"/api/bookings/{booking.id}/cancel/")
    response = client.post(f"/api/bookings/{booking.id}/resend/")
    assert (response.status_code, response.json()["code"]) == (409, "booking_not_confirmed")
    response = client.get(f"/api/bookings/{booking.id}/tickets.pdf")
    assert (response.status_code, response.json()["code"]) == (409, "booking_not_confirmed")


def test_the_pdf_has_one_page_per_ticket_with_its_codes(attendee):
    starts = datetime(2031, 12, 5, 19, 0, tzinfo=UTC)
    event = EventFactory(
        timezone="Europe/Berlin",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        checkin_opens_at=starts - timedelta(hours=2),
        venue_address="Am Kai 1, Hamburg",
    )
    booking = book(attendee, event, 3)
    response = client_for(attendee).get(f"/api/bookings/{booking.id}/tickets.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    tickets = list(booking.tickets.order_by("id"))
    assert len(reader.pages) == 3
    for page, ticket in zip(reader.pages, tickets, strict=True):
        text = page.extract_text()
        assert f"{ticket.backup_code[:4]}-{ticket.backup_code[4:]}" in text
        assert attendee.name in text
        assert "Fri 5 Dec 2031, 20:00 CET" in text
        assert "Am Kai 1, Hamburg" in text
        [image] = page.images
        code = ticket_code_for(event_id=event.id, ticket_id=ticket.id, key_id=ticket.key_id)
        png = io.BytesIO()
        Image.open(io.BytesIO(image.data)).save(png, format="PNG")
        assert decode_qr(png.getvalue()) == [code]


def test_the_pdf_is_for_the_booker_and_the_organizer(attendee):
    event = EventFactory()
    booking = book(attendee, event, 1)
    url = f"/api/bookings/{booking.id}/tickets.pdf"
    assert client_for(event.organizer).get(url).status_code == 200
    assert client_for(UserFactory()).get(url).status_code == 404
    assert client_for(UserFactory(role=Role.ORGANIZER)).get(url).status_code == 404
    from rest_framework.test import APIClient

    assert APIClient().get(url).status_code == 401


def test_an_organizer_cancelled_booking_says_so(attendee):
    event = EventFactory()
    by_organizer = book(attendee, event, 1)
    response = client_for(event.organizer).post(f"/api/bookings/{by_organizer.id}/cancel/")
    assert response.json()["cancelled_by"] == "organizer"
    mine = client_for(attendee).get("/api/bookings/").json()["results"][0]
    assert mine["cancelled_by"] == "organizer"
    own = book(attendee, event, 1)
    assert client_for(attendee).post(f"/api/bookings/{own.id}/cancel/").json()["cancelled_by"] == (
        "attendee"
    )
    standing = book(UserFactory(), event, 1)
    assert (
        client_for(standing.user).get(f"/api/bookings/{standing.id}/").json()["cancelled_by"]
        is None
    )


def test_a_booking_cancelled_before_the_worker_ran_sends_no_codes(attendee, settings):
    settings.QE_OUTBOX_DRAIN_ON_COMMIT = False
    from django.core import mail

    booking = book(attendee, EventFactory(), 1)
    client_for(attendee).post(f"/api/bookings/{booking.id}/cancel/")
    outbox_drain()
    assert mail.outbox == []
    assert OutboxMessage.objects.get().state == OutboxState.DONE


def test_booking_and_cancelling_share_one_budget_per_attendee(attendee, settings):
    """A few accounts looping big bookings would take the web cores from everyone: bookings
    made and cancelled count together, per user; beyond the rate the answer is 429 in the
    error body, and nothing is booked."""
    event = EventFactory(max_per_booking=100, capacity=300)
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "booking": "3/min"}
    client = client_for(attendee)
    with mock.patch("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates):
        first = client.post("/api/book-ticket/", {"event": event.id, "quantity": 100})
        cancelled = client.post(f"/api/bookings/{first.json()['id']}/cancel/")
        second = client.post("/api/book-ticket/", {"event": event.id, "quantity": 100})
        refused = client.post(f"/api/bookings/{second.json()['id']}/cancel/")
        also_refused = client.post("/api/book-ticket/", {"event": event.id, "quantity": 1})
        someone_else = client_for(UserFactory()).post(
            "/api/book-ticket/", {"event": event.id, "quantity": 100}
        )
    assert [first.status_code, cancelled.status_code, second.status_code] == [201, 200, 201]
    assert refused.status_code == also_refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert refused.headers["Retry-After"]
    assert someone_else.status_code == 201  # the budget is each person's own
    assert Booking.objects.get(id=second.json()["id"]).status == "confirmed"
    assert Booking.objects.filter(user=attendee).count() == 2
