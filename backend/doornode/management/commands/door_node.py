"""The door node: QR-Entry on a laptop at the venue, for one event (`make run-door`).

It signs in to the main server as door staff, mirrors the event (the door kit, then what
changed, by cursor) into its own database, and serves the scanners on the venue network with
the same exactly-once admission as the main server: phones need the venue network, not the
internet. Its scans are written to its database in the admission's own transaction, and that
table is the queue (a scan not yet `pushed_at`): whenever the main server answers, they go up
through `POST /api/attendance/sync/`, and admissions that the main server had made meanwhile
for the same ticket come back as `offline_conflict` and are reported here.

Once the first mirror has succeeded the node starts from its own copy, with no internet.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from bookings.ticket_codes import public_keys_spec
from doornode import selectors, services
from events.models import Event

logger = logging.getLogger("doornode")
PUSH_BATCH = 200


class UpstreamDown(Exception):
    """The main server did not answer (no internet, or it is down): try again later."""


class Upstream:
    """The main server's API, signed in as the door staff account."""

    def __init__(self, base_url: str, email: str, password: str) -> None:
        self.client = httpx.Client(base_url=base_url.rstrip("/"), timeout=15)
        self.email, self.password = email, password
        self.access: str | None = None

    def _sign_in(self) -> None:
        response = self._send(
            "POST", "/api/auth/login/", {"email": self.email, "password": self.password}
        )
        if response.status_code in (400, 401, 403):
            raise CommandError(
                f"The main server refused the door account {self.email}: "
                f"{response.json().get('detail', response.status_code)}"
            )
        self._check(response)
        self.access = response.json()["access"]

    def _send(self, method: str, path: str, body: dict | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.access}"} if self.access else {}
        try:
            return self.client.request(method, path, json=body, headers=headers)
        except httpx.TransportError as error:
            raise UpstreamDown(str(error)) from error

    @staticmethod
    def _check(response: httpx.Response) -> None:
        if response.status_code >= 500 or response.status_code == 429:
            raise UpstreamDown(f"{response.request.url} answered {response.status_code}")
        if response.status_code >= 400:
            raise CommandError(
                f"{response.request.url} answered {response.status_code}: {response.text}"
            )

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        if self.access is None:
            self._sign_in()
        response = self._send(method, path, body)
        if response.status_code == 401:  # the access token expired: sign in again, once
            self._sign_in()
            response = self._send(method, path, body)
        self._check(response)
        return response.json()


class DoorNode:
    def __init__(self, *, upstream: Upstream, event_id: int, data_dir: Path) -> None:
        self.upstream = upstream
        self.event_id = event_id
        self.data_dir = data_dir
        self.cursor_file = data_dir / f"door_cursor_{event_id}"
        self.keys_file = data_dir / "ticket_verify_keys"
        self.device_id = self._node_id()

    def _node_id(self) -> str:
        path = self.data_dir / "door_node_id"
        if not path.exists():
            path.write_text(f"door-node-{secrets.token_hex(6)}")
        return path.read_text().strip()

    def mirrored(self) -> bool:
        return self.keys_file.exists() and Event.objects.filter(id=self.event_id).exists()

    def pull(self) -> bool:
        """Mirror what changed upstream since the last pull (everything the first time).
        Returns True when the verifying keys changed (the web server must reload them)."""
        cursor = self.cursor_file.read_text().strip() if self.cursor_file.exists() else ""
        path = f"/api/events/{self.event_id}/door-kit/"
        if cursor and self.mirrored():
            path += f"?since={cursor}"
        kit = self.upstream.call("GET", path)
        keys = public_keys_spec([(key["id"], key["key"]) for key in kit["public_keys"]])
        keys_changed = not self.keys_file.exists() or self.keys_file.read_text() != keys
        if keys_changed:
            _write(self.keys_file, keys)
        count = services.door_mirror_apply(kit=kit)
        _write(self.cursor_file, kit["cursor"])
        if kit["full"]:
            logger.info("mirrored event %s: %s ticket(s)", self.event_id, count)
        return keys_changed

    def push(self) -> int:
        """Send this node's admissions and exits upstream, oldest first, until none is left."""
        sent = 0
        while True:
            scans = selectors.door_scans_to_push(event_id=self.event_id, limit=PUSH_BATCH)
            if not scans:
                return sent
            body = {
                "event": self.event_id,
                "device_id": self.device_id,
                "scans": [
                    {
                        "client_scan_id": str(scan.id),
                        "ticket": scan.ticket_id,
                        "method": scan.method,
                        "gate": scan.gate,
                        "direction": scan.direction,
                        "scanned_at": scan.scanned_at.isoformat(),
                        # The lists have the main server's ids here; None: Entry.
                        **({"list": scan.checkin_list_id} if scan.checkin_list_id else {}),
                    }
                    for scan in scans
                ],
            }
            answer = self.upstream.call("POST", "/api/attendance/sync/", body)
            conflicts = services.door_push_record(results=answer["results"], pushed=scans)
            for scan in conflicts:
                logger.warning(
                    "CONFLICT: ticket %s, admitted here at %s (%s), had been admitted on the "
                    "main server already: two people in on one ticket",
                    scan.ticket_id,
                    scan.scanned_at.isoformat(),
                    scan.gate,
                )
            sent += len(scans)
            logger.info("pushed %s scan(s) upstream, %s conflict(s)", len(scans), len(conflicts))


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text)
    os.replace(temporary, path)


