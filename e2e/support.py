"""Constants and steps shared by the browser tests."""

import os
from pathlib import Path

from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[1]
BACKEND = REPO / "backend"
ARTIFACTS = Path(os.environ.get("QE_ARTIFACTS", REPO / "artifacts")) / "e2e"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DEMO_PASSWORD = "qrentry-demo"
DEMO = {
    "organizer": "organizer@demo.qr-entry.test",
    "staff": "staff@demo.qr-entry.test",
    "attendee": "alice@demo.qr-entry.test",
}


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    # Signing out is asynchronous (the server revokes the refresh token): wait for its end.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").wait_for()
