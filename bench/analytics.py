"""Analytics at scale: one event with 200,000 tickets and 150,000 scans on MariaDB.

    .venv/bin/python bench/analytics.py --tickets 200000 --scans 150000 --requests 40

Reports the analytics endpoint's p50/p95 latency over HTTP (gunicorn, 2 sync workers, one
client), and the CSV export's time over HTTP and its peak Python memory measured in-process
with tracemalloc for two event sizes (flat memory means it does not grow with the rows).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
import tracemalloc
import urllib.request
from datetime import timedelta

from harness import (
    django_setup,
    fresh_mysql_url,
    machine,
    manage,
    percentile,
    server_env,
    start_server,
)

DATABASE = "qe_bench_analytics"
GATES = ["North", "South", "East", "West", "VIP", "Staff"]
BATCH = 5000


def populate(tickets: int, scans: int) -> tuple[int, str]:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from rest_framework_simplejwt.tokens import AccessToken

    from attendance.models import Scan
    from bookings.models import Booking, Ticket
    from events.models import Event
    from users.models import Role, User

    rng = random.Random(11)
    password = make_password("bench-password-not-used")
    organizer = User.objects.create(
        email="org@bench.test", name="Org", role=Role.ORGANIZER, password=password
    )
    now = timezone.now()
    event = Event.objects.create(
        organizer=organizer,
        title="Festival",
        venue="Fields",
        starts_at=now - timedelta(hours=2),
        ends_at=now + timedelta(hours=6),
        checkin_opens_at=now - timedelta(hours=4),
        capacity=tickets,
        tickets_sold=tickets,
        price="40.00",
        currency="EUR",
        max_per_booking=4,
        status="published",
    )
    holders = tickets // 4
    for start in range(0, holders, BATCH):
        User.objects.bulk_create(
            User(email=f"fan{n}@bench.test", name=f"Fan {n}", password=password)
            for n in range(start, min(start + BATCH, holders))
        )
    user_ids = list(User.objects.filter(role=Role.ATTENDEE).values_list("id", flat=True))
    for start in range(0, len(user_ids), BATCH):
        Booking.objects.bulk_create(
            Booking(
                user_id=uid,
                event=event,
                quantity=4,
                unit_price="40.00",
                total_amount="160.00",
                currency="EUR",
                created_at=now - timedelta(days=rng.randint(0, 60)),
            )
            for uid in user_ids[start : start + BATCH]
        )
    booking_ids = list(Booking.objects.filter(event=event).values_list("id", flat=True))
    admitted = min(scans * 4 // 5, tickets)
    window = int((now - event.checkin_opens_at).total_seconds())
    rows = []
    for index, booking_id in enumerate(b for b in booking_ids for _ in range(4)):
        checked = index < admitted
        rows.append(
            Ticket(
                booking_id=booking_id,
                event=event,
                key_id=1,
                backup_code=f"{index:08d}",  # unique per event; the benchmark never types one
                checked_in_at=event.checkin_opens_at + timedelta(seconds=rng.randint(0, window))
                if checked
                else None,
                checked_in_gate=rng.choice(GATES) if checked else "",
            )
        )
        if len(rows) == BATCH:
            Ticket.objects.bulk_create(rows)
            rows = []
    Ticket.objects.bulk_create(rows)
    ticket_ids = list(Ticket.objects.filter(event=event).values_list("id", flat=True))
    scan_rows = []
    for index in range(scans):
        accepted = index < admitted
        scan_rows.append(
            Scan(
                event=event,
                ticket_id=ticket_ids[index % len(ticket_ids)],
                scanner=organizer,
                gate=rng.choice(GATES),
                result="accepted" if accepted else "rejected",
                reason="" if accepted else "duplicate",
                scanned_at=now - timedelta(minutes=rng.randint(0, 200)),
            )
        )
        if len(scan_rows) == BATCH:
            Scan.objects.bulk_create(scan_rows)
            scan_rows = []
    Scan.objects.bulk_create(scan_rows)
    return event.id, str(AccessToken.for_user(organizer))


def csv_peak_memory(event_id: int, limit: int | None = None) -> tuple[int, float, int]:
    """Rows written, seconds, and peak traced Python memory while writing the export."""
    from adminpanel import exports
    from events.models import Event

    event = Event.objects.get(id=event_id)
    tracemalloc.start()
    started = time.perf_counter()
    lines = 0
    for _ in exports.attendee_csv_lines(event=event):
        lines += 1
        if limit and lines > limit:
            break
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return lines - 2, elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=200_000)
    parser.add_argument("--scans", type=int, default=150_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "mysql://root@127.0.0.1:3306/x"),
    )
    args = parser.parse_args()
    env = server_env(fresh_mysql_url(args.database_url, DATABASE))
    manage(env, "migrate", "--noinput", "-v", "0")
    django_setup(env)
    started = time.perf_counter()
    event_id, token = populate(args.tickets, args.scans)
    print(f"populated in {time.perf_counter() - started:.0f}s")

    server = start_server(env, workers=args.workers)
    headers = {"Authorization": f"Bearer {token}"}
    try:
        latencies = []
        body = None
        for _ in range(args.requests):
            request = urllib.request.Request(
                f"{server.url}/api/admin/analytics/?event={event_id}", headers=headers
            )
            began = time.perf_counter()
            with urllib.request.urlopen(request, timeout=60) as response:
                body = json.loads(response.read())
            latencies.append((time.perf_counter() - began) * 1000)
        summary_latencies = []
        for _ in range(max(5, args.requests // 4)):
            request = urllib.request.Request(f"{server.url}/api/admin/analytics/", headers=headers)
            began = time.perf_counter()
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
            summary_latencies.append((time.perf_counter() - began) * 1000)
        request = urllib.request.Request(
            f"{server.url}/api/admin/events/{event_id}/attendees.csv", headers=headers
        )
        began = time.perf_counter()
        size = 0
        with urllib.request.urlopen(request, timeout=600) as response:
            while chunk := response.read(1 << 16):
                size += len(chunk)
        csv_http_seconds = time.perf_counter() - began
    finally:
        server.stop()

    small_rows, _, small_peak = csv_peak_memory(event_id, limit=args.tickets // 10)
    full_rows, full_seconds, full_peak = csv_peak_memory(event_id)
    print(
        json.dumps(
            {
                "tickets": body["tickets_sold"],
                "checked_in": body["checked_in"],
                "arrival_buckets": len(body["arrivals"]),
            }
        )
    )
    print(f"\nmachine: {machine()}; server: {server.layout} on MariaDB")
    print(
        f"analytics ?event= ({args.requests} requests): p50 {percentile(latencies, 50):.1f} ms, "
        f"p95 {percentile(latencies, 95):.1f} ms"
    )
    print(
        f"analytics summary: p50 {percentile(summary_latencies, 50):.1f} ms, "
        f"p95 {percentile(summary_latencies, 95):.1f} ms"
    )
    print(f"CSV over HTTP: {size / 1e6:.1f} MB in {csv_http_seconds:.1f} s")
    print(
        f"CSV in-process: {full_rows} rows in {full_seconds:.1f} s, peak {full_peak / 1e6:.1f} MB; "
        f"first {small_rows} rows: peak {small_peak / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
