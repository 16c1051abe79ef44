from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from bookings.models import Booking, Ticket
from bookings.tests.helpers import book, decode_qr
from bookings.ticket_codes import ticket_code_verify
from conftest import client_for
from events.models import EventStatus, TicketType
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/book-ticket/"


def assert_nothing_booked(event):
    event.refresh_from_db()
    assert event.tickets_sold == 0
    assert not Booking.objects.filter(event=event).exists()
    assert not Ticket.objects.filter(event=event).exists()


def test_booking_two_tickets(attendee_client, attendee, django_capture_on_commit_callbacks):
    # Free, so confirmed at once (a paid booking waits for its payment: test_paid_booking).
    event = EventFactory(price=Decimal("0.00"), currency="EUR", capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = attendee_client.post(URL, {"event": event.id, "quantity": 2})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["event"] == event.id
    assert body["event_summary"]["title"] == event.title
    assert body["quantity"] == 2
    assert body["status"] == "confirmed"
    assert body["unit_price"] == "0.00"
    assert body["total_amount"] == "0.00"
    assert body["payment"]["status"] == "not_required"
    assert body["expires_at"] is None
    assert body["currency"] == "EUR"
    assert len(body["tickets"]) == 2
    for ticket in body["tickets"]:
        claim = ticket_code_verify(ticket["code"])
        assert claim.ticket_id == ticket["id"] and claim.event_id == event.id
        assert ticket["status"] == "valid"
        assert ticket["checked_in_at"] is None
        assert ticket["qr_png"] == f"/api/tickets/{ticket['id']}/qr.png"
        assert ticket["qr_svg"] == f"/api/tickets/{ticket['id']}/qr.svg"
    event.refresh_from_db()
    assert event.tickets_sold == 2
    # The confirmation e-mail carries one QR code per ticket.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [attendee.email]
    assert event.title in message.subject
    images = [content for _name, content, kind in message.attachments if kind == "image/png"]
    assert sorted(decode_qr(image)[0] for image in images) == sorted(
        t["code"] for t in body["tickets"]
    )


def test_price_is_copied_onto_the_booking(attendee_client):
    event = EventFactory(price=Decimal("10.00"))
    booking_id = attendee_client.post(URL, {"event": event.id, "quantity": 1}).json()["id"]
    TicketType.objects.filter(event=event).update(price=Decimal("99.00"))
    assert attendee_client.get(f"/api/bookings/{booking_id}/").json()["unit_price"] == "10.00"


def test_email_is_sent_only_after_commit(attendee_client, django_capture_on_commit_callbacks):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attendee_client.post(URL, {"event": event.id, "quantity": 1})
    assert len(mail.outbox) == 0
    assert len(callbacks) == 1


def test_a_failing_mail_server_does_not_fail_the_booking(
    attendee_client, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = attendee_client.post(URL, {"event": event.id, "quantity": 1})
    assert response.status_code == 201
    assert Booking.objects.filter(event=event).count() == 1


def test_sold_out_is_409(attendee_client):
    event = EventFactory(capacity=2)
    book(UserFactory(), event, 2)
    response = attendee_client.post(URL, {"event": event.id, "quantity": 1})
    assert response.status_code == 409
    assert response.json()["code"] == "sold_out"


def test_fewer_seats_than_asked_is_409_capacity_exceeded(attendee_client):
    event = EventFactory(capacity=3)
    book(UserFactory(), event, 2)
    response = attendee_client.post(URL, {"event": event.id, "quantity": 2})
    assert response.status_code == 409
    assert response.json()["code"] == "capacity_exceeded"
    assert "Only 1" in response.json()["detail"]
    event.refresh_from_db()
    assert event.tickets_sold == 2


def test_second_booking_for_the_same_event_is_409_duplicate(attendee_client, attendee):
    event = EventFactory()
    book(attendee, event)
    response = attendee_client.post(URL, {"event": event.id, "quantity": 1})
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_booking"
    event.refresh_from_db()
    assert event.tickets_sold == 1


def test_booking_again_after_cancelling_is_allowed(attendee_client, attendee):
    event = EventFactory()
    first = book(attendee, event)
    attendee_client.post(f"/api/bookings/{first.id}/cancel/")
    assert attendee_client.post(URL, {"event": event.id, "quantity": 1}).status_code == 201


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"status": EventStatus.CANCELLED}, "event_not_bookable"),
        (
            {
                "starts_at": timezone.now() - timedelta(days=2),
                "ends_at": timezone.now() - timedelta(days=1),
            },
            "event_not_bookable",
        ),
        ({"status": EventStatus.DRAFT}, "validation_error"),
    ],
)
def test_unbookable_events_are_400(attendee_client, changes, code):
    event = EventFactory(**changes)
    response = attendee_client.post(URL, {"event": event.id, "quantity": 1})
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert_nothing_booked(event)


