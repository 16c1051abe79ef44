"""What a buyer of a bank-transfer ticket and an organizer see (issue 21), in a real browser at
phone and desktop size: the held booking's page names the booking number (the reference the
instructions ask for) and says the payment deadline once, in the event's zone with the zone
named, whatever the browser's zone; the event form's re-entry switch saves."""

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, expect

from support import DEMO, DEMO_PASSWORD, api, register_attendee, sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LISBON = ZoneInfo("Europe/Lisbon")


def organizer_token(base_url: str) -> str:
    body = {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    return api(base_url, "/api/auth/login/", body)["access"]


def transfer_event(base_url: str, token: str) -> dict:
    """A paid Lisbon event taking bank transfers only, a month ahead."""
    starts = (datetime.now(LISBON) + timedelta(days=30)).replace(
        hour=20, minute=0, second=0, microsecond=0
    )
    body = {
        "title": f"Fado Night {uuid.uuid4().hex[:6]}",
        "description": "Fado by the river.",
        "venue": "Casa do Rio",
        "timezone": "Europe/Lisbon",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "capacity": 40,
        "price": "15.00",
        "currency": "EUR",
        "max_per_booking": 4,
        "status": "published",
        "payment_methods": ["manual"],
        "payment_instructions": "IBAN PT50 0002 0123 1234 5678 9015 4, reference: booking number",
    }
    return api(base_url, "/api/events/", body, token)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_held_transfer_booking_shows_its_number_and_one_deadline_and_reentry_saves(
    browser: Browser, app_server: str, size
):
    organizer = organizer_token(app_server)
    event = transfer_event(app_server, organizer)
    email, password, buyer = register_attendee(app_server, "Beatriz Banco")
    booking = api(
        app_server,
        "/api/book-ticket/",
        {"event": event["id"], "quantity": 1, "payment_method": "manual"},
        buyer,
    )
    assert booking["status"] == "pending_payment"
    deadline = datetime.fromisoformat(booking["expires_at"]).astimezone(LISBON)
    # "20:53 WET": the Lisbon wall clock, 24-hour, with Lisbon's zone named.
    deadline_text = f"{deadline:%H:%M} {deadline.tzname()}"
    viewport = PHONE if size == "phone" else DESKTOP

    # The buyer's browser is in Tokyo: the deadline still reads on Lisbon's clock.
    context = browser.new_context(base_url=app_server, viewport=viewport, timezone_id="Asia/Tokyo")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, email, password)
    page.goto(f"/tickets/{booking['id']}")
    card = page.get_by_role("article").filter(has_text=event["title"])
    expect(card.get_by_test_id("booking-number")).to_have_text(f"Booking #{booking['id']}")
    expect(card.get_by_test_id("payment-instructions")).to_contain_text("IBAN PT50")
    expect(card.get_by_text(f"booking #{booking['id']} as the reference")).to_be_visible()
    expect(card.get_by_test_id("hold-countdown")).to_contain_text(deadline_text)
    # Said once on the whole page, not three times.
    assert page.locator("main").inner_text().count(deadline_text) == 1
    # 24-hour clock everywhere on the page: no AM or PM.
    assert not re.search(r"\d\s?(AM|PM)\b", page.locator("main").inner_text())
    context.close()

    # The organizer switches re-entry on in the event form, and it is saved.
    context = browser.new_context(base_url=app_server, viewport=viewport)
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, DEMO["organizer"])
    page.goto(f"/organizer/events/{event['id']}")
    switch = page.get_by_role("switch", name="Allow re-entry")
    expect(switch).not_to_be_checked()
    expect(page.get_by_text("scan people out and back in")).to_be_visible()
    switch.check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    assert api(app_server, f"/api/events/{event['id']}/", token=organizer)["allow_reentry"] is True
    page.reload()
    expect(page.get_by_role("switch", name="Allow re-entry")).to_be_checked()
    context.close()
