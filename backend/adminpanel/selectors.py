"""Organizer analytics. Every number is a database aggregate (no Python loop over bookings,
tickets or scans), in a fixed number of queries whatever the size of the event.

Indexes that serve them: tickets (event, status, checked_in_at) for check-ins, no-shows,
arrivals and gates; bookings (event, status, created_at) for revenue and sales per day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Floor, TruncDate
from django.utils import timezone

from attendance.models import RejectReason, Scan
from bookings.models import Booking, BookingItem, BookingStatus, PaymentStatus, Ticket, TicketStatus
from events.models import Event, EventStatus, TicketType
from events.permissions import managed_events
from users.models import User

ARRIVAL_BUCKET = timedelta(minutes=5)
CHECKED_IN = Q(checked_in_at__isnull=False)


def analytics_events_for(*, user: User) -> QuerySet[Event]:
    """The events whose numbers `user` may see: their own, or all for admins."""
    return Event.objects.filter(managed_events(user))


# Bookings whose money counts: paid (also while a refund is pending, and what is left after a
# refund), and confirmed bookings that needed no payment (free, or made before payments).
EARNING = Q(
    payment_status__in=[PaymentStatus.PAID, PaymentStatus.REFUND_PENDING, PaymentStatus.REFUNDED]
) | Q(payment_status=PaymentStatus.NOT_REQUIRED, status=BookingStatus.CONFIRMED)
AWAITING = Q(status=BookingStatus.PENDING_PAYMENT)
NET = F("total_amount") - F("refunded_amount")


def _revenue() -> Coalesce:
    """Paid minus refunded."""
    return Coalesce(Sum(NET, filter=EARNING), Value(Decimal("0")), output_field=DecimalField())


def _by_ticket_type(event: Event) -> list[dict[str, Any]]:
    """Seats taken and money earned per ticket type (a fully refunded booking earns nothing)."""
    earned = (
        BookingItem.objects.filter(
            ticket_type=OuterRef("pk"),
            booking__in=Booking.objects.filter(EARNING).exclude(
                payment_status=PaymentStatus.REFUNDED
            ),
        )
        .values("ticket_type")
        .annotate(total=Sum(F("quantity") * F("unit_price")))
        .values("total")
    )
    rows = (
        TicketType.objects.filter(event=event)
        .annotate(
            revenue=Coalesce(Subquery(earned), Value(Decimal("0")), output_field=DecimalField())
        )
        .order_by("position", "id")
    )
    return [
        {"id": row.id, "name": row.name, "sold": row.sold, "revenue": _money(row.revenue)}
        for row in rows
    ]


def _money(amount: Decimal) -> str:
    """Money as the rest of the API shows it: a decimal string with two places."""
    return str(Decimal(amount).quantize(Decimal("0.01")))


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


class EpochSeconds(Func):
    """Seconds since 1970 of a datetime column. Django has no portable form of this; grouping
    arrivals by an integer is much cheaper than by truncated, formatted datetimes (MariaDB
    spent 100 ms of a 220 ms analytics answer on DATE_FORMAT for 120,000 check-ins)."""

    output_field = IntegerField()

    def as_mysql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="UNIX_TIMESTAMP(%(expressions)s)")

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            # '%' is doubled twice: once for this template, once for the driver's paramstyle.
            compiler,
            connection,
            template="CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)",
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(EXTRACT(EPOCH FROM %(expressions)s) AS BIGINT)"
        )


def _arrivals(event: Event) -> list[dict[str, Any]]:
    """Admissions per 5 minutes over the check-in window, empty buckets included."""
    size = int(ARRIVAL_BUCKET.total_seconds())
    rows = (
        Ticket.objects.filter(CHECKED_IN, event=event, status=TicketStatus.VALID)
        .annotate(slot=Floor(EpochSeconds("checked_in_at") / size))
        .values("slot")
        .annotate(count=Count("id"))
    )
    counts = {datetime.fromtimestamp(int(row["slot"]) * size, tz=UTC): row["count"] for row in rows}
    start = event.checkin_opens_at.replace(second=0, microsecond=0)
    start -= timedelta(minutes=start.minute % 5)
    end = min(event.ends_at, max(timezone.now(), start))
    if counts:
        end = max(end, max(counts))
    buckets = []
    moment = start
    while moment <= end:
        buckets.append({"start": moment, "count": counts.get(moment, 0)})
        moment += ARRIVAL_BUCKET
    # Admissions outside the window (an event moved after check-in) still show.
    buckets += [{"start": t, "count": n} for t, n in sorted(counts.items()) if t < start]
    return sorted(buckets, key=lambda bucket: bucket["start"])


def event_analytics(*, event: Event) -> dict[str, Any]:
    money = Booking.objects.filter(event=event).aggregate(
        total=_revenue(),
        pending=Count("id", filter=AWAITING),
        pending_amount=Coalesce(
            Sum("total_amount", filter=AWAITING), Value(Decimal("0")), output_field=DecimalField()
        ),
    )
    revenue = money["total"]
    tickets = Ticket.objects.filter(event=event, status=TicketStatus.VALID).aggregate(
        valid=Count("id"), checked_in=Count("id", filter=CHECKED_IN)
    )
    admitted_by_gate = (
        Ticket.objects.filter(CHECKED_IN, event=event, status=TicketStatus.VALID)
        .values(gate=F("checked_in_gate"))
        .annotate(count=Count("id"))
    )
    inside_by_gate = {
        row["gate"]: row["n"]
        for row in Ticket.objects.filter(event=event, inside=True, status=TicketStatus.VALID)
        .values(gate=F("entry_gate"))
        .annotate(n=Count("id"))
    }
    by_gate = {row["gate"]: {**row, "inside": 0} for row in admitted_by_gate}
    for gate, inside in inside_by_gate.items():
        by_gate.setdefault(gate, {"gate": gate, "count": 0})["inside"] = inside
    # Offline devices that let a second person in on an admitted ticket (attendance sync).
    offline_conflicts = Scan.objects.filter(
        event=event, reason=RejectReason.OFFLINE_CONFLICT
    ).count()
    sales = (
        Booking.objects.filter(event=event, status=BookingStatus.CONFIRMED)
        .annotate(date=TruncDate("created_at"))
        .values("date")
        .annotate(count=Sum("quantity"))
        .order_by("date")
    )
    return {
        "event": event.id,
        "title": event.title,
        "starts_at": event.starts_at,
        "timezone": event.timezone,
        "phase": event.phase_at(timezone.now()),
        "capacity": event.capacity,
        "tickets_sold": tickets["valid"],
        "tickets_available": max(event.capacity - tickets["valid"], 0),
        "revenue": _money(revenue),
        "revenue_by_currency": [{"currency": event.currency, "amount": _money(revenue)}],
        "pending": {"bookings": money["pending"], "amount": _money(money["pending_amount"])},
        "by_ticket_type": _by_ticket_type(event),
        "currency": event.currency,
        "checked_in": tickets["checked_in"],
        "no_shows": _no_shows(event, sold=tickets["valid"], admitted=tickets["checked_in"]),
        "checkin_rate": _rate(tickets["checked_in"], tickets["valid"]),
        "arrivals": _arrivals(event),
        "by_gate": sorted(by_gate.values(), key=lambda row: (-row["count"], row["gate"])),
        "inside": sum(inside_by_gate.values()),
        "offline_conflicts": offline_conflicts,
        "sales": [{"date": row["date"], "count": row["count"]} for row in sales],
    }


def _no_shows(event: Event, *, sold: int, admitted: int) -> int | None:
    """Valid tickets never admitted, once the event is over; before that nobody is a no-show
    yet (null)."""
    return sold - admitted if event.ends_at <= timezone.now() else None


def _per_event_rows(events: QuerySet[Event]) -> QuerySet[Event]:
    revenue = (
        Booking.objects.filter(EARNING, event=OuterRef("pk"))
        .values("event")
        .annotate(total=Sum(NET))
        .values("total")
    )
    valid = Ticket.objects.filter(event=OuterRef("pk"), status=TicketStatus.VALID)
    sold = valid.values("event").annotate(n=Count("id")).values("n")
    checked_in = valid.filter(CHECKED_IN).values("event").annotate(n=Count("id")).values("n")
    return events.annotate(
        revenue=Coalesce(Subquery(revenue), Value(Decimal("0")), output_field=DecimalField()),
        sold=Coalesce(Subquery(sold), Value(0), output_field=IntegerField()),
        admitted=Coalesce(Subquery(checked_in), Value(0), output_field=IntegerField()),
    )


def organizer_analytics_summary(*, user: User) -> dict[str, Any]:
    """Totals over the caller's events and one row per event, in four queries."""
    events_qs = analytics_events_for(user=user)
    rows = _per_event_rows(events_qs).order_by("-starts_at", "-id")
    # Totals straight from the base tables (aggregating over the rows' subqueries is one
    # query fewer but gave wrong sums on SQLite).
    # Money per currency: never one sum of euros and dollars.
    by_currency = (
        Booking.objects.filter(EARNING, event__in=events_qs)
        .values("currency")
        .annotate(amount=Sum(NET))
        .order_by("currency")
    )
    revenue_by_currency = [
        {"currency": row["currency"], "amount": _money(row["amount"])} for row in by_currency
    ]
    now = timezone.now()
    tickets = Ticket.objects.filter(event__in=events_qs, status=TicketStatus.VALID).aggregate(
        sold=Count("id"),
        checked_in=Count("id", filter=CHECKED_IN),
        # No-shows exist only for events that are over.
        ended_sold=Count("id", filter=Q(event__ends_at__lte=now)),
        ended_checked_in=Count("id", filter=CHECKED_IN & Q(event__ends_at__lte=now)),
    )
    # Drafts and cancelled events offer no seats: their capacity is not in the total.
    on_offer = events_qs.filter(status=EventStatus.PUBLISHED)
    totals = {
        "capacity": on_offer.aggregate(n=Coalesce(Sum("capacity"), 0))["n"],
        "tickets_sold": tickets["sold"],
        # One amount only when it is in one currency (else see revenue_by_currency).
        "revenue": revenue_by_currency[0]["amount"]
        if len(revenue_by_currency) == 1
        else (None if revenue_by_currency else "0.00"),
        "revenue_by_currency": revenue_by_currency,
        "checked_in": tickets["checked_in"],
    }
    events = [
        {
            "event": row.id,
            "title": row.title,
            "status": row.status,
            "phase": row.phase_at(now),
            "starts_at": row.starts_at,
            "timezone": row.timezone,
            "capacity": row.capacity,
            "tickets_sold": row.sold,
            "tickets_available": max(row.capacity - row.sold, 0),
            "revenue": _money(row.revenue),
            "currency": row.currency,
            "revenue_by_currency": [{"currency": row.currency, "amount": _money(row.revenue)}]
            if row.revenue
            else [],
            "checked_in": row.admitted,
            "no_shows": _no_shows(row, sold=row.sold, admitted=row.admitted),
            "checkin_rate": _rate(row.admitted, row.sold),
        }
        for row in rows
    ]
    return {
        "totals": {
            **totals,
            "tickets_available": max(totals["capacity"] - totals["tickets_sold"], 0),
            "no_shows": tickets["ended_sold"] - tickets["ended_checked_in"],
            "checkin_rate": _rate(totals["checked_in"], totals["tickets_sold"]),
            # Events may sell in different currencies; the total is only meaningful per
            # currency, so it is given with the currencies it adds up.
            "currencies": sorted({row["currency"] for row in events}),
        },
        "events": events,
    }


