"""What ticket holders are told: the organizer's messages to every holder of a valid ticket, and
the notices of a change or a cancellation of their event (the fan-out the events app queues and
this app handles)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest

from bookings.models import Booking
from bookings.tests.helpers import book
from conftest import client_for
from events.models import EventStatus
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _organizer_verified(organizer):
    """Messages go out in the organizer's name: only from a confirmed address."""
    organizer.email_verified = True
    organizer.save(update_fields=["email_verified"])


def test_the_organizer_writes_to_every_holder_of_a_valid_ticket(organizer, sent_mail):
    event = EventFactory(organizer=organizer)
    holders = [UserFactory() for _ in range(3)]
    for holder in holders:
        book(holder, event, 1)
    gone = UserFactory()
    Booking.objects.get(id=book(gone, event, 1).id)
    client_for(gone).post(f"/api/bookings/{Booking.objects.get(user=gone).id}/cancel/")
    sent_mail().clear()
    owner = client_for(organizer)
    response = owner.post(
        f"/api/events/{event.id}/messages/",
        {"subject": "Doors at 19:00", "body": "Bring a coat.\nThe terrace is open."},
        format="json",
    )
    assert response.status_code == 202
    assert response.json()["recipients"] == 3
    mails = [m for m in sent_mail() if m.subject == f"Message from the organizer of {event.title}"]
    assert sorted(m.to[0] for m in mails) == sorted(h.email for h in holders)
    # The organizer's own subject is in the body, never in the subject line.
    assert "Doors at 19:00\nBring a coat." in mails[0].body
    listed = owner.get(f"/api/events/{event.id}/messages/").json()
    assert [m["subject"] for m in listed] == ["Doors at 19:00"]
    assert listed[0]["recipients"] == 3


def test_messages_are_the_organizers_and_throttled(organizer, attendee_client, settings):
    event = EventFactory(organizer=organizer)
    message = {"subject": "Hello", "body": "Hi"}
    url = f"/api/events/{event.id}/messages/"
    assert attendee_client.post(url, message, format="json").status_code == 403
    assert attendee_client.get(url).status_code == 403
    draft = EventFactory(status=EventStatus.DRAFT)
    assert attendee_client.get(f"/api/events/{draft.id}/messages/").status_code == 404
    owner = client_for(organizer)
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "event_message": "2/day"}
    with mock.patch("rest_framework.throttling.SimpleRateThrottle.THROTTLE_RATES", rates):
        codes = [owner.post(url, message, format="json").status_code for _ in range(3)]
        assert codes == [202, 202, 429]
        assert owner.get(url).status_code == 200  # reading is not throttled


