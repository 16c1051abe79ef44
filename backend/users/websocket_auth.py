"""JWT authentication for WebSocket connections.

Browsers cannot set an Authorization header on a WebSocket, so the client offers the access
token as a second subprotocol: `new WebSocket(url, ["qr-entry.jwt", access])`. Unlike a query
string, a subprotocol does not end up in access logs. Channels ships only session auth, so
this small middleware is ours; token checking itself is SimpleJWT's.
"""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from django.contrib.auth.models import AnonymousUser
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from .selectors import user_get_by_id

SUBPROTOCOL = "qr-entry.jwt"


def token_from_scope(scope: dict) -> str | None:
    protocols = scope.get("subprotocols") or []
    if len(protocols) >= 2 and protocols[0] == SUBPROTOCOL:
        return protocols[1]
    return None


@database_sync_to_async
def _user_for_token(raw: str):
    try:
        token = AccessToken(raw)
    except TokenError:
        return AnonymousUser()
    return user_get_by_id(user_id=int(token["user_id"])) or AnonymousUser()


class JWTAuthMiddleware(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        raw = token_from_scope(scope)
        scope["user"] = await _user_for_token(raw) if raw else AnonymousUser()
        return await super().__call__(scope, receive, send)
