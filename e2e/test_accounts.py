"""Accounts in the browser: a forgotten password is reset through the e-mailed link, and the
live door page outlives its access token (the server closes the socket with 4401 when the
token expires; the page refreshes it, reconnects, shows it is live and gets the next scan)."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import fresh_database_url, manage, serve
from support import ARTIFACTS, DEMO, DEMO_PASSWORD, api, register_attendee, sign_in

ACCESS_SECONDS = 10


def wait_for_mail(mail_outbox, to: str, subject: str, timeout: float = 15) -> str:
    """The body of the first e-mail to `to` whose subject contains `subject`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in mail_outbox():
            if to in str(message["To"]) and subject in str(message["Subject"]):
                return message.get_body(preferencelist=("plain",)).get_content()
        time.sleep(0.2)
    pytest.fail(f"no e-mail '{subject}' to {to} within {timeout} s")


def test_forgot_password_then_sign_in_with_the_new_one(page: Page, app_server, mail_outbox):
    email, old_password, _ = register_attendee(app_server, "Rita Reset")
    page.goto("/login")
    page.get_by_role("link", name="Forgot password?").click()
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_text("Check your e-mail")).to_be_visible()

    body = wait_for_mail(mail_outbox, email, "Reset your QR-Entry password")
    [link] = re.findall(r"https?://\S+/reset-password\?\S+", body)
    page.goto(link)
    page.get_by_label("New password").fill("a-fresh-new-pass-phrase")
    page.screenshot(path=str(ARTIFACTS / "reset-password.png"))
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_text("Your new password is set")).to_be_visible()

    # The old password no longer works; the new one does.
    page.get_by_role("link", name="Sign in with your new password").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(old_password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Wrong email or password.")).to_be_visible()
    sign_in(page, email, "a-fresh-new-pass-phrase")
    # The same link cannot be used twice.
    page.goto(link)
    page.get_by_label("New password").fill("yet-another-pass-phrase")
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_text("This link does not work")).to_be_visible()


def test_an_invited_newcomer_accepts_creates_an_account_and_may_scan(
    page: Page, app_server, mail_outbox
):
    organizer = api(
        app_server, "/api/auth/login/", {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    )["access"]
    event = api(app_server, "/api/events/?search=Neon+Nights")["results"][0]
    email = f"door-{uuid.uuid4().hex[:8]}@example.test"
    answer = api(app_server, f"/api/events/{event['id']}/staff/", {"email": email}, organizer)
    assert answer == {"email": email, "status": "invited"}

    body = wait_for_mail(mail_outbox, email, "You are invited to scan tickets")
    [link] = re.findall(r"https?://\S+/invitations/accept\?\S+", body)
    page.goto(link)
    expect(page.get_by_text(event["title"])).to_be_visible()
    page.get_by_label("Your name").fill("Nia Newcomer")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.screenshot(path=str(ARTIFACTS / "staff-invitation.png"))
    page.get_by_role("button", name="Create account and accept").click()
    # Signed in, on the scanner, and the event is one they may scan now.
    page.wait_for_url("**/scan")
    expect(page.get_by_label("Event")).to_contain_text(event["title"])


@pytest.fixture(scope="module")
def short_token_server(server_env, tmp_path_factory) -> Iterator[str]:
    """A server whose access tokens live ACCESS_SECONDS, on a database of its own."""
    data_dir = tmp_path_factory.mktemp("qe-short-token")
    env = {
        **server_env,
        "QE_DATA_DIR": str(data_dir),
        "DATABASE_URL": fresh_database_url(server_env, data_dir, suffix="short_token"),
        "JWT_ACCESS_SECONDS": str(ACCESS_SECONDS),
        "QE_REDIS_PREFIX": f"{server_env.get('QE_REDIS_PREFIX', 'qe')}-short-token",
    }
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")
    yield from serve(env, "short-token-server")


def test_live_door_comes_back_live_after_its_token_expires(
    browser: Browser, short_token_server: str
):
    url = short_token_server
    event = api(url, "/api/events/?search=Neon+Nights")["results"][0]
    context = browser.new_context(base_url=url, viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    page = context.new_page()
    sockets = []
    page.on("websocket", lambda socket: sockets.append(socket))
    sign_in(page, DEMO["organizer"])
    page.goto(f"/organizer/events/{event['id']}/door")
    status = page.get_by_test_id("connection-status").first
    expect(status).to_have_attribute("data-state", "open")

    # The server closes the socket when the token it was opened with expires...
    first = sockets[0]
    if not first.is_closed():
        first.wait_for_event("close", timeout=(ACCESS_SECONDS + 10) * 1000)
    # ...and the page refreshes its token, reconnects and says so.
    expect(status).to_have_attribute("data-state", "open", timeout=15_000)
    assert len(sockets) >= 2 and not sockets[-1].is_closed()

    # The next scan reaches the page through the new socket.
    _, _, attendee_token = register_attendee(url, "Tom Token")
    booking = api(
        url, "/api/book-ticket/", {"event": event["id"], "quantity": 1}, token=attendee_token
    )
    organizer_token = api(
        url, "/api/auth/login/", {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    )["access"]
    result = api(
        url,
        "/api/attendance/validate/",
        {"code": booking["tickets"][0]["code"], "event": event["id"], "gate": "East"},
        token=organizer_token,
    )
    assert result["status"] == "accepted"
    # The live scan refreshes the scan log (the page's one list of scans).
    expect(page.get_by_test_id("scan-log")).to_contain_text("Tom Token")
    page.screenshot(path=str(ARTIFACTS / "live-door-after-token-expiry.png"))
    context.close()
