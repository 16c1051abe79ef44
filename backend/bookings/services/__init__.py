"""Booking writes, by concern: create (prepare, write, take the seats), holds (expiry),
payments (card, manual, arrival), refunds (the worker's side), Stripe's webhook, cancel,
tickets, the waiting list, and the cascades this app runs for the apps below it (an event
cancelled, an account deleted, a message to every holder). Views and the apps above call
these."""

from .accounts import account_delete
from .arrival import booking_payment_arrived
from .attendees import ticket_holder_update
from .cancel import booking_cancel, booking_hold_release
from .create import booking_create
from .event_cancel import event_cancel
from .holds import booking_expire, booking_expire_due, booking_expire_sweep
from .messages import event_message_send
from .payments import booking_mark_paid, booking_mark_refunded, booking_pay
from .settle import booking_card_payment_confirm, card_payment_settle, card_payments_sweep
from .stripe_webhooks import stripe_webhook_receive
from .tickets import booking_tickets_resend
from .transfers import ticket_transfer
from .waiting_list import waiting_list_accept, waiting_list_join, waiting_list_leave
from .waiting_offers import waiting_list_sweep

__all__ = [
    "account_delete",
    "booking_cancel",
    "booking_card_payment_confirm",
    "booking_create",
    "booking_expire",
    "booking_expire_due",
    "booking_expire_sweep",
    "booking_hold_release",
    "booking_mark_paid",
    "booking_mark_refunded",
    "booking_pay",
    "booking_payment_arrived",
    "booking_tickets_resend",
    "card_payment_settle",
    "card_payments_sweep",
    "event_cancel",
    "event_message_send",
    "stripe_webhook_receive",
    "ticket_holder_update",
    "ticket_transfer",
    "waiting_list_accept",
    "waiting_list_join",
    "waiting_list_leave",
    "waiting_list_sweep",
]
