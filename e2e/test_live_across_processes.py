"""With Redis as the channel layer, a scan validated by one server process reaches a live
view connected to another process within a second."""

import json
import time

import pytest
from websockets.sync.client import connect

from support import DEMO, DEMO_PASSWORD, api, register_attendee

pytestmark = pytest.mark.redis


def test_scan_through_process_b_reaches_a_socket_on_process_a(app_server, second_app_server):
    organizer = api(
        app_server, "/api/auth/login/", {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    )["access"]
    _, _, attendee = register_attendee(app_server, "Pia Process")
    event = api(app_server, "/api/events/?search=Neon+Nights")["results"][0]
    booking = api(app_server, "/api/book-ticket/", {"event": event["id"], "quantity": 1}, attendee)
    code = booking["tickets"][0]["code"]

    socket_url = app_server.replace("http://", "ws://") + f"/ws/events/{event['id']}/attendance/"
    with connect(
        socket_url, subprotocols=["qr-entry.jwt", organizer], origin=app_server, open_timeout=5
    ) as socket:
        snapshot = json.loads(socket.recv(timeout=5))
        assert snapshot["type"] == "snapshot"
        started = time.monotonic()
        result = api(
            second_app_server,
            "/api/attendance/validate/",
            {"code": code, "event": event["id"], "gate": "Process B"},
            organizer,
        )
        assert result["status"] == "accepted"
        message = json.loads(socket.recv(timeout=1))
        assert time.monotonic() - started < 1.5
    assert message["type"] == "scan"
    assert message["scan"]["gate"] == "Process B"
    assert message["scan"]["ticket"]["id"] == booking["tickets"][0]["id"]
    assert message["counters"]["checked_in"] == snapshot["counters"]["checked_in"] + 1
