"""One meaning of "sold" on every page: an event with confirmed free tickets, a paid one and
holds awaiting payment, across two types, shows the same figures on My events, the manage
page and the dashboard, at phone and desktop size."""

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from support import DEMO, DEMO_PASSWORD, api, register_attendee, sign_in

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SUMMARY = re.compile(r"(\d+) sold(?:, (\d+) pending)? / (\d+)")


def _event_with_sales(base: str, organizer: str) -> dict:
    """General admission (free) and VIP table (40.00, bank transfer), capacity 30:
    2 general confirmed, 1 VIP paid, 2 VIP held awaiting payment: 3 sold, 2 pending."""
    starts = datetime.now(UTC) + timedelta(days=20)
    event = api(
        base,
        "/api/events/",
        {
            "title": f"Sold figures {uuid.uuid4().hex[:6]}",
            "venue": "Hall 2",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=4)).isoformat(),
            "capacity": 30,
            "price": "0.00",
            "payment_methods": ["manual"],
            "payment_instructions": "Bank transfer to IBAN DE00 1234, reference: booking number.",
        },
        organizer,
    )
    [general] = event["ticket_types"]
    vip = api(
        base,
        f"/api/events/{event['id']}/ticket-types/",
        {"name": "VIP table", "price": "40.00"},
        organizer,
    )
    api(base, f"/api/events/{event['id']}/publish/", {}, organizer)

    def book(name: str, type_id: int, quantity: int) -> dict:
        token = register_attendee(base, name)[2]
        body = {"event": event["id"], "items": [{"ticket_type": type_id, "quantity": quantity}]}
        if type_id == vip["id"]:
            body["payment_method"] = "manual"
        return api(base, "/api/book-ticket/", body, token)

    book("Gale General", general["id"], 2)
    paid = book("Vera Vip", vip["id"], 1)
    api(base, f"/api/bookings/{paid['id']}/mark-paid/", {}, organizer)
    book("Hal Held", vip["id"], 2)
    return event


def _figures(text: str) -> tuple[int, int, int]:
    match = SUMMARY.search(text)
    assert match, text
    sold, pending, capacity = match.groups()
    return int(sold), int(pending or 0), int(capacity)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_sold_agrees_on_my_events_the_manage_page_and_the_dashboard(
    page: Page, app_server: str, size: str
):
    organizer = api(
        app_server, "/api/auth/login/", {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    )["access"]
    event = _event_with_sales(app_server, organizer)
    page.set_viewport_size(SIZES[size])
    sign_in(page, DEMO["organizer"])

    page.goto("/organizer/events")
    row = page.get_by_role("listitem").filter(has_text=event["title"])
    expect(row.get_by_test_id("sold-summary")).to_have_text(SUMMARY)
    on_my_events = _figures(row.get_by_test_id("sold-summary").inner_text())

    page.goto(f"/organizer/events/{event['id']}")
    summary = page.get_by_test_id("sold-summary")
    expect(summary).to_have_text(SUMMARY)
    on_manage_page = _figures(summary.inner_text())

    page.goto(f"/dashboard/events/{event['id']}")
    card = page.get_by_test_id("card-sold")
    expect(card).to_contain_text("pending")
    text = card.inner_text()
    sold, capacity = re.search(r"(\d+)\s*/\s*(\d+)", text).groups()
    pending = re.search(r"(\d+) pending", text).group(1)
    on_dashboard = (int(sold), int(pending), int(capacity))

    assert on_my_events == on_manage_page == on_dashboard == (3, 2, 30)
    by_type = page.get_by_role("region", name="Sales by ticket type")
    # Sold 1, pending 2, and the revenue of the sold one.
    expect(by_type.get_by_role("row", name=re.compile("VIP table"))).to_have_text(
        re.compile(r"VIP table\s*1\s*2\s*\D*40\.00")
    )
