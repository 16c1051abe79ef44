"""Constants and steps shared by the browser tests."""

import json
import os
import urllib.request
import uuid
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


def wait_for_service_worker(page: Page, timeout_ms: int = 15_000) -> None:
    """Wait until the app's service worker is active: from then on it answers every navigation
    in its scope (a reload, a new address), online or offline.

    Not "the page is controlled": a navigation that was already under way when the worker
    activated is never claimed by it (clients.claim() skips a document that is not yet
    running), so that page stays uncontrolled although the worker works. And one evaluate of a
    function: Playwright evals an expression string again on every poll of wait_for_function,
    which our CSP (no 'unsafe-eval') refuses."""
    active = page.evaluate(
        """timeout => Promise.race([
            navigator.serviceWorker.ready.then(registration => registration.active !== null),
            new Promise(resolve => setTimeout(() => resolve(false), timeout)),
        ])""",
        timeout_ms,
    )
    assert active, f"no service worker became active for {page.url} within {timeout_ms} ms"


def api(base_url: str, path: str, body: dict | None = None, token: str | None = None):
    """Call the API directly (set-up and checks that are not what a test is about)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        f"{base_url}{path}",
        data=json.dumps(body).encode() if body is not None else None,
        headers=headers,
        method="POST" if body is not None else "GET",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def register_attendee(base_url: str, name: str) -> tuple[str, str, str]:
    """A new attendee account: (email, password, access token)."""
    email = f"{name.split()[0].lower()}-{uuid.uuid4().hex[:8]}@example.test"
    password = "a-long-pass-phrase"
    api(base_url, "/api/auth/register/", {"email": email, "password": password, "name": name})
    token = api(base_url, "/api/auth/login/", {"email": email, "password": password})["access"]
    return email, password, token


def _load_localstripe_helpers():
    """backend/common/tests/localstripe.py (stdlib + stripe only), loaded by its path: the
    e2e suite runs without Django on its import path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "qe_localstripe", BACKEND / "common" / "tests" / "localstripe.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# localstripe_server(), localstripe_reset(), localstripe_webhook_register(),
# card_payment_method(base, number), three_d_secure_complete(), stripe_settings(base), and the
# test cards CARD_SUCCEEDS / CARD_3D_SECURE / CARD_DECLINED.
stripe_testing = _load_localstripe_helpers()
