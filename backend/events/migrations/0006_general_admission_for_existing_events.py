"""Every event sells through ticket types now: each existing event gets one type, "General
admission", at its price, with the seats it has sold (so the counters stay true)."""

from django.db import migrations


def add_general_admission(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    TicketType = apps.get_model("events", "TicketType")
    with_types = TicketType.objects.values("event_id")
    for event in Event.objects.exclude(id__in=with_types).iterator():
        TicketType.objects.create(
            event=event, name="General admission", price=event.price, sold=event.tickets_sold
        )
        if event.price > 0 and not event.payment_methods:
            event.payment_methods = ["manual"]
            event.save(update_fields=["payment_methods"])


class Migration(migrations.Migration):
    dependencies = [("events", "0005_ticket_types_and_payments")]
    operations = [migrations.RunPython(add_general_admission, migrations.RunPython.noop)]
