"""The organizer's dashboard shows the numbers, then a scan made through the API raises the
checked-in card without a reload."""

import re

from playwright.sync_api import Page, expect

from support import ARTIFACTS, DEMO, DEMO_PASSWORD, api, register_attendee, sign_in


def checked_in(page: Page) -> int:
    text = page.get_by_test_id("checked-in-value").first.inner_text()
    return int(re.match(r"\s*(\d+)", text).group(1))


def test_dashboard_numbers_update_live_after_a_scan(page: Page, app_server: str):
    organizer = api(
        app_server, "/api/auth/login/", {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    )["access"]
    event = api(app_server, "/api/events/?search=Neon+Nights")["results"][0]
    _, _, attendee = register_attendee(app_server, "Dana Dashboard")
    booking = api(app_server, "/api/book-ticket/", {"event": event["id"], "quantity": 1}, attendee)

    sign_in(page, DEMO["organizer"])
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_text("Neon Nights: Live Now").first).to_be_visible()
    page.get_by_text("Neon Nights: Live Now").first.click()
    expect(page).to_have_url(re.compile(rf"/dashboard/events/{event['id']}"))

    numbers = api(app_server, f"/api/admin/analytics/?event={event['id']}", token=organizer)
    expect(page.get_by_test_id("card-sold")).to_contain_text(str(numbers["tickets_sold"]))
    expect(page.get_by_test_id("checked-in-value").first).to_have_text(
        re.compile(rf"^\s*{numbers['checked_in']}\b")
    )
    # The scan must come after the page has joined the live feed.
    expect(page.get_by_test_id("connection-status").first).to_have_attribute("data-state", "open")
    before = checked_in(page)

    result = api(
        app_server,
        "/api/attendance/validate/",
        {"code": booking["tickets"][0]["code"], "event": event["id"], "gate": "Dashboard gate"},
        organizer,
    )
    assert result["status"] == "accepted"
    expect(page.get_by_test_id("checked-in-value").first).to_have_text(
        re.compile(rf"^\s*{before + 1}\b"), timeout=5_000
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_timeout(1500)  # let the debounced refetch redraw the curves
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"\nscreenshot of the dashboard: {shot}")
