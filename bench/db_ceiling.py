"""What the MariaDB primary alone does for the two hot paths: the SQL of one real scan and of
one real booking, captured as Django sends it, replayed with raw MySQLdb by N processes (no
Django, no HTTP, no JSON), each statement in the transaction it ran in.

    .venv/bin/python bench/db_ceiling.py --processes 4,16 --seconds 8

Three workloads, each a fresh copy of the captured request with its ids changed:
- check-in: every scan admits another ticket of one event (every statement of the request:
  the reads before, the admission's transaction, the answer's reads);
- booking, one event: every booking is another attendee's, all on one hot event row;
- booking, 50 events: the same spread over 50 events (50 hot rows).
Reports transactions/s (whole requests' SQL) and latency per request; checks afterwards that
the counters match the rows (the replayed SQL keeps the app's conditional UPDATEs). The
server's figure divided by this one is the share of the database's ceiling a request reaches;
docs/scaling.md uses both.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import resource
import statistics
import time
from datetime import timedelta
from urllib.parse import urlparse

import checkin_storm
from harness import (
    django_setup,
    fresh_mysql_url,
    machine,
    manage,
    percentile,
    server_env,
)

DATABASE = "qe_bench_ceiling"
EVENTS = 50


class Capture:
    """A connection.execute_wrapper: every statement, its parameters, and whether it ran
    inside a transaction (Django's atomic block)."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.statements: list[tuple[str, tuple, bool]] = []

    def __call__(self, execute, sql, params, many, context):
        if many:
            raise SystemExit("executemany is not replayed: capture a request without it")
        self.statements.append((sql, tuple(params or ()), self.connection.in_atomic_block))
        return execute(sql, params, many, context)


def capture(path: str, token: str, body: dict) -> list[tuple[str, tuple, bool]]:
    from django.db import connection
    from django.test import Client

    recorder = Capture(connection)
    with connection.execute_wrapper(recorder):
        answer = Client().post(
            path, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=token
        )
    if answer.status_code not in (200, 201):
        raise SystemExit(f"the captured request failed: {answer.status_code} {answer.content!r}")
    return recorder.statements


def substitute(value, ids: dict[int, int], codes: dict[str, str]):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return ids.get(value, value)
    if isinstance(value, str):
        if value in codes:
            return codes[value]
        # ids inside JSON payloads and dedupe keys ("booking-confirmation:12"); never inside
        # datetimes, whose digits could equal an id
        if value.startswith(("{", "[")) or re.fullmatch(r"[a-z-]+:\d+", value):
            return re.sub(r"\d+", lambda m: str(ids.get(int(m.group()), m.group())), value)
    return value


def connect(url: str):
    import MySQLdb

    parts = urlparse(url)
    return MySQLdb.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=parts.username or "root",
        passwd=parts.password or "",
        db=parts.path.lstrip("/"),
        charset="utf8mb4",
        autocommit=True,
    )


def replay_one(
    cursor, connection, statements, ids: dict[int, int], codes: dict[str, str], booking_id
):
    """One request's SQL; the booking's new id (its INSERT's lastrowid) replaces the captured
    one in every later statement."""
    in_transaction = False
    for sql, params, atomic in statements:
        if atomic and not in_transaction:
            connection.autocommit(False)
            in_transaction = True
        elif not atomic and in_transaction:
            connection.commit()
            connection.autocommit(True)
            in_transaction = False
        cursor.execute(sql, tuple(substitute(p, ids, codes) for p in params))
        if booking_id is not None and sql.startswith("INSERT INTO `bookings_booking` "):
            # MariaDB answers Django's INSERT ... RETURNING with the new id as a row
            ids[booking_id] = cursor.fetchone()[0] if "RETURNING" in sql else cursor.lastrowid
    if in_transaction:
        connection.commit()
        connection.autocommit(True)


def worker(url, statements, jobs, codes_of, booking_id, start, deadline_s, out):
    connection = connect(url)
    cursor = connection.cursor()
    rng = random.Random(os.getpid())
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    latencies: list[float] = []
    start.wait()
    ends = time.monotonic() + deadline_s
    try:
        for ids in jobs:
            if time.monotonic() >= ends:
                break
            codes = {code: "".join(rng.choice(alphabet) for _ in range(8)) for code in codes_of}
            began = time.perf_counter()
            replay_one(cursor, connection, statements, dict(ids), codes, booking_id)
            latencies.append(time.perf_counter() - began)
    finally:
        out.put(latencies)  # the parent waits for every child, failed or not


