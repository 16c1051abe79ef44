"""Named tickets of two types and a question, through the browser at phone and desktop size:
a buyer names two holders and answers for each; My tickets and the booking's PDF show each
ticket's type and holder; the door's result screen and the live door show the type and the
name of the ticket scanned; the organizer's attendee list and CSV export show types, holders
and the answers."""

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from support import ARTIFACTS, DEMO, DEMO_PASSWORD, api, register_attendee, sign_in, sign_out

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def organizer_token(base_url: str) -> str:
    body = {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    return api(base_url, "/api/auth/login/", body)["access"]


def two_type_event(base_url: str) -> dict:
    """A free event an hour from now (check-in open), sold as General admission and VIP
    table, asking every ticket's holder a required question."""
    token = organizer_token(base_url)
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    event = api(
        base_url,
        "/api/events/",
        {
            "title": f"Gala Dinner {uuid.uuid4().hex[:6]}",
            "description": "Dinner and dancing.",
            "venue": "Kanalhalle",
            "venue_address": "Am Kanal 1, 10997 Berlin",
            "category": "music",
            "timezone": "Europe/Berlin",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=4)).isoformat(),
            "capacity": 50,
            "price": "0.00",
            "currency": "EUR",
            "max_per_booking": 4,
            "status": "published",
        },
        token=token,
    )
    path = f"/api/events/{event['id']}"
    api(base_url, f"{path}/ticket-types/", {"name": "VIP table", "price": "0.00"}, token=token)
    api(
        base_url,
        f"{path}/questions/",
        {
            "label": "Dietary needs",
            "kind": "choice",
            "options": ["None", "Vegan"],
            "required": True,
            "per": "ticket",
        },
        token=token,
    )
    return event


def book_for_two(page: Page, event: dict) -> None:
    page.goto(f"/events/{event['id']}")
    page.get_by_label("General admission quantity").select_option("1")
    page.get_by_label("VIP table quantity").select_option("1")
    general = page.get_by_role("group", name="General admission", exact=True)
    vip = page.get_by_role("group", name="VIP table", exact=True)
    # The question is required: booking without its answer is refused next to the input.
    general.get_by_label("Name on this ticket (General admission)").fill("Gus General")
    vip.get_by_label("Name on this ticket (VIP table)").fill("Vera Vip")
    general.get_by_label("Dietary needs (required)").select_option("Vegan")
    vip.get_by_label("Dietary needs (required)").select_option("None")
    page.get_by_role("button", name="Book tickets").click()
    page.wait_for_url("**/tickets")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_named_tickets_of_two_types_show_type_and_holder_to_buyer_and_door(
    browser: Browser, app_server: str, size: str
):
    event = two_type_event(app_server)
    email, password, token = register_attendee(app_server, "Bea Booker")
    context = browser.new_context(
        base_url=app_server, viewport=PHONE if size == "phone" else DESKTOP
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, email, password)
    book_for_two(page, event)

    card = page.get_by_role("article", name=event["title"])
    for text in ("General admission", "Gus General", "VIP table", "Vera Vip"):
        expect(card.get_by_text(text, exact=True)).to_be_visible()
    expect(card.get_by_text("Ticket #")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / f"holders-my-tickets-{size}.png"), full_page=True)
    with page.expect_download() as download_info:
        card.get_by_role("button", name="Download PDF").click()
    pdf = PdfReader(download_info.value.path())
    text = "\n".join(p.extract_text() for p in pdf.pages)
    for line in (
        "Holder: Gus General",
        "Ticket type: General admission",
        "Holder: Vera Vip",
        "Ticket type: VIP table",
    ):
        assert line in text, text

    booking = next(
        b
        for b in api(app_server, "/api/bookings/", token=token)["results"]
        if b["event"] == event["id"]
    )
    holders = {t["attendee_name"]: t for t in booking["tickets"]}
    assert holders["Vera Vip"]["ticket_type"]["name"] == "VIP table"
    assert holders["Vera Vip"]["answers"] == {
        str(next(iter(api(app_server, f"/api/events/{event['id']}/questions/")))["id"]): "None"
    }

    sign_out(page)
    sign_in(page, DEMO["organizer"])
    page.goto("/scan")
    page.get_by_label("Event").select_option(label=event["title"])
    page.get_by_label("Gate").fill("Main")
    page.get_by_role("button", name="Start scanning").click()
    field = page.get_by_label("Ticket code")
    field.fill(holders["Vera Vip"]["code"])
    field.press("Enter")
    result = page.get_by_test_id("scan-result")
    expect(result).to_have_attribute("data-status", "accepted")
    expect(result.get_by_test_id("scan-result-type")).to_have_text("Ticket type: VIP table")
    expect(result).to_contain_text("Vera Vip")
    page.screenshot(path=str(ARTIFACTS / f"holders-scanner-vip-{size}.png"))

    page.goto(f"/organizer/events/{event['id']}/door")
    log = page.get_by_test_id("scan-log")
    expect(log).to_contain_text("Vera Vip")
    expect(log).to_contain_text("VIP table")

    page.goto(f"/dashboard/events/{event['id']}")
    rows = page.get_by_test_id("attendee-row")
    expect(rows).to_have_count(2)
    vera = rows.filter(has_text="Vera Vip")
    expect(vera).to_contain_text("VIP table")
    expect(vera.get_by_test_id("attendee-answers")).to_contain_text("Dietary needs:")
    expect(vera.get_by_test_id("attendee-answers")).to_contain_text("None")
    expect(rows.filter(has_text="Gus General")).to_contain_text("Vegan")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export CSV").click()
    text = download_info.value.path().read_text(encoding="utf-8-sig")
    table = {row["attendee_name"]: row for row in csv.DictReader(io.StringIO(text))}
    assert table["Vera Vip"]["ticket_type"] == "VIP table"
    assert table["Gus General"]["ticket_type"] == "General admission"
    assert table["Vera Vip"]["Dietary needs"] == "None"
    assert table["Gus General"]["Dietary needs"] == "Vegan"
    context.close()
