"""Paid tickets in the browser. A buyer books two paid tickets, pays by card through the 3-D
Secure step, and sees the QR codes appear only then; a buyer who pays by bank transfer gets
the organizer's instructions, and the tickets once the organizer marks the booking paid.

Stripe is localstripe (`localstripe` fixture): the server's SDK talks to it, and its fake
Stripe.js is served in place of js.stripe.com. That fake draws a card form but its
createPaymentMethod does nothing (shared TESTING.md), so the one step the page cannot do is
done here: the test makes the PaymentMethod with the 3-D Secure test card through
localstripe's API and hands its id to the page's createPaymentMethod. Everything after that
is the page's own flow: POST /pay/, confirmCardPayment on the answer's client secret, the
fake's "Complete authentication" dialog, and waiting for the server to confirm the booking.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from conftest import watch_csp
from support import (
    ARTIFACTS,
    DEMO,
    DEMO_PASSWORD,
    api,
    register_attendee,
    sign_in,
    stripe_testing,
)

# Where the real Stripe.js sends its API calls: the fake is pointed there too, and the test
# routes that origin to localstripe (the page's Content-Security-Policy allows it).
STRIPE_API = "https://api.stripe.com"


@pytest.fixture
def open_page(browser: Browser, paid_app_server: str) -> Iterator:
    """Opens phone-sized pages (one browser context each: one person each) on the server that
    has Stripe (localstripe) configured; none may cause a Content-Security-Policy violation."""
    opened = []

    def open_one() -> Page:
        context = browser.new_context(
            base_url=paid_app_server, viewport={"width": 390, "height": 844}
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        opened.append((context, watch_csp(page)))
        return page

    yield open_one
    for context, violations in opened:
        context.close()
        assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def paid_page(open_page) -> Page:
    return open_page()


def serve_fake_stripe_js(page: Page, localstripe: str) -> None:
    """js.stripe.com answers with localstripe's fake Stripe.js, and the Stripe API origin
    with localstripe itself. The fake works out its API address from its own script URL
    (js.stripe.com once routed): it is told the Stripe API's instead, as real Stripe.js uses."""
    with urllib.request.urlopen(f"{localstripe}/js.stripe.com/v3/", timeout=10) as response:
        fake = response.read().decode()
    assert "document.currentScript.src" in fake, "localstripe's fake Stripe.js changed"
    fake = fake.replace("document.currentScript.src", json.dumps(f"{STRIPE_API}/"), 1)

    def script(route: Route) -> None:
        route.fulfill(status=200, content_type="application/javascript", body=fake)

    def stripe_api(route: Route) -> None:
        request = route.request
        forwarded = urllib.request.Request(
            localstripe + request.url.removeprefix(STRIPE_API),
            data=request.post_data_buffer,
            method=request.method,
            headers={"Content-Type": request.headers.get("content-type", "text/plain")},
        )
        try:
            with urllib.request.urlopen(forwarded, timeout=10) as answer:
                status, body = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        route.fulfill(
            status=status,
            body=body,
            content_type="application/json",
            headers={"Access-Control-Allow-Origin": "*"},
        )

    page.route("https://js.stripe.com/**", script)
    page.route(f"{STRIPE_API}/**", stripe_api)


def hand_payment_method_to_page(page: Page, payment_method_id: str) -> None:
    """Whatever Stripe object the page creates answers createPaymentMethod with this id (the
    fake's own does nothing); every other method stays the fake's."""
    page.add_init_script(
        f"""
        (() => {{
          let stripeFactory;
          Object.defineProperty(window, 'Stripe', {{
            configurable: true,
            get: () => stripeFactory,
            set: (factory) => {{
              stripeFactory = (...args) => {{
                const stripe = factory(...args);
                stripe.createPaymentMethod = async () => ({{
                  paymentMethod: {{ id: {json.dumps(payment_method_id)} }},
                }});
                return stripe;
              }};
            }},
          }});
        }})();
        """
    )


