"""ASGI pieces shared by every app: the request body cap and the answer to unknown sockets."""

from __future__ import annotations

import json
import re

from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from .exceptions import error_body

# Application close code (4000-4999) for "no socket at this path".
CLOSE_NOT_FOUND = 4404


# The one endpoint that takes a file (POST /api/events/{id}/image/): its own, larger limit.
UPLOAD_PATH = re.compile(r"^/api/events/[0-9]+/image/$")


class _BodyTooLarge(Exception):
    pass


class RequestBodyLimit:
    """Refuse an HTTP request body over DATA_UPLOAD_MAX_MEMORY_SIZE before it is read.

    Django's ASGI handler spools the whole body to a temporary file before any view runs, and
    its own size check trusts Content-Length only: a chunked upload without one would be read
    whole, gigabytes of it. This counts the bytes as they arrive and answers 413 (the API's
    error body) at the first byte too many. Django ships nothing for this.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if UPLOAD_PATH.match(scope.get("path", "")):
            limit = settings.QE_UPLOAD_MAX_BYTES  # an event image: up to 5 MB and its form
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await self._refuse(send)
            return
        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted_receive, send)
        except _BodyTooLarge:
            await self._refuse(send)

    @staticmethod
    async def _refuse(send) -> None:
        body = json.dumps(error_body("request_too_large", "The request body is too large."))
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body.encode()})


class UnknownSocketConsumer(AsyncWebsocketConsumer):
    """Any WebSocket path nobody serves: refused (Channels' router would raise instead)."""

    async def connect(self) -> None:
        await self.close(code=CLOSE_NOT_FOUND)
