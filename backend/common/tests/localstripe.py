"""localstripe (PyPI), a stateful fake of Stripe's API that signs its webhooks the way Stripe
does, run on a free port for the payment tests (backend and e2e). Not a mock: the `stripe` SDK
talks HTTP to it through STRIPE_API_BASE, exactly as it talks to Stripe."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import stripe

TEST_SECRET_KEY = "sk_test_qr_entry"
TEST_PUBLISHABLE_KEY = "pk_test_qr_entry"
TEST_WEBHOOK_SECRET = "whsec_qr_entry_test"

CARD_SUCCEEDS = "4242424242424242"
CARD_3D_SECURE = "4000002760003184"
CARD_DECLINED = "4000000000000341"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def localstripe_server() -> Iterator[str]:
    """Start localstripe on a free port; yields its base URL, stops it afterwards."""
    port = free_port()
    executable = Path(sys.executable).with_name("localstripe")
    process = subprocess.Popen(
        [str(executable), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request = urllib.request.Request(f"{base}/v1/customers")
                request.add_header("Authorization", f"Bearer {TEST_SECRET_KEY}")
                urllib.request.urlopen(request, timeout=1).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("localstripe did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def localstripe_reset(base: str) -> None:
    """Empty its store (and its registered webhooks) between tests."""
    request = urllib.request.Request(f"{base}/_config/data", method="DELETE")
    urllib.request.urlopen(request, timeout=5).read()


def localstripe_webhook_register(
    base: str, *, url: str, secret: str = TEST_WEBHOOK_SECRET, hook_id: str = "qr-entry"
) -> None:
    """Make localstripe POST every event, signed with `secret`, to `url`."""
    data = urllib.parse.urlencode({"url": url, "secret": secret}).encode()
    request = urllib.request.Request(f"{base}/_config/webhooks/{hook_id}", data=data)
    urllib.request.urlopen(request, timeout=5).read()


def card_payment_method(base: str, number: str) -> str:
    """A PaymentMethod id for a test card, as Stripe.js would make it in the buyer's page."""
    client = stripe.StripeClient(TEST_SECRET_KEY, base_addresses={"api": base})
    method = client.v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": number, "exp_month": 12, "exp_year": 2040, "cvc": "123"},
        }
    )
    return method.id


def three_d_secure_complete(base: str, *, intent_id: str, client_secret: str, success: bool):
    """What localstripe's fake Stripe.js does when the buyer passes (or fails) 3-D Secure."""
    data = urllib.parse.urlencode(
        {
            "key": TEST_PUBLISHABLE_KEY,
            "client_secret": client_secret,
            "success": "true" if success else "false",
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/v1/payment_intents/{intent_id}/_authenticate", data=data
    )
    urllib.request.urlopen(request, timeout=5).read()


def stripe_settings(base: str) -> dict[str, str]:
    """The settings (and environment variables) that switch Stripe on against `base`."""
    return {
        "STRIPE_SECRET_KEY": TEST_SECRET_KEY,
        "STRIPE_PUBLISHABLE_KEY": TEST_PUBLISHABLE_KEY,
        "STRIPE_WEBHOOK_SECRET": TEST_WEBHOOK_SECRET,
        "STRIPE_API_BASE": base,
    }
