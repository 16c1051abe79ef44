from django.db import migrations


def add_entry_lists(apps, schema_editor):
    """Every event scans against its default list "Entry" (all types) from now on."""
    Event = apps.get_model("events", "Event")
    CheckinList = apps.get_model("events", "CheckinList")
    have = set(CheckinList.objects.filter(is_default=True).values_list("event_id", flat=True))
    CheckinList.objects.bulk_create(
        [
            CheckinList(event_id=event_id, name="Entry", is_default=True)
            for event_id in Event.objects.values_list("id", flat=True)
            if event_id not in have
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0010_questions_and_checkin_lists")]

    operations = [migrations.RunPython(add_entry_lists, migrations.RunPython.noop)]
