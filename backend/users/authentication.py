"""JWT authentication for the API and the WebSockets: SimpleJWT's checks (signature, expiry,
active user, password unchanged since issue) plus the user's token generation, so a token
issued before "sign out everywhere" is refused at once rather than when it expires. The check
costs nothing: SimpleJWT loads the user row anyway."""

from __future__ import annotations

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken

GENERATION_CLAIM = "gen"


class GenerationJWTAuthentication(JWTAuthentication):
    def get_user(self, validated_token):
        user = super().get_user(validated_token)
        # Tokens without the claim were issued in generation 0 (before it existed).
        if validated_token.get(GENERATION_CLAIM, 0) != user.token_generation:
            raise InvalidToken("The session has ended. Please sign in again.")
        return user


class GenerationJWTScheme(SimpleJWTScheme):
    """The schema's security scheme: SimpleJWT's bearer token, as before."""

    target_class = "users.authentication.GenerationJWTAuthentication"
