"""A live door socket lives only as long as the right to watch: the server closes it when its
token expires (4401), when its user signs out everywhere, changes or resets the password
(4401), and when the user is removed from the event's door staff (4403)."""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework_simplejwt.tokens import AccessToken

from attendance.tests.helpers import ORIGIN, open_socket
from config.asgi import application
from conftest import client_for
from events.tests.factories import EventFactory, staff_accepted
from users.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
NEW_PASSWORD = "a-brand-new-pass-phrase"


@sync_to_async
def event_with_staff():
    event = EventFactory()
    staff = UserFactory()
    entry = staff_accepted(event, staff)
    return event, staff, entry


@sync_to_async
def token_for(user, lifetime: timedelta | None = None) -> str:
    token = AccessToken.for_user(user)
    if lifetime is not None:
        token.set_exp(lifetime=lifetime)
    return str(token)


async def close_code(communicator: WebsocketCommunicator, timeout: float = 3) -> int:
    message = await communicator.receive_output(timeout=timeout)
    assert message["type"] == "websocket.close", message
    return message["code"]


async def test_the_socket_closes_with_4401_when_its_token_expires():
    event, staff, _ = await event_with_staff()
    communicator = await open_socket(event.id, await token_for(staff, timedelta(seconds=1)))
    assert await close_code(communicator) == 4401


async def test_an_expired_token_is_refused_after_the_handshake_with_4401():
    event, staff, _ = await event_with_staff()
    token = await token_for(staff, -timedelta(seconds=1))
    communicator = WebsocketCommunicator(
        application,
        f"/ws/events/{event.id}/attendance/",
        headers=ORIGIN,
        subprotocols=["qr-entry.jwt", token],
    )
    connected, _ = await communicator.connect()
    assert connected
    assert await close_code(communicator) == 4401


@pytest.mark.parametrize("how", ["logout_all", "change_password", "reset_password"])
async def test_ending_the_sessions_closes_every_live_socket_of_that_user(how):
    event, staff, _ = await event_with_staff()
    communicator = await open_socket(event.id, await token_for(staff))
    organizer = await open_socket(event.id, await token_for(event.organizer))

    @sync_to_async
    def end_sessions():
        if how == "logout_all":
            response = client_for(staff).post("/api/auth/logout-all/")
        elif how == "change_password":
            response = client_for(staff).post(
                "/api/auth/change-password/",
                {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
                format="json",
            )
        else:
            response = client_for(staff).post(
                "/api/auth/password-reset/confirm/",
                {
                    "uid": urlsafe_base64_encode(force_bytes(staff.pk)),
                    "token": default_token_generator.make_token(staff),
                    "new_password": NEW_PASSWORD,
                },
                format="json",
            )
        assert response.status_code == 204, response.content

    await end_sessions()
    assert await close_code(communicator) == 4401
    # Somebody else's socket on the same event stays open.
    assert await organizer.receive_nothing(timeout=0.3)
    await organizer.disconnect()


async def test_a_token_issued_before_a_new_password_cannot_open_a_socket():
    event, staff, _ = await event_with_staff()
    token = await token_for(staff)

    @sync_to_async
    def change_password():
        staff.set_password(NEW_PASSWORD)
        staff.save()

    await change_password()
    communicator = WebsocketCommunicator(
        application,
        f"/ws/events/{event.id}/attendance/",
        headers=ORIGIN,
        subprotocols=["qr-entry.jwt", token],
    )
    connected, _ = await communicator.connect()
    assert connected
    assert await close_code(communicator) == 4401


async def test_removing_door_staff_closes_their_socket_on_that_event_with_4403():
    event, staff, entry = await event_with_staff()
    other_event = await sync_to_async(EventFactory)()
    await sync_to_async(staff_accepted)(other_event, staff)
    here = await open_socket(event.id, await token_for(staff))
    elsewhere = await open_socket(other_event.id, await token_for(staff))

    @sync_to_async
    def remove():
        response = client_for(event.organizer).delete(f"/api/events/{event.id}/staff/{entry.id}/")
        assert response.status_code == 204

    await remove()
    assert await close_code(here) == 4403
    # Still staff of the other event: that socket stays open.
    assert await elsewhere.receive_nothing(timeout=0.3)
    await elsewhere.disconnect()
