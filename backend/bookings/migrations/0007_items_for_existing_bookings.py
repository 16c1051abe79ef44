"""Existing bookings were made before ticket types: each gets one item of its event's
General admission type (events 0006), and its tickets point at that type."""

from django.db import migrations


def add_items(apps, schema_editor):
    Booking = apps.get_model("bookings", "Booking")
    BookingItem = apps.get_model("bookings", "BookingItem")
    Ticket = apps.get_model("bookings", "Ticket")
    TicketType = apps.get_model("events", "TicketType")
    first_type = {}
    for ticket_type in TicketType.objects.order_by("-position", "-id"):
        first_type[ticket_type.event_id] = ticket_type
    for booking in Booking.objects.filter(items__isnull=True).iterator():
        ticket_type = first_type.get(booking.event_id)
        if ticket_type is None:
            continue
        BookingItem.objects.create(
            booking=booking,
            ticket_type=ticket_type,
            name=ticket_type.name,
            quantity=booking.quantity,
            unit_price=booking.unit_price,
        )
        Ticket.objects.filter(booking=booking).update(ticket_type=ticket_type)


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0006_ticket_types_and_payments"),
        ("events", "0006_general_admission_for_existing_events"),
    ]
    operations = [migrations.RunPython(add_items, migrations.RunPython.noop)]
