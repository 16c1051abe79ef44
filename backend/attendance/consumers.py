"""Live attendance over WebSocket: one group per event, fed after each scan commits."""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from common.exceptions import DomainError, NotFound
from events.permissions import EventAccess, event_for
from users.websocket_auth import SUBPROTOCOL

from .selectors import attendance_counters, attendance_group_name
from .serializers import SnapshotMessageSerializer

# Application close codes (4000-4999): the client tells "sign in again" from "not yours".
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404


@database_sync_to_async
def _door_snapshot(*, event_id: int, user) -> dict:
    """The first message, or the DomainError that says why this user may not watch."""
    event = event_for(user=user, event_id=event_id, access=EventAccess.DOOR)
    event.counters = attendance_counters(event=event)
    return SnapshotMessageSerializer(event).data


class AttendanceConsumer(AsyncJsonWebsocketConsumer):
    group_name: str | None = None

    async def connect(self) -> None:
        user = self.scope["user"]
        if not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        event_id = int(self.scope["url_route"]["kwargs"]["event_id"])
        try:
            snapshot = await _door_snapshot(event_id=event_id, user=user)
        except DomainError as refusal:
            await self.close(
                code=CLOSE_NOT_FOUND if isinstance(refusal, NotFound) else CLOSE_FORBIDDEN
            )
            return
        self.group_name = attendance_group_name(event_id=event_id)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept(subprotocol=SUBPROTOCOL)
        await self.send_json(snapshot)

    async def disconnect(self, code: int) -> None:
        if self.group_name:
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive_json(self, content, **kwargs) -> None:
        # The channel is one-way; scans go through the HTTP API so they are authorised,
        # validated and logged in one place.
        return

    async def attendance_update(self, message: dict) -> None:
        await self.send_json(message["payload"])
