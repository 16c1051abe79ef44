"""Push door events to every live view of an event, through the channel layer (Redis in
production, so a scan served by one process reaches a dashboard held by another)."""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from .selectors import attendance_group_name
from .serializers import ScanMessageSerializer

logger = logging.getLogger(__name__)


def broadcast_to_door(*, event_id: int, payload: dict) -> None:
    """Best effort: a dashboard missing one message must never fail a scan at the door."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(
            attendance_group_name(event_id=event_id),
            {"type": "attendance.update", "payload": payload},
        )
    except Exception:  # Redis down or slow: the scan stands; the dashboard catches up
        logger.exception("could not broadcast to the door of event %s", event_id)


def broadcast_scan(outcome) -> None:
    """A decided scan (or undo), as the `scan` message of the live door socket."""
    payload = ScanMessageSerializer({"scan": outcome, "counters": outcome.counters}).data
    broadcast_to_door(event_id=outcome.scan.event_id, payload=payload)
