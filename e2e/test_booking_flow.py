"""An attendee books two free tickets, finds both QR codes on My tickets, cancels, and the
seats come back. (Paid bookings: test_paid_booking.py.)"""

import re
from datetime import UTC, datetime, timedelta

import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from support import ARTIFACTS, DEMO, DEMO_PASSWORD, api, register_attendee, sign_in

EVENT_TITLE = "Free Software Evening"


def free_event(base_url: str) -> dict:
    """A free event in a month (the demo's upcoming ones are paid; its free one has started,
    and an attendee may cancel only until the start)."""
    body = {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    token = api(base_url, "/api/auth/login/", body)["access"]
    starts = datetime.now(UTC) + timedelta(days=30)
    return api(
        base_url,
        "/api/events/",
        {
            "title": EVENT_TITLE,
            "description": "Talks and pizza.",
            "venue": "Hall 3",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=3)).isoformat(),
            "capacity": 80,
            "price": "0.00",
            "currency": "EUR",
            "max_per_booking": 4,
            "status": "published",
        },
        token,
    )


def availability(base_url: str, event: dict) -> int:
    return api(base_url, f"/api/events/{event['id']}/")["tickets_available"]


def test_book_two_tickets_see_their_qr_codes_then_cancel(page: Page, app_server: str):
    event = free_event(app_server)
    email, password, token = register_attendee(app_server, "Frida Fan")
    before = availability(app_server, event)
    sign_in(page, email, password)

    page.goto("/")
    page.get_by_text(EVENT_TITLE).first.click()
    page.get_by_label("Quantity").select_option("2")
    page.get_by_role("button", name="Book tickets").click()
    expect(page).to_have_url(re.compile(r"/tickets$"))
    assert availability(app_server, event) == before - 2

    # The QR codes on the page decode to exactly the codes the API issued.
    booking = api(app_server, "/api/bookings/", token=token)["results"][0]
    codes = sorted(ticket["code"] for ticket in booking["tickets"])
    images = page.get_by_role("img", name=re.compile(r"QR code for ticket"))
    expect(images).to_have_count(2)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    decoded = []
    for index in range(2):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        shot = ARTIFACTS / f"ticket-qr-{index}.png"
        image.screenshot(path=str(shot))
        decoded += [result.text for result in zxingcpp.read_barcodes(Image.open(shot))]
    assert sorted(decoded) == codes
    page.screenshot(path=str(ARTIFACTS / "my-tickets.png"), full_page=True)

    page.get_by_role("button", name="Cancel booking").click()
    page.get_by_role("button", name="Yes, cancel").click()
    # A cancelled booking moves into the folded "Past and cancelled" list.
    page.get_by_text("Past and cancelled (1)").click()
    expect(page.get_by_text(re.compile("Void")).first).to_be_visible()
    expect(images).to_have_count(0)
    assert availability(app_server, event) == before
