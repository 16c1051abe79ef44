"""Sign-in throttling that counts failures only.

DRF's throttles count every request, which would lock out a venue's shared Wi-Fi where
hundreds of people sign in correctly from one address. So we count *failed* sign-ins, per
account and per client address, in fixed windows in the shared cache (Redis in production,
so every process sees the same counters). Only the counting policy is ours; the client
address comes from DRF (it honours NUM_PROXIES).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _window() -> tuple[int, int]:
    """The current window's number and the seconds left in it."""
    size = settings.LOGIN_FAILURE_WINDOW_SECONDS
    now = int(time.time())
    return now // size, size - now % size


def _keys(email: str, address: str) -> list[tuple[str, int]]:
    window, _ = _window()
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return [
        (f"login-fail:acct:{account}:{window}", settings.LOGIN_FAILURES_PER_ACCOUNT),
        (f"login-fail:addr:{address}:{window}", settings.LOGIN_FAILURES_PER_ADDRESS),
    ]


def login_blocked_for(email: str, address: str) -> int | None:
    """Seconds until sign-in may be tried again, or None when it may be tried now."""
    counts = cache.get_many([key for key, _ in _keys(email, address)])
    for key, limit in _keys(email, address):
        if counts.get(key, 0) >= limit:
            return _window()[1]
    return None


def login_failed(email: str, address: str) -> None:
    _, seconds_left = _window()
    for key, _limit in _keys(email, address):
        # add() then incr() is atomic on Redis and locmem, so parallel failures all count.
        cache.add(key, 0, timeout=seconds_left + 1)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=seconds_left + 1)


def login_succeeded(email: str) -> None:
    """A correct password clears the account's failures (not the address's)."""
    account_key = _keys(email, "-")[0][0]
    cache.delete(account_key)
