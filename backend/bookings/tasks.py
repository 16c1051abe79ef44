"""Celery tasks of the bookings app."""

from celery import shared_task

from common.background import run_in_background

from .notifications import booking_confirmation_send


@shared_task(
    name="bookings.send_booking_confirmation",
    autoretry_for=(Exception,),
    retry_backoff=10,
    retry_backoff_max=600,
    max_retries=8,
    acks_late=True,
)
def send_booking_confirmation(booking_id: int) -> None:
    """Retried with backoff while the mail server is down; the booking stands meanwhile."""
    booking_confirmation_send(booking_id)


def booking_confirmation_queue(booking_id: int) -> None:
    """Send the confirmation off the request: by the Celery worker when a broker is set."""
    run_in_background(booking_confirmation_send, booking_id, celery_task=send_booking_confirmation)