def test_a_draft_has_nobody_to_write_to(organizer):
    draft = EventFactory(organizer=organizer, status=EventStatus.DRAFT)
    response = client_for(organizer).post(
        f"/api/events/{draft.id}/messages/", {"subject": "x", "body": "y"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "event_not_published"


def test_holders_are_told_when_their_event_moves(organizer, sent_mail):
    starts = datetime(2031, 6, 5, 18, 0, tzinfo=UTC)
    event = EventFactory(
        organizer=organizer,
        timezone="Europe/Berlin",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        checkin_opens_at=starts - timedelta(hours=2),
    )
    holder = UserFactory()
    book(holder, event, 2)
    sent_mail().clear()
    later = starts + timedelta(days=1)
    response = client_for(organizer).patch(
        f"/api/events/{event.id}/",
        {"starts_at": later.isoformat(), "ends_at": (later + timedelta(hours=2)).isoformat()},
        format="json",
    )
    assert response.status_code == 200
    [mail] = [m for m in sent_mail() if m.to == [holder.email]]
    assert mail.subject == f"Change to {event.title}"
    assert "Thu 5 Jun 2031, 20:00 CEST" in mail.body  # was, in the event's zone
    assert "Fri 6 Jun 2031, 20:00 CEST" in mail.body  # is now


def test_holders_are_told_when_the_venue_changes_but_not_for_a_new_title(organizer, sent_mail):
    event = EventFactory(organizer=organizer)
    holder = UserFactory()
    book(holder, event, 1)
    sent_mail().clear()
    owner = client_for(organizer)
    owner.patch(f"/api/events/{event.id}/", {"title": "A better name"}, format="json")
    assert not [m for m in sent_mail() if m.to == [holder.email]]
    owner.patch(
        f"/api/events/{event.id}/",
        {"venue": "Big Hall", "venue_address": "Ring 1, Vienna"},
        format="json",
    )
    [mail] = [m for m in sent_mail() if m.to == [holder.email]]
    assert "It is now: Big Hall, Ring 1, Vienna" in mail.body


def test_holders_are_told_when_the_event_is_cancelled_and_what_happens_to_their_money(
    organizer, sent_mail
):
    event = EventFactory(organizer=organizer, price="12.50")
    payer, earlier_canceller = UserFactory(), UserFactory()
    paid = book(payer, event, 2)
    unpaid_holder = UserFactory()
    book(unpaid_holder, event, 1)  # a manual payment still awaited
    left = book(earlier_canceller, event, 1)
    client_for(earlier_canceller).post(f"/api/bookings/{left.id}/cancel/")
    client_for(organizer).post(f"/api/bookings/{paid.id}/mark-paid/")
    sent_mail().clear()
    response = client_for(organizer).post(f"/api/events/{event.id}/cancel/", format="json")
    assert response.status_code == 200
    # Not the one who had cancelled already.
    notices = {m.to[0]: m for m in sent_mail() if m.subject == f"Cancelled: {event.title}"}
    assert set(notices) == {payer.email, unpaid_holder.email}
    assert "You paid 25.00 EUR: the organizer refunds it in full" in notices[payer.email].body
    assert "Your payment of 12.50 EUR had not arrived: nothing is owed" in (
        notices[unpaid_holder.email].body
    )
    # The booking says the organizer cancelled it; the other one, its buyer.
    assert client_for(payer).get(f"/api/bookings/{paid.id}/").json()["cancelled_by"] == (
        "organizer"
    )
    mine = client_for(earlier_canceller).get(f"/api/bookings/{left.id}/").json()
    assert mine["cancelled_by"] == "attendee"


def test_a_free_event_cancelled_says_nothing_was_charged(organizer, sent_mail):
    event = EventFactory(organizer=organizer, price="0")
    holder = UserFactory()
    book(holder, event, 1)
    sent_mail().clear()
    client_for(organizer).post(f"/api/events/{event.id}/cancel/", format="json")
    [mail] = sent_mail()
    assert "nothing was charged" in mail.body


def test_a_notice_fanned_out_twice_mails_nobody_twice(organizer, sent_mail):
    """The worker died after queueing the e-mails but before marking the fan-out done: the
    fan-out runs again and queues nothing new."""
    from common.models import OutboxMessage, OutboxState
    from common.outbox import outbox_drain

    event = EventFactory(organizer=organizer)
    holders = [UserFactory() for _ in range(2)]
    for holder in holders:
        book(holder, event, 1)
    sent_mail().clear()
    client_for(organizer).post(
        f"/api/events/{event.id}/messages/", {"subject": "s", "body": "b"}, format="json"
    )
    outbox_drain()
    fanout = OutboxMessage.objects.get(topic="events.notice_fanout")
    OutboxMessage.objects.filter(id=fanout.id).update(state=OutboxState.PENDING)
    outbox_drain()
    assert sorted(m.to[0] for m in sent_mail()) == sorted(h.email for h in holders)


def test_an_organizer_without_a_confirmed_address_cannot_write_to_holders(sent_mail):
    unconfirmed = UserFactory(role="organizer")
    event = EventFactory(organizer=unconfirmed)
    book(UserFactory(), event, 1)
    sent_mail().clear()
    response = client_for(unconfirmed).post(
        f"/api/events/{event.id}/messages/", {"subject": "Hi", "body": "x"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (403, "email_not_verified")
    assert not sent_mail()


def test_no_organizer_text_but_a_short_title_without_links_in_the_subject(organizer, sent_mail):
    event = EventFactory(organizer=organizer, title="Gig at https://evil.example " + "x" * 100)
    book(UserFactory(), event, 1)
    sent_mail().clear()
    client_for(organizer).post(
        f"/api/events/{event.id}/messages/",
        {"subject": "URGENT: verify your bank account at http://evil.example", "body": "Pay."},
        format="json",
    )
    [mail] = sent_mail()
    assert "evil" not in mail.subject and "URGENT" not in mail.subject
    assert mail.subject.startswith("Message from the organizer of Gig at")
    assert len(mail.subject) <= len("Message from the organizer of ") + 60
    assert "URGENT: verify your bank account" in mail.body  # told, as the organizer's words
