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
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from .authentication import GenerationJWTAuthentication

SUBPROTOCOL = "qr-entry.jwt"


def token_from_scope(scope: dict) -> str | None:
    protocols = scope.get("subprotocols") or []
    if len(protocols) >= 2 and protocols[0] == SUBPROTOCOL:
        return protocols[1]
    return None


@database_sync_to_async
def _user_for_token(raw: str):
    """The user and the token's expiry (epoch seconds); the same checks as the HTTP API
    (signature, expiry, active user, password unchanged and no session ended since issue)."""
    try:
        token = AccessToken(raw)
        return GenerationJWTAuthentication().get_user(token), int(token["exp"])
    except (TokenError, AuthenticationFailed):
        return AnonymousUser(), None


class JWTAuthMiddleware(BaseMiddleware):
    """Puts `user` and `token_expires_at` (epoch seconds, or None) into the scope; the
    consumer closes the socket when the token it was opened with expires."""

    async def __call__(self, scope, receive, send):
        raw = token_from_scope(scope)
        user, expires_at = await _user_for_token(raw) if raw else (AnonymousUser(), None)
        scope["user"] = user
        scope["token_expires_at"] = expires_at
        return await super().__call__(scope, receive, send)
