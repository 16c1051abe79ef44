"""The bookings app's domain errors: each a stable `code` and an HTTP status (common.exceptions
renders them). Why seats could not be taken (sold_out, ...) is the events app's to say:
events.errors."""

from __future__ import annotations

from common.exceptions import DomainError


class DuplicateBooking(DomainError):
    code = "duplicate_booking"
    status_code = 409
    default_detail = "You already have a booking for this event."


class IdempotencyKeyReused(DomainError):
    code = "idempotency_key_reused"
    status_code = 409
    default_detail = "This Idempotency-Key was used for a different booking."


class TicketTypeRequired(DomainError):
    code = "ticket_type_required"
    status_code = 400
    default_detail = "Several ticket types are on sale: say which ones (items)."


class BookingCheckedIn(DomainError):
    code = "booking_checked_in"
    status_code = 409
    default_detail = "A ticket of this booking was already used at the door."


class BookingNotConfirmed(DomainError):
    code = "booking_not_confirmed"
    status_code = 409
    default_detail = "Only a confirmed booking has tickets to send."


class CancelClosed(DomainError):
    code = "cancel_closed"
    status_code = 409
    default_detail = "This booking can no longer be cancelled online: ask the organizer."


class PaymentDeclined(DomainError):
    code = "payment_declined"
    status_code = 402
    default_detail = "The card was declined. You may try another card while your seats are held."


class PaymentNotExpected(DomainError):
    code = "payment_not_expected"
    status_code = 409
    default_detail = "This booking is not waiting for a payment."


class HoldExpired(DomainError):
    code = "hold_expired"
    status_code = 409
    default_detail = "The hold on these seats ended before the payment: book again."


class PaymentProviderError(DomainError):
    code = "payment_provider_error"
    status_code = 502
    default_detail = "The payment provider could not be reached. Nothing was charged; try again."


class NotRefundable(DomainError):
    code = "not_refundable"
    status_code = 409
    default_detail = "No refund is waiting for this booking."


class InvalidSignature(DomainError):
    code = "invalid_signature"
    status_code = 400
    default_detail = "The webhook signature is missing, wrong or too old."


class EventNotPublished(DomainError):
    code = "event_not_published"
    status_code = 409
    default_detail = "Only a published event has ticket holders to write to."


class OrganizerHasEvents(DomainError):
    code = "organizer_has_events"
    status_code = 409
    default_detail = "You organize upcoming events: cancel them (or let them end) first."


class TicketEditClosed(DomainError):
    code = "ticket_edit_closed"
    status_code = 409
    default_detail = "The event has started: the ticket's name and answers can no longer change."


class ManualHoldsFull(DomainError):
    code = "manual_holds_full"
    status_code = 409
    default_detail = (
        "Too many seats of this event are waiting for a bank transfer right now: pay by card,"
        " or try again later."
    )


class TooManyManualHolds(DomainError):
    code = "too_many_manual_holds"
    status_code = 409
    default_detail = "You have too many bookings waiting for a manual payment."


class NotAManualHold(DomainError):
    code = "not_a_manual_hold"
    status_code = 409
    default_detail = "Only seats held for a manual payment still awaited can be released."


class WaitingListOff(DomainError):
    code = "waiting_list_off"
    status_code = 400
    default_detail = "This event has no waiting list."


class NotSoldOut(DomainError):
    code = "not_sold_out"
    status_code = 409
    default_detail = "Tickets are still on sale: book them instead."


class AlreadyWaiting(DomainError):
    code = "already_waiting"
    status_code = 409
    default_detail = "You are already on this event's waiting list."


class NotOffered(DomainError):
    code = "not_offered"
    status_code = 409
    default_detail = "No seats are offered to this waiting-list entry."


class OfferExpired(DomainError):
    code = "offer_expired"
    status_code = 409
    default_detail = "This offer has expired: its seats went to the next person waiting."


class AlreadyCheckedIn(DomainError):
    code = "already_checked_in"
    status_code = 409
    default_detail = "This ticket was already used at the door: it can no longer be transferred."


class TransfersClosed(DomainError):
    code = "transfers_closed"
    status_code = 409
    default_detail = "Tickets of this event can no longer be transferred."


class TicketNotTransferable(DomainError):
    code = "ticket_not_transferable"
    status_code = 409
    default_detail = "Only a valid ticket (paid for, not cancelled) can be transferred."


class BookingHasTransfers(DomainError):
    code = "booking_has_transfers"
    status_code = 409
    default_detail = (
        "A ticket of this booking was transferred to someone else: ask the organizer to cancel."
    )
