"""Booking with a discount or an access code: the discount per ticket, the errors, a use
taken by the booking and given back wherever it ends, revenue after discounts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bookings.models import Booking
from bookings.services import booking_expire_sweep, event_cancel
from bookings.tests.payment_helpers import age_hold, book
from conftest import client_for
from events.models import Code, TicketType
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def festival(**overrides):
    overrides.setdefault("payment_methods", ["manual"])
    return EventFactory(
        ticket_types=[
            {"name": "Standard", "price": Decimal("20.00")},
            {"name": "VIP", "price": Decimal("50.00")},
            {"name": "Crew", "price": Decimal("8.00"), "hidden": True},
            {"name": "Kids", "price": Decimal("0.00")},
        ],
        **overrides,
    )


def tid(event, name):
    return TicketType.objects.get(event=event, name=name).id


def code_of(event, text="SAVE", types=(), **terms):
    code = Code.objects.create(event=event, code=text, **terms)
    code.ticket_types.set([tid(event, name) for name in types])
    return code


def items(event, **counts):
    return [{"ticket_type": tid(event, name), "quantity": n} for name, n in counts.items()]


def uses(code):
    code.refresh_from_db()
    return code.uses


def test_percent_off_every_ticket_of_every_type(attendee_client):
    event = festival()
    code = code_of(event, percent_off=Decimal("15"))
    response = book(attendee_client, event, items=items(event, Standard=2, VIP=1), code="save")
    assert response.status_code == 201, response.content
    body = response.json()
    # 2 x 20 + 50 = 90; 15% of each ticket: 3 + 3 + 7.50
    assert body["total_amount"] == "76.50"
    assert body["payment"]["amount"] == "76.50"
    assert body["discount"] == {"code": "SAVE", "amount": "13.50"}
    assert {i["name"]: i["discount_amount"] for i in body["items"]} == {
        "Standard": "6.00",
        "VIP": "7.50",
    }
    assert body["status"] == "pending_payment"
    assert uses(code) == 1
    again = attendee_client.get(f"/api/bookings/{body['id']}/").json()
    assert again["discount"] == {"code": "SAVE", "amount": "13.50"}


def test_amount_off_one_type_only(attendee_client):
    event = festival()
    code_of(event, types=["VIP"], amount_off=Decimal("12.50"))
    body = book(attendee_client, event, items=items(event, Standard=1, VIP=2), code="SAVE").json()
    assert body["total_amount"] == "95.00"  # 20 + 2 x (50 - 12.50)
    assert body["discount"]["amount"] == "25.00"


def test_a_code_that_makes_the_total_zero_confirms_at_once(attendee_client):
    event = festival()
    code_of(event, types=["Standard"], percent_off=Decimal("100"))
    body = book(attendee_client, event, items=items(event, Standard=2), code="SAVE").json()
    assert body["total_amount"] == "0.00"
    assert body["status"] == "confirmed"
    assert body["payment"]["status"] == "not_required"
    assert all(t["code"] for t in body["tickets"])


def test_an_amount_never_takes_a_ticket_below_zero(attendee_client):
    event = festival()
    # Above the Standard price (allowed: it applies to VIP too), capped at each price.
    code_of(event, amount_off=Decimal("30"))
    body = book(attendee_client, event, items=items(event, Standard=1, VIP=1), code="SAVE").json()
    assert body["total_amount"] == "20.00"  # 0 + (50 - 30)
    assert body["discount"]["amount"] == "50.00"


def test_a_hidden_type_is_bookable_only_with_its_access_code(attendee_client):
    event = festival()
    refused = book(attendee_client, event, items=items(event, Crew=1))
    assert refused.status_code == 400 and refused.json()["code"] == "validation_error"
    discount = code_of(event, "TENOFF", percent_off=Decimal("10"))
    with_discount = book(attendee_client, event, items=items(event, Crew=1), code="tenoff")
    assert with_discount.status_code == 400, "a discount code unlocks nothing"
    access = code_of(event, "CREW", types=["Crew"], kind="access", max_uses=1)
    response = book(attendee_client, event, items=items(event, Crew=2), code="crew")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["total_amount"] == "16.00"
    assert body["discount"] == {"code": "CREW", "amount": "0.00"}
    assert uses(access) == 1 and uses(discount) == 0


@pytest.mark.parametrize(
    ("terms", "status", "error"),
    [
        ({"active": False}, 400, "code_invalid"),
        ({"valid_until": timezone.now() - timedelta(minutes=1)}, 400, "code_invalid"),
        ({"valid_from": timezone.now() + timedelta(days=1)}, 400, "code_invalid"),
        ({"max_uses": 2, "uses": 2}, 409, "code_used_up"),
        ({"types": ["VIP"]}, 400, "code_not_applicable"),
    ],
)
def test_refused_codes_change_nothing(attendee_client, terms, status, error):
    event = festival()
    types = terms.pop("types", ())
    code = code_of(event, types=types, percent_off=Decimal("10"), **terms)
    before = uses(code)
    response = book(attendee_client, event, items=items(event, Standard=1), code="SAVE")
    assert response.status_code == status, response.content
    assert response.json()["code"] == error
    assert not Booking.objects.exists()
    assert uses(code) == before
    event.refresh_from_db()
    assert event.tickets_sold == 0


def test_an_unknown_code_is_code_invalid(attendee_client):
    event = festival()
    code_of(event, "OTHER", percent_off=Decimal("10"))
    response = book(attendee_client, event, items=items(event, Standard=1), code="NOPE")
    assert response.status_code == 400 and response.json()["code"] == "code_invalid"
    other_event = festival()
    elsewhere = book(
        attendee_client, other_event, items=items(other_event, Standard=1), code="OTHER"
    )
    assert elsewhere.json()["code"] == "code_invalid"


def test_a_discount_on_free_tickets_only_is_not_applicable(attendee_client):
    event = festival()
    code_of(event, percent_off=Decimal("50"))
    response = book(attendee_client, event, items=items(event, Kids=1), code="SAVE")
    assert response.status_code == 400 and response.json()["code"] == "code_not_applicable"


def test_quantities_above_the_limit_with_a_code_change_nothing(attendee_client):
    event = festival(max_per_booking=4)
    code = code_of(event, percent_off=Decimal("10"))
    response = book(attendee_client, event, items=items(event, Standard=5), code="SAVE")
    assert 400 <= response.status_code < 500
    assert not Booking.objects.exists() and uses(code) == 0


def test_a_cancelled_booking_gives_its_use_back(attendee_client):
    event = festival()
    code = code_of(event, percent_off=Decimal("10"), max_uses=1)
    booking_id = book(attendee_client, event, items=items(event, Standard=1), code="SAVE").json()[
        "id"
    ]
    assert uses(code) == 1
    second = book(client_for(UserFactory()), event, items=items(event, Standard=1), code="SAVE")
    assert second.status_code == 409 and second.json()["code"] == "code_used_up"
    assert attendee_client.post(f"/api/bookings/{booking_id}/cancel/").status_code == 200
    assert uses(code) == 0
    third = book(client_for(UserFactory()), event, items=items(event, Standard=1), code="SAVE")
    assert third.status_code == 201


def test_an_expired_hold_gives_its_use_back(attendee_client):
    event = festival()
    code = code_of(event, percent_off=Decimal("10"), max_uses=1)
    booking_id = book(attendee_client, event, items=items(event, Standard=1), code="SAVE").json()[
        "id"
    ]
    age_hold(booking_id)
    assert booking_expire_sweep() == 1
    assert uses(code) == 0


def test_a_cancelled_event_gives_every_use_back(attendee_client):
    event = festival()
    code = code_of(event, percent_off=Decimal("10"))
    book(attendee_client, event, items=items(event, Standard=1), code="SAVE")
    assert uses(code) == 1
    event_cancel(event_id=event.id, reason="Storm")
    assert uses(code) == 0


def test_the_organizer_releasing_a_manual_hold_gives_the_use_back(attendee_client):
    event = festival()
    code = code_of(event, percent_off=Decimal("10"))
    booking_id = book(attendee_client, event, items=items(event, Standard=1), code="SAVE").json()[
        "id"
    ]
    released = client_for(event.organizer).post(f"/api/bookings/{booking_id}/release-hold/")
    assert released.status_code == 200, released.content
    assert uses(code) == 0


def test_a_booking_without_a_code_runs_no_code_query(attendee_client):
    event = festival()
    code_of(event, percent_off=Decimal("10"))
    with CaptureQueriesContext(connection) as queries:
        response = book(attendee_client, event, items=items(event, Standard=1))
    assert response.status_code == 201
    assert response.json()["discount"] is None
    assert not [q for q in queries.captured_queries if "events_code" in q["sql"]]


def test_analytics_count_revenue_after_discounts_and_uses_per_code(attendee_client):
    event = festival()
    code = code_of(event, percent_off=Decimal("25"))
    code_of(event, "UNUSED", amount_off=Decimal("1"))
    paid = book(attendee_client, event, items=items(event, Standard=2, VIP=1), code="SAVE").json()
    organizer = client_for(event.organizer)
    assert organizer.post(f"/api/bookings/{paid['id']}/mark-paid/").status_code == 200
    free = book(client_for(UserFactory()), event, items=items(event, Kids=1)).json()
    assert free["status"] == "confirmed"
    body = organizer.get(f"/api/admin/analytics/?event={event.id}").json()
    assert body["revenue"] == "67.50"  # 90 - 25%
    by_type = {row["name"]: row["revenue"] for row in body["by_ticket_type"]}
    assert by_type["Standard"] == "30.00" and by_type["VIP"] == "37.50"
    assert sum(Decimal(v) for v in by_type.values()) == Decimal(body["revenue"])
    assert body["by_code"] == [
        {"code": "SAVE", "uses": 1, "discount_total": "22.50"},
        {"code": "UNUSED", "uses": 0, "discount_total": "0.00"},
    ]
    assert uses(code) == 1


def test_the_card_pays_the_discounted_total_and_a_dashboard_refund_gives_the_use_back(
    attendee_client, stripe_on
):
    from bookings.services.cancel import booking_refund_recorded
    from bookings.tests.payment_helpers import stripe_intent
    from common.tests.localstripe import CARD_SUCCEEDS, card_payment_method

    event = festival(payment_methods=["stripe"])
    code = code_of(event, amount_off=Decimal("5.01"), types=["Standard"])
    body = book(
        attendee_client,
        event,
        items=items(event, Standard=1),
        code="SAVE",
        payment_method="stripe",
    ).json()
    assert body["total_amount"] == "14.99"
    paid = attendee_client.post(
        f"/api/bookings/{body['id']}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)},
        format="json",
    ).json()
    assert paid["status"] == "confirmed" and paid["payment"]["amount"] == "14.99"
    booking = Booking.objects.get(id=body["id"])
    assert stripe_intent(stripe_on, booking.stripe_payment_intent).amount == 1499
    assert uses(code) == 1
    booking_refund_recorded(intent_id=booking.stripe_payment_intent, refunded_minor=1499)
    booking.refresh_from_db()
    assert booking.status == "cancelled" and uses(code) == 0
