"""JWT authentication for the API and the WebSockets: SimpleJWT's checks (signature, expiry,
active user, password unchanged since issue) plus the user's token generation, so a token
issued before "sign out everywhere" is refused at once rather than when it expires. The user
comes from users.auth_cache (a snapshot in Redis, no row read per request) with the same checks
SimpleJWT makes on the row."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken
from rest_framework_simplejwt.settings import api_settings

from .auth_cache import user_for_token

GENERATION_CLAIM = "gen"


class GenerationJWTAuthentication(JWTAuthentication):
    def get_user(self, validated_token):
        # SimpleJWT's own checks (JWTAuthentication.get_user), on the cached snapshot.
        try:
            user_id = int(validated_token[api_settings.USER_ID_CLAIM])
        except (KeyError, TypeError, ValueError) as error:
            raise InvalidToken(_("Token contained no recognizable user identification")) from error
        found = user_for_token(user_id)
        if found is None:
            raise AuthenticationFailed(_("User not found"), code="user_not_found")
        user, password_digest = found
        if not user.is_active:
            raise AuthenticationFailed(_("User is inactive"), code="user_inactive")
        if validated_token.get(api_settings.REVOKE_TOKEN_CLAIM) != password_digest:
            raise AuthenticationFailed(
                _("The user's password has been changed."), code="password_changed"
            )
        # Tokens without the claim were issued in generation 0 (before it existed).
        if validated_token.get(GENERATION_CLAIM, 0) != user.token_generation:
            raise InvalidToken("The session has ended. Please sign in again.")
        return user


class GenerationJWTScheme(SimpleJWTScheme):
    """The schema's security scheme: SimpleJWT's bearer token, as before."""

    target_class = "users.authentication.GenerationJWTAuthentication"
