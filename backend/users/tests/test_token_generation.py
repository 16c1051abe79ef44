"""Ending every session ends the access tokens too, at once: each token carries the user's
token generation, which "sign out everywhere" and a new password move on, and every request
(API and a new WebSocket) checks it."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework.test import APIClient

from config.asgi import application
from events.tests.factories import EventFactory
from users.tests.factories import PASSWORD

ORIGIN = [(b"origin", b"http://127.0.0.1:8000")]


def sign_in(user, password=PASSWORD) -> dict:
    response = APIClient().post("/api/auth/login/", {"email": user.email, "password": password})
    assert response.status_code == 200, response.content
    return response.json()


def as_bearer(access: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


@pytest.mark.django_db
def test_sign_out_everywhere_refuses_every_access_token_at_once(attendee):
    laptop, phone = sign_in(attendee), sign_in(attendee)
    assert as_bearer(laptop["access"]).get("/api/auth/me/").status_code == 200
    assert as_bearer(phone["access"]).post("/api/auth/logout-all/").status_code == 204
    for session in (laptop, phone):
        me = as_bearer(session["access"]).get("/api/auth/me/")
        assert me.status_code == 401
        assert me.json()["code"] == "token_not_valid"
    # A new sign-in works as ever.
    assert as_bearer(sign_in(attendee)["access"]).get("/api/auth/me/").status_code == 200


@pytest.mark.django_db
def test_a_password_reset_refuses_the_access_tokens_issued_before(attendee, sent_mail):
    session = sign_in(attendee)
    APIClient().post("/api/auth/password-reset/", {"email": attendee.email})
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    attendee.refresh_from_db()
    body = {
        "uid": urlsafe_base64_encode(force_bytes(attendee.pk)),
        "token": default_token_generator.make_token(attendee),
        "new_password": "a-brand-new-pass-phrase",
    }
    assert APIClient().post("/api/auth/password-reset/confirm/", body).status_code == 204
    assert as_bearer(session["access"]).get("/api/auth/me/").status_code == 401


@pytest.mark.django_db(transaction=True)
async def test_after_sign_out_everywhere_a_new_live_socket_is_refused():
    event = await sync_to_async(EventFactory)()
    session = await sync_to_async(sign_in)(event.organizer)

    async def first_message() -> dict:
        communicator = WebsocketCommunicator(
            application,
            f"/ws/events/{event.id}/attendance/",
            headers=ORIGIN,
            subprotocols=["qr-entry.jwt", session["access"]],
        )
        connected, _ = await communicator.connect()
        assert connected  # refusals come after the handshake, with a close code
        message = await communicator.receive_output(timeout=2)
        await communicator.disconnect()
        return message

    assert (await first_message())["type"] == "websocket.send"  # the snapshot
    logout_all = sync_to_async(lambda: as_bearer(session["access"]).post("/api/auth/logout-all/"))
    assert (await logout_all()).status_code == 204
    assert await first_message() == {"type": "websocket.close", "code": 4401}
