"""The waiting list in the browser, at phone and desktop size: a buyer joins a sold-out event's
waiting list, another booking is cancelled, the buyer receives the offer by e-mail, follows
its link and books the held ticket; the organizer sees the list with places and statuses (and
its summary on the event's dashboard)."""

import re
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, expect

from support import ARTIFACTS, DEMO, DEMO_PASSWORD, api, register_attendee, sign_in, sign_out

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def organizer_token(base_url: str) -> str:
    body = {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    return api(base_url, "/api/auth/login/", body)["access"]


def sold_out_event(base_url: str) -> tuple[dict, str, int]:
    """A free one-seat event with a waiting list, booked by someone: (event, that person's
    token, their booking id)."""
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    event = api(
        base_url,
        "/api/events/",
        {
            "title": f"Tiny Club Night {uuid.uuid4().hex[:6]}",
            "description": "One seat only.",
            "venue": "Backroom",
            "timezone": "Europe/Berlin",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=3)).isoformat(),
            "capacity": 1,
            "price": "0.00",
            "currency": "EUR",
            "max_per_booking": 2,
            "status": "published",
            "waiting_list": True,
            "offer_hours": 12,
        },
        token=organizer_token(base_url),
    )
    _email, _password, token = register_attendee(base_url, "Hal Holder")
    booking = api(base_url, "/api/book-ticket/", {"event": event["id"], "quantity": 1}, token=token)
    return event, token, booking["id"]


def offer_mail(mail_outbox, email: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in mail_outbox():
            if email in message["To"] and "free for you" in message["Subject"]:
                return message
        time.sleep(0.3)
    pytest.fail(f"no offer e-mail reached {email}")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_buyer_waits_gets_the_offer_by_email_and_books_it(
    browser: Browser, app_server: str, mail_outbox, size: str
):
    event, holder_token, booking_id = sold_out_event(app_server)
    email, password, _token = register_attendee(app_server, "Wanda Waiting")
    context = browser.new_context(
        base_url=app_server, viewport=PHONE if size == "phone" else DESKTOP
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, email, password)

    page.goto(f"/events/{event['id']}")
    tickets = page.get_by_role("region", name="Tickets")
    expect(tickets.get_by_text("Sold out", exact=True)).to_be_visible()
    page.get_by_label("Tickets wanted").select_option("1")
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_test_id("waiting-list-place")).to_contain_text(
        "You are number 1 on the waiting list"
    )
    page.screenshot(path=str(ARTIFACTS / f"waiting-joined-{size}.png"), full_page=True)

    # Someone else's booking is cancelled: its seat is held for the buyer, who is e-mailed.
    api(app_server, f"/api/bookings/{booking_id}/cancel/", {}, token=holder_token)
    message = offer_mail(mail_outbox, email)
    body = message.get_content()
    assert event["title"] in message["Subject"]
    link = re.search(r"Book them here: (\S*/waiting-list)", body)
    assert link, body
    page.goto(re.sub(r"^https?://[^/]+", "", link.group(1)))

    entry = page.get_by_role("article", name=f"Waiting list: {event['title']}")
    expect(entry.get_by_test_id("waiting-status")).to_have_text("Tickets held for you")
    # The deadline is shown in the event's zone, named (CET or CEST in Berlin).
    expect(entry.get_by_test_id("offer-deadline")).to_contain_text(
        re.compile(r"Held for you until .*\d\d:\d\d (CET|CEST|GMT\+1|GMT\+2)")
    )
    page.screenshot(path=str(ARTIFACTS / f"waiting-offer-{size}.png"), full_page=True)
    entry.get_by_role("button", name="Accept the offer").click()
    page.wait_for_url("**/tickets")
    expect(page.get_by_role("article", name=event["title"])).to_be_visible()

    sign_out(page)
    sign_in(page, DEMO["organizer"])
    page.goto(f"/organizer/events/{event['id']}")
    section = page.get_by_role("region", name="Waiting list")
    row = section.get_by_test_id("waiting-list-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Wanda Waiting")
    expect(row).to_contain_text("Booked")
    section.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"waiting-organizer-{size}.png"), full_page=True)
    # The event's dashboard sums the list up.
    page.goto(f"/dashboard/events/{event['id']}")
    expect(page.get_by_test_id("waiting-summary")).to_contain_text("Booked from an offer1")
    context.close()
