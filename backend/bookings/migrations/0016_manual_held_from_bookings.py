"""Events' `manual_held` from the bookings awaiting a manual payment when it was added."""

from django.db import migrations
from django.db.models import Sum


def count_manual_holds(apps, schema_editor):
    Booking = apps.get_model("bookings", "Booking")
    Event = apps.get_model("events", "Event")
    held = (
        Booking.objects.filter(status="pending_payment", payment_method="manual")
        .values("event_id")
        .annotate(seats=Sum("quantity"))
    )
    for row in held:
        Event.objects.filter(id=row["event_id"]).update(manual_held=row["seats"])


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0015_booking_payment_problem"),
        ("events", "0012_manual_holds"),
    ]

    operations = [migrations.RunPython(count_manual_holds, migrations.RunPython.noop)]
