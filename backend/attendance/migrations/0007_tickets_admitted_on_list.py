from django.db import migrations


def mark_list_admissions(apps, schema_editor):
    """Tickets already admitted on a list other than Entry say so (a transfer refuses them)."""
    Ticket = apps.get_model("bookings", "Ticket")
    ListAdmission = apps.get_model("attendance", "ListAdmission")
    ticket_ids = ListAdmission.objects.values_list("ticket_id", flat=True)
    Ticket.objects.filter(id__in=ticket_ids).update(admitted_on_list=True)


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0006_client_scan_id_per_uploader"),
        ("bookings", "0017_ticket_transfers"),
    ]

    operations = [
        migrations.RunPython(mark_list_admissions, migrations.RunPython.noop),
    ]
