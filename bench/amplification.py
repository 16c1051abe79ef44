"""Amplification: a few attendees book and cancel 100-ticket bookings in a loop while a visitor
reads an event page. Before the outbox, each booking drew 100 QR PNGs in the web process and
the page went from 8 ms to 362 ms; now the request writes rows and the worker draws them, so
the page should barely notice.

    .venv/bin/python bench/amplification.py --runs 3
    .venv/bin/python bench/amplification.py --runs 3 --booking-rate 100000/min  # no budget

The loopers honour the per-user booking budget (QE_THROTTLE_BOOKING: bookings made and
cancelled together; on 429 they wait for Retry-After), as the server makes any client do.

The layout is `make run`'s: one uvicorn process (API and SPA) plus `manage.py run_worker`
(the outbox worker drawing the QR codes), on MariaDB (DATABASE_URL, default
mysql://root@127.0.0.1:3306). Reports the event page's median and p95 latency alone and while
the loopers run, and how many bookings they made.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import threading
import time
from datetime import timedelta
from urllib.parse import urlparse

from harness import (
    BACKEND,
    PYTHON,
    django_setup,
    fresh_mysql_url,
    machine,
    manage,
    percentile,
    server_env,
    start_server,
)

DATABASE = "qe_bench_amplification"
QUANTITY = 100


def prepare(loopers: int) -> tuple[int, int, list[str]]:
    """(hot event, page event, looper tokens): the loopers book the hot event, the visitor
    reads another one."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from rest_framework_simplejwt.tokens import AccessToken

    from events.models import Event, TicketType
    from users.models import Role, User

    password = make_password("bench-password-not-used")
    organizer = User.objects.create(
        email="org@bench.test", name="Org", role=Role.ORGANIZER, password=password
    )
    loopers_users = [
        User.objects.create(email=f"looper{n}@bench.test", name=f"Looper {n}", password=password)
        for n in range(loopers)
    ]
    starts = timezone.now() + timedelta(days=3)
    common = dict(
        organizer=organizer,
        venue="Arena",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        checkin_opens_at=starts - timedelta(hours=2),
        price="0.00",  # confirmed at once: each booking's tickets e-mail carries 100 QR codes
        currency="EUR",
        status="published",
    )
    hot = Event.objects.create(
        title="Hot show", capacity=QUANTITY * loopers, max_per_booking=QUANTITY, **common
    )
    page = Event.objects.create(title="Quiet show", capacity=500, **common)
    for event in (hot, page):  # booking by `quantity` takes the event's one ticket type
        TicketType.objects.create(event=event, name="General admission", price=event.price)
    tokens = [str(AccessToken.for_user(user)) for user in loopers_users]
    return hot.id, page.id, tokens


def _request(connection, method: str, path: str, token: str | None = None, body=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection.request(method, path, body=json.dumps(body) if body else None, headers=headers)
    response = connection.getresponse()
    status, answer = response.status, response.read()
    if status == 429:  # the per-user booking budget (QE_THROTTLE_BOOKING): wait as told
        raise Throttled(float(response.headers.get("Retry-After") or 1))
    return status, answer


class Throttled(Exception):
    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after


def read_page(url: str, event_id: int, seconds: float) -> list[float]:
    """The visitor: one GET of the event after another, latencies in milliseconds."""
    parsed = urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    latencies = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        status, _ = _request(connection, "GET", f"/api/events/{event_id}/")
        assert status == 200, status
        latencies.append((time.perf_counter() - started) * 1000)
        time.sleep(0.02)  # a person clicking, not a load generator
    return latencies


def loop_bookings(
    url: str, event_id: int, token: str, stop: threading.Event, made: list[int], held: list[int]
):
    """Book 100 tickets, cancel them, again, as fast as the server lets this attendee; told
    to wait (429), wait. `held` is this looper's booking not yet cancelled, if any."""
    parsed = urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    while not stop.is_set():
        try:
            if not held:
                status, body = _request(
                    connection,
                    "POST",
                    "/api/book-ticket/",
                    token,
                    {"event": event_id, "quantity": 100},
                )
                if status != 201:
                    # the hot event holds every looper's 100 seats: a refusal is a bug here
                    raise SystemExit(f"a looper's booking was refused: {status} {body[:200]!r}")
                held.append(json.loads(body)["id"])
                made.append(held[0])
            status, body = _request(connection, "POST", f"/api/bookings/{held[0]}/cancel/", token)
            if status != 200:
                raise SystemExit(f"a looper's cancellation was refused: {status} {body[:200]!r}")
            held.clear()
        except Throttled as told:
            stop.wait(told.retry_after)


def one_run(
    url: str, hot: int, page: int, tokens: list[str], holding: list[list[int]], seconds: float
) -> dict:
    quiet = read_page(url, page, seconds / 2)
    stop, made = threading.Event(), []
    loopers = [
        threading.Thread(target=loop_bookings, args=(url, hot, token, stop, made, held))
        for token, held in zip(tokens, holding, strict=True)
    ]
    for thread in loopers:
        thread.start()
    time.sleep(1)  # the loopers are under way
    busy = read_page(url, page, seconds)
    stop.set()
    for thread in loopers:
        thread.join()
    return {
        "alone_p50": statistics.median(quiet),
        "alone_p95": percentile(quiet, 95),
        "busy_p50": statistics.median(busy),
        "busy_p95": percentile(busy, 95),
        "bookings": len(made),
        "booking_rate": len(made) / (seconds + 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--loopers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--layout",
        choices=["uvicorn", "gunicorn"],
        default="uvicorn",
        help="uvicorn: make run's one ASGI process; gunicorn: the production profile's WSGI "
        "workers (--workers of them)",
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--in-request",
        action="store_true",
        help="the old layout, for comparison: the e-mail and its QR codes are made by the web "
        "process right after the booking commits (QE_OUTBOX_DRAIN_ON_COMMIT), no worker",
    )
    parser.add_argument(
        "--booking-rate",
        default="",
        help="QE_THROTTLE_BOOKING for the server (default: the app's); 100000/min is no limit",
    )
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "mysql://root@127.0.0.1:3306/qe")
    env = server_env(fresh_mysql_url(base, DATABASE))
    env["QE_WORKER_POLL_SECONDS"] = "0.2"
    if args.in_request:
        env["QE_OUTBOX_DRAIN_ON_COMMIT"] = "true"
    if args.booking_rate:
        env["QE_THROTTLE_BOOKING"] = args.booking_rate
    manage(env, "migrate", "--noinput", "-v", "0")
    django_setup(env)
    hot, page, tokens = prepare(args.loopers)
    workers = 1 if args.layout == "uvicorn" else args.workers
    server = start_server(env, workers=workers, layout=args.layout)
    worker = None
    if not args.in_request:
        worker = subprocess.Popen([PYTHON, "manage.py", "run_worker"], cwd=BACKEND, env=env)
    try:
        holding: list[list[int]] = [[] for _ in tokens]  # a looper's booking across runs
        runs = [
            one_run(server.url, hot, page, tokens, holding, args.seconds) for _ in range(args.runs)
        ]
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=20)
        server.stop()
    layout = server.layout + (
        ", QR codes drawn in the request" if args.in_request else " + run_worker"
    )
    layout += f", booking budget {args.booking_rate or 'the default'} per user"
    print(json.dumps({"machine": machine(), "layout": layout, "runs": runs}, indent=2))
    for key in ("alone_p50", "alone_p95", "busy_p50", "busy_p95", "bookings"):
        print(f"median {key}: {statistics.median(run[key] for run in runs):.1f}")


if __name__ == "__main__":
    main()