def attendee_list(*, event: Event, search: str = "", status: str = "current") -> QuerySet[Ticket]:
    """The event's tickets with their holders, for the dashboard: by default the current ones
    (valid, and those awaiting payment, which the organizer may have to mark paid); `status`
    "valid", "pending", "cancelled" or "all" for one kind or every ticket."""
    queryset = Ticket.objects.filter(event=event).select_related("booking__user")
    if status == "current":
        queryset = queryset.filter(status__in=(TicketStatus.VALID, TicketStatus.PENDING))
    elif status != "all":
        queryset = queryset.filter(status=status)
    if search:
        matches = Q(booking__user__name__icontains=search) | Q(
            booking__user__email__icontains=search
        )
        if search.isdigit():
            matches |= Q(id=int(search))
        queryset = queryset.filter(matches)
    return queryset.order_by("id")


ATTENDEE_COLUMNS = {
    "ticket": "id",
    "booking": "booking_id",
    "name": "booking__user__name",
    "email": "booking__user__email",
    "status": "status",
    "checked_in_at": "checked_in_at",
    "gate": "checked_in_gate",
}


def attendee_rows(*, event: Event, chunk: int = 2000) -> Iterator[tuple]:
    """Every ticket of the event as a row of ATTENDEE_COLUMNS, read in keyset pages so memory
    stays flat however big the event (mysqlclient buffers a whole result set client-side, so
    a plain .iterator() would not)."""
    last_id = 0
    while True:
        page = list(
            Ticket.objects.filter(event=event, id__gt=last_id)
            .order_by("id")
            .values_list(*ATTENDEE_COLUMNS.values())[:chunk]
        )
        if not page:
            return
        yield from page
        last_id = page[-1][0]
