"""Discount and access codes in the browser, at phone and desktop size: the organizer adds a
discount code in the event's Codes section; a buyer applies it on the event page, sees the
discounted total, books and is asked to pay exactly that (bank transfer), which the organizer
marks paid; an access code in a link reveals a hidden ticket type with its price, which the
second buyer books; the organizer's dashboard shows the uses of each code and the revenue
after the discount."""

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from support import DEMO, DEMO_PASSWORD, api, register_attendee, sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def organizer_token(base_url: str) -> str:
    body = {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    return api(base_url, "/api/auth/login/", body)["access"]


def event_with_hidden_type(base_url: str, token: str) -> dict:
    """A paid event (bank transfer) sold as General admission at 20.00, with a hidden Crew
    type at 8.00 that an access code CREW unlocks."""
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
    event = api(
        base_url,
        "/api/events/",
        {
            "title": f"Spring Festival {uuid.uuid4().hex[:6]}",
            "description": "Three stages.",
            "venue": "Parkbühne",
            "timezone": "Europe/Berlin",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=6)).isoformat(),
            "capacity": 100,
            "price": "20.00",
            "currency": "EUR",
            "max_per_booking": 4,
            "status": "published",
            "payment_methods": ["manual"],
            "payment_instructions": "IBAN DE02 1203 0000 0000 2020 51",
        },
        token=token,
    )
    path = f"/api/events/{event['id']}"
    crew = api(
        base_url,
        f"{path}/ticket-types/",
        {"name": "Crew", "price": "8.00", "hidden": True, "position": 5},
        token=token,
    )
    api(
        base_url,
        f"{path}/codes/",
        {"code": "CREW", "kind": "access", "ticket_types": [crew["id"]]},
        token=token,
    )
    return event


def add_discount_code_in_the_browser(page: Page, event: dict) -> None:
    page.goto(f"/organizer/events/{event['id']}")
    section = page.get_by_role("region", name="Codes")
    expect(section.get_by_test_id("code-row")).to_have_count(1)  # CREW
    section.get_by_role("button", name="Add code").click()
    section.get_by_label("Code", exact=True).fill("spring25")
    section.get_by_label("Percent off").fill("25")
    section.get_by_label("Uses at most").fill("10")
    section.get_by_role("button", name="Add code").click()
    row = section.get_by_test_id("code-row").filter(has_text="SPRING25")
    expect(row).to_contain_text("25% off")
    expect(row.get_by_test_id("code-uses")).to_contain_text("Used 0 of 10 times")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_discount_code_is_paid_discounted_and_an_access_code_reveals_a_hidden_type(
    browser: Browser, app_server: str, size: str
):
    token = organizer_token(app_server)
    event = event_with_hidden_type(app_server, token)
    viewport = PHONE if size == "phone" else DESKTOP

    def open_page() -> Page:
        context = browser.new_context(base_url=app_server, viewport=viewport)
        context.set_default_timeout(15_000)
        return context.new_page()

    organizer = open_page()
    sign_in(organizer, DEMO["organizer"])
    add_discount_code_in_the_browser(organizer, event)

    # The buyer: the hidden type is not on sale to the public; the code takes 25% off.
    email, password, buyer_token = register_attendee(app_server, "Dora Discount")
    buyer = open_page()
    sign_in(buyer, email, password)
    buyer.goto(f"/events/{event['id']}")
    expect(buyer.get_by_label("Quantity")).to_be_visible()
    expect(buyer.get_by_text("Crew")).to_have_count(0)
    buyer.get_by_label("Quantity").select_option("2")
    expect(buyer.locator("output")).to_have_text("€40.00")
    buyer.get_by_label("Discount or access code").fill("Spring25")
    buyer.get_by_role("button", name="Apply code").click()
    expect(buyer.get_by_test_id("applied-code")).to_contain_text("Code SPRING25")
    expect(buyer.get_by_test_id("discount-line")).to_contain_text("€10.00")
    expect(buyer.locator("output")).to_have_text("€30.00")
    buyer.get_by_role("button", name="Book tickets").click()

    expect(buyer).to_have_url(re.compile(r"/tickets/\d+$"))
    expect(buyer.get_by_text(re.compile(r"Pay €30\.00 as the organizer describes"))).to_be_visible()
    expect(buyer.get_by_test_id("booking-discount")).to_contain_text("Code SPRING25")
    expect(buyer.get_by_test_id("booking-discount")).to_contain_text("€10.00")
    booking = api(app_server, "/api/bookings/", token=buyer_token)["results"][0]
    assert booking["total_amount"] == "30.00"
    assert booking["discount"] == {"code": "SPRING25", "amount": "10.00"}

    # The organizer receives the discounted total and marks it paid.
    organizer.goto(f"/dashboard/events/{event['id']}")
    row = organizer.get_by_test_id("attendee-row").filter(has_text="Dora Discount").first
    row.get_by_role("button", name="Payment").click()
    row.get_by_role("button", name=f"Mark booking #{booking['id']} paid").click()
    expect(row.get_by_test_id("booking-payment-status")).to_have_text("Paid")
    expect(organizer.get_by_test_id("card-revenue")).to_contain_text("30.00")
    buyer.reload()
    expect(buyer.get_by_role("img", name=re.compile("QR code for ticket"))).to_have_count(2)
    expect(buyer.get_by_test_id("money-state")).to_contain_text("Paid €30.00")

    # A second buyer follows a link with the access code: the hidden type shows, priced.
    email2, password2, token2 = register_attendee(app_server, "Carl Crew")
    crew_buyer = open_page()
    sign_in(crew_buyer, email2, password2)
    crew_buyer.goto(f"/events/{event['id']}?code=crew")
    expect(crew_buyer.get_by_test_id("applied-code")).to_contain_text("Code CREW")
    crew_row = crew_buyer.get_by_test_id("ticket-type").filter(has_text="Crew")
    expect(crew_row).to_contain_text("€8.00")
    crew_buyer.get_by_label("Crew quantity").select_option("1")
    crew_buyer.get_by_label("General admission quantity").select_option("0")
    expect(crew_buyer.locator("output")).to_have_text("€8.00")
    crew_buyer.get_by_role("button", name="Book tickets").click()
    expect(crew_buyer).to_have_url(re.compile(r"/tickets/\d+$"))
    crew_booking = api(app_server, "/api/bookings/", token=token2)["results"][0]
    assert [item["name"] for item in crew_booking["items"]] == ["Crew"]
    assert crew_booking["discount"] == {"code": "CREW", "amount": "0.00"}

    # The dashboard: uses per code.
    organizer.reload()
    table = organizer.get_by_test_id("by-code")
    expect(table.get_by_role("row", name=re.compile("SPRING25"))).to_contain_text("1")
    expect(table.get_by_role("row", name=re.compile("SPRING25"))).to_contain_text("€10.00")
    expect(table.get_by_role("row", name=re.compile("CREW"))).to_contain_text("1")
    for page in (organizer, buyer, crew_buyer):
        page.context.close()
