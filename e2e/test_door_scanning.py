"""The door on the night: a phone's camera admits a ticket, the organizer's live door page
counts it without a reload, the same ticket is then refused as a duplicate, and a handheld
scanner that types the code and Enter works too."""

import re

from playwright.sync_api import Browser, Page, expect

from support import ARTIFACTS, DEMO, api, register_attendee, sign_in

LIVE_EVENT = "Neon Nights: Live Now"


def fresh_ticket_code(base_url: str) -> tuple[int, str]:
    """A new attendee books one ticket for the live demo event; returns (event id, code)."""
    _, _, token = register_attendee(base_url, "Gina Guest")
    event = api(base_url, "/api/events/?search=Neon+Nights")["results"][0]
    booking = api(base_url, "/api/book-ticket/", {"event": event["id"], "quantity": 1}, token=token)
    return event["id"], booking["tickets"][0]["code"]


def open_scanner(page: Page, gate: str) -> None:
    sign_in(page, DEMO["staff"])
    page.goto("/scan")
    page.get_by_label("Event").select_option(label=LIVE_EVENT)
    page.get_by_label("Gate").fill(gate)
    page.get_by_role("button", name="Start scanning").click()


def checked_in(page: Page) -> int:
    return int(page.get_by_test_id("checked-in-count").first.inner_text().strip().split()[0])


def test_camera_admits_dashboard_counts_live_then_duplicate(
    camera_browser, browser: Browser, app_server: str
):
    event_id, code = fresh_ticket_code(app_server)

    organizer = browser.new_context(base_url=app_server).new_page()
    sign_in(organizer, DEMO["organizer"])
    organizer.goto(f"/organizer/events/{event_id}/door")
    counter = organizer.get_by_test_id("checked-in-count").first
    expect(counter).to_be_visible()
    # The scan must come after the page has joined the live feed.
    expect(organizer.get_by_test_id("connection-status").first).to_have_attribute(
        "data-state", "open"
    )
    expect(counter).to_have_text(re.compile(r"^\s*\d+"))  # the snapshot's count, not "—"
    before = checked_in(organizer)

    phone = camera_browser(code).new_context(
        base_url=app_server, permissions=["camera"], viewport={"width": 390, "height": 844}
    )
    scanner = phone.new_page()
    open_scanner(scanner, "North")
    result = scanner.get_by_test_id("scan-result")
    expect(result).to_have_attribute("data-status", "accepted", timeout=20_000)
    expect(result).to_contain_text("Admitted")
    expect(result).to_contain_text("Gina Guest")
    scanner.screenshot(path=str(ARTIFACTS / "scanner-admitted.png"))

    # The organizer's page counted it without a reload.
    expect(counter).to_have_text(re.compile(rf"^\s*{before + 1}\b"), timeout=5_000)

    # A second pass, from another phone at another gate: refused, saying where it was first
    # admitted, and the counter does not move.
    second = camera_browser(code).new_context(
        base_url=app_server, permissions=["camera"], viewport={"width": 390, "height": 844}
    )
    other_gate = second.new_page()
    open_scanner(other_gate, "South")
    again = other_gate.get_by_test_id("scan-result")
    expect(again).to_have_attribute("data-reason", "duplicate", timeout=20_000)
    expect(again).to_contain_text("North")
    other_gate.screenshot(path=str(ARTIFACTS / "scanner-duplicate.png"))
    expect(counter).to_have_text(re.compile(rf"^\s*{before + 1}\b"))


def test_a_handheld_scanner_types_the_code_and_enter(page: Page, app_server: str):
    _, code = fresh_ticket_code(app_server)
    open_scanner(page, "Handheld 1")
    field = page.get_by_label("Ticket code")
    field.fill(code)
    field.press("Enter")
    result = page.get_by_test_id("scan-result")
    expect(result).to_have_attribute("data-status", "accepted")
    expect(result).to_contain_text("Admitted")
    field.fill(code.lower())
    field.press("Enter")
    expect(result).to_have_attribute("data-reason", "duplicate", timeout=10_000)
    field.fill("QE1-NOTAREALTICKET")
    field.press("Enter")
    expect(result).to_have_attribute("data-reason", "fake")
