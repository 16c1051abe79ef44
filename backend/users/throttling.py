"""Throttles for sign-in, password resets and verification e-mails, in the shared cache (Redis
in production, so every process sees the same counters).

Sign-in follows OWASP's "device cookies": a successful sign-in gives the browser a signed,
httpOnly cookie naming the account it signed in to. An attempt that presents a valid one for
the account it names is limited on its own counter (per device), and nothing else counts it
or stops it; every other attempt is *untrusted* and counts per (account, address), per
address, and per account (untrusted attempts only, against guessing from many addresses).
Only failures count, so a venue's shared Wi-Fi where hundreds of people sign in correctly
from one address is never blocked; the per-address limit is sized for such a Wi-Fi; and a
stranger's wrong guesses, from anywhere including that same Wi-Fi, never lock out a person
on a device they signed in with before (a password reset makes the browser such a device).
The stranger stays limited (429).

Check and record are one step: an attempt first takes a slot with an atomic increment, and
the number that increment returns decides whether the password is checked at all; a correct
password gives the slot back. So parallel wrong guesses get no more password checks than the
limit (a check before the failure is recorded would let every parallel guess through).

DRF's throttles count every request and check before they record, hence this small module;
the client address still comes from DRF (`get_ident`, which reads X-Forwarded-For only when
NUM_PROXIES says so).
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

HOUR = 3600
DAY = 24 * HOUR
DEVICE_COOKIE_SALT = "users.device-cookie"


@dataclass(frozen=True)
class Slot:
    key: str
    timeout: int


def _window(size: int) -> tuple[int, int]:
    """The current fixed window's number and the seconds left in it."""
    now = int(time.time())
    return now // size, size - now % size


def _digest(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


def _take(name: str, *, limit: int, window: int) -> tuple[Slot | None, int]:
    """Take one slot of counter `name`: (the slot, 0) or (None, seconds to wait)."""
    number, seconds_left = _window(window)
    slot = Slot(key=f"throttle:{name}:{number}", timeout=seconds_left + 1)
    cache.add(slot.key, 0, timeout=slot.timeout)
    try:
        count = cache.incr(slot.key)
    except ValueError:  # expired between add() and incr(): this is the first of a new window
        cache.set(slot.key, 1, timeout=slot.timeout)
        count = 1
    if count > limit:
        return None, seconds_left
    return slot, 0


def _give_back(slot: Slot) -> None:
    with contextlib.suppress(ValueError):  # its window is over: nothing to give back
        cache.decr(slot.key)


def device_cookie_make(email: str) -> str:
    """The value of a device cookie for the account of `email`: signed, with a new nonce."""
    return signing.dumps(
        {"account": _digest(email), "nonce": secrets.token_urlsafe(16)}, salt=DEVICE_COOKIE_SALT
    )


def device_cookie_read(raw: str | None, email: str) -> str | None:
    """The nonce of a genuine, unexpired device cookie for the account of `email`, else None
    (no cookie, a forged or old one, or one of another account: an untrusted attempt)."""
    if not raw:
        return None
    try:
        value = signing.loads(
            raw, salt=DEVICE_COOKIE_SALT, max_age=settings.LOGIN_DEVICE_COOKIE_DAYS * DAY
        )
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("account") != _digest(email):
        return None
    nonce = value.get("nonce")
    return nonce if isinstance(nonce, str) else None


def _login_counters(email: str, address: str, device: str | None) -> list[tuple[str, int]]:
    if device is not None:
        return [(f"login:device:{device}", settings.LOGIN_FAILURES_PER_DEVICE)]
    return [
        (f"login:acct-addr:{_digest(email)}:{address}", settings.LOGIN_FAILURES_PER_ACCOUNT),
        (f"login:addr:{address}", settings.LOGIN_FAILURES_PER_ADDRESS),
        # Guessing spread over many addresses: it stops untrusted attempts only, so the
        # account's known devices (and a password reset, which gives one) still get in.
        (f"login:acct:{_digest(email)}", settings.LOGIN_UNTRUSTED_FAILURES_PER_ACCOUNT),
    ]


def login_attempt(email: str, address: str, device: str | None = None) -> tuple[list[Slot], int]:
    """Take a sign-in slot: on the device's own counter when `device` (a nonce from
    `device_cookie_read`) is given, else per (account, address) and per address. Returns the
    slots taken and 0, or no slots and the seconds to wait (the password must then not be
    checked)."""
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    taken: list[Slot] = []
    for name, limit in _login_counters(email, address, device):
        slot, wait = _take(name, limit=limit, window=window)
        if slot is None:
            for earlier in taken:
                _give_back(earlier)
            return [], wait
        taken.append(slot)
    return taken, 0


def login_attempt_succeeded(slots: list[Slot]) -> None:
    """The password was right: this attempt was no failure, and the account's failures from
    this address (or this device's) are forgotten."""
    account_slot, *others = slots
    cache.delete(account_slot.key)
    for slot in others:
        _give_back(slot)


def password_reset_allowed(email: str, address: str) -> int:
    """0 when a reset e-mail may be requested now, else the seconds to wait. Counts every
    request, whether or not the address has an account (the answer must not tell)."""
    for name, limit in (
        (f"reset:addr:{address}", settings.PASSWORD_RESETS_PER_ADDRESS),
        (f"reset:email:{_digest(email)}", settings.PASSWORD_RESETS_PER_EMAIL),
    ):
        slot, wait = _take(name, limit=limit, window=HOUR)
        if slot is None:
            return wait
    return 0


def verification_resend_allowed(user_id: int) -> int:
    """0 when the verification e-mail may be sent again now, else the seconds to wait."""
    slot, wait = _take(
        f"verify-resend:{user_id}", limit=settings.VERIFICATION_RESENDS_PER_USER, window=HOUR
    )
    return 0 if slot is not None else wait


def account_exists_email_allowed(email: str) -> bool:
    """Whether the owner of `email` may be told now that someone signed up with it: a few a
    hour, so sign-ups cannot be used to flood someone's mailbox (the sign-up's answer does
    not change either way)."""
    slot, _ = _take(
        f"exists-mail:{_digest(email)}", limit=settings.ACCOUNT_EXISTS_EMAILS_PER_HOUR, window=HOUR
    )
    return slot is not None
