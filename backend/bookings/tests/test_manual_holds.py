"""Hoarding: seats held unpaid by manual payment are capped per event (then manual payment is
not offered), limited per account and per client address, shown to the organizer, who may
release a hold. The cap under real concurrency: test_manual_hold_races.py (MariaDB)."""

import pytest

from bookings.models import Booking
from bookings.services import booking_expire_sweep
from bookings.tests.payment_helpers import age_hold, book, paid_event, seats
from conftest import client_for
from events.models import Event
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fresh():
    return client_for(UserFactory())


def _event_answer(client, event):
    return client.get(f"/api/events/{event.id}/").json()


def test_five_accounts_cannot_hold_a_paid_event_sold_out_by_bank_transfer(stripe_on, sent_mail):
    """The finding: five fresh accounts booking 10 seats each by manual payment held a
    50-seat event for 72 hours. Now at most 25% (12 seats) await a transfer at once."""
    event = paid_event(capacity=50, methods=["manual", "stripe"], payment_instructions="IBAN")
    answers = [book(_fresh(), event, quantity=10, payment_method="manual") for _ in range(5)]
    assert [a.status_code for a in answers] == [201, 409, 409, 409, 409]
    assert {a.json()["code"] for a in answers[1:]} == {"manual_holds_full"}
    organizer = client_for(event.organizer)
    shown = _event_answer(organizer, event)
    assert (shown["manual_held"], shown["manual_hold_cap"]) == (10, 12)
    assert shown["payment_methods_offered"] == ["manual", "stripe"]  # 2 more seats fit
    assert book(_fresh(), event, quantity=2, payment_method="manual").status_code == 201
    shown = _event_answer(_fresh(), event)
    assert shown["manual_held"] == 12 and shown["payment_methods_offered"] == ["stripe"]
    # Real buyers are not told sold_out: card payment is there, and is the default now.
    buyer = book(_fresh(), event, quantity=3)
    assert buyer.status_code == 201 and buyer.json()["payment"]["method"] == "stripe"
    assert seats(event) == 15


def test_the_organizer_sees_and_releases_a_hold(sent_mail):
    event = paid_event(capacity=8, methods=["manual"], payment_instructions="IBAN")
    hoarder = _fresh()
    booking_id = book(hoarder, event, quantity=2, payment_method="manual").json()["id"]
    assert book(_fresh(), event, payment_method="manual").json()["code"] == "manual_holds_full"
    assert _event_answer(_fresh(), event)["payment_methods_offered"] == []
    sent_mail().clear()
    release = f"/api/bookings/{booking_id}/release-hold/"
    assert hoarder.post(release).status_code == 403
    released = client_for(event.organizer).post(release)
    assert released.status_code == 200, released.json()
    assert (released.json()["status"], released.json()["cancelled_by"]) == (
        "cancelled",
        "organizer",
    )
    assert seats(event) == 0
    assert _event_answer(_fresh(), event)["payment_methods_offered"] == ["manual"]
    [notice] = sent_mail()
    assert "released" in notice.body
    again = client_for(event.organizer).post(release)
    assert again.status_code == 409 and again.json()["code"] == "not_a_manual_hold"
    assert book(_fresh(), event, quantity=2, payment_method="manual").status_code == 201


def test_the_organizer_sets_the_cap(organizer):
    event = paid_event(capacity=100, methods=["manual"], organizer=organizer)
    client = client_for(organizer)
    changed = client.patch(f"/api/events/{event.id}/", {"manual_hold_limit": 0}, format="json")
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["manual_hold_cap"], changed.json()["payment_methods_offered"]) == (0, [])
    refused = book(_fresh(), event, payment_method="manual")
    assert refused.status_code == 409 and refused.json()["code"] == "manual_holds_full"
    client.patch(f"/api/events/{event.id}/", {"manual_hold_limit": None}, format="json")
    assert _event_answer(client, event)["manual_hold_cap"] == 25


def test_one_account_holds_few_bookings_awaiting_a_manual_payment(settings):
    settings.QE_MANUAL_HOLDS_PER_ACCOUNT = 2
    client = _fresh()
    events = [paid_event(methods=["manual"]) for _ in range(3)]
    first, second, third = (book(client, event, payment_method="manual") for event in events)
    assert (first.status_code, second.status_code) == (201, 201)
    assert third.status_code == 409 and third.json()["code"] == "too_many_manual_holds"
    marked = client_for(events[0].organizer).post(f"/api/bookings/{first.json()['id']}/mark-paid/")
    assert marked.json()["status"] == "confirmed"
    assert book(client, events[2], payment_method="manual").status_code == 201


def test_one_address_makes_few_manual_holds_a_day_and_cannot_fake_another(settings):
    settings.QE_MANUAL_HOLDS_PER_ADDRESS = 2
    event = paid_event(capacity=100, methods=["manual"])
    answers = [
        _fresh().post(
            "/api/book-ticket/",
            {"event": event.id, "quantity": 1, "payment_method": "manual"},
            format="json",
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",  # not trusted: NUM_PROXIES is 0
        )
        for n in range(3)
    ]
    assert [a.status_code for a in answers] == [201, 201, 409]
    assert answers[2].json()["code"] == "too_many_manual_holds"
    other = _fresh().post(
        "/api/book-ticket/",
        {"event": event.id, "quantity": 1, "payment_method": "manual"},
        format="json",
        REMOTE_ADDR="203.0.113.8",
    )
    assert other.status_code == 201


def test_every_end_of_a_hold_gives_its_seats_back_to_the_cap(sent_mail):
    event = paid_event(capacity=100, methods=["manual"], payment_instructions="IBAN")
    organizer = client_for(event.organizer)
    paid, expired, cancelled, kept = (
        book(client, event, quantity=2, payment_method="manual").json()["id"]
        for client in (_fresh(), _fresh(), _fresh(), _fresh())
    )
    assert Event.objects.get(id=event.id).manual_held == 8
    organizer.post(f"/api/bookings/{paid}/mark-paid/")
    age_hold(expired)
    assert booking_expire_sweep() == 1
    Booking.objects.get(id=cancelled)
    organizer.post(f"/api/bookings/{cancelled}/cancel/")
    assert Event.objects.get(id=event.id).manual_held == 2
    organizer.post(f"/api/events/{event.id}/cancel/", {"reason": "Storm"}, format="json")
    assert Event.objects.get(id=event.id).manual_held == 0
    assert Booking.objects.get(id=kept).status == "cancelled"


def test_free_and_card_bookings_do_not_count(stripe_on):
    free = EventFactory(capacity=4)
    assert book(_fresh(), free, quantity=4).status_code == 201
    card = paid_event(capacity=4, methods=["manual", "stripe"])
    assert book(_fresh(), card, quantity=4, payment_method="stripe").status_code == 201
    assert Event.objects.get(id=free.id).manual_held == 0
    assert Event.objects.get(id=card.id).manual_held == 0