def organizer_token(base_url: str) -> str:
    body = {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    return api(base_url, "/api/auth/login/", body)["access"]


def paid_event(base_url: str, token: str, title: str, methods: list[str], **extra) -> dict:
    starts = datetime.now(UTC) + timedelta(days=20)
    body = {
        "title": title,
        "description": "A paid evening.",
        "venue": "Paid Hall",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "capacity": 50,
        "price": "20.00",
        "currency": "EUR",
        "max_per_booking": 4,
        "status": "published",
        "payment_methods": methods,
        **extra,
    }
    return api(base_url, "/api/events/", body, token)


def test_card_payment_through_3d_secure_shows_the_tickets(
    paid_page: Page, paid_app_server: str, localstripe: str
):
    page = paid_page
    event = paid_event(
        paid_app_server, organizer_token(paid_app_server), "Card Night", ["stripe", "manual"]
    )
    email, password, token = register_attendee(paid_app_server, "Carla Card")
    serve_fake_stripe_js(page, localstripe)
    hand_payment_method_to_page(
        page, stripe_testing.card_payment_method(localstripe, stripe_testing.CARD_3D_SECURE)
    )
    sign_in(page, email, password)

    page.goto(f"/events/{event['id']}")
    page.get_by_label("Quantity").select_option("2")
    page.get_by_label(re.compile("^Card")).check()
    expect(page.locator("output")).to_have_text("€40.00")
    page.get_by_role("button", name="Book tickets").click()

    # A pending booking with its hold: no code, no QR image before payment.
    expect(page).to_have_url(re.compile(r"/tickets/\d+$"))
    expect(page.get_by_test_id("hold-countdown")).to_contain_text("held")
    expect(page.get_by_text("Awaiting payment").first).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_have_count(0)
    booking = api(paid_app_server, "/api/bookings/", token=token)["results"][0]
    assert booking["status"] == "pending_payment"
    assert all(ticket["code"] is None for ticket in booking["tickets"])

    # The fake card form is mounted; paying asks for 3-D Secure, which the buyer completes.
    expect(page.get_by_test_id("card-element").locator("input")).not_to_have_count(0)
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    page.get_by_role("button", name="Complete authentication").click()

    images = page.get_by_role("img", name=re.compile("QR code for ticket"))
    expect(images).to_have_count(2, timeout=20_000)
    expect(page.get_by_text("Payment received")).to_be_visible()
    expect(page.get_by_test_id("money-state")).to_contain_text("Paid")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "paid-booking.png"), full_page=True)

    booking = api(paid_app_server, f"/api/bookings/{booking['id']}/", token=token)
    assert booking["status"] == "confirmed"
    assert booking["payment"]["status"] == "paid"
    assert all(ticket["code"] for ticket in booking["tickets"])


def test_manual_payment_shows_instructions_then_tickets_once_the_organizer_marks_it_paid(
    open_page, paid_app_server: str
):
    organizer = organizer_token(paid_app_server)
    event = paid_event(
        paid_app_server,
        organizer,
        "Transfer Evening",
        ["manual"],
        payment_instructions="IBAN DE02 1203 0000 0000 2020 51, reference: your booking number",
    )
    email, password, token = register_attendee(paid_app_server, "Manon Manual")

    buyer = open_page()
    sign_in(buyer, email, password)
    buyer.goto(f"/events/{event['id']}")
    # The only method the event takes is chosen already; the buyer just books.
    expect(buyer.get_by_role("radio", name=re.compile("^Bank transfer"))).to_be_checked()
    expect(buyer.get_by_role("radio", name=re.compile("^Card"))).to_have_count(0)
    buyer.get_by_role("button", name="Book tickets").click()

    expect(buyer).to_have_url(re.compile(r"/tickets/\d+$"))
    expect(buyer.get_by_test_id("payment-instructions")).to_contain_text("IBAN DE02 1203")
    expect(buyer.get_by_text(re.compile(r"Pay €20\.00 as the organizer describes"))).to_be_visible()
    expect(buyer.get_by_test_id("booking-number")).to_have_text(re.compile(r"Booking #\d+"))
    expect(buyer.get_by_role("img", name=re.compile("QR code"))).to_have_count(0)
    booking = api(paid_app_server, "/api/bookings/", token=token)["results"][0]
    assert booking["status"] == "pending_payment"
    assert booking["payment"]["method"] == "manual"

    staff = open_page()
    sign_in(staff, DEMO["organizer"])
    staff.goto(f"/dashboard/events/{event['id']}")
    expect(staff.get_by_test_id("card-pending")).to_contain_text("€20.00 awaiting payment")
    row = staff.get_by_test_id("attendee-row").filter(has_text="Manon Manual")
    expect(row.get_by_text("Awaiting payment")).to_be_visible()
    row.get_by_role("button", name="Payment").click()
    row.get_by_role("button", name=f"Mark booking #{booking['id']} paid").click()
    expect(row.get_by_test_id("booking-payment-status")).to_have_text("Paid")
    expect(staff.get_by_test_id("card-revenue")).to_contain_text("20.00")
    expect(staff.get_by_test_id("card-pending")).to_contain_text("€0.00 awaiting payment")

    buyer.reload()
    expect(buyer.get_by_role("img", name=re.compile("QR code for ticket"))).to_have_count(1)
    expect(buyer.get_by_test_id("money-state")).to_contain_text("Paid €20.00")
    booking = api(paid_app_server, f"/api/bookings/{booking['id']}/", token=token)
    assert booking["status"] == "confirmed"
    assert booking["payment"]["status"] == "paid"
