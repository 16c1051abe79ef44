"""Who gets what on every bookings endpoint (the one access rule: see common/tests/access.py).
A booking and its tickets are seen by the booker and the event's managers; to anyone else
they do not exist."""

import pytest

from common.tests.access import build_world, call, expect, matrix_cases

pytestmark = pytest.mark.django_db

MANAGERS = {"organizer": 200, "admin": 200}
SEE_BOOKING = {"attendee": 200, "organizer": 200, "admin": 200}

ENDPOINTS = [
    # A ticket is its holder's alone here; the organizer sees it in the attendee list.
    ("GET", "/api/tickets/", None, expect(anonymous=401, rest=200)),
    ("GET", "/api/tickets/{ticket}/", None, expect(anonymous=401, attendee=200, rest=404)),
    # The world's event has started: names and answers no longer change.
    (
        "PATCH",
        "/api/tickets/{ticket}/",
        {"attendee_name": "Someone Else"},
        expect(anonymous=401, attendee=409, rest=404),
    ),
    # A transfer is its holder's alone; the world's event allows none (the factory's
    # events have transfers off).
    (
        "POST",
        "/api/tickets/{ticket}/transfer/",
        {"email": "friend@example.test", "name": "Fran Friend"},
        expect(anonymous=401, attendee=409, rest=404),
    ),
    ("GET", "/api/bookings/", None, expect(anonymous=401, rest=200)),
    ("GET", "/api/bookings/{booking}/", None, expect(anonymous=401, **SEE_BOOKING, rest=404)),
    # `event` has started: past attendee_cancel_until (default: the start) only its
    # organizer may cancel.
    (
        "POST",
        "/api/bookings/{booking}/cancel/",
        None,
        expect(anonymous=401, attendee=409, organizer=200, admin=200, rest=404),
    ),
    # The booking is free (nothing to pay): the booker hears so, the organizer may not pay.
    (
        "POST",
        "/api/bookings/{booking}/pay/",
        {"payment_method": "pm_card_visa"},
        expect(anonymous=401, attendee=409, organizer=403, admin=403, rest=404),
    ),
    # Asking Stripe how the card payment stands: the booker's (a free booking: nothing to ask).
    (
        "POST",
        "/api/bookings/{booking}/pay/confirm/",
        None,
        expect(anonymous=401, attendee=200, organizer=403, admin=403, rest=404),
    ),
    (
        "POST",
        "/api/bookings/{booking}/mark-paid/",
        None,
        expect(anonymous=401, attendee=403, organizer=409, admin=409, rest=404),
    ),
    (
        "POST",
        "/api/bookings/{booking}/mark-refunded/",
        None,
        expect(anonymous=401, attendee=403, organizer=409, admin=409, rest=404),
    ),
    # The world's booking is free: no hold to release (only the organizer may try).
    (
        "POST",
        "/api/bookings/{booking}/release-hold/",
        None,
        expect(anonymous=401, attendee=403, organizer=409, admin=409, rest=404),
    ),
    # Stripe's webhook takes no token: only a valid signature, which nobody here has.
    ("POST", "/api/payments/stripe/webhook/", {"id": "evt_1"}, expect(rest=400)),
    (
        "GET",
        "/api/bookings/{booking}/tickets.pdf",
        None,
        expect(anonymous=401, **SEE_BOOKING, rest=404),
    ),
    # The tickets e-mail goes to the booker, on the booker's request only.
    (
        "POST",
        "/api/bookings/{booking}/resend/",
        None,
        expect(anonymous=401, attendee=202, organizer=403, admin=403, rest=404),
    ),
    ("GET", "/api/tickets/{ticket}/qr.png", None, expect(anonymous=401, **SEE_BOOKING, rest=404)),
    ("GET", "/api/tickets/{ticket}/qr.svg", None, expect(anonymous=401, **SEE_BOOKING, rest=404)),
    # Only attendees book; attendee and other_attendee already hold a booking for `event`.
    (
        "POST",
        "/api/book-ticket/",
        {"event": "{event}", "quantity": 1},
        expect(
            anonymous=401,
            attendee=409,
            other_attendee=409,
            door_staff=201,
            other_door_staff=201,
            rest=403,
        ),
    ),
    (
        "POST",
        "/api/book-ticket/",
        {"event": "{other_event}", "quantity": 1},
        expect(
            anonymous=401,
            attendee=201,
            other_attendee=201,
            door_staff=201,
            other_door_staff=201,
            rest=403,
        ),
    ),
    # A draft cannot be booked, and its existence is not revealed: the same answer as an
    # unknown event.
    (
        "POST",
        "/api/book-ticket/",
        {"event": "{draft}", "quantity": 1},
        expect(anonymous=401, organizer=403, other_organizer=403, admin=403, rest=400),
    ),
    # The cascades this app runs: cancelling an event, writing to its holders, deleting an
    # account (only with one's own password; the wrong one changes nothing, for anybody).
    (
        "POST",
        "/api/events/{event}/cancel/",
        {"reason": "Storm"},
        expect(anonymous=401, **MANAGERS, rest=403),
    ),
    (
        "POST",
        "/api/events/{draft}/cancel/",
        None,
        expect(anonymous=401, **MANAGERS, door_staff=403, rest=404),
    ),
    ("GET", "/api/events/{event}/messages/", None, expect(anonymous=401, **MANAGERS, rest=403)),
    (
        "POST",
        "/api/events/{event}/messages/",
        {"subject": "Doors open at 7", "body": "See you there."},
        expect(anonymous=401, organizer=202, admin=202, rest=403),
    ),
    (
        "POST",
        "/api/events/{draft}/messages/",
        {"subject": "Doors open at 7", "body": "See you there."},
        expect(anonymous=401, organizer=409, admin=409, door_staff=403, rest=404),
    ),
    ("DELETE", "/api/auth/me/", {"password": "wrong"}, expect(anonymous=401, rest=400)),
    # The waiting list: `event` has no waiting list (only people who may book hear so); its
    # list is its managers'. An entry (attendee's, waiting) is its person's alone.
    (
        "POST",
        "/api/events/{event}/waiting-list/",
        {"quantity": 1},
        expect(anonymous=401, organizer=403, other_organizer=403, admin=403, rest=400),
    ),
    (
        "POST",
        "/api/events/{draft}/waiting-list/",
        {"quantity": 1},
        expect(anonymous=401, organizer=403, other_organizer=403, admin=403, rest=404),
    ),
    (
        "GET",
        "/api/events/{event}/waiting-list/",
        None,
        expect(anonymous=401, **MANAGERS, rest=403),
    ),
    (
        "GET",
        "/api/events/{draft}/waiting-list/",
        None,
        expect(anonymous=401, **MANAGERS, door_staff=403, rest=404),
    ),
    ("GET", "/api/waiting-list/", None, expect(anonymous=401, rest=200)),
    (
        "POST",
        "/api/waiting-list/{waiting_entry}/accept/",
        None,
        expect(anonymous=401, attendee=409, rest=404),
    ),
    (
        "DELETE",
        "/api/waiting-list/{waiting_entry}/",
        None,
        expect(anonymous=401, attendee=204, rest=404),
    ),
]


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), matrix_cases(ENDPOINTS))
def test_permission_matrix(method, path, body, actor, status):
    world = build_world()
    response = call(world, actor, method, path, body)
    assert response.status_code == status, response.content
    if status >= 400:
        assert response.json()["code"]
