from django.db import migrations, models


def fill_backup_codes(apps, schema_editor):
    from bookings.backup_codes import backup_code_new

    Ticket = apps.get_model("bookings", "Ticket")
    taken: dict[int, set[str]] = {}
    for ticket in Ticket.objects.filter(backup_code__isnull=True).only("id", "event_id"):
        used = taken.setdefault(ticket.event_id, set())
        code = backup_code_new()
        while code in used:
            code = backup_code_new()
        used.add(code)
        Ticket.objects.filter(id=ticket.id).update(backup_code=code)


class Migration(migrations.Migration):
    dependencies = [("bookings", "0004_ticket_event_without_db_constraint")]

    operations = [
        migrations.AddField(
            model_name="ticket",
            name="backup_code",
            field=models.CharField(max_length=8, null=True),
        ),
        migrations.RunPython(fill_backup_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="ticket",
            name="backup_code",
            field=models.CharField(max_length=8),
        ),
        migrations.AddConstraint(
            model_name="ticket",
            constraint=models.UniqueConstraint(
                fields=("event", "backup_code"), name="ticket_backup_code_unique_per_event"
            ),
        ),
    ]
