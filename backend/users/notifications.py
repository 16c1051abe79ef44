"""Account e-mails (password reset, address verification, "you already have an account"),
queued in the outbox by the services and sent by the worker. The secret in each link is made
when the e-mail is sent, so no usable token is ever stored: reset links come from Django's
token generator (they die with the password they were made for), verification keys are
signed with SECRET_KEY (they die when the address changes)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.mail import send_mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from common.outbox import handles, outbox_put

from .models import User

PASSWORD_RESET = "users.password_reset_email"
VERIFICATION = "users.verification_email"
ACCOUNT_EXISTS = "users.account_exists_email"
VERIFICATION_SALT = "users.email-verification"


def link(base_url: str, path: str, **query: str) -> str:
    return f"{settings.PUBLIC_URL or base_url.rstrip('/')}{path}?{urlencode(query)}"


def verification_key_for(user: User) -> str:
    return signing.dumps({"u": user.id, "e": user.email}, salt=VERIFICATION_SALT)


def verification_key_read(key: str) -> tuple[int, str] | None:
    """The (user id, address) a key was made for, or None if forged or too old."""
    try:
        data = signing.loads(
            key, salt=VERIFICATION_SALT, max_age=settings.EMAIL_VERIFICATION_MAX_AGE
        )
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return data["u"], str(data.get("e", ""))


def password_reset_queue(*, user: User, base_url: str) -> None:
    outbox_put(topic=PASSWORD_RESET, payload={"user": user.id, "base_url": base_url})


def verification_queue(*, user: User, base_url: str) -> None:
    outbox_put(topic=VERIFICATION, payload={"user": user.id, "base_url": base_url})


def account_exists_queue(*, user: User, base_url: str) -> None:
    outbox_put(topic=ACCOUNT_EXISTS, payload={"user": user.id, "base_url": base_url})


@handles(PASSWORD_RESET)
def password_reset_send(payload: dict) -> None:
    user = User.objects.filter(id=payload["user"], is_active=True).first()
    if user is None:
        return  # deleted since: nothing to reset
    url = link(
        payload["base_url"],
        "/reset-password",
        uid=urlsafe_base64_encode(force_bytes(user.pk)),
        token=default_token_generator.make_token(user),
    )
    minutes = settings.PASSWORD_RESET_TIMEOUT // 60
    send_mail(
        subject="Reset your QR-Entry password",
        message="\n".join(
            [
                f"Hello {user.name},",
                "",
                "someone (hopefully you) asked to reset the password of your QR-Entry account.",
                f"Choose a new password here within {minutes} minutes:",
                "",
                url,
                "",
                "If it was not you, ignore this e-mail: your password stays as it is.",
            ]
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


@handles(VERIFICATION)
def verification_send(payload: dict) -> None:
    user = User.objects.filter(id=payload["user"], is_active=True).first()
    if user is None or user.email_verified:
        return
    url = link(payload["base_url"], "/verify-email", key=verification_key_for(user))
    send_mail(
        subject="Confirm your e-mail address for QR-Entry",
        message="\n".join(
            [
                f"Hello {user.name},",
                "",
                "please confirm that this is your e-mail address by opening this link:",
                "",
                url,
            ]
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


@handles(ACCOUNT_EXISTS)
def account_exists_send(payload: dict) -> None:
    """Someone signed up with an address that has an account: its owner hears of it (the
    sign-up itself answered as for a new address)."""
    user = User.objects.filter(id=payload["user"], is_active=True).first()
    if user is None:
        return
    send_mail(
        subject="You already have a QR-Entry account",
        message="\n".join(
            [
                f"Hello {user.name},",
                "",
                "someone (hopefully you) just tried to create a QR-Entry account with this",
                "e-mail address. You already have one, so nothing was created or changed.",
                "",
                "Sign in here:",
                link(payload["base_url"], "/login", email=user.email),
                "",
                "Forgot your password? Choose a new one here:",
                link(payload["base_url"], "/forgot-password", email=user.email),
                "",
                "If it was not you, ignore this e-mail: your account stays as it is.",
            ]
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