def _start_server(host: str, port: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "config.asgi:application",
        "--host",
        host,
        "--port",
        str(port),
        "--lifespan",
        "off",
        "--no-access-log",
    ]
    logger.info("serving the scanners at http://%s:%s", host, port)
    # Our own interpreter and fixed arguments (host and port are validated by argparse/uvicorn).
    return subprocess.Popen(command, cwd=settings.BACKEND_DIR)  # noqa: S603


def _stop_server(server: subprocess.Popen | None) -> None:
    if server is not None and server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


class Command(BaseCommand):
    help = (
        "Run this machine as the door node of one event: mirror it from the main server "
        "(QE_DOOR_UPSTREAM, QE_DOOR_EVENT, QE_DOOR_EMAIL, QE_DOOR_PASSWORD), serve the "
        "scanners, push the scans upstream whenever it answers."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--host",
            default="0.0.0.0",  # noqa: S104 - the scanners are phones on the venue network
            help="Address to serve the scanners on.",
        )
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Mirror and push only.")
        parser.add_argument("--once", action="store_true", help="One pull and push, then exit.")
        parser.add_argument(
            "--conflicts", action="store_true", help="List the conflicts reported so far."
        )

    def handle(
        self, *args, host: str, port: int, no_serve: bool, once: bool, conflicts: bool, **options
    ) -> None:
        missing = [
            name
            for name in ("QE_DOOR_UPSTREAM", "QE_DOOR_EVENT", "QE_DOOR_EMAIL", "QE_DOOR_PASSWORD")
            if not getattr(settings, name)
        ]
        if missing:
            raise CommandError(f"A door node needs {', '.join(missing)} (see README, door night).")
        if conflicts:
            self._list_conflicts(settings.QE_DOOR_EVENT)
            return
        node = DoorNode(
            upstream=Upstream(
                settings.QE_DOOR_UPSTREAM, settings.QE_DOOR_EMAIL, settings.QE_DOOR_PASSWORD
            ),
            event_id=settings.QE_DOOR_EVENT,
            data_dir=Path(settings.DATA_DIR),
        )
        logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        if not _first_mirror(node, stop):
            return
        services.door_account_ensure(
            event_id=node.event_id,
            email=settings.QE_DOOR_EMAIL,
            password=settings.QE_DOOR_PASSWORD,
        )
        _Loop(node, stop, serve=None if (no_serve or once) else (host, port)).run(once=once)

    def _list_conflicts(self, event_id: int) -> None:
        for scan in selectors.door_conflicts(event_id=event_id):
            self.stdout.write(
                f"ticket {scan.ticket_id}: admitted here {scan.scanned_at.isoformat()} at "
                f"{scan.gate}, already admitted on the main server"
            )


def _first_mirror(node: DoorNode, stop: threading.Event) -> bool:
    """The first mirror needs the main server once; after that the node runs on its copy.
    False when stopped before it succeeded."""
    while not node.mirrored() and not stop.is_set():
        try:
            node.pull()
        except UpstreamDown as error:
            logger.warning("waiting for the main server to mirror the event: %s", error)
            stop.wait(settings.QE_DOOR_POLL_SECONDS)
    return not stop.is_set()


class _Loop:
    """Push and pull every QE_DOOR_POLL_SECONDS while serving the scanners (restarting the
    web server when the main server's keys change), saying when the main server goes away
    and comes back."""

    def __init__(
        self, node: DoorNode, stop: threading.Event, *, serve: tuple[str, int] | None
    ) -> None:
        self.node, self.stop, self.serve = node, stop, serve
        self.server: subprocess.Popen | None = None
        self.online = True

    def run(self, *, once: bool) -> None:
        if self.serve is not None:
            self.server = _start_server(*self.serve)
        try:
            while not self.stop.is_set():
                close_old_connections()
                self._exchange()
                if self.server is not None and self.server.poll() is not None:
                    raise CommandError("the web server stopped; see its output above")
                if once:
                    break
                self.stop.wait(settings.QE_DOOR_POLL_SECONDS)
        finally:
            _stop_server(self.server)

    def _exchange(self) -> None:
        try:
            self.node.push()
            if self.node.pull() and self.server is not None and self.serve is not None:
                logger.info("the main server's keys changed: restarting the web server")
                _stop_server(self.server)
                self.server = _start_server(*self.serve)
            if not self.online:
                logger.info("the main server answers again")
            self.online = True
        except UpstreamDown as error:
            if self.online:
                logger.warning(
                    "the main server does not answer (%s): admitting from the local copy, "
                    "scans queue here",
                    error,
                )
            self.online = False
