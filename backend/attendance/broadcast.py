"""Push door events to every live view of an event, through the channel layer (Redis in
production, so a scan served by one process reaches a dashboard held by another)."""

from __future__ import annotations

import asyncio
import logging
import os
import threading

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer

from .selectors import attendance_group_name
from .serializers import scan_message_data

logger = logging.getLogger(__name__)


class _Sender:
    """One event loop per process, on a thread of its own, that sends the door's messages in
    the order they were decided. `async_to_sync(group_send)` on every scan started a loop and
    opened a Redis connection each time (a third of a scan's cost in the check-in storm); this
    keeps one loop and the layer's connections, and takes the send off the request's path.

    Best effort, like the messages themselves: a backlog past MAX_BACKLOG (Redis gone) drops
    new messages, and those queued when the process ends are not sent; the live views take
    a fresh snapshot when they reconnect."""

    MAX_BACKLOG = 10_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queue: asyncio.Queue | None = None
        self._backlog = 0

    def send(self, layer, group: str, message: dict) -> None:
        loop, queue = self._started(layer)
        with self._lock:
            if self._backlog >= self.MAX_BACKLOG:
                logger.warning("door messages backed up: dropped one for %s", group)
                return
            self._backlog += 1
        loop.call_soon_threadsafe(queue.put_nowait, (group, message))

    def _started(self, layer) -> tuple[asyncio.AbstractEventLoop, asyncio.Queue]:
        with self._lock:
            # A forked worker inherits the object but not the thread: start its own.
            if self._loop is None or self._pid != os.getpid():
                self._pid = os.getpid()
                self._backlog = 0
                self._loop = asyncio.new_event_loop()
                self._queue = asyncio.Queue()
                threading.Thread(
                    target=self._run, args=(self._loop, self._queue, layer), daemon=True
                ).start()
            assert self._queue is not None
            return self._loop, self._queue

    def _run(self, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue, layer) -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(self._deliver(queue, layer))

    async def _deliver(self, queue: asyncio.Queue, layer) -> None:
        while True:
            group, message = await queue.get()
            try:
                await layer.group_send(group, message)
            except Exception:  # Redis down or slow: the scan stands; the dashboard catches up
                logger.exception("could not broadcast to %s", group)
            finally:
                with self._lock:
                    self._backlog -= 1


_sender = _Sender()


def broadcast_to_door(*, event_id: int, payload: dict) -> None:
    """Best effort: a dashboard missing one message must never fail a scan at the door."""
    layer = get_channel_layer()
    if layer is None:
        return
    group = attendance_group_name(event_id=event_id)
    message = {"type": "attendance.update", "payload": payload}
    if isinstance(layer, InMemoryChannelLayer):
        # One process (make run, tests): its queues belong to the consumers' event loop, so
        # the message is handed over there, at once.
        try:
            async_to_sync(layer.group_send)(group, message)
        except Exception:
            logger.exception("could not broadcast to the door of event %s", event_id)
        return
    _sender.send(layer, group, message)


def broadcast_scan(outcome) -> None:
    """A decided scan (or undo), as the `scan` message of the live door socket."""
    broadcast_to_door(event_id=outcome.scan.event_id, payload=scan_message_data(outcome))
