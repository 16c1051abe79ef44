"""The production profile across processes: an ASGI process (A) and a WSGI process (B) on one
MariaDB and one Redis, and a Celery worker. Run by CI's MariaDB + Redis pass."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.error import HTTPError

import pytest
from websockets.sync.client import connect

from conftest import fresh_database_url, gunicorn_command, manage, serve
from support import ARTIFACTS, BACKEND, DEMO, DEMO_PASSWORD, api, register_attendee

pytestmark = [pytest.mark.redis, pytest.mark.mysql]


@pytest.fixture(scope="module")
def outboxes(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("outboxes")
    return {"web": root / "web", "worker": root / "worker"}


@pytest.fixture(scope="module")
def prod_env(server_env, outboxes, tmp_path_factory) -> dict[str, str]:
    """A database of its own (the e2e server's worker must not take this profile's outbox),
    with the outbox going through Celery."""
    data_dir = tmp_path_factory.mktemp("qe-prod")
    env = {
        **server_env,
        "QE_DATA_DIR": str(data_dir),
        "DATABASE_URL": fresh_database_url(server_env, data_dir, suffix="prod"),
        "CELERY_BROKER_URL": os.environ["REDIS_URL"],
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outboxes["web"]),
    }
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")
    return env


@pytest.fixture(scope="module")
def wsgi_server(prod_env):
    yield from serve(prod_env, "wsgi-b", gunicorn_command)


@pytest.fixture(scope="module")
def asgi_server(prod_env):
    yield from serve(prod_env, "asgi-a")


@pytest.fixture(scope="module")
def worker(prod_env, outboxes):
    log = open(ARTIFACTS / "worker.log", "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--concurrency",
            "1",
            "--loglevel",
            "INFO",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=BACKEND,
        env={**prod_env, "EMAIL_FILE_PATH": str(outboxes["worker"])},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    yield process
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)
    log.close()


def organizer_token(base: str) -> str:
    body = {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    return api(base, "/api/auth/login/", body)["access"]


def new_event(base: str, token: str, capacity: int, *, live: bool = False) -> dict:
    now = datetime.now(UTC)
    # "live": the door is open (check-in opens two hours before the start) though it has not
    # started, since an event that already started cannot be published.
    starts = now + timedelta(minutes=10) if live else now + timedelta(days=3)
    body = {
        "title": f"Profile test {time.monotonic_ns()}",
        "venue": "Hall",
        "capacity": capacity,
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=4)).isoformat(),
        "price": "0.00",  # free: confirmed at once (paid bookings wait for their payment)
        "currency": "EUR",
        "max_per_booking": 2,
        "status": "published",
    }
    return api(base, "/api/events/", body, token)


def book(base: str, token: str, event_id: int) -> int:
    try:
        api(base, "/api/book-ticket/", {"event": event_id, "quantity": 1}, token)
        return 201
    except HTTPError as error:
        return error.code
    except OSError:
        return 0  # the connection died with its process


def seats_consistent(base: str, token: str, event_id: int) -> int:
    """tickets_sold (the counter) == valid ticket rows == confirmed booking quantities."""
    counter = api(base, f"/api/events/{event_id}/", token=token)["tickets_sold"]
    numbers = api(base, f"/api/admin/analytics/?event={event_id}", token=token)
    booked = sum(day["count"] for day in numbers["sales"])
    assert counter == numbers["tickets_sold"] == booked, (counter, numbers["tickets_sold"], booked)
    return counter


def test_a_scan_served_by_wsgi_process_b_reaches_a_socket_on_asgi_process_a(
    asgi_server, wsgi_server
):
    token = organizer_token(asgi_server)
    event = new_event(asgi_server, token, 10, live=True)
    _, _, attendee = register_attendee(asgi_server, "Wes Wsgi")
    booking = api(asgi_server, "/api/book-ticket/", {"event": event["id"], "quantity": 1}, attendee)
    url = asgi_server.replace("http://", "ws://") + f"/ws/events/{event['id']}/attendance/"
    with connect(url, subprotocols=["qr-entry.jwt", token], origin=asgi_server) as socket:
        json_snapshot = socket.recv(timeout=5)
        assert "snapshot" in json_snapshot
        started = time.monotonic()
        body = {"code": booking["tickets"][0]["code"], "event": event["id"], "gate": "B"}
        assert api(wsgi_server, "/api/attendance/validate/", body, token)["status"] == "accepted"
        message = socket.recv(timeout=1)
        assert time.monotonic() - started < 1.5
    assert '"gate": "B"' in message or '"gate":"B"' in message


def test_bookings_spread_over_both_processes_never_oversell(asgi_server, wsgi_server):
    token = organizer_token(asgi_server)
    event = new_event(asgi_server, token, 15)
    buyers = [register_attendee(asgi_server, f"Fan {n}")[2] for n in range(40)]
    servers = [asgi_server, wsgi_server]
    with ThreadPoolExecutor(20) as pool:
        statuses = Counter(
            pool.map(lambda n: book(servers[n % 2], buyers[n], event["id"]), range(40))
        )
    assert statuses == {201: 15, 409: 25}, statuses
    assert seats_consistent(asgi_server, token, event["id"]) == 15


def test_the_confirmation_email_is_delivered_by_the_worker(
    asgi_server, wsgi_server, worker, outboxes
):
    token = organizer_token(asgi_server)
    event = new_event(asgi_server, token, 5)
    _, _, attendee = register_attendee(wsgi_server, "Mia Mail")
    assert book(wsgi_server, attendee, event["id"]) == 201
    deadline = time.monotonic() + 30
    delivered = []
    while time.monotonic() < deadline and not delivered:
        files = outboxes["worker"].glob("*.log") if outboxes["worker"].exists() else []
        delivered = [f for f in files if event["title"] in f.read_text(errors="replace")]
        time.sleep(0.5)
    assert delivered, "the worker did not deliver the confirmation e-mail"
    assert "image/png" in delivered[0].read_text(errors="replace")  # the QR code is attached
    web_files = list(outboxes["web"].glob("*.log")) if outboxes["web"].exists() else []
    assert not any(event["title"] in f.read_text(errors="replace") for f in web_files)


def test_killing_a_web_process_mid_flood_leaves_no_half_written_booking(asgi_server, prod_env):
    token = organizer_token(asgi_server)
    event = new_event(asgi_server, token, 500)
    buyers = [register_attendee(asgi_server, f"Flood {n}")[2] for n in range(60)]
    victim = serve(prod_env, "wsgi-victim", gunicorn_command)
    victim_url = next(victim)
    process = serve.processes["wsgi-victim"]

    def flood(n: int) -> int:
        return book(victim_url, buyers[n], event["id"])

    with ThreadPoolExecutor(12) as pool:
        futures = [pool.submit(flood, n) for n in range(60)]
        deadline = time.monotonic() + 10
        while sum(f.done() for f in futures) < 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGKILL)  # mid-flood, no goodbye
        statuses = Counter(future.result() for future in futures)
    victim.close()
    assert statuses[201] < 60, "the flood finished before the kill; nothing was tested"
    sold = seats_consistent(asgi_server, token, event["id"])
    assert sold >= statuses[201]  # a booking may commit although its answer was lost
    # The surviving process keeps serving.
    _, _, late = register_attendee(asgi_server, "Late Comer")
    assert book(asgi_server, late, event["id"]) == 201
    assert seats_consistent(asgi_server, token, event["id"]) == sold + 1
