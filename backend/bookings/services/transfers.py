"""Ticket transfers: the holder passes one ticket to someone else by e-mail address.

A ticket's code is signed over (key id, event id, ticket id), so a new code needs a new id:
the transfer revokes the old row (status `revoked`, refused at the door with that reason)
and issues a new row in the same booking for the recipient (new id, new backup code, same
type, answers copied, `holder_email` = the recipient, `transferred_from` = the old row).
The revocation is a conditional UPDATE of the old row (`status = valid AND checked_in_at IS
NULL AND NOT admitted_on_list`): a scan of the old code admits with a conditional UPDATE of
the same row, so one of the two wins and the other finds the row changed, never both.
Seats, sales and check-in counts do not move: one valid ticket replaces another."""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from common.db import atomic_with_retry
from common.exceptions import InvalidInput
from users.models import User

from .. import notifications
from ..backup_codes import backup_code_new
from ..errors import AlreadyCheckedIn, TicketNotTransferable, TransfersClosed
from ..models import Booking, Ticket, TicketStatus
from ..ticket_codes import keyring, ticket_code_for
from .tickets import is_backup_code_collision

BACKUP_CODE_ATTEMPTS = 5


def _recipient(*, sender: User, email: str, name: str) -> tuple[str, str]:
    """The recipient's address (lower case) and name, checked: not the sender's own."""
    email = email.strip().lower()
    if email == sender.email.lower():
        raise InvalidInput(fields={"email": ["This is your own address: give the recipient's."]})
    name = " ".join(name.split())
    if not name:
        raise InvalidInput(fields={"name": ["Give the recipient's name."]})
    return email, name


def code_sha256(ticket: Ticket) -> str:
    """SHA-256 (hex) of the ticket's code text, as the door kits list revoked codes."""
    code = ticket_code_for(event_id=ticket.event_id, ticket_id=ticket.id, key_id=ticket.key_id)
    return hashlib.sha256(code.encode()).hexdigest()


def _refusal(ticket: Ticket) -> None:
    """Why this (locked, current) ticket may not be transferred, raised; None if it may."""
    if ticket.status != TicketStatus.VALID:
        raise TicketNotTransferable()
    if ticket.checked_in_at is not None or ticket.admitted_on_list:
        raise AlreadyCheckedIn()
    until = ticket.event.transfers_until
    if until is None or timezone.now() >= until:
        raise TransfersClosed()


def _issue(old: Ticket, *, email: str, name: str, now) -> Ticket:
    """The recipient's ticket, in a savepoint per backup code drawn (one in billions twice)."""
    for attempt in range(1, BACKUP_CODE_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return Ticket.objects.create(
                    booking_id=old.booking_id,
                    event_id=old.event_id,
                    ticket_type_id=old.ticket_type_id,
                    status=TicketStatus.VALID,
                    key_id=keyring().active_key_id,
                    attendee_name=name,
                    answers=old.answers,
                    backup_code=backup_code_new(),
                    holder_email=email,
                    transferred_from=old,
                    changed_at=now,
                )
        except IntegrityError as error:
            if not is_backup_code_collision(error) or attempt == BACKUP_CODE_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def ticket_transfer(*, ticket: Ticket, sender: User, email: str, name: str) -> Ticket:
    """Transfer `ticket` (one the sender holds) to `email`, in `name`. Returns the new
    ticket; the old one is revoked. 409 when it was used at the door, is not valid, or
    transfers are closed; 400 for the sender's own address."""
    email, name = _recipient(sender=sender, email=email, name=name)

    def apply() -> Ticket:
        # The booking first, then the ticket: the order cancelling takes them in.
        Booking.objects.select_for_update().filter(id=ticket.booking_id).first()
        old = Ticket.objects.select_for_update().select_related("event").get(id=ticket.id)
        _refusal(old)
        now = timezone.now()
        revoked = Ticket.objects.filter(
            id=old.id,
            status=TicketStatus.VALID,
            checked_in_at__isnull=True,
            admitted_on_list=False,
        ).update(
            status=TicketStatus.REVOKED,
            revoked_at=now,
            revoked_code_sha256=code_sha256(old),
            inside=False,
            changed_at=now,
        )
        if not revoked:  # the row lock makes this unreachable; the UPDATE is the guarantee
            raise AlreadyCheckedIn()
        new = _issue(old, email=email, name=name, now=now)
        notifications.ticket_transferred_queue(ticket=new)
        return new

    return atomic_with_retry(apply)
