"""Flash sale: N concurrent clients book one hot event of capacity C < demand, over HTTP, on
MariaDB, against a real server with several worker processes.

    .venv/bin/python bench/flash_sale.py --clients 64 --capacity 2000 --workers 4 --runs 3
    .venv/bin/python bench/flash_sale.py --paid ...   # pending holds, then Stripe webhooks

Free (default): every booking is confirmed at once. Paid (`--paid`): every booking is
`pending_payment` (a card hold), then each is confirmed by a signed `payment_intent.succeeded`
webhook, as Stripe would deliver it, sent by the same clients. Reports confirmed bookings per
second (free: until sold out; paid: from the first booking to the last confirmation), latency
percentiles, and the over-sell check (tickets_sold == valid tickets == confirmed quantities <=
capacity).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import statistics
import time
from datetime import timedelta

from harness import (
    django_setup,
    fresh_mysql_url,
    machine,
    manage,
    percentile,
    run_load,
    server_env,
    start_server,
    start_worker,
)

DATABASE = os.environ.get("BENCH_FLASH_DATABASE", "qe_bench_flash")
# Stripe on, so bookings may choose the card; nothing here ever calls Stripe (the webhooks
# are signed by the benchmark with this secret).
STRIPE_ENV = {
    "STRIPE_SECRET_KEY": "sk_test_bench",
    "STRIPE_PUBLISHABLE_KEY": "pk_test_bench",
    "STRIPE_WEBHOOK_SECRET": "whsec_bench",
    "STRIPE_API_BASE": "http://127.0.0.1:9",
}


def webhook_request(booking_id: int) -> tuple:
    body = json.dumps(
        {
            "id": f"evt_bench_{booking_id}",
            "object": "event",
            "type": "payment_intent.succeeded",
            "data": {
                "object": {
                    "id": f"pi_bench_{booking_id}",
                    "object": "payment_intent",
                    "metadata": {"booking": str(booking_id)},
                }
            },
        }
    ).encode()
    stamp = int(time.time())
    digest = hmac.new(
        STRIPE_ENV["STRIPE_WEBHOOK_SECRET"].encode(), f"{stamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    headers = {"Content-Type": "application/json", "Stripe-Signature": f"t={stamp},v1={digest}"}
    return ("POST", "/api/payments/stripe/webhook/", headers, body)


def prepare(env, capacity: int, demand: int, *, paid: bool) -> tuple[int, list[tuple]]:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from rest_framework_simplejwt.tokens import AccessToken

    from events.models import Event, TicketType
    from users.models import Role, User

    password = make_password("bench-password-not-used")
    organizer = User.objects.create(
        email="org@bench.test", name="Org", role=Role.ORGANIZER, password=password
    )
    User.objects.bulk_create(
        User(email=f"fan{n}@bench.test", name=f"Fan {n}", password=password) for n in range(demand)
    )
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        organizer=organizer,
        title="Hot show",
        venue="Arena",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        checkin_opens_at=starts - timedelta(hours=2),
        capacity=capacity,
        price="49.00" if paid else "0.00",
        currency="EUR",
        max_per_booking=1,
        status="published",
        payment_methods=["stripe", "manual"],
    )
    TicketType.objects.create(event=event, name="General admission", price=event.price)
    order = {"event": event.id, "quantity": 1}
    if paid:
        order["payment_method"] = "stripe"
    body = json.dumps(order).encode()
    requests = []
    for user in User.objects.filter(role=Role.ATTENDEE).order_by("id"):
        headers = {
            "Authorization": f"Bearer {AccessToken.for_user(user)}",
            "Content-Type": "application/json",
        }
        requests.append(("POST", "/api/book-ticket/", headers, body))
    return event.id, requests


def pending_bookings(event_id: int) -> list[int]:
    """The holds the sale left (the harness keeps only the start of each answer)."""
    from bookings.models import Booking

    return list(
        Booking.objects.filter(event_id=event_id, status="pending_payment").values_list(
            "id", flat=True
        )
    )


def check(event_id: int) -> dict:
    from django.db.models import Sum

    from bookings.models import Booking, Ticket
    from events.models import Event

    event = Event.objects.get(id=event_id)
    valid = Ticket.objects.filter(event_id=event_id, status="valid").count()
    confirmed = (
        Booking.objects.filter(event_id=event_id, status="confirmed").aggregate(n=Sum("quantity"))[
            "n"
        ]
        or 0
    )
    return {
        "capacity": event.capacity,
        "tickets_sold": event.tickets_sold,
        "valid_tickets": valid,
        "confirmed_quantity": confirmed,
        "oversold": not (event.tickets_sold == valid == confirmed <= event.capacity),
    }


def one_run(args, run: int) -> dict:
    from django.db import connections

    # The same database, dropped and created again: every run starts empty.
    connections.close_all()
    env = {**server_env(fresh_mysql_url(args.database_url, DATABASE)), **STRIPE_ENV}
    manage(env, "migrate", "--noinput", "-v", "0")
    event_id, requests = prepare(
        env, args.capacity, int(args.capacity * args.demand), paid=args.paid
    )
    worker = None
    if args.celery:
        env = {**env, "CELERY_BROKER_URL": args.celery}
        worker = start_worker(env)
    server = start_server(env, workers=args.workers, layout=args.layout)
    payments: list = []
    try:
        samples = run_load(server.url, requests, clients=args.clients)
        if args.paid:
            held = pending_bookings(event_id)
            payments = run_load(
                server.url, [webhook_request(b) for b in held], clients=args.clients
            )
    finally:
        server.stop()
        if worker:
            worker.terminate()
            worker.wait(timeout=30)
    connections.close_all()
    booked = [s for s in samples if s.status == 201]
    first = min(s.started for s in samples)
    sold_out_at = max(s.finished for s in booked)
    if args.paid:
        confirmed = [s for s in payments if s.status == 200]
        if not confirmed:
            raise SystemExit(f"no webhook confirmed a booking: {payments[:3]}")
        paid_out_at = max(s.finished for s in confirmed)
        webhook_ms = [(s.finished - s.started) * 1000 for s in payments]
    statuses: dict[str, int] = {}
    for sample in samples:
        statuses[str(sample.status)] = statuses.get(str(sample.status), 0) + 1
    during_sale = [s for s in samples if s.started <= sold_out_at]
    latencies = [(s.finished - s.started) * 1000 for s in during_sale]
    result = {
        "run": run,
        "layout": server.layout + (" + Celery worker" if args.celery else ""),
        "paid": args.paid,
        "clients": args.clients,
        "requests": len(samples),
        "statuses": statuses,
        "confirmed_per_s": len(booked) / (sold_out_at - first)
        if not args.paid
        else len(confirmed) / (paid_out_at - first),
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        **check(event_id),
    }
    if args.paid:
        result |= {
            "holds_per_s": len(booked) / (sold_out_at - first),
            "webhooks": len(payments),
            "webhook_p50_ms": percentile(webhook_ms, 50),
            "webhook_p99_ms": percentile(webhook_ms, 99),
        }
    print(json.dumps(result))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--capacity", type=int, default=2000)
    parser.add_argument("--demand", type=float, default=1.5, help="attendees per seat")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--layout", choices=["gunicorn", "uvicorn"], default="gunicorn")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--paid", action="store_true", help="paid tickets: card holds, then Stripe webhooks"
    )
    parser.add_argument(
        "--celery",
        metavar="BROKER_URL",
        help="send the e-mails through a Celery worker on this broker (the production profile)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "mysql://root@127.0.0.1:3306/x"),
    )
    args = parser.parse_args()
    django_setup(server_env(fresh_mysql_url(args.database_url, DATABASE)))
    results = [one_run(args, run) for run in range(args.runs)]
    print(f"\nmachine: {machine()}; server: {results[0]['layout']} on MariaDB")
    print(
        f"median of {args.runs}: {statistics.median(r['confirmed_per_s'] for r in results):.0f} "
        f"confirmed bookings/s, p50 {statistics.median(r['p50_ms'] for r in results):.1f} ms, "
        f"p95 {statistics.median(r['p95_ms'] for r in results):.1f} ms, "
        f"p99 {statistics.median(r['p99_ms'] for r in results):.1f} ms, "
        f"oversold in any run: {any(r['oversold'] for r in results)}"
    )
    if args.paid:
        print(
            f"paid: holds {statistics.median(r['holds_per_s'] for r in results):.0f}/s, "
            f"webhook p50 {statistics.median(r['webhook_p50_ms'] for r in results):.1f} ms, "
            f"p99 {statistics.median(r['webhook_p99_ms'] for r in results):.1f} ms"
        )
    if any(r["oversold"] for r in results):
        raise SystemExit("OVER-SOLD")


if __name__ == "__main__":
    main()
