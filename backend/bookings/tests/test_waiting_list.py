"""The waiting list through its API: joining a sold-out event (and every refusal), offers when
seats come back (a cancel, an expired hold, a raised capacity or quota), the e-mail, accepting
(free and paid), an offer lapsing and passing on, leaving, the organizer's list, and an
event cancelled with offers out."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from bookings.models import Booking, WaitingListEntry
from bookings.services import booking_expire_sweep
from bookings.tests.payment_helpers import age_hold
from bookings.tests.payment_helpers import book as book_api
from common.outbox import outbox_drain
from conftest import client_for
from events.models import Event, TicketType
from events.tests.factories import EventFactory
from users.models import Role
from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _event(capacity=2, **overrides) -> Event:
    return EventFactory(capacity=capacity, waiting_list=True, max_per_booking=4, **overrides)


def _person():
    user = UserFactory(role=Role.ATTENDEE)
    return user, client_for(user)


def _join(client, event, quantity=1, **body):
    return client.post(
        f"/api/events/{event.id}/waiting-list/", {"quantity": quantity, **body}, format="json"
    )


def _sold_out(event, count=None):
    """Fill the event with one-ticket bookings of new people: their clients."""
    clients = []
    for _ in range(count or event.capacity):
        _, client = _person()
        assert book_api(client, event).status_code == 201
        clients.append(client)
    return clients


def _cancel(client):
    booking_id = client.get("/api/bookings/").json()["results"][0]["id"]
    assert client.post(f"/api/bookings/{booking_id}/cancel/").status_code == 200


def _counters(event):
    event.refresh_from_db()
    return event.tickets_sold, event.waiting_held


def _entry(entry_id) -> WaitingListEntry:
    return WaitingListEntry.objects.get(id=entry_id)


def test_joining_a_sold_out_event_queues_in_order():
    event = _event()
    _sold_out(event)
    _, first = _person()
    _, second = _person()
    answer = _join(first, event, 2)
    assert answer.status_code == 201, answer.content
    assert answer.json()["position"] == 1
    assert answer.json()["status"] == "waiting"
    assert _join(second, event).json()["position"] == 2
    again = _join(first, event)
    assert (again.status_code, again.json()["code"]) == (409, "already_waiting")
    mine = first.get("/api/waiting-list/").json()
    assert [(e["quantity"], e["status"], e["position"]) for e in mine] == [(2, "waiting", 1)]
    assert mine[0]["event"]["id"] == event.id
    assert mine[0]["ticket_type"]["name"] == "General admission"


def test_joining_is_refused_when_it_is_not_for_a_waiting_list():
    _, client = _person()
    off = EventFactory(capacity=1)
    _sold_out(off)
    answer = _join(client, off)
    assert (answer.status_code, answer.json()["code"]) == (400, "waiting_list_off")
    free = _event(capacity=5)
    answer = _join(client, free)
    assert (answer.status_code, answer.json()["code"]) == (409, "not_sold_out")
    full = _event()
    _sold_out(full)
    answer = _join(client, full, 5)
    assert (answer.status_code, answer.json()["code"]) == (400, "validation_error")
    assert "quantity" in answer.json()["fields"]
    answer = _join(client, full, ticket_type=TicketType.objects.get(event=free).id)
    assert (answer.status_code, answer.json()["code"]) == (400, "validation_error")
    assert _join(client, full, 0).status_code == 400
    assert _join(APIClient(), full).status_code == 401
    assert WaitingListEntry.objects.count() == 0


def test_a_person_holding_a_booking_does_not_queue_and_a_draft_is_not_found():
    event = _event()
    holders = _sold_out(event)
    answer = _join(holders[0], event)
    assert (answer.status_code, answer.json()["code"]) == (409, "duplicate_booking")
    draft = _event(status="draft")
    _, client = _person()
    assert _join(client, draft).status_code == 404
    organizer = client_for(event.organizer)
    assert _join(organizer, event).status_code == 403


def test_a_sold_out_type_is_waited_for_while_the_event_has_seats():
    event = _event(
        capacity=10,
        ticket_types=[{"name": "VIP", "quota": 1}, {"name": "Standing"}],
    )
    vip, standing = TicketType.objects.filter(event=event).order_by("id")
    _, buyer = _person()
    assert book_api(buyer, event, items=[{"ticket_type": vip.id, "quantity": 1}]).status_code == 201
    _, client = _person()
    refused = _join(client, event)
    assert (refused.status_code, refused.json()["code"]) == (400, "ticket_type_required")
    assert _join(client, event, ticket_type=standing.id).json()["code"] == "not_sold_out"
    TicketType.objects.filter(id=standing.id).update(
        sales_start=timezone.now() + timedelta(days=1), quota=0
    )
    refused = _join(client, event, ticket_type=standing.id)
    assert (refused.status_code, refused.json()["code"]) == (400, "sales_not_open")
    assert _join(client, event, ticket_type=vip.id).status_code == 201
    _cancel(buyer)
    entry = WaitingListEntry.objects.get()
    assert entry.status == "offered"
    vip.refresh_from_db()
    assert (vip.sold, vip.waiting_held) == (1, 1)


def test_a_cancel_offers_the_seats_to_the_first_entry_that_fits(sent_mail):
    event = _event()
    holders = _sold_out(event)
    big_user, big = _person()
    small_user, small = _person()
    big_id = _join(big, event, 2).json()["id"]
    small_id = _join(small, event, 1).json()["id"]
    sent_mail()
    _cancel(holders[0])
    # One seat back: the first entry (2) does not fit and keeps its place; the next one does.
    assert _entry(big_id).status == "waiting"
    assert _entry(small_id).status == "offered"
    assert _counters(event) == (2, 1)
    mails = [m for m in sent_mail() if small_user.email in m.to]
    assert len(mails) == 1
    # The site the person joined on (the test client's), unless QE_PUBLIC_URL is set.
    assert "Book them here: http://testserver/waiting-list" in mails[0].body
    assert event.title in mails[0].subject
    # The held seat is sold to nobody else.
    _, stranger = _person()
    answer = book_api(stranger, event)
    assert (answer.status_code, answer.json()["code"]) == (409, "sold_out")
    detail = stranger.get(f"/api/events/{event.id}/").json()
    assert (detail["sold"], detail["tickets_available"], detail["waiting_held"]) == (1, 0, 1)
    mine = small.get("/api/waiting-list/").json()[0]
    assert mine["status"] == "offered"
    assert mine["position"] == 2
    assert mine["offer_expires_at"]
    # The second seat back: the first entry still does not fit (one seat is held).
    _cancel(holders[1])
    assert _entry(big_id).status == "waiting"
    assert _counters(event) == (1, 1)
    assert big_user.email not in {to for m in sent_mail() for to in m.to}


def test_accepting_a_free_offer_books_the_held_seats():
    event = _event()
    holders = _sold_out(event)
    _, client = _person()
    entry_id = _join(client, event).json()["id"]
    _cancel(holders[0])
    answer = client.post(f"/api/waiting-list/{entry_id}/accept/", {}, format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "confirmed"
    assert answer.json()["quantity"] == 1
    assert _counters(event) == (2, 0)
    entry = _entry(entry_id)
    assert (entry.status, entry.booking_id) == ("booked", answer.json()["id"])
    mine = client.get("/api/waiting-list/").json()[0]
    assert (mine["status"], mine["position"], mine["booking"]) == ("booked", None, entry.booking_id)
    again = client.post(f"/api/waiting-list/{entry_id}/accept/", {}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "not_offered")
    assert TicketType.objects.get(event=event).sold == 2


def test_accepting_a_paid_offer_is_a_hold_with_the_events_payment_rules():
    event = _event(price=Decimal("20.00"), payment_methods=["manual"], manual_hold_limit=5)
    holders = _sold_out(event)
    _cancel(holders[0])
    _, client = _person()
    # One seat is free again (no queue then): not sold out.
    assert _join(client, event).json()["code"] == "not_sold_out"
    _, filler = _person()
    assert book_api(filler, event).status_code == 201
    entry_id = _join(client, event).json()["id"]
    _cancel(filler)
    answer = client.post(
        f"/api/waiting-list/{entry_id}/accept/", {"payment_method": "manual"}, format="json"
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["status"] == "pending_payment"
    assert body["expires_at"]
    assert body["payment"]["amount"] == "20.00"
    assert _counters(event) == (2, 0)


def test_an_offer_not_taken_in_time_passes_to_the_next_entry(sent_mail):
    event = _event()
    holders = _sold_out(event)
    _, first = _person()
    second_user, second = _person()
    first_id = _join(first, event).json()["id"]
    second_id = _join(second, event).json()["id"]
    _cancel(holders[0])
    assert _entry(first_id).status == "offered"
    WaitingListEntry.objects.filter(id=first_id).update(
        offer_expires_at=timezone.now() - timedelta(seconds=1)
    )
    # A read never writes: it reads as expired until the sweep passes it on.
    assert first.get("/api/waiting-list/").json()[0]["status"] == "expired"
    assert _entry(first_id).status == "offered"
    sent_mail()
    assert booking_expire_sweep() >= 1
    assert _entry(first_id).status == "expired"
    assert _entry(second_id).status == "offered"
    assert _counters(event) == (2, 1)
    mails = sent_mail()
    assert any(second_user.email in m.to for m in mails)
    # The first person is told the offer lapsed (and how to wait again).
    [lapsed] = [m for m in mails if "has lapsed" in m.subject]
    assert _entry(first_id).user.email in lapsed.to
    assert "went to the next person waiting" in lapsed.body
    late = first.post(f"/api/waiting-list/{first_id}/accept/", {}, format="json")
    assert (late.status_code, late.json()["code"]) == (409, "offer_expired")


def test_accepting_after_the_deadline_passes_the_offer_on_at_once():
    event = _event()
    holders = _sold_out(event)
    _, first = _person()
    _, second = _person()
    first_id = _join(first, event).json()["id"]
    second_id = _join(second, event).json()["id"]
    _cancel(holders[0])
    WaitingListEntry.objects.filter(id=first_id).update(
        offer_expires_at=timezone.now() - timedelta(seconds=1)
    )
    late = first.post(f"/api/waiting-list/{first_id}/accept/", {}, format="json")
    assert (late.status_code, late.json()["code"]) == (409, "offer_expired")
    assert _entry(second_id).status == "offered"


def test_leaving_a_waiting_entry_and_leaving_an_offer_which_passes_on():
    event = _event()
    holders = _sold_out(event)
    _, first = _person()
    _, second = _person()
    _, third = _person()
    first_id = _join(first, event).json()["id"]
    second_id = _join(second, event).json()["id"]
    third_id = _join(third, event).json()["id"]
    assert first.delete(f"/api/waiting-list/{first_id}/").status_code == 204
    assert _entry(first_id).status == "left"
    assert second.get("/api/waiting-list/").json()[0]["position"] == 1
    _cancel(holders[0])
    assert _entry(second_id).status == "offered"
    assert second.delete(f"/api/waiting-list/{second_id}/").status_code == 204
    assert _entry(second_id).status == "left"
    assert _entry(third_id).status == "offered"
    assert _counters(event) == (2, 1)
    # Again: nothing changes; someone else's entry does not exist for them.
    assert second.delete(f"/api/waiting-list/{second_id}/").status_code == 204
    assert first.delete(f"/api/waiting-list/{third_id}/").status_code == 404
    assert first.post(f"/api/waiting-list/{third_id}/accept/").status_code == 404
    # Left, one may join again (at the back).
    assert _join(first, event).json()["position"] == 2


def test_an_expired_hold_and_a_raised_capacity_or_quota_offer_seats():
    event = _event(price=Decimal("10.00"), payment_methods=["manual"], manual_hold_limit=5)
    _, holder = _person()
    booking_id = book_api(holder, event, quantity=2).json()["id"]
    _, first = _person()
    _, second = _person()
    first_id = _join(first, event).json()["id"]
    second_id = _join(second, event).json()["id"]
    age_hold(booking_id)
    booking_expire_sweep()
    assert Booking.objects.get(id=booking_id).status == "expired"
    assert {_entry(first_id).status, _entry(second_id).status} == {"offered"}
    assert _counters(event) == (2, 2)
    _, third = _person()
    _, fourth = _person()
    third_id = _join(third, event).json()["id"]
    fourth_id = _join(fourth, event).json()["id"]
    organizer = client_for(event.organizer)
    answer = organizer.patch(f"/api/events/{event.id}/", {"capacity": 3}, format="json")
    assert answer.status_code == 200, answer.content
    outbox_drain()
    assert _entry(third_id).status == "offered"
    assert _entry(fourth_id).status == "waiting"
    ticket_type = TicketType.objects.get(event=event)
    TicketType.objects.filter(id=ticket_type.id).update(quota=3)
    Event.objects.filter(id=event.id).update(capacity=10)
    answer = organizer.patch(
        f"/api/events/{event.id}/ticket-types/{ticket_type.id}/", {"quota": 4}, format="json"
    )
    assert answer.status_code == 200, answer.content
    outbox_drain()
    assert _entry(fourth_id).status == "offered"
    assert _counters(event) == (4, 4)


def test_the_organizer_sees_the_list_with_positions_and_statuses():
    event = _event()
    holders = _sold_out(event)
    people = [_person() for _ in range(3)]
    ids = [_join(client, event).json()["id"] for _, client in people]
    people[1][1].delete(f"/api/waiting-list/{ids[1]}/")
    _cancel(holders[0])
    organizer = client_for(event.organizer)
    rows = organizer.get(f"/api/events/{event.id}/waiting-list/").json()
    assert [(r["id"], r["status"], r["position"]) for r in rows] == [
        (ids[0], "offered", 1),
        (ids[1], "left", None),
        (ids[2], "waiting", 2),
    ]
    assert rows[0]["user"]["email"] == people[0][0].email
    assert people[0][1].get(f"/api/events/{event.id}/waiting-list/").status_code == 403


def test_cancelling_the_event_ends_the_queue_and_its_offers():
    event = _event()
    holders = _sold_out(event)
    _, first = _person()
    _, second = _person()
    first_id = _join(first, event).json()["id"]
    second_id = _join(second, event).json()["id"]
    _cancel(holders[0])
    organizer = client_for(event.organizer)
    assert organizer.post(f"/api/events/{event.id}/cancel/", {}, format="json").status_code == 200
    assert {_entry(first_id).status, _entry(second_id).status} == {"expired"}
    assert _counters(event) == (0, 0)
    assert TicketType.objects.get(event=event).waiting_held == 0
    answer = first.post(f"/api/waiting-list/{first_id}/accept/", {}, format="json")
    assert answer.status_code == 409


def test_the_event_form_sets_the_waiting_list():
    event = EventFactory()
    organizer = client_for(event.organizer)
    answer = organizer.patch(
        f"/api/events/{event.id}/", {"waiting_list": True, "offer_hours": 6}, format="json"
    )
    assert answer.status_code == 200
    assert (answer.json()["waiting_list"], answer.json()["offer_hours"]) == (True, 6)
    bad = organizer.patch(f"/api/events/{event.id}/", {"offer_hours": 0}, format="json")
    assert bad.status_code == 400
    assert "offer_hours" in bad.json()["fields"]


def test_deleting_the_account_leaves_its_waiting_lists_and_passes_its_offer_on():
    event = _event()
    holders = _sold_out(event)
    _, first = _person()
    _, second = _person()
    first_id = _join(first, event).json()["id"]
    second_id = _join(second, event).json()["id"]
    _cancel(holders[0])
    assert _entry(first_id).status == "offered"
    answer = first.delete("/api/auth/me/", {"password": PASSWORD}, format="json")
    assert answer.status_code == 204, answer.content
    assert _entry(first_id).status == "left"
    assert _entry(second_id).status == "offered"
    assert _counters(event) == (2, 1)
