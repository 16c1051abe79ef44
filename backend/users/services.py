"""Writes for accounts and sign-in. Views call these; they raise DomainError subclasses."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.serializers import TokenRefreshSerializer
from rest_framework_simplejwt.tokens import RefreshToken

from common.exceptions import DomainError, InvalidInput, RateLimited

from . import throttling
from .models import Role, User

SELF_SERVICE_ROLES = (Role.ATTENDEE, Role.ORGANIZER)


class InvalidCredentials(DomainError):
    code = "invalid_credentials"
    status_code = 401
    default_detail = "E-mail or password is wrong."


class NoSession(DomainError):
    code = "not_authenticated"
    status_code = 401
    default_detail = "Not signed in: no session to refresh."


class InvalidRefreshToken(DomainError):
    code = "token_not_valid"
    status_code = 401
    default_detail = "The session has ended. Please sign in again."


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str


def _tokens_for(user: User) -> TokenPair:
    refresh = RefreshToken.for_user(user)
    refresh["role"] = user.role
    return TokenPair(access=str(refresh.access_token), refresh=str(refresh))


def user_register(*, email: str, password: str, name: str, role: str = Role.ATTENDEE) -> User:
    """Self-registration: attendees and organizers only; admins come from createsuperuser."""
    if role not in SELF_SERVICE_ROLES:
        raise InvalidInput(fields={"role": ["Choose attendee or organizer."]})
    email = email.strip().lower()
    candidate = User(email=email, name=name.strip(), role=role)
    try:
        validate_password(password, user=candidate)
    except DjangoValidationError as error:
        raise InvalidInput(fields={"password": list(error.messages)}) from error
    candidate.set_password(password)
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError as error:
        # The unique index is the guarantee; the serializer's check is only the friendly path.
        raise InvalidInput(
            fields={"email": ["An account with this e-mail address already exists."]}
        ) from error
    return candidate


def user_login(
    *, request: HttpRequest, email: str, password: str, client_address: str
) -> tuple[User, TokenPair]:
    wait = throttling.login_blocked_for(email, client_address)
    if wait is not None:
        raise RateLimited(
            f"Too many failed sign-in attempts. Try again in {wait} seconds.", retry_after=wait
        )
    user = authenticate(request, email=email.strip().lower(), password=password)
    if user is None:
        throttling.login_failed(email, client_address)
        raise InvalidCredentials()
    throttling.login_succeeded(email)
    return user, _tokens_for(user)


def token_refresh(*, refresh: str) -> TokenPair:
    """Rotate: the old refresh token is blacklisted and a new pair is issued."""
    serializer = TokenRefreshSerializer(data={"refresh": refresh})
    try:
        serializer.is_valid(raise_exception=True)
    except (AuthenticationFailed, TokenError) as error:
        # InvalidToken (expired, blacklisted, forged) or the user is gone or deactivated.
        raise InvalidRefreshToken() from error
    data = serializer.validated_data
    return TokenPair(access=data["access"], refresh=data["refresh"])


def token_revoke(*, refresh: str) -> None:
    try:
        RefreshToken(refresh).blacklist()
    except TokenError as error:
        raise InvalidRefreshToken() from error
