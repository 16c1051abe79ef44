"""Paid bookings through the API: ticket types, holds, manual payment, Stripe (against
localstripe), webhooks, expiry, cancellation and refunds."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from bookings.models import Booking, Ticket, TicketStatus
from bookings.services import booking_expire_sweep
from bookings.stripe_api import minor_units
from bookings.tests.payment_helpers import deliver, paid_event, signature_for, stripe_event
from common.tests.localstripe import (
    CARD_3D_SECURE,
    CARD_DECLINED,
    CARD_SUCCEEDS,
    card_payment_method,
)
from conftest import client_for
from events.models import Event, TicketType
from events.tests.factories import EventFactory
from users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
BOOK = "/api/book-ticket/"


def book(client, event, **body):
    body = {"event": event.id, **body}
    if "items" not in body and "quantity" not in body:
        body["quantity"] = 1
    return client.post(BOOK, body, format="json")


def seats(event):
    event.refresh_from_db()
    return event.tickets_sold


# --- holds, hidden codes, manual payment ---------------------------------------------------


def test_a_paid_booking_holds_seats_and_shows_no_code_until_paid(attendee_client, sent_mail):
    event = paid_event(price="25.00", methods=["manual"], payment_instructions="IBAN DE02")
    response = book(attendee_client, event, quantity=2)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "pending_payment"
    assert body["total_amount"] == "50.00"
    assert body["expires_at"] is not None
    assert body["payment"]["method"] == "manual"
    assert body["payment"]["status"] == "pending"
    assert body["payment"]["instructions"] == "IBAN DE02"
    assert body["payment"]["publishable_key"] is None
    assert body["payment"]["next_action"] is None
    assert [item["quantity"] for item in body["items"]] == [2]
    for ticket in body["tickets"]:
        assert ticket["status"] == "pending"
        assert ticket["code"] is None and ticket["qr_png"] is None and ticket["qr_svg"] is None
        assert ticket["backup_code"] is None
    assert seats(event) == 2
    [message] = sent_mail()
    assert "IBAN DE02" in message.body and not message.attachments
    # No QR image of an unpaid ticket, for the booker or the organizer.
    ticket_id = body["tickets"][0]["id"]
    for client in (attendee_client, client_for(event.organizer)):
        assert client.get(f"/api/tickets/{ticket_id}/qr.png").status_code == 404
    # Its manual hold never passes the start.
    hold_end = timezone.now() + timedelta(hours=event.manual_payment_hours)
    assert Booking.objects.get(id=body["id"]).expires_at <= min(hold_end, event.starts_at)


def test_organizer_marks_a_manual_payment_paid_then_the_tickets_appear(attendee_client, sent_mail):
    event = paid_event(methods=["manual"])
    booking_id = book(attendee_client, event).json()["id"]
    path = f"/api/bookings/{booking_id}/mark-paid/"
    assert attendee_client.post(path).status_code == 403
    organizer = client_for(event.organizer)
    body = organizer.post(path).json()
    assert body["status"] == "confirmed"
    assert body["payment"]["status"] == "paid" and body["payment"]["paid_at"]
    assert all(t["code"] and t["status"] == "valid" for t in body["tickets"])
    assert organizer.post(path).json()["code"] == "payment_not_expected"
    assert any(m.attachments for m in sent_mail())  # the tickets e-mail with its QR codes


def test_cancelling_a_paid_manual_booking_waits_for_the_organizers_refund(attendee_client):
    event = paid_event(methods=["manual"])
    booking_id = book(attendee_client, event, quantity=2).json()["id"]
    organizer = client_for(event.organizer)
    organizer.post(f"/api/bookings/{booking_id}/mark-paid/")
    body = attendee_client.post(f"/api/bookings/{booking_id}/cancel/").json()
    assert body["status"] == "cancelled"
    assert body["payment"]["status"] == "refund_pending"
    assert seats(event) == 0
    refunded = organizer.post(f"/api/bookings/{booking_id}/mark-refunded/").json()
    assert refunded["payment"]["status"] == "refunded"
    assert refunded["payment"]["refunded_amount"] == "50.00"
    again = organizer.post(f"/api/bookings/{booking_id}/mark-refunded/")
    assert again.status_code == 409 and again.json()["code"] == "not_refundable"


def test_the_attendee_cannot_cancel_after_attendee_cancel_until(attendee_client):
    event = paid_event(methods=["manual"], attendee_cancel_until=timezone.now() + timedelta(days=1))
    booking_id = book(attendee_client, event).json()["id"]
    Event.objects.filter(id=event.id).update(
        attendee_cancel_until=timezone.now() - timedelta(minutes=1)
    )
    response = attendee_client.post(f"/api/bookings/{booking_id}/cancel/")
    assert response.status_code == 409 and response.json()["code"] == "cancel_closed"
    organizer = client_for(event.organizer)
    assert organizer.post(f"/api/bookings/{booking_id}/cancel/").json()["status"] == "cancelled"


# --- expiry --------------------------------------------------------------------------------


def _age(booking_id):
    Booking.objects.filter(id=booking_id).update(expires_at=timezone.now() - timedelta(seconds=1))


def test_an_ended_hold_reads_as_expired_and_the_sweep_gives_its_seats_back(attendee_client):
    event = paid_event(methods=["manual"], capacity=2)
    booking_id = book(attendee_client, event, quantity=2).json()["id"]
    assert book(client_for(UserFactory()), event).json()["code"] == "sold_out"
    _age(booking_id)
    body = attendee_client.get(f"/api/bookings/{booking_id}/").json()
    assert body["status"] == "expired"
    assert body["payment"]["status"] == "failed"
    assert {ticket["status"] for ticket in body["tickets"]} == {"cancelled"}
    assert attendee_client.get("/api/bookings/").json()["results"][0]["status"] == "expired"
    # A read never writes (v3): the seats come back with the sweep (or the next booking).
    assert Booking.objects.get(id=booking_id).status == "pending_payment"
    assert seats(event) == 2
    assert booking_expire_sweep() == 1
    assert seats(event) == 0
    assert TicketType.objects.get(event=event).sold == 0
    assert set(Ticket.objects.filter(booking_id=booking_id).values_list("status", flat=True)) == {
        TicketStatus.CANCELLED
    }
    # Kept, never deleted; and the attendee may book again.
    assert Booking.objects.filter(id=booking_id).exists()
    assert book(attendee_client, event).status_code == 201


def test_ended_holds_return_before_a_new_booking_takes_seats():
    event = paid_event(methods=["manual"], capacity=1)
    first = book(client_for(UserFactory()), event).json()["id"]
    _age(first)
    assert book(client_for(UserFactory()), event).status_code == 201
    assert Booking.objects.get(id=first).status == "expired"
    assert seats(event) == 1


def test_the_periodic_sweep_expires_holds(attendee_client):
    event = paid_event(methods=["manual"])
    booking_id = book(attendee_client, event).json()["id"]
    _age(booking_id)
    assert booking_expire_sweep() == 1
    assert Booking.objects.get(id=booking_id).status == "expired"
    assert booking_expire_sweep() == 0


def test_the_worker_of_make_run_and_celery_beat_run_the_sweep(attendee_client):
    from common.jobs import PERIODIC_JOBS
    from config.celery import app

    event = paid_event(methods=["manual"])
    booking_id = book(attendee_client, event).json()["id"]
    _age(booking_id)
    # run_worker (deploy/Procfile.local) and Celery's periodic_job task run exactly this.
    PERIODIC_JOBS["bookings.expire_holds"].run()
    assert Booking.objects.get(id=booking_id).status == "expired"
    app.finalize()  # beat's schedule is built from PERIODIC_JOBS (config/celery.py)
    assert "bookings.expire_holds" in app.conf.beat_schedule


def test_a_manual_payment_after_the_hold_confirms_if_seats_are_left(attendee_client):
    event = paid_event(methods=["manual"], capacity=3)
    booking_id = book(attendee_client, event, quantity=2).json()["id"]
    _age(booking_id)
    attendee_client.get(f"/api/bookings/{booking_id}/")
    body = client_for(event.organizer).post(f"/api/bookings/{booking_id}/mark-paid/").json()
    assert body["status"] == "confirmed" and body["payment"]["status"] == "paid"
    assert seats(event) == 2


def test_a_manual_payment_after_the_hold_is_refunded_when_the_seats_are_gone(
    attendee_client, sent_mail
):
    event = paid_event(methods=["manual"], capacity=2)
    booking_id = book(attendee_client, event, quantity=2).json()["id"]
    _age(booking_id)
    assert book(client_for(UserFactory()), event, quantity=2).status_code == 201
    body = client_for(event.organizer).post(f"/api/bookings/{booking_id}/mark-paid/").json()
    assert body["status"] == "expired"
    assert body["payment"]["status"] == "refund_pending"
    assert seats(event) == 2
    assert any("refunded" in m.body for m in sent_mail())


# --- ticket types ---------------------------------------------------------------------------


def test_an_event_created_with_a_price_gets_general_admission(organizer_client):
    body = organizer_client.post(
        "/api/events/",
        {
            "title": "Paid night",
            "venue": "Hall",
            "starts_at": "2099-01-01T20:00:00Z",
            "ends_at": "2099-01-01T23:00:00Z",
            "capacity": 10,
            "price": "15.00",
        },
        format="json",
    ).json()
    [general] = body["ticket_types"]
    assert (general["name"], general["price"], general["quota"]) == (
        "General admission",
        "15.00",
        None,
    )
    assert body["price"] == "15.00"
    assert body["payment_methods"] == ["manual"]  # Stripe is off here
    assert (body["hold_minutes"], body["manual_payment_hours"]) == (30, 72)


def test_stripe_cannot_be_chosen_when_it_is_not_configured(organizer, organizer_client):
    event = EventFactory(organizer=organizer)
    response = organizer_client.patch(
        f"/api/events/{event.id}/", {"payment_methods": ["stripe"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "payment_method_unavailable"
    paid = paid_event(methods=["manual"])
    refused = book(client_for(UserFactory()), paid, payment_method="stripe")
    assert refused.status_code == 400
    assert refused.json()["code"] == "payment_method_unavailable"


def test_ticket_types_quota_sales_window_and_choice(attendee_client):
    now = timezone.now()
    event = EventFactory(
        capacity=30,
        payment_methods=["manual"],
        ticket_types=[
            {"name": "Early", "price": Decimal("0"), "quota": 1},
            {"name": "Late", "price": Decimal("0"), "sales_start": now + timedelta(days=1)},
            {"name": "Gone", "price": Decimal("0"), "sales_end": now - timedelta(days=1)},
        ],
    )
    early, late, gone = event.ticket_types.order_by("id")
    assert (
        book(attendee_client, event, items=[{"ticket_type": early.id, "quantity": 2}]).json()[
            "code"
        ]
        == "ticket_type_sold_out"
    )
    assert (
        book(attendee_client, event, items=[{"ticket_type": late.id, "quantity": 1}]).json()["code"]
        == "sales_not_open"
    )
    assert (
        book(attendee_client, event, items=[{"ticket_type": gone.id, "quantity": 1}]).json()["code"]
        == "sales_closed"
    )
    assert seats(event) == 0
    # One type on sale: a v1 request books it.
    body = book(attendee_client, event, quantity=1).json()
    assert body["items"][0]["ticket_type"] == early.id
    early.refresh_from_db()
    assert early.sold == 1


def test_several_types_on_sale_need_items():
    event = EventFactory(
        ticket_types=[{"name": "A", "price": Decimal("0")}, {"name": "B", "price": Decimal("0")}]
    )
    response = book(client_for(UserFactory()), event, quantity=1)
    assert response.status_code == 400 and response.json()["code"] == "ticket_type_required"


def test_a_booking_of_two_types_adds_up(attendee_client):
    event = EventFactory(
        payment_methods=["manual"],
        ticket_types=[
            {"name": "Standing", "price": Decimal("35.00")},
            {"name": "Seated", "price": Decimal("60.00"), "quota": 5},
        ],
    )
    standing, seated = event.ticket_types.order_by("id")
    body = book(
        attendee_client,
        event,
        items=[
            {"ticket_type": seated.id, "quantity": 1},
            {"ticket_type": standing.id, "quantity": 2},
        ],
        payment_method="manual",
    ).json()
    assert body["total_amount"] == "130.00" and body["quantity"] == 3
    assert [(i["name"], i["quantity"], i["unit_price"]) for i in body["items"]] == [
        ("Standing", 2, "35.00"),
        ("Seated", 1, "60.00"),
    ]
    detail = client_for(UserFactory()).get(f"/api/events/{event.id}/").json()
    assert detail["price"] == "35.00"
    assert [(t["name"], t["sold"], t["available"]) for t in detail["ticket_types"]] == [
        ("Standing", 2, 97),
        ("Seated", 1, 4),
    ]


def test_ticket_type_management_rules():
    event = paid_event(methods=["manual"])
    organizer = client_for(event.organizer)
    base = f"/api/events/{event.id}/ticket-types/"
    vip = organizer.post(base, {"name": "VIP", "price": "90.00", "quota": 3}, format="json")
    assert vip.status_code == 201, vip.json()
    vip_id = vip.json()["id"]
    book(client_for(UserFactory()), event, items=[{"ticket_type": vip_id, "quantity": 2}])
    below = organizer.patch(f"{base}{vip_id}/", {"quota": 1}, format="json")
    assert below.status_code == 409 and below.json()["code"] == "quota_below_sold"
    assert organizer.patch(f"{base}{vip_id}/", {"quota": 2}, format="json").json()["quota"] == 2
    has_sales = organizer.delete(f"{base}{vip_id}/")
    assert has_sales.status_code == 409 and has_sales.json()["code"] == "ticket_type_has_sales"
    spare = organizer.post(base, {"name": "Spare", "price": "1.00"}, format="json").json()["id"]
    assert organizer.delete(f"{base}{spare}/").status_code == 204
    assert [t["name"] for t in organizer.get(base).json()] == ["General admission", "VIP"]
    assert organizer.get(f"/api/events/{event.id}/").json()["price"] == "25.00"


# --- Stripe, against localstripe ----------------------------------------------------------


def test_pay_by_card_confirms_at_once(attendee_client, stripe_on, sent_mail):
    event = paid_event(price="19.99")
    body = book(attendee_client, event, quantity=2, payment_method="stripe").json()
    assert body["payment"]["publishable_key"] == "pk_test_qr_entry"
    method = card_payment_method(stripe_on, CARD_SUCCEEDS)
    paid = attendee_client.post(
        f"/api/bookings/{body['id']}/pay/", {"payment_method": method}, format="json"
    )
    assert paid.status_code == 200, paid.json()
    paid = paid.json()
    assert paid["status"] == "confirmed"
    assert paid["payment"]["status"] == "paid" and paid["payment"]["amount"] == "39.98"
    assert all(t["code"] for t in paid["tickets"])
    booking = Booking.objects.get(id=body["id"])
    intent = _intent(stripe_on, booking.stripe_payment_intent)
    assert (intent.amount, intent.currency, intent.metadata["booking"]) == (
        3998,
        "eur",
        str(booking.id),
    )
    again = attendee_client.post(
        f"/api/bookings/{body['id']}/pay/", {"payment_method": method}, format="json"
    )
    assert again.status_code == 409 and again.json()["code"] == "payment_not_expected"


def _intent(base, intent_id):
    import stripe

    from common.tests.localstripe import TEST_SECRET_KEY

    client = stripe.StripeClient(TEST_SECRET_KEY, base_addresses={"api": base})
    return client.v1.payment_intents.retrieve(intent_id)


def test_a_declined_card_is_402_and_another_card_may_follow(attendee_client, stripe_on):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    pay = f"/api/bookings/{booking_id}/pay/"
    declined = attendee_client.post(
        pay, {"payment_method": card_payment_method(stripe_on, CARD_DECLINED)}, format="json"
    )
    assert declined.status_code == 402 and declined.json()["code"] == "payment_declined"
    assert attendee_client.get(f"/api/bookings/{booking_id}/").json()["payment"]["status"] == (
        "failed"
    )
    assert seats(event) == 1  # the hold stays
    ok = attendee_client.post(
        pay, {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)}, format="json"
    )
    assert ok.json()["status"] == "confirmed"
    assert Booking.objects.get(id=booking_id).payment_attempts == 2


def test_3d_secure_answers_the_client_secret_to_the_booker_only(attendee_client, stripe_on):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    body = attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_3D_SECURE)},
        format="json",
    ).json()
    assert body["status"] == "pending_payment"
    assert body["payment"]["next_action"]["client_secret"]
    organizer_view = client_for(event.organizer).get(f"/api/bookings/{booking_id}/").json()
    assert organizer_view["payment"]["next_action"] is None


def test_zero_decimal_currencies_are_charged_in_whole_units(attendee_client, stripe_on):
    assert minor_units(Decimal("500"), "JPY") == 500
    assert minor_units(Decimal("12.34"), "EUR") == 1234
    event = paid_event(price="1500", currency="JPY")
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)},
        format="json",
    )
    intent = _intent(stripe_on, Booking.objects.get(id=booking_id).stripe_payment_intent)
    assert (intent.amount, intent.currency) == (1500, "jpy")


def test_cancelling_a_card_booking_refunds_it_through_stripe(attendee_client, stripe_on, sent_mail):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)},
        format="json",
    )
    attendee_client.post(f"/api/bookings/{booking_id}/cancel/")
    sent = sent_mail()  # drains the outbox: the refund goes to Stripe
    body = attendee_client.get(f"/api/bookings/{booking_id}/").json()
    assert body["payment"]["status"] == "refunded"
    assert body["payment"]["refunded_amount"] == "25.00"
    assert any("refunded" in m.body for m in sent)


def test_cancelling_the_event_refunds_every_paid_booking(stripe_on, sent_mail):
    event = paid_event()
    card_client, manual_client, pending_client = (client_for(UserFactory()) for _ in range(3))
    card = book(card_client, event, payment_method="stripe").json()["id"]
    card_client.post(
        f"/api/bookings/{card}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)},
        format="json",
    )
    manual = book(manual_client, event, payment_method="manual").json()["id"]
    organizer = client_for(event.organizer)
    organizer.post(f"/api/bookings/{manual}/mark-paid/")
    pending = book(pending_client, event, payment_method="manual").json()["id"]
    organizer.post(f"/api/events/{event.id}/cancel/", format="json")
    sent_mail()
    states = {
        b.id: (b.status, b.payment_status)
        for b in Booking.objects.filter(id__in=[card, manual, pending])
    }
    assert states == {
        card: ("cancelled", "refunded"),
        manual: ("cancelled", "refund_pending"),
        pending: ("cancelled", "failed"),
    }


# --- the webhook ---------------------------------------------------------------------------


def test_webhook_confirms_once_and_records_each_event_once(attendee_client, stripe_on, api_client):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    intent = {
        "id": "pi_test_1",
        "object": "payment_intent",
        "metadata": {"booking": str(booking_id)},
    }
    body = stripe_event("payment_intent.succeeded", intent)
    first = deliver(api_client, body)
    assert first.status_code == 200 and first.json() == {"received": "processed"}
    assert deliver(api_client, body).json() == {"received": "duplicate"}
    booking = Booking.objects.get(id=booking_id)
    assert (booking.status, booking.payment_status) == ("confirmed", "paid")
    # Another event of the same payment (a redelivery with a new id) changes nothing.
    other = stripe_event("payment_intent.succeeded", intent, event_id="evt_test_2")
    assert deliver(api_client, other).json() == {"received": "processed"}
    assert seats(event) == 1
    ignored = stripe_event("customer.created", {"id": "cus_1"}, event_id="evt_test_3")
    assert deliver(api_client, ignored).json() == {"received": "ignored"}
    refunded = stripe_event(
        "charge.refunded",
        {"id": "ch_1", "payment_intent": "pi_test_1", "amount_refunded": 2500},
        event_id="evt_test_4",
    )
    assert deliver(api_client, refunded).json() == {"received": "processed"}
    booking.refresh_from_db()
    assert (booking.payment_status, booking.refunded_amount) == ("refunded", Decimal("25.00"))


@pytest.mark.parametrize(
    "signature",
    [
        "",
        "t=1,v1=deadbeef",
        "forged",
        "another-secret",
        "stale",
    ],
)
def test_webhooks_with_a_bad_signature_are_400_and_change_nothing(
    attendee_client, stripe_on, api_client, signature
):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    body = stripe_event(
        "payment_intent.succeeded", {"id": "pi_x", "metadata": {"booking": str(booking_id)}}
    )
    header = {
        "forged": signature_for(body + b" "),
        "another-secret": signature_for(body, secret="whsec_someone_else"),
        "stale": signature_for(body, at=int(timezone.now().timestamp()) - 301),
    }.get(signature, signature)
    response = deliver(api_client, body, signature=header)
    assert response.status_code == 400 and response.json()["code"] == "invalid_signature"
    assert Booking.objects.get(id=booking_id).status == "pending_payment"


def test_a_payment_failed_webhook_marks_the_attempt_failed(attendee_client, stripe_on, api_client):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    Booking.objects.filter(id=booking_id).update(stripe_payment_intent="pi_failing")
    body = stripe_event(
        "payment_intent.payment_failed",
        {"id": "pi_failing", "metadata": {"booking": str(booking_id)}},
    )
    assert deliver(api_client, body).status_code == 200
    assert Booking.objects.get(id=booking_id).payment_status == "failed"


def test_a_card_payment_after_the_hold_without_seats_is_refunded_by_itself(
    attendee_client, stripe_on, api_client, sent_mail
):
    event = paid_event(capacity=1)
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    result = attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_3D_SECURE)},
        format="json",
    ).json()
    intent_id = Booking.objects.get(id=booking_id).stripe_payment_intent
    assert result["payment"]["next_action"]
    _age(booking_id)
    assert book(client_for(UserFactory()), event).status_code == 201  # the seat is gone
    body = stripe_event(
        "payment_intent.succeeded", {"id": intent_id, "metadata": {"booking": str(booking_id)}}
    )
    assert deliver(api_client, body).status_code == 200
    sent = sent_mail()
    booking = Booking.objects.get(id=booking_id)
    assert booking.status == "expired"
    assert booking.payment_status in ("refund_pending", "refunded")
    assert seats(event) == 1
    assert any("refunded" in m.body for m in sent)


def test_analytics_money_paid_minus_refunded_per_currency_and_pending(attendee_client):
    organizer = UserFactory(role="organizer")
    eur = paid_event(methods=["manual"], organizer=organizer, price="10.00")
    usd = paid_event(methods=["manual"], organizer=organizer, price="7.00", currency="USD")
    manager = client_for(organizer)
    for event in (eur, usd):
        booking_id = book(client_for(UserFactory()), event, quantity=2).json()["id"]
        manager.post(f"/api/bookings/{booking_id}/mark-paid/")
    refunded = book(client_for(UserFactory()), eur).json()["id"]
    manager.post(f"/api/bookings/{refunded}/mark-paid/")
    manager.post(f"/api/bookings/{refunded}/cancel/")
    manager.post(f"/api/bookings/{refunded}/mark-refunded/")
    book(client_for(UserFactory()), eur, quantity=3)  # pending
    summary = manager.get("/api/admin/analytics/").json()["totals"]
    assert summary["revenue_by_currency"] == [
        {"currency": "EUR", "amount": "20.00"},
        {"currency": "USD", "amount": "14.00"},
    ]
    assert summary["revenue"] is None  # never a sum of euros and dollars
    one = manager.get(f"/api/admin/analytics/?event={eur.id}").json()
    assert one["revenue"] == "20.00"
    assert one["pending"] == {"bookings": 1, "amount": "30.00"}
    [general] = one["by_ticket_type"]
    assert (general["sold"], general["revenue"]) == (5, "20.00")


def test_the_door_refuses_a_ticket_not_paid_for(attendee_client):
    from bookings.ticket_codes import ticket_code_for

    event = paid_event(methods=["manual"])
    booking_id = book(attendee_client, event).json()["id"]
    ticket = Ticket.objects.get(booking_id=booking_id)
    code = ticket_code_for(event_id=event.id, ticket_id=ticket.id, key_id=ticket.key_id)
    body = (
        client_for(event.organizer)
        .post("/api/attendance/validate/", {"code": code, "event": event.id}, format="json")
        .json()
    )
    assert (body["status"], body["reason"]) == ("rejected", "cancelled")
    ticket.refresh_from_db()
    assert ticket.checked_in_at is None


def test_a_second_card_payment_of_a_paid_booking_is_refunded(
    attendee_client, stripe_on, api_client
):
    """Two pay requests at once can both charge: the one that did not confirm goes back."""
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)},
        format="json",
    )
    import stripe

    from common.tests.localstripe import TEST_SECRET_KEY

    client = stripe.StripeClient(TEST_SECRET_KEY, base_addresses={"api": stripe_on})
    second = client.v1.payment_intents.create(
        params={
            "amount": 2500,
            "currency": "eur",
            "payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS),
            "confirm": True,
            "metadata": {"booking": str(booking_id)},
        }
    )
    body = stripe_event(
        "payment_intent.succeeded", {"id": second.id, "metadata": {"booking": str(booking_id)}}
    )
    assert deliver(api_client, body).status_code == 200
    from common.outbox import outbox_drain

    outbox_drain()
    refunds = client.v1.refunds.list(params={"payment_intent": second.id}).data
    assert [r.amount for r in refunds] == [2500]
    assert Booking.objects.get(id=booking_id).payment_status == "paid"


def test_an_ended_card_hold_cancels_its_payment_intent(attendee_client, stripe_on, sent_mail):
    event = paid_event()
    booking_id = book(attendee_client, event, payment_method="stripe").json()["id"]
    attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_3D_SECURE)},
        format="json",
    )
    intent_id = Booking.objects.get(id=booking_id).stripe_payment_intent
    _age(booking_id)
    assert attendee_client.get(f"/api/bookings/{booking_id}/").json()["status"] == "expired"
    assert booking_expire_sweep() == 1
    sent_mail()  # drains the outbox: the cancellation goes to Stripe
    assert _intent(stripe_on, intent_id).status == "canceled"
    late = attendee_client.post(
        f"/api/bookings/{booking_id}/pay/",
        {"payment_method": card_payment_method(stripe_on, CARD_SUCCEEDS)},
        format="json",
    )
    assert late.status_code == 409 and late.json()["code"] == "hold_expired"
