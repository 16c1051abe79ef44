"""A ticket transfer through the browser at phone and desktop size: the holder sends one of
two tickets to a friend's address from My tickets; the friend, e-mailed the ticket, signs
up with that address, confirms it and finds the ticket under My tickets; at the door the old
QR code and the old backup code are refused as transferred, the new code admits."""

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from support import ARTIFACTS, DEMO, DEMO_PASSWORD, api, register_attendee, sign_in, sign_out
from test_accounts import wait_for_mail

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def free_event(base_url: str) -> dict:
    """A free event an hour from now: check-in open, transfers allowed until the start."""
    token = api(
        base_url, "/api/auth/login/", {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    )["access"]
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    return api(
        base_url,
        "/api/events/",
        {
            "title": f"Harbour Lights {uuid.uuid4().hex[:6]}",
            "venue": "Pier 4",
            "timezone": "Europe/Berlin",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=3)).isoformat(),
            "capacity": 20,
            "price": "0.00",
            "status": "published",
        },
        token=token,
    )


def scan(page: Page, code: str):
    field = page.get_by_label("Ticket code")
    field.fill(code)
    field.press("Enter")
    return page.get_by_test_id("scan-result")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_holder_transfers_a_ticket_the_friend_finds_it_and_the_old_code_is_refused(
    browser: Browser, app_server: str, mail_outbox, size: str
):
    event = free_event(app_server)
    email, password, token = register_attendee(app_server, "Hana Holder")
    booking = api(app_server, "/api/book-ticket/", {"event": event["id"], "quantity": 2}, token)
    old = booking["tickets"][0]
    friend = f"friend-{uuid.uuid4().hex[:8]}@example.test"

    context = browser.new_context(
        base_url=app_server, viewport=PHONE if size == "phone" else DESKTOP
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, email, password)
    page.goto("/tickets")
    card = page.get_by_role("article", name=event["title"])
    card.get_by_role("button", name="Transfer").first.click()
    dialog = card.get_by_role("dialog", name="Transfer this ticket")
    dialog.get_by_label("Recipient's e-mail").fill(friend)
    dialog.get_by_label("Recipient's name").fill("Fritz Friend")
    dialog.get_by_role("button", name="Continue").click()
    expect(dialog.get_by_test_id("transfer-confirm")).to_contain_text("stop working")
    page.screenshot(path=str(ARTIFACTS / f"transfer-confirm-{size}.png"), full_page=True)
    dialog.get_by_role("button", name="Yes, transfer").click()
    expect(card.get_by_text("Transferred", exact=True)).to_be_visible()
    expect(card.get_by_text(re.compile("no longer admit anyone"))).to_be_visible()
    # The one kept still shows its code; the one sent shows none.
    expect(card.get_by_test_id("backup-code")).to_have_count(1)
    sign_out(page)

    # The friend is e-mailed the ticket, signs up with that address and confirms it.
    wait_for_mail(mail_outbox, friend, "was transferred to you")
    api(
        app_server,
        "/api/auth/register/",
        {"email": friend, "password": "a-long-pass-phrase", "name": "Fritz"},
    )
    body = wait_for_mail(mail_outbox, friend, "Confirm your e-mail address")
    [link] = re.findall(r"https?://\S+/verify-email\?\S+", body)
    page.goto(link)
    expect(page.get_by_text("your e-mail address is confirmed")).to_be_visible()
    sign_in(page, friend, "a-long-pass-phrase")
    page.goto("/tickets")
    received = page.get_by_role("region", name="Transferred to you")
    mine = received.get_by_role("article", name=f"Ticket for {event['title']}")
    expect(mine.get_by_text("Fritz Friend", exact=True)).to_be_visible()
    new_backup = mine.get_by_test_id("backup-code").inner_text()
    assert new_backup.replace("-", "") != old["backup_code"]
    page.screenshot(path=str(ARTIFACTS / f"transfer-received-{size}.png"), full_page=True)
    sign_out(page)

    # The door: the old QR code and backup code are refused, the new ticket admits.
    sign_in(page, DEMO["organizer"])
    page.goto("/scan")
    page.get_by_label("Event").select_option(label=event["title"])
    page.get_by_label("Gate").fill("Main")
    page.get_by_role("button", name="Start scanning").click()
    for code in (old["code"], old["backup_code"]):
        result = scan(page, code)
        expect(result).to_have_attribute("data-status", "rejected")
        expect(result).to_contain_text("Ticket transferred — old code")
    page.screenshot(path=str(ARTIFACTS / f"transfer-door-refused-{size}.png"))
    result = scan(page, new_backup)
    expect(result).to_have_attribute("data-status", "accepted")
    expect(result).to_contain_text("Fritz Friend")
    context.close()
