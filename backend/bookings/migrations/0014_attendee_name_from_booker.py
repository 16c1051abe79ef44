from django.db import migrations
from django.db.models import OuterRef, Subquery


def name_attendees(apps, schema_editor):
    """Tickets booked so far are held by their booker."""
    Ticket = apps.get_model("bookings", "Ticket")
    Booking = apps.get_model("bookings", "Booking")
    booker_name = Booking.objects.filter(id=OuterRef("booking_id")).values("user__name")[:1]
    Ticket.objects.filter(attendee_name="").update(attendee_name=Subquery(booker_name))


class Migration(migrations.Migration):
    dependencies = [("bookings", "0013_attendee_names_and_answers")]

    operations = [migrations.RunPython(name_attendees, migrations.RunPython.noop)]
