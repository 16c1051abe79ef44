"""Live attendance over WebSocket: one group per event, fed after each scan commits.

A socket lives only as long as the right to watch: it closes with 4401 when the access token
it was opened with expires, and when its user signs out everywhere or gets a new password
(the services tell the user's group), and with 4403 when the user is removed from the event's
door staff. Refusals, too, come after the handshake is accepted: a browser shows a refused
handshake as a bare 1006, and the client must see 4401 to refresh its token."""

from __future__ import annotations

import asyncio
import logging
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from common.cache import UNREACHABLE
from common.exceptions import DomainError, NotFound
from users.broadcast import user_group_name
from users.websocket_auth import SUBPROTOCOL

from .permissions import DoorAccess, door_event_for
from .selectors import attendance_counters, attendance_group_name
from .serializers import SnapshotMessageSerializer

# Application close codes (4000-4999): the client tells "sign in again" from "not yours".
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
# RFC 6455 "try again later": the channel layer (Redis) cannot be reached; the page reconnects
# with backoff and gets a snapshot once Redis is back.
CLOSE_TRY_AGAIN_LATER = 1013
logger = logging.getLogger(__name__)


@database_sync_to_async
def _door_snapshot(*, event_id: int, user) -> dict:
    """The first message, or the DomainError that says why this user may not watch."""
    event = door_event_for(user=user, event_id=event_id, access=DoorAccess.SCAN)
    event.counters = attendance_counters(event=event)
    return SnapshotMessageSerializer(event).data


class AttendanceConsumer(AsyncJsonWebsocketConsumer):
    groups_joined: tuple[str, ...] = ()
    event_id: int | None = None
    expiry: asyncio.Task | None = None

    async def __call__(self, scope, receive, send) -> None:
        # Redis gone (or going) under a live view: close it cleanly, no traceback; the page
        # reconnects with backoff. (Channels reads the layer alongside the socket, so the
        # error can surface from the consumer's loop as a whole, not only from a handler.)
        try:
            await super().__call__(scope, receive, send)
        except UNREACHABLE as error:
            logger.warning("live view closed, Redis unreachable: %s", error)
            await send({"type": "websocket.close", "code": CLOSE_TRY_AGAIN_LATER})

    async def connect(self) -> None:
        # Accept first, so every refusal reaches the browser with its code.
        await self.accept(subprotocol=SUBPROTOCOL)
        user = self.scope["user"]
        expires_at = self.scope.get("token_expires_at")
        if not user.is_authenticated or expires_at is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.event_id = int(self.scope["url_route"]["kwargs"]["event_id"])
        try:
            snapshot = await _door_snapshot(event_id=self.event_id, user=user)
        except DomainError as refusal:
            await self.close(
                code=CLOSE_NOT_FOUND if isinstance(refusal, NotFound) else CLOSE_FORBIDDEN
            )
            return
        self.groups_joined = (
            attendance_group_name(event_id=self.event_id),
            user_group_name(user_id=user.id),
        )
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        self.expiry = asyncio.create_task(self._close_on_expiry(expires_at))
        await self.send_json(snapshot)

    async def _close_on_expiry(self, expires_at: float) -> None:
        await asyncio.sleep(max(0.0, expires_at - time.time()))
        await self.close(code=CLOSE_UNAUTHENTICATED)

    async def disconnect(self, code: int) -> None:
        if self.expiry is not None:
            self.expiry.cancel()
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        # The channel is one-way; scans go through the HTTP API so they are authorised,
        # validated and logged in one place. Whatever a client sends is dropped unread: never
        # decoded, so no frame (not JSON, binary, nested past the decoder's recursion limit)
        # can raise here.
        return

    async def attendance_update(self, message: dict) -> None:
        await self.send_json(message["payload"])

    async def sessions_ended(self, message: dict) -> None:
        """Signed out everywhere, new password or account deleted: sign in again."""
        await self.close(code=CLOSE_UNAUTHENTICATED)

    async def event_access_ended(self, message: dict) -> None:
        """Removed from this event's door staff."""
        if message.get("event") == self.event_id:
            await self.close(code=CLOSE_FORBIDDEN)
