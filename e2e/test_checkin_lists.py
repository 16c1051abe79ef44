"""Check-in lists on the night: the organizer adds a "VIP lounge" list for VIP tickets on the
event's page, door staff pick it on the scanner, a general ticket is refused with a clear
"Wrong list" and a VIP ticket is admitted. At phone and desktop size."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, expect

from support import ARTIFACTS, DEMO, DEMO_PASSWORD, api, register_attendee, sign_in

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def lounge_night(base_url: str, size: str) -> tuple[dict, str, str]:
    """A free event open for check-in now, with a general and a VIP type, and one ticket of
    each booked by a guest: (event, general code, VIP code)."""
    token = api(
        base_url, "/api/auth/login/", {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    )["access"]
    now = datetime.now(UTC)
    event = api(
        base_url,
        "/api/events/",
        {
            "title": f"Lounge Night ({size})",
            "venue": "Harbour Hall",
            "starts_at": (now + timedelta(minutes=30)).isoformat(),
            "ends_at": (now + timedelta(hours=4)).isoformat(),
            "checkin_opens_at": (now - timedelta(minutes=5)).isoformat(),
            "capacity": 50,
            "price": "0.00",
        },
        token,
    )
    general = api(base_url, f"/api/events/{event['id']}/ticket-types/", token=token)[0]
    vip = api(
        base_url,
        f"/api/events/{event['id']}/ticket-types/",
        {"name": "VIP table", "price": "0.00"},
        token,
    )
    api(base_url, f"/api/events/{event['id']}/publish/", {}, token)
    codes = {}
    for kind in (general, vip):
        # One booking per guest and event: a guest each.
        _, _, guest = register_attendee(base_url, "Gina Guest")
        booking = api(
            base_url,
            "/api/book-ticket/",
            {"event": event["id"], "items": [{"ticket_type": kind["id"], "quantity": 1}]},
            token=guest,
        )
        codes[kind["id"]] = booking["tickets"][0]["code"]
    return event, codes[general["id"]], codes[vip["id"]]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_vip_lounge_refuses_a_general_ticket_and_admits_a_vip(
    browser: Browser, app_server: str, size: str
):
    event, general_code, vip_code = lounge_night(app_server, size)
    context = browser.new_context(base_url=app_server, viewport=SIZES[size])
    page = context.new_page()
    sign_in(page, DEMO["organizer"])

    page.goto(f"/organizer/events/{event['id']}")
    lists = page.get_by_role("region", name="Check-in lists")
    expect(lists.get_by_test_id("checkin-list-row")).to_have_count(1)
    lists.get_by_label("List name").fill("VIP lounge")
    lists.get_by_role("checkbox", name="VIP table").check()
    lists.get_by_role("button", name="Add list").click()
    expect(lists.get_by_test_id("checkin-list-row")).to_have_count(2)
    expect(lists.get_by_test_id("checkin-list-row").nth(1)).to_contain_text("VIP table")
    page.screenshot(path=str(ARTIFACTS / f"checkin-lists-editor-{size}.png"), full_page=True)

    page.goto("/scan")
    page.get_by_label("Event").select_option(label=event["title"])
    page.get_by_label("Check-in list").select_option(label="VIP lounge")
    page.get_by_label("Gate").fill("Lounge door")
    page.get_by_role("button", name="Start scanning").click()
    expect(page.get_by_test_id("scanning-list")).to_have_text("List: VIP lounge")

    field = page.get_by_label("Ticket code")
    field.fill(general_code)
    field.press("Enter")
    result = page.get_by_test_id("scan-result")
    expect(result).to_have_attribute("data-reason", "wrong_list", timeout=10_000)
    expect(result).to_contain_text("Wrong list")
    expect(result).to_contain_text("not on the VIP lounge list")
    page.screenshot(path=str(ARTIFACTS / f"scanner-wrong-list-{size}.png"))

    field.fill(vip_code)
    field.press("Enter")
    expect(result).to_have_attribute("data-status", "accepted", timeout=10_000)
    expect(result).to_contain_text("Admitted")
    # The lounge is not the door: the event's count of check-ins stays Entry's.
    lists_now = api(
        app_server,
        f"/api/events/{event['id']}/checkin-lists/",
        token=api(
            app_server,
            "/api/auth/login/",
            {"email": DEMO["organizer"], "password": DEMO_PASSWORD},
        )["access"],
    )
    assert [(row["name"], row["checked_in"]) for row in lists_now] == [
        ("Entry", 0),
        ("VIP lounge", 1),
    ]
    context.close()