def mariadb_cpu_s() -> float | None:
    """The database server's CPU time so far (user + system), when it runs on this machine."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)
        except OSError:
            continue
        if fields[0].endswith(("(mariadbd", "(mysqld")):
            ticks = fields[1].split()
            return (int(ticks[11]) + int(ticks[12])) / os.sysconf("SC_CLK_TCK")
    return None


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(url, statements, jobs, *, processes: int, seconds: float, codes_of=(), booking_id=None):
    context = multiprocessing.get_context("fork")
    start = context.Event()
    out = context.Queue()
    shares = [jobs[n::processes] for n in range(processes)]
    children = [
        context.Process(
            target=worker,
            args=(url, statements, share, codes_of, booking_id, start, seconds, out),
        )
        for share in shares
    ]
    for child in children:
        child.start()
    time.sleep(0.5)
    database_before, clients_before = mariadb_cpu_s(), children_cpu_s()
    began = time.perf_counter()
    start.set()
    latencies = [latency for _ in children for latency in out.get()]
    took = time.perf_counter() - began
    database_after = mariadb_cpu_s()
    for child in children:
        child.join()
    clients_cpu = children_cpu_s() - clients_before  # includes the clients' connecting
    milliseconds = sorted(latency * 1000 for latency in latencies)
    database_cpu = (
        database_after - database_before if None not in (database_after, database_before) else 0
    )
    return {
        "requests": len(latencies),
        "per_s": len(latencies) / took,
        "p50_ms": percentile(milliseconds, 50),
        "p99_ms": percentile(milliseconds, 99),
        # CPU per request: MariaDB's own, and the replaying clients' (MySQLdb, Python)
        "database_cpu_ms": database_cpu * 1000 / max(1, len(latencies)),
        "client_cpu_ms": clients_cpu * 1000 / max(1, len(latencies)),
    }


def ids_apart() -> None:
    """Ids of each table far from each other and from small numbers, so the substitution of
    one id can never hit another parameter (a quantity, a key id, another table's id)."""
    from django.db import connection

    from bookings.models import Booking, BookingItem, Ticket
    from events.models import Event, TicketType
    from users.models import User

    tables = (User, Event, TicketType, Booking, BookingItem, Ticket)
    with connection.cursor() as cursor:
        for n, model in enumerate(tables, start=1):
            cursor.execute(f"ALTER TABLE `{model._meta.db_table}` AUTO_INCREMENT = {n * 10**7}")


def checkin_workload(tickets: int):
    from bookings.models import Ticket

    event_id, requests = checkin_storm.prepare(tickets, 4, 0, 0)
    first = requests[0]
    body = json.loads(first.body)
    statements = capture(first.path, first.authorization, body)
    done = Ticket.objects.get(event_id=event_id, checked_in_at__isnull=False).id
    rest = Ticket.objects.filter(event_id=event_id, checked_in_at__isnull=True)
    jobs = [{done: ticket_id} for ticket_id in rest.values_list("id", flat=True)]
    return event_id, statements, jobs


def booking_workload(attendees: int):
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from rest_framework_simplejwt.tokens import AccessToken

    from bookings.models import Booking, Ticket
    from events.models import Event, TicketType
    from users.models import Role, User

    password = make_password("bench-password-not-used")
    organizer = User.objects.create(
        email="org@ceiling.test", name="Org", role=Role.ORGANIZER, password=password
    )
    now = timezone.now()
    User.objects.bulk_create(
        (
            User(
                email=f"fan{n}@ceiling.test",
                name=f"Fan {n}",
                password=password,
                email_verified=True,
            )
            for n in range(attendees)
        ),
        batch_size=5000,
    )
    events = []
    for n in range(EVENTS):
        event = Event.objects.create(
            organizer=organizer,
            title=f"Hot show {n}",
            venue="Arena",
            starts_at=now + timedelta(days=3),
            ends_at=now + timedelta(days=3, hours=3),
            checkin_opens_at=now + timedelta(days=3, hours=-2),
            capacity=1_000_000,
            price="0.00",
            currency="EUR",
            max_per_booking=1,
            status="published",
        )
        events.append((event.id, TicketType.objects.create(event=event, name="GA", price=0).id))
    fans = list(
        User.objects.filter(role=Role.ATTENDEE, email__endswith="@ceiling.test")
        .order_by("id")
        .values_list("id", flat=True)
    )
    first_user = User.objects.get(id=fans[0])
    (event_id, type_id) = events[0]
    statements = capture(
        "/api/book-ticket/",
        f"Bearer {AccessToken.for_user(first_user)}",
        {"event": event_id, "quantity": 1},
    )
    booking = Booking.objects.get(user=first_user)
    code = Ticket.objects.get(booking=booking).backup_code
    # each attendee books once: one half on the hot event, the other half over all events
    half = len(fans) // 2
    one_event = [{fans[0]: fan} for fan in fans[1:half]]
    many_events = [
        {fans[0]: fan, event_id: events[n % EVENTS][0], type_id: events[n % EVENTS][1]}
        for n, fan in enumerate(fans[half:], start=1)
    ]
    return events, statements, booking.id, code, one_event, many_events


def check(events: list[int]) -> bool:
    from django.db.models import Count

    from bookings.models import Ticket
    from events.models import Event

    tickets = dict(
        Ticket.objects.filter(event_id__in=events)
        .values_list("event_id")
        .annotate(n=Count("id"))
        .values_list("event_id", "n")
    )
    admitted = dict(
        Ticket.objects.filter(event_id__in=events, checked_in_at__isnull=False)
        .values_list("event_id")
        .annotate(n=Count("id"))
        .values_list("event_id", "n")
    )
    for event in Event.objects.filter(id__in=events):
        if event.tickets_sold != tickets.get(event.id, 0):
            return False
        if event.checked_in_count != admitted.get(event.id, 0):
            return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", default="4,16", help="comma-separated")
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "mysql://root@127.0.0.1:3306/x"),
    )
    args = parser.parse_args()
    url = ""
    results: dict[tuple[str, int], list[dict]] = {}
    for run_number in range(args.runs):
        from django.db import connections

        if run_number:
            connections.close_all()
        url = fresh_mysql_url(args.database_url, DATABASE)
        env = server_env(url)
        env["ALLOWED_HOSTS"] = "testserver,localhost"
        manage(env, "migrate", "--noinput", "-v", "0")
        if not run_number:
            django_setup(env)
        ids_apart()
        for processes in [int(p) for p in args.processes.split(",")]:
            capacity = int(6000 * args.seconds)
            event_id, statements, jobs = checkin_workload(capacity)
            connections.close_all()
            figures = run(url, statements, jobs, processes=processes, seconds=args.seconds)
            figures["consistent"] = check([event_id])
            results.setdefault(("check-in, one event", processes), []).append(figures)
            print(json.dumps({"workload": "check-in", "processes": processes, **figures}))

            events, statements, booking_id, code, one, many = booking_workload(
                int(6000 * args.seconds)
            )
            connections.close_all()
            for name, jobs in (("booking, one event", one), (f"booking, {EVENTS} events", many)):
                figures = run(
                    url,
                    statements,
                    jobs,
                    processes=processes,
                    seconds=args.seconds,
                    codes_of=(code,),
                    booking_id=booking_id,
                )
                figures["consistent"] = check([event for event, _ in events])
                results.setdefault((name, processes), []).append(figures)
                print(json.dumps({"workload": name, "processes": processes, **figures}))
            # the next workload starts from an empty database
            connections.close_all()
            manage(env, "flush", "--noinput", "-v", "0")
            ids_apart()

    print(f"\nmachine: {machine()}; MariaDB alone, raw MySQLdb, median of {args.runs}")
    print(
        "| workload | connections | requests/s | p50 | p99 | MariaDB CPU a request "
        "| client CPU a request | counters true |"
    )
    print("|---|---|---|---|---|---|---|---|")
    keys = ("per_s", "p50_ms", "p99_ms", "database_cpu_ms", "client_cpu_ms")
    for (name, processes), runs in results.items():
        middle = {key: statistics.median(r[key] for r in runs) for key in keys}
        print(
            f"| {name} | {processes} | {middle['per_s']:.0f} | {middle['p50_ms']:.1f} ms "
            f"| {middle['p99_ms']:.1f} ms | {middle['database_cpu_ms']:.2f} ms "
            f"| {middle['client_cpu_ms']:.2f} ms | {all(r['consistent'] for r in runs)} |"
        )
    if not all(r["consistent"] for runs in results.values() for r in runs):
        raise SystemExit("INCONSISTENT")


if __name__ == "__main__":
    main()
