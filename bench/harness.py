"""Shared parts of the load benchmarks: a fresh MariaDB database, a real server with several
worker processes, a concurrent HTTP load generator and percentiles.

The load generator is plain http.client in several processes x threads, so the client's own
GIL does not cap the measured rate; it shares the machine's two cores with the server, which
the results say.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing as mp
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parents[1]
# The server's code: this checkout's, or another commit's (bench/compare.py sets it to a
# clean clone of each commit it compares, driven by this checkout's benchmarks).
BACKEND = Path(os.environ.get("BENCH_BACKEND") or REPO / "backend")
PYTHON = sys.executable
BENCH_SECRET = "bench-" + "x" * 60
BENCH_TICKET_KEYS = "1:" + "QmVuY2htYXJrIHRpY2tldCBzaWduaW5nIGtleSAzMmI="


def fresh_mysql_url(base_url: str, name: str) -> str:
    return mysql_database_url(base_url, name, fresh=True)[0]


def mysql_database_url(base_url: str, name: str, *, fresh: bool) -> tuple[str, bool]:
    """The benchmark database's URL, and whether it already existed and was kept: dropped
    and created again when `fresh`, else created only if missing."""
    import MySQLdb

    parsed = urlparse(base_url)
    connection = MySQLdb.connect(
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 3306,
        user=parsed.username or "root",
        password=parsed.password or "",
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW DATABASES LIKE %s", [name])
        existed = cursor.fetchone() is not None
        if fresh or not existed:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
            cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    connection.close()
    return urlunparse(parsed._replace(path=f"/{name}")), existed and not fresh


def server_env(database_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": BENCH_SECRET,
        "TICKET_SIGNING_KEYS": BENCH_TICKET_KEYS,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "LOG_LEVEL": "WARNING",
        # Login throttling is not what is measured; bookings use pre-issued tokens anyway.
        "JWT_ACCESS_MINUTES": "15",
        # WSGI workers keep their database connection between requests (production advice).
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        # Mail is rendered (QR images included) but not printed: the console would dominate.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    env.pop("DJANGO_ENV", None)
    return env


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(BACKEND))
    import django

    django.setup()


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BACKEND, env=env, check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    layout: str

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(
    env: dict[str, str], *, workers: int, layout: str = "gunicorn", threads: int = 1
) -> Server:
    """`layout` gunicorn (WSGI, as deploy/Procfile serves HTTP: sync workers, or with
    `threads` > 1 gthread workers, which keep connections alive) or uvicorn (ASGI)."""
    port = free_port()
    if layout == "gunicorn":
        command = [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--backlog",
            "2048",
        ]
        description = f"gunicorn, {workers} sync workers (WSGI)"
        if threads > 1:
            command += ["--worker-class", "gthread", "--threads", str(threads)]
            description = f"gunicorn, {workers} gthread workers x {threads} threads (WSGI)"
    else:
        command = [
            PYTHON,
            "-m",
            "uvicorn",
            "config.asgi:application",
            "--workers",
            str(workers),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--lifespan",
            "off",
            "--no-access-log",
            "--log-level",
            "warning",
        ]
        description = f"uvicorn, {workers} workers (ASGI)"
    if layout != "gunicorn":
        # Under ASGI each request may run on another thread: persistent connections pile up
        # until MySQL refuses more ("Too many connections", seen here). Django's advice: 0.
        env = {**env, "CONN_MAX_AGE": "0"}
    process = subprocess.Popen(command, cwd=BACKEND, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/health/", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("server did not start")
        time.sleep(0.3)
    return Server(process=process, url=url, layout=description)


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    """A Celery worker for the e-mails, as in the production profile."""
    return subprocess.Popen(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--concurrency",
            "1",
            "--loglevel",
            "WARNING",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=BACKEND,
        env=env,
    )


@dataclass
class Sample:
    started: float
    finished: float
    status: int
    body: dict | None


def _client_process(url, requests, counter, out_queue, threads):
    import threading

    parsed = urlparse(url)
    results: list[tuple] = []
    lock = threading.Lock()

    def worker():
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        local = []
        while True:
            with counter.get_lock():
                index = counter.value
                if index >= len(requests):
                    break
                counter.value += 1
            method, path, headers, body = requests[index]
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
                payload, status = b"", 0
            finished = time.perf_counter()
            local.append((started, finished, status, payload[:400]))
        with lock:
            results.extend(local)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    out_queue.put(results)


def run_load(url: str, requests: list[tuple], *, clients: int, processes: int = 4) -> list[Sample]:
    """Send the requests with `clients` concurrent connections; each request is sent once."""
    counter = mp.Value("l", 0)
    queue: mp.Queue = mp.Queue()
    per_process = [
        clients // processes + (1 if i < clients % processes else 0) for i in range(processes)
    ]
    workers = [
        mp.Process(target=_client_process, args=(url, requests, counter, queue, n))
        for n in per_process
        if n
    ]
    for worker in workers:
        worker.start()
    samples: list[Sample] = []
    for _ in workers:
        for started, finished, status, payload in queue.get():
            try:
                body = json.loads(payload) if payload.startswith(b"{") else None
            except ValueError:
                body = None
            samples.append(Sample(started, finished, status, body))
    for worker in workers:
        worker.join()
    return samples


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def median(values: list[float]) -> float:
    return statistics.median(values)


@dataclass
class DoorEvent:
    """A published event with sold tickets and accepted door staff, made straight in the
    database for a door benchmark."""

    event: object
    key_id: int
    ticket_ids: list[int]
    tokens: list[str]  # "Bearer ..." of each door staff account


def door_event_create(
    *,
    title: str,
    venue: str,
    tickets: int,
    starts_in: timedelta,
    staff_name: str,
    staff_count: int,
) -> DoorEvent:
    """`tickets` tickets (4 per booking, each with its own backup code) of an event whose
    check-in is open, and `staff_count` door staff with access tokens. Call after
    django_setup()."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from rest_framework_simplejwt.tokens import AccessToken

    from bookings.backup_codes import backup_code_new
    from bookings.models import Booking, Ticket
    from bookings.ticket_codes import keyring
    from events.models import Event, EventStaff
    from users.models import Role, User

    password = make_password("bench-password-not-used")
    organizer = User.objects.create(
        email="org@bench.test", name="Org", role=Role.ORGANIZER, password=password
    )
    now = timezone.now()
    event = Event.objects.create(
        organizer=organizer,
        title=title,
        venue=venue,
        starts_at=now + starts_in,
        ends_at=now + timedelta(hours=4),
        checkin_opens_at=now + min(starts_in, timedelta(0)) - timedelta(minutes=30),
        capacity=tickets,
        tickets_sold=tickets,
        price="30.00",
        currency="EUR",
        max_per_booking=4,
        status="published",
    )
    holders = User.objects.bulk_create(
        User(email=f"fan{n}@bench.test", name=f"Fan {n}", password=password)
        for n in range(tickets // 4)
    )
    bookings = Booking.objects.bulk_create(
        Booking(
            user=holder,
            event=event,
            quantity=4,
            unit_price="30.00",
            total_amount="120.00",
            currency="EUR",
        )
        for holder in holders
    )
    backup_codes: set[str] = set()
    while len(backup_codes) < len(bookings) * 4:
        backup_codes.add(backup_code_new())  # unique per event, as bookings.services draws them
    backup = iter(backup_codes)
    key_id = keyring().active_key_id
    Ticket.objects.bulk_create(
        Ticket(booking=booking, event=event, key_id=key_id, backup_code=next(backup))
        for booking in bookings
        for _ in range(4)
    )
    staff = User.objects.bulk_create(
        User(
            email=f"{staff_name.lower()}{n}@bench.test",
            name=f"{staff_name} {n}",
            password=password,
        )
        for n in range(staff_count)
    )
    EventStaff.objects.bulk_create(
        EventStaff(event=event, user=user, email=user.email, accepted_at=timezone.now())
        for user in staff
    )
    return DoorEvent(
        event=event,
        key_id=key_id,
        ticket_ids=list(
            Ticket.objects.filter(event=event).order_by("id").values_list("id", flat=True)
        ),
        tokens=[f"Bearer {AccessToken.for_user(user)}" for user in staff],
    )
