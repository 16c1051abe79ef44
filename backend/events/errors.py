"""The events app's domain errors: each a stable `code` and an HTTP status (common.exceptions
renders them). Sales errors live here too: the event's seat counters decide them."""

from __future__ import annotations

from common.exceptions import DomainError


class CapacityBelowSold(DomainError):
    code = "capacity_below_sold"
    status_code = 409
    default_detail = "Capacity cannot be lower than the tickets already sold."


class EventCancelled(DomainError):
    code = "event_cancelled"
    status_code = 409
    default_detail = "This event was cancelled and can no longer be changed."


class EventHasBookings(DomainError):
    code = "event_has_bookings"
    status_code = 409
    default_detail = "This event has bookings: cancel it instead of deleting it."


class EventInPast(DomainError):
    code = "event_in_past"
    status_code = 400
    default_detail = "This event starts in the past: move it to a future date to publish it."


class PaymentInstructionsRequired(DomainError):
    code = "payment_instructions_required"
    status_code = 400
    default_detail = (
        "Buyers can only pay by bank transfer or at the box office: "
        "add payment instructions before publishing."
    )


class EventHasSales(DomainError):
    code = "event_has_sales"
    status_code = 409
    default_detail = "Tickets are sold: cancel the event instead of unpublishing it."


class CurrencyLocked(DomainError):
    code = "currency_locked"
    status_code = 409
    default_detail = (
        "Tickets are sold or held in this event's currency: it can no longer be changed."
    )


class UseCancelEndpoint(DomainError):
    code = "use_cancel_endpoint"
    status_code = 400
    default_detail = (
        "Cancelling refunds every ticket holder: use POST /api/events/{id}/cancel/ with a reason."
    )


class PriceSetPerType(DomainError):
    code = "price_set_per_type"
    status_code = 409
    default_detail = "This event has several ticket types: set the price of each type."


class QuotaBelowSold(DomainError):
    code = "quota_below_sold"
    status_code = 409
    default_detail = "The quota cannot be lower than the tickets of this type already sold."


class TicketTypeHasSales(DomainError):
    code = "ticket_type_has_sales"
    status_code = 409
    default_detail = "Tickets of this type were sold: it cannot be deleted."


class ImageInvalid(DomainError):
    code = "image_invalid"
    status_code = 400
    default_detail = "This file is not an image we can use."


class PaymentMethodUnavailable(DomainError):
    code = "payment_method_unavailable"
    status_code = 400
    default_detail = "This payment method is not available for this event."


class InvitationInvalid(DomainError):
    code = "invalid_token"
    status_code = 400
    default_detail = "This invitation link is invalid, was withdrawn or has expired."


class InvitationForOtherAccount(DomainError):
    code = "invitation_other_account"
    status_code = 403
    default_detail = "This invitation is for another e-mail address: sign in with that one."


class SignInToAccept(DomainError):
    code = "sign_in_required"
    status_code = 401
    default_detail = "An account uses this address: sign in to it to accept the invitation."


# Sales: why seats could not be taken.


class SoldOut(DomainError):
    code = "sold_out"
    status_code = 409
    default_detail = "This event is sold out."


class CapacityExceeded(DomainError):
    code = "capacity_exceeded"
    status_code = 409
    default_detail = "Fewer tickets are left than you asked for."


class EventNotBookable(DomainError):
    code = "event_not_bookable"
    status_code = 400
    default_detail = "This event cannot be booked."


class TicketTypeSoldOut(DomainError):
    code = "ticket_type_sold_out"
    status_code = 409
    default_detail = "This ticket type is sold out."


class SalesNotOpen(DomainError):
    code = "sales_not_open"
    status_code = 400
    default_detail = "Sales of this ticket type have not started yet."


class SalesClosed(DomainError):
    code = "sales_closed"
    status_code = 400
    default_detail = "Sales of this ticket type have ended."


# Codes (discount and access): why a code typed at booking was refused.


class CodeInvalid(DomainError):
    code = "code_invalid"
    status_code = 400
    default_detail = "This code is not valid for this event (unknown, inactive or out of date)."


class CodeUsedUp(DomainError):
    code = "code_used_up"
    status_code = 409
    default_detail = "This code has been used as often as it may be."


class CodeNotApplicable(DomainError):
    code = "code_not_applicable"
    status_code = 400
    default_detail = "This code applies to none of the tickets chosen."


class CodeExists(DomainError):
    code = "code_exists"
    status_code = 409
    default_detail = "This event already has this code."