def test_more_than_max_per_booking_is_400(attendee_client):
    event = EventFactory(max_per_booking=4)
    response = attendee_client.post(URL, {"event": event.id, "quantity": 5})
    assert response.status_code == 400
    assert "quantity" in response.json()["fields"]
    assert_nothing_booked(event)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"event": "one", "quantity": 1},
        {"quantity": 1},
        {"event": "EVENT", "quantity": 0},
        {"event": "EVENT", "quantity": -3},
        {"event": "EVENT", "quantity": "2; DROP TABLE"},
        {"event": "EVENT", "quantity": 10**12},
        {"event": "EVENT", "quantity": [1]},
        {"event": 10**30, "quantity": 1},
        {"event": 999999, "quantity": 1},
    ],
)
def test_bad_input_is_400_and_books_nothing(attendee_client, body):
    event = EventFactory()
    body = {k: (event.id if v == "EVENT" else v) for k, v in body.items()}
    response = attendee_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert_nothing_booked(event)


def test_organizers_cannot_book_and_anonymous_must_sign_in(api_client, organizer_client):
    event = EventFactory()
    assert organizer_client.post(URL, {"event": event.id, "quantity": 1}).status_code == 403
    assert api_client.post(URL, {"event": event.id, "quantity": 1}).status_code == 401
    assert_nothing_booked(event)


def test_idempotency_key_replays_the_first_answer(attendee_client):
    event = EventFactory()
    first = attendee_client.post(
        URL, {"event": event.id, "quantity": 2}, HTTP_IDEMPOTENCY_KEY="retry-123"
    )
    again = attendee_client.post(
        URL, {"event": event.id, "quantity": 2}, HTTP_IDEMPOTENCY_KEY="retry-123"
    )
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    event.refresh_from_db()
    assert event.tickets_sold == 2
    assert Booking.objects.count() == 1


def test_idempotency_key_reused_for_another_request_is_409(attendee_client):
    event = EventFactory()
    attendee_client.post(URL, {"event": event.id, "quantity": 1}, HTTP_IDEMPOTENCY_KEY="k1")
    response = attendee_client.post(
        URL, {"event": event.id, "quantity": 3}, HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_key_reused"


def test_idempotency_keys_are_per_user(attendee_client):
    event = EventFactory()
    other = client_for(UserFactory())
    attendee_client.post(URL, {"event": event.id, "quantity": 1}, HTTP_IDEMPOTENCY_KEY="same")
    response = other.post(URL, {"event": event.id, "quantity": 1}, HTTP_IDEMPOTENCY_KEY="same")
    assert response.status_code == 201
    assert Booking.objects.count() == 2


@pytest.mark.parametrize("key", ["", "x" * 101, "sp ace", "ünïcode"])
def test_bad_idempotency_key_is_400(attendee_client, key):
    event = EventFactory()
    response = attendee_client.post(
        URL, {"event": event.id, "quantity": 1}, HTTP_IDEMPOTENCY_KEY=key
    )
    assert response.status_code == 400
    assert_nothing_booked(event)
