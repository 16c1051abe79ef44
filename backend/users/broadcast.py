"""Tell a user's live sockets that their access has ended, through the channel layer (Redis in
production, so a socket held by any process hears it). Every socket a user opens joins the
group `user_group_name(user_id)`; the services call these after their transaction commits."""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def user_group_name(*, user_id: int) -> str:
    return f"user-{user_id}"


def _send(user_id: int, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(user_group_name(user_id=user_id), message)
    except Exception:  # Redis down: the sockets still close when their token expires
        logger.exception("could not reach the live sockets of user %s", user_id)


def sessions_ended_broadcast(*, user_id: int) -> None:
    """After the commit: every socket of this user closes (signed out everywhere, new
    password, account deleted)."""
    transaction.on_commit(lambda: _send(user_id, {"type": "sessions.ended"}))


def event_access_ended_broadcast(*, user_id: int, event_id: int) -> None:
    """After the commit: this user's sockets on this event's door close (removed staff)."""
    transaction.on_commit(lambda: _send(user_id, {"type": "event.access_ended", "event": event_id}))
