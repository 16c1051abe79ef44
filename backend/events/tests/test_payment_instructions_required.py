"""A paid event whose buyers can only pay by hand (bank transfer, box office) says how before
it is published: 400 `payment_instructions_required`, next to `payment_instructions`."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone

from conftest import client_for
from events.models import Event, EventStatus
from events.tests.factories import EventFactory
from users.models import Role
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CODE = "payment_instructions_required"


def paid_draft(**fields):
    fields.setdefault("payment_methods", ["manual"])
    return EventFactory(
        status=EventStatus.DRAFT,
        ticket_types=[
            {"name": "General admission", "price": Decimal("0.00")},
            {"name": "VIP table", "price": Decimal("40.00")},
        ],
        **fields,
    )


def refused(response):
    body = response.json()
    assert (response.status_code, body["code"]) == (400, CODE)
    assert body["fields"]["payment_instructions"]
    return body


def test_publish_endpoint_refuses_a_manual_only_paid_event_without_instructions():
    event = paid_draft()
    client = client_for(event.organizer)
    refused(client.post(f"/api/events/{event.id}/publish/"))
    assert Event.objects.get(id=event.id).status == EventStatus.DRAFT
    blank = paid_draft(payment_instructions="   \n ")
    refused(client_for(blank.organizer).post(f"/api/events/{blank.id}/publish/"))


def test_patch_publishing_is_refused_and_writes_nothing():
    event = paid_draft()
    response = client_for(event.organizer).patch(
        f"/api/events/{event.id}/", {"status": "published", "title": "Renamed"}, format="json"
    )
    refused(response)
    event.refresh_from_db()
    assert (event.status, event.title == "Renamed") == (EventStatus.DRAFT, False)


def test_instructions_sent_with_the_publish_patch_are_enough():
    event = paid_draft()
    response = client_for(event.organizer).patch(
        f"/api/events/{event.id}/",
        {"status": "published", "payment_instructions": "IBAN DE00 1234, reference: booking"},
        format="json",
    )
    assert (response.status_code, response.json()["status"]) == (200, "published")


@pytest.mark.parametrize(
    "fields",
    [
        {"payment_instructions": "Pay at the box office on the night."},
        {"ticket_types": [{"name": "General admission", "price": Decimal("0.00")}]},
    ],
    ids=["with-instructions", "free"],
)
def test_events_that_need_no_instructions_publish(fields):
    event = EventFactory(status=EventStatus.DRAFT, payment_methods=["manual"], **fields)
    response = client_for(event.organizer).post(f"/api/events/{event.id}/publish/")
    assert (response.status_code, response.json()["status"]) == (200, "published")


@override_settings(STRIPE_SECRET_KEY="sk_test_x", STRIPE_PUBLISHABLE_KEY="pk_test_x")
def test_a_card_payment_needs_no_instructions():
    event = paid_draft(payment_methods=["manual", "stripe"])
    response = client_for(event.organizer).post(f"/api/events/{event.id}/publish/")
    assert response.status_code == 200


def test_creating_a_published_manual_only_paid_event_is_refused():
    organizer = UserFactory(role=Role.ORGANIZER)
    starts = timezone.now() + timedelta(days=10)
    body = {
        "title": "Jazz night",
        "venue": "Cellar",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "capacity": 50,
        "price": "12.00",
        "payment_methods": ["manual"],
        "status": "published",
    }
    refused(client_for(organizer).post("/api/events/", body, format="json"))
    assert not Event.objects.filter(organizer=organizer).exists()
    body["payment_instructions"] = "Bank transfer to IBAN DE00 1234."
    assert client_for(organizer).post("/api/events/", body, format="json").status_code == 201
