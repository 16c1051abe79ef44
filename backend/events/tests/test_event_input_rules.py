"""Rules on what an organizer may write into an event (issue 24): the attendees' cancel
deadline within the event, the currency fixed once anything is sold or held, no control
characters in the texts that end up in e-mail headers and on tickets."""

from datetime import datetime, timedelta

import pytest

from conftest import client_for
from events.models import Event
from events.tests.factories import EventFactory
from events.tests.test_event_management import new_event

pytestmark = pytest.mark.django_db


def test_attendee_cancel_until_after_the_end_is_refused_on_create(organizer_client):
    body = new_event()
    ends = datetime.fromisoformat(body["ends_at"])
    body["attendee_cancel_until"] = (ends + timedelta(minutes=1)).isoformat()
    response = organizer_client.post("/api/events/", body, format="json")
    assert response.status_code == 400
    assert "attendee_cancel_until" in response.json()["fields"]
    assert not Event.objects.exists()
    body["attendee_cancel_until"] = (ends - timedelta(days=1)).isoformat()
    assert organizer_client.post("/api/events/", body, format="json").status_code == 201


def test_attendee_cancel_until_after_the_end_is_refused_on_change(organizer):
    event = EventFactory(organizer=organizer)
    client = client_for(organizer)
    late = (event.ends_at + timedelta(hours=1)).isoformat()
    response = client.patch(f"/api/events/{event.id}/", {"attendee_cancel_until": late})
    assert response.status_code == 400
    assert "attendee_cancel_until" in response.json()["fields"]
    within = (event.ends_at - timedelta(hours=1)).isoformat()
    assert (
        client.patch(f"/api/events/{event.id}/", {"attendee_cancel_until": within}).status_code
        == 200
    )
    # Moving the end before the deadline already set is refused the same way.
    earlier_end = (event.ends_at - timedelta(hours=2)).isoformat()
    response = client.patch(f"/api/events/{event.id}/", {"ends_at": earlier_end})
    assert response.status_code == 400
    assert "attendee_cancel_until" in response.json()["fields"]
    event.refresh_from_db()
    assert event.ends_at > event.attendee_cancel_until


def test_currency_changes_freely_until_something_is_sold_or_held(organizer, attendee):
    from decimal import Decimal

    event = EventFactory(organizer=organizer, price=Decimal("20.00"))
    client = client_for(organizer)
    assert client.patch(f"/api/events/{event.id}/", {"currency": "usd"}).status_code == 200
    # A hold awaiting a manual payment: its amount is in dollars.
    held = client_for(attendee).post(
        "/api/book-ticket/", {"event": event.id, "quantity": 1, "payment_method": "manual"}
    )
    assert held.status_code == 201, held.json()
    assert held.json()["currency"] == "USD"
    refused = client.patch(f"/api/events/{event.id}/", {"currency": "EUR"})
    assert refused.status_code == 409
    assert refused.json()["code"] == "currency_locked"
    event.refresh_from_db()
    assert event.currency == "USD"
    # Sending the currency it already has (any case) is no change, and other fields pass.
    same = client.patch(f"/api/events/{event.id}/", {"currency": "usd", "venue": "Hall B"})
    assert same.status_code == 200
    assert same.json()["venue"] == "Hall B"


def test_currency_is_locked_after_a_free_sale_too(organizer, attendee):
    event = EventFactory(organizer=organizer)
    booked = client_for(attendee).post("/api/book-ticket/", {"event": event.id, "quantity": 1})
    assert booked.status_code == 201
    refused = client_for(organizer).patch(f"/api/events/{event.id}/", {"currency": "GBP"})
    assert refused.status_code == 409 and refused.json()["code"] == "currency_locked"


BROKEN = [
    "Gig\r\nBcc: victim@example.test",
    "Gig\nNight",
    "Tab\there",
    "Esc\x1b[31m",
    "Line\u2028sep",
]


@pytest.mark.parametrize("text", BROKEN)
@pytest.mark.parametrize("field", ["title", "venue", "venue_address"])
def test_control_characters_in_event_texts_are_refused(organizer_client, field, text):
    response = organizer_client.post("/api/events/", new_event(**{field: text}), format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not Event.objects.exists()


def test_control_characters_in_a_changed_title_are_refused(organizer):
    event = EventFactory(organizer=organizer, title="Calm")
    response = client_for(organizer).patch(f"/api/events/{event.id}/", {"title": BROKEN[0]})
    assert response.status_code == 400 and "title" in response.json()["fields"]
    event.refresh_from_db()
    assert event.title == "Calm"


def test_control_characters_in_ticket_type_names_and_question_labels_are_refused(organizer):
    event = EventFactory(organizer=organizer)
    client = client_for(organizer)
    typed = client.post(f"/api/events/{event.id}/ticket-types/", {"name": "VIP\r\nX"})
    assert typed.status_code == 400 and "name" in typed.json()["fields"]
    asked = client.post(f"/api/events/{event.id}/questions/", {"label": "Size?\nX", "kind": "text"})
    assert asked.status_code == 400 and "label" in asked.json()["fields"]
    options = client.post(
        f"/api/events/{event.id}/questions/",
        {"label": "Size?", "kind": "choice", "options": ["S", "M\r\nL"]},
        format="json",
    )
    assert options.status_code == 400 and "options" in options.json()["fields"]
    # Plain text (accents, emoji, dashes) is fine.
    plain = {"name": "Caf\u00e9 \u2013 VIP \U0001f39f"}
    assert client.post(f"/api/events/{event.id}/ticket-types/", plain).status_code == 201


def test_control_characters_in_user_and_attendee_names_are_refused(api_client, attendee):
    registered = api_client.post(
        "/api/auth/register/",
        {"email": "new@example.test", "password": "a-long-password-1", "name": "Eve\r\nBcc: x"},
    )
    assert registered.status_code == 400 and "name" in registered.json()["fields"]
    renamed = client_for(attendee).patch("/api/auth/me/", {"name": "Eve\nX"})
    assert renamed.status_code == 400 and "name" in renamed.json()["fields"]
    event = EventFactory()
    booked = client_for(attendee).post(
        "/api/book-ticket/",
        {"event": event.id, "quantity": 1, "attendees": [{"name": "Bob\r\nX"}]},
        format="json",
    )
    assert booked.status_code == 400, booked.json()
    assert "name" in str(booked.json()["fields"]["attendees"])


def test_a_title_with_a_line_break_from_before_still_gets_its_e_mails_out(attendee, sent_mail):
    # Titles written before the rule (or by an admin) may hold a break: every subject is
    # built on one line, so the e-mails of that event are still sent, with no extra header.
    event = EventFactory(title="Gig\r\nBcc: victim@example.test")
    booked = client_for(attendee).post("/api/book-ticket/", {"event": event.id, "quantity": 1})
    assert booked.status_code == 201
    [message] = sent_mail()
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.subject == "Your tickets for Gig Bcc: victim@example.test"
    assert message.bcc == [] and message.to == [attendee.email]
