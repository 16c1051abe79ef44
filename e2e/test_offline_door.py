"""The door with the internet cut: the scanner admits a ticket online, the network goes, the
scanner notices by itself, keeps admitting from its own copy of the door kit (and refuses a
forged code and a ticket it let in already), and when the network is back its offline scans
reach the organizer's log and counters, with the one conflict (a ticket also admitted
elsewhere meanwhile) shown to the door. After one visit, the scanner page and a buyer's My
tickets open with no network at all."""

import re

from playwright.sync_api import Page, expect

from support import (
    ARTIFACTS,
    DEMO,
    DEMO_PASSWORD,
    api,
    register_attendee,
    sign_in,
    wait_for_service_worker,
)

LIVE_EVENT = "Neon Nights: Live Now"


def book_tickets(base_url: str, name: str, quantity: int) -> tuple[int, list[str], str]:
    """(event id, ticket codes, attendee e-mail) of a fresh booking for the live demo event."""
    email, _, token = register_attendee(base_url, name)
    event = api(base_url, "/api/events/?search=Neon+Nights")["results"][0]
    booking = api(
        base_url, "/api/book-ticket/", {"event": event["id"], "quantity": quantity}, token=token
    )
    return event["id"], [ticket["code"] for ticket in booking["tickets"]], email


def organizer_token(base_url: str) -> str:
    body = {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    return api(base_url, "/api/auth/login/", body)["access"]


def forged(code: str) -> str:
    """The same code with one character of its signature changed."""
    index = len(code) - 10
    return code[:index] + ("B" if code[index] != "B" else "C") + code[index + 1 :]


def scan(page: Page, code: str) -> None:
    field = page.get_by_label("Ticket code")
    field.fill(code)
    field.press("Enter")


def test_scanner_keeps_admitting_offline_and_syncs_when_back(page: Page, app_server: str):
    event_id, (first, second, third), _ = book_tickets(app_server, "Olive Offline", 3)
    token = organizer_token(app_server)
    before = api(app_server, f"/api/admin/analytics/?event={event_id}", token=token)

    sign_in(page, DEMO["staff"])
    page.goto("/scan")
    page.get_by_label("Event").select_option(label=LIVE_EVENT)
    page.get_by_label("Gate").fill("Side door")
    page.get_by_role("button", name="Start scanning").click()
    # The door kit is on the device before the network goes.
    expect(page.get_by_test_id("door-kit-status")).to_contain_text("Ready for offline")

    result = page.get_by_test_id("scan-result")
    scan(page, first)
    expect(result).to_have_attribute("data-status", "accepted")
    expect(result).to_have_attribute("data-offline", "false")

    # The network goes. Nobody switches anything: the scanner notices by itself.
    page.context.set_offline(True)
    banner = page.get_by_test_id("offline-banner")
    scan(page, second)
    expect(result).to_have_attribute("data-status", "accepted")
    expect(result).to_have_attribute("data-offline", "true")
    expect(result).to_contain_text("Olive Offline")
    expect(banner).to_contain_text("Offline")
    expect(banner).to_contain_text("1 scan will be sent")
    page.screenshot(path=str(ARTIFACTS / "offline-scanner-admitted.png"))

    # Offline, a forged code is refused from its signature.
    scan(page, forged(second))
    expect(result).to_have_attribute("data-reason", "fake")
    expect(result).to_have_attribute("data-offline", "true")

    # Meanwhile another door, still online, admits the third ticket; this phone admits it too.
    api(
        app_server,
        "/api/attendance/validate/",
        {"code": third, "event": event_id, "gate": "Main"},
        token=token,
    )
    scan(page, third)
    expect(result).to_have_attribute("data-status", "accepted")
    expect(banner).to_contain_text("2 scans will be sent")
    page.screenshot(path=str(ARTIFACTS / "offline-banner.png"), full_page=True)

    # The ticket admitted online before the cut is refused offline, naming its number (once
    # the 3 s in which the same code is not sent again are over).
    page.wait_for_timeout(3_000)
    scan(page, first)
    expect(result).to_have_attribute("data-reason", "duplicate")
    expect(result).to_have_attribute("data-offline", "true")
    expect(result).to_contain_text(re.compile(r"Ticket #\d+"))

    # The network is back: the scanner goes online by itself and sends its two scans.
    page.context.set_offline(False)
    expect(banner).to_have_count(0, timeout=15_000)
    expect(page.get_by_test_id("last-sync")).to_contain_text("Sent 2 scans")
    conflicts = page.get_by_test_id("sync-conflicts")
    expect(conflicts).to_contain_text("Conflict")
    expect(conflicts).to_contain_text("two people got in on one ticket")
    conflicts.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "offline-sync-conflict.png"), full_page=True)

    # The organizer's log and counters have them.
    after = api(app_server, f"/api/admin/analytics/?event={event_id}", token=token)
    assert after["checked_in"] == before["checked_in"] + 3
    assert after["offline_conflicts"] == before["offline_conflicts"] + 1
    log = api(app_server, f"/api/attendance/?event={event_id}&offline=true", token=token)
    mine = [row for row in log["results"] if row["gate"] == "Side door"]
    assert sorted(row["reason"] or row["result"] for row in mine) == [
        "accepted",
        "offline_conflict",
    ]

    # With no network at all, the scanner page still opens (the service worker has the app),
    # offers the event whose tickets are on the device, and still knows what it admitted.
    wait_for_service_worker(page)
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_test_id("offline-setup")).to_be_visible(timeout=15_000)
    page.get_by_label("Event").select_option(label=LIVE_EVENT)
    page.get_by_role("button", name="Start scanning").click()
    expect(banner).to_contain_text("Offline")
    scan(page, second)
    expect(result).to_have_attribute("data-reason", "duplicate")
    expect(result).to_have_attribute("data-offline", "true")
    page.context.set_offline(False)


def test_my_tickets_open_offline_after_one_visit(page: Page, app_server: str):
    _, _, email = book_tickets(app_server, "Nora Nonet", 1)
    sign_in(page, email, "a-long-pass-phrase")
    page.goto("/tickets")
    expect(page.get_by_role("img", name=re.compile("QR code for ticket"))).to_be_visible()
    # The service worker has the app; the page has put the tickets on the device.
    wait_for_service_worker(page)

    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="My tickets")).to_be_visible()
    expect(page.get_by_test_id("offline-copy")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR code for ticket"))).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "my-tickets-offline.png"), full_page=True)

    # Signing out removes the copy: the next user of this browser never sees these tickets.
    page.context.set_offline(False)
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").wait_for()
    cached = page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open('qe-user-cache');
            open.onsuccess = () => {
                const request = open.result.transaction('entries').objectStore('entries').count();
                request.onsuccess = () => resolve(request.result);
            };
        })"""
    )
    assert cached == 0
