"""Which payment methods this server can take: manual (bank transfer, box office) always, card
(Stripe) when its keys are configured. Settings only, so every app may ask."""

from __future__ import annotations

from django.conf import settings

from .models import Event, PaymentMethod


def stripe_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def enabled_payment_methods() -> list[str]:
    """The methods an event may offer, card first (the default order of a new event's)."""
    methods = [PaymentMethod.MANUAL.value]
    if stripe_enabled():
        methods.insert(0, PaymentMethod.STRIPE.value)
    return methods


def payment_methods_offered(event: Event) -> list[str]:
    """The methods a buyer may choose now: the event's, enabled on this server, and manual
    only while its seats awaiting a manual payment are below its cap (hoarding)."""
    enabled = enabled_payment_methods()
    return [
        method
        for method in event.payment_methods
        if method in enabled
        and (method != PaymentMethod.MANUAL or event.manual_held < event.manual_hold_cap)
    ]
