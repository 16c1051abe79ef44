"""Writes for accounts and sign-in. Views call these; they raise DomainError subclasses.

Sessions: a sign-in issues a refresh token of a new *family*; each refresh rotates it (the
old token is blacklisted, a new one of the same family issued). A blacklisted token that comes
back was copied by someone: the whole family is revoked, so the thief's newer token dies too.
Ending every session (sign out everywhere, a new password, account deletion) blacklists all
the user's outstanding refresh tokens and closes their live sockets; a new password also ends
the access tokens (SimpleJWT's CHECK_REVOKE_TOKEN), and every ending of sessions moves the
user's token generation on, so access tokens issued before are refused at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import uuid4

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from rest_framework_simplejwt.exceptions import TokenBackendError, TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.state import token_backend
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import datetime_from_epoch, get_md5_hash_password

from common.exceptions import DomainError, InvalidInput, RateLimited

from . import broadcast, notifications, throttling
from .auth_cache import auth_cache_forget
from .authentication import GENERATION_CLAIM
from .models import Role, SessionFamily, User

SELF_SERVICE_ROLES = (Role.ATTENDEE, Role.ORGANIZER)
FAMILY_CLAIM = "fam"


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


class InvalidToken(DomainError):
    code = "invalid_token"
    status_code = 400
    default_detail = "This link is invalid or has expired. Ask for a new one."


class OrganizerSignupClosed(DomainError):
    code = "organizer_signup_closed"
    status_code = 403
    default_detail = (
        "Organizer accounts are made by invitation or by an administrator here. "
        "Create an attendee account instead."
    )


class _AddressTaken(InvalidInput):
    """The unique index refused the address (InvalidInput to the callers that say so)."""


class WrongPassword(DomainError):
    code = "wrong_password"
    status_code = 400
    default_detail = "The password is wrong."


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str


def _password_errors(password: str, user: User) -> None:
    try:
        validate_password(password, user=user)
    except DjangoValidationError as error:
        raise InvalidInput(fields={"new_password": list(error.messages)}) from error


def _rate_limited(wait: int, what: str) -> RateLimited:
    return RateLimited(f"Too many {what}. Try again in {wait} seconds.", retry_after=wait)


# Sessions --------------------------------------------------------------------------------


def _session_issue(user: User, *, family: str | None = None) -> TokenPair:
    """A new refresh token (and its access token) of `family`, or of a new family: recorded
    as outstanding, with its family, before it leaves."""
    refresh = RefreshToken()
    # The claims RefreshToken.for_user sets; for_user records the token before we could add
    # the family, so it is not used.
    refresh[jwt_settings.USER_ID_CLAIM] = str(user.pk)
    refresh[jwt_settings.REVOKE_TOKEN_CLAIM] = get_md5_hash_password(user.password)
    refresh["role"] = user.role
    refresh[FAMILY_CLAIM] = family or uuid4().hex
    refresh[GENERATION_CLAIM] = user.token_generation  # copied into its access tokens
    with transaction.atomic():
        outstanding = OutstandingToken.objects.create(
            user=user,
            jti=refresh[jwt_settings.JTI_CLAIM],
            token=str(refresh),
            created_at=refresh.current_time,
            expires_at=datetime_from_epoch(refresh["exp"]),
        )
        SessionFamily.objects.create(token=outstanding, family=refresh[FAMILY_CLAIM])
    return TokenPair(access=str(refresh.access_token), refresh=str(refresh))


def _blacklist(tokens) -> None:
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in tokens], ignore_conflicts=True
    )


def _family_revoke(family: str) -> None:
    _blacklist(
        OutstandingToken.objects.filter(family__family=family, blacklistedtoken__isnull=True)
    )


def _sessions_end(user: User) -> None:
    """Every refresh token of `user` blacklisted, every access token refused (a new token
    generation), every live socket closed (after commit)."""
    User.objects.filter(pk=user.pk).update(token_generation=F("token_generation") + 1)
    auth_cache_forget(user.pk)
    user.refresh_from_db(fields=["token_generation"])
    _blacklist(
        OutstandingToken.objects.filter(
            user=user, blacklistedtoken__isnull=True, expires_at__gt=timezone.now()
        )
    )
    broadcast.sessions_ended_broadcast(user_id=user.id)


def _revoke_if_reused(raw: str) -> None:
    """A refused refresh token that is genuine and was blacklisted by rotation is a stolen
    copy (or the victim's, after the thief rotated it): revoke its whole family."""
    try:
        payload = token_backend.decode(raw, verify=True)
    except TokenBackendError:
        return  # forged or expired: no family to protect
    if payload.get(jwt_settings.TOKEN_TYPE_CLAIM) != "refresh":
        return
    jti = payload.get(jwt_settings.JTI_CLAIM)
    if BlacklistedToken.objects.filter(token__jti=jti).exists():
        _family_revoke(str(payload.get(FAMILY_CLAIM) or jti))


def token_refresh(*, refresh: str) -> TokenPair:
    """Rotate: the old refresh token is blacklisted and a new one of its family issued. The
    blacklisting is the decision (a unique row), so two parallel uses of one token cannot
    both rotate it: the second counts as reuse."""
    try:
        old = RefreshToken(refresh)  # signature, expiry, type, blacklist
    except TokenError as error:
        _revoke_if_reused(refresh)
        raise InvalidRefreshToken() from error
    user = User.objects.filter(pk=old[jwt_settings.USER_ID_CLAIM], is_active=True).first()
    if user is None:
        raise InvalidRefreshToken()
    jti = old[jwt_settings.JTI_CLAIM]
    family = str(old.get(FAMILY_CLAIM) or jti)  # tokens from before families: one of their own
    outstanding, _ = OutstandingToken.objects.get_or_create(
        jti=jti,
        defaults={
            "user": user,
            "token": refresh,
            "created_at": old.current_time,
            "expires_at": datetime_from_epoch(old["exp"]),
        },
    )
    try:
        # One transaction: whoever sees this blacklisting also sees the token issued with it,
        # so a reuse detected at any moment revokes that one too.
        with transaction.atomic():
            BlacklistedToken.objects.create(token=outstanding)
            return _session_issue(user, family=family)
    except IntegrityError as error:  # used at this very moment by someone else
        _family_revoke(family)
        raise InvalidRefreshToken() from error


def token_revoke(*, refresh: str) -> None:
    try:
        RefreshToken(refresh).blacklist()
    except TokenError as error:
        raise InvalidRefreshToken() from error


def sessions_end_all(*, user: User) -> None:
    """Sign out everywhere: every refresh token blacklisted, every live socket closed."""
    with transaction.atomic():
        _sessions_end(user)


# Sign-up and sign-in ----------------------------------------------------------------------


def user_register(
    *,
    email: str,
    password: str,
    name: str,
    role: str = Role.ATTENDEE,
    base_url: str = "",
    email_verified: bool = False,
) -> User:
    """Self-registration: attendees and organizers only; admins come from createsuperuser.
    Sends the verification e-mail unless the address is already proven."""
    if role not in SELF_SERVICE_ROLES:
        raise InvalidInput(fields={"role": ["Choose attendee or organizer."]})
    email = email.strip().lower()
    candidate = User(email=email, name=name.strip(), role=role, email_verified=email_verified)
    try:
        validate_password(password, user=candidate)
    except DjangoValidationError as error:
        raise InvalidInput(fields={"password": list(error.messages)}) from error
    candidate.set_password(password)
    try:
        with transaction.atomic():
            candidate.save()
            if not email_verified:
                notifications.verification_queue(user=candidate, base_url=base_url)
    except IntegrityError as error:
        # The unique index is the guarantee.
        raise _AddressTaken(
            fields={"email": ["An account with this e-mail address already exists."]}
        ) from error
    return candidate


def user_sign_up(*, email: str, password: str, name: str, role: str, base_url: str) -> User:
    """Self-service sign-up, answering alike whether or not the address has an account
    (enumeration prevention, as django-allauth does it): a new address gets its account and
    the verification e-mail; a taken one changes nothing, and its owner gets an e-mail saying
    someone tried, with the way to sign in or reset the password. The same checks and the
    same password hashing run either way. Returns the new user, or for a taken address an
    unsaved one made of the input, so the answer tells nothing (it carries no id)."""
    if role == Role.ORGANIZER and settings.ORGANIZER_SIGNUP == "closed":
        raise OrganizerSignupClosed()
    try:
        return user_register(
            email=email, password=password, name=name, role=role, base_url=base_url
        )
    except _AddressTaken:
        email = email.strip().lower()
    owner = User.objects.filter(email=email, is_active=True).first()
    if owner is not None and throttling.account_exists_email_allowed(email):
        with transaction.atomic():
            notifications.account_exists_queue(user=owner, base_url=base_url)
    return User(email=email, name=name.strip(), role=role, email_verified=False)


def _password_check(
    request: HttpRequest | None, email: str, password: str, address: str, device: str | None
):
    """The user if the password is right, else None; throttled per device when `device` (a
    valid device cookie's nonce) is given, else per (account, address) and per address,
    deciding before the password is checked."""
    slots, wait = throttling.login_attempt(email, address, device)
    if not slots:
        raise _rate_limited(wait, "failed sign-in attempts")
    user = authenticate(request, email=email.strip().lower(), password=password)
    if user is not None:
        throttling.login_attempt_succeeded(slots)
    return user


@dataclass(frozen=True)
class SignIn:
    user: User
    tokens: TokenPair
    device_cookie: str  # a fresh device cookie for this browser (users.throttling)


def user_login(
    *,
    request: HttpRequest,
    email: str,
    password: str,
    client_address: str,
    device_cookie: str | None = None,
) -> SignIn:
    device = throttling.device_cookie_read(device_cookie, email)
    user = _password_check(request, email, password, client_address, device)
    if user is None:
        raise InvalidCredentials()
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    return SignIn(
        user=user,
        tokens=_session_issue(user),
        device_cookie=throttling.device_cookie_make(user.email),
    )


def password_confirm(*, user: User, password: str, client_address: str) -> None:
    """A signed-in user confirming their password (change, deletion): wrong guesses count
    as failed sign-ins, so a stolen access token cannot be used to guess it either."""
    if _password_check(None, user.email, password, client_address, None) is None:
        raise WrongPassword(fields={"password": ["The password is wrong."]})


# Passwords --------------------------------------------------------------------------------


def password_reset_request(*, email: str, client_address: str, base_url: str) -> None:
    """Queue a reset e-mail if an active account uses `email`. The caller cannot tell
    whether one does: the answer, the throttle and the work done in the request are the
    same either way (the e-mail is made by the worker)."""
    wait = throttling.password_reset_allowed(email, client_address)
    if wait:
        raise _rate_limited(wait, "password reset requests")
    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    with transaction.atomic():
        notifications.password_reset_queue(user=user, base_url=base_url)


def _user_for_reset(uid: str, token: str) -> User:
    try:
        user_id = int(force_str(urlsafe_base64_decode(uid)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        raise InvalidToken() from None
    if not 0 < user_id < 2**63:  # beyond any key: the database would refuse to compare it
        raise InvalidToken()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    # The token is made from the password hash and last sign-in: once used (or once the
    # password changed another way) it is dead; too old, dead too (PASSWORD_RESET_TIMEOUT).
    if user is None or not default_token_generator.check_token(user, token):
        raise InvalidToken()
    return user


def device_cookie_issue(*, user: User) -> str:
    """A device cookie for a browser that just proved it is `user`'s (a password reset): its
    sign-ins then count on their own, whatever strangers did to the account's limits."""
    return throttling.device_cookie_make(user.email)


def password_reset_confirm(*, uid: str, token: str, new_password: str) -> User:
    user = _user_for_reset(uid, token)
    _password_errors(new_password, user)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not default_token_generator.check_token(user, token):  # used meanwhile
            raise InvalidToken()
        user.set_password(new_password)
        # Whoever opened the link reads this mailbox.
        user.email_verified = True
        user.save(update_fields=["password", "email_verified"])
        _sessions_end(user)
    return user


def password_change(
    *, user: User, current_password: str, new_password: str, client_address: str
) -> TokenPair:
    """A new password; every session ends, the caller gets a fresh one (returned)."""
    try:
        password_confirm(user=user, password=current_password, client_address=client_address)
    except WrongPassword as error:
        raise WrongPassword(fields={"current_password": ["The password is wrong."]}) from error
    _password_errors(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        _sessions_end(user)
    return _session_issue(user)


# Profile and deletion ---------------------------------------------------------------------


def user_update(*, user: User, name: str) -> User:
    user.name = name.strip()
    if not user.name:
        raise InvalidInput(fields={"name": ["Enter a name."]})
    user.save(update_fields=["name"])
    return user


def user_erase(*, user: User) -> None:
    """Erase the person, keep the records: name and e-mail are replaced, the password made
    unusable, the account closed and every session ended. The bookings app runs the
    cascade first (its account deletion cancels what is still ahead)."""
    with transaction.atomic():
        user.name = "Deleted account"
        user.email = f"deleted-{user.pk}@deleted.invalid"
        user.email_verified = False
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["name", "email", "email_verified", "is_active", "password"])
        _sessions_end(user)


# E-mail verification ----------------------------------------------------------------------


def email_verify(*, key: str) -> User:
    found = notifications.verification_key_read(key)
    if found is None:
        raise InvalidToken()
    user_id, email = found
    user = User.objects.filter(pk=user_id, email=email, is_active=True).first()
    if user is None:  # the address changed or the account is gone
        raise InvalidToken()
    User.objects.filter(pk=user.pk).update(email_verified=True)
    auth_cache_forget(user.pk)
    user.email_verified = True
    return user


def email_verification_resend(*, user: User, base_url: str) -> None:
    if user.email_verified:
        return
    wait = throttling.verification_resend_allowed(user.pk)
    if wait:
        raise _rate_limited(wait, "verification e-mails")
    with transaction.atomic():
        notifications.verification_queue(user=user, base_url=base_url)
