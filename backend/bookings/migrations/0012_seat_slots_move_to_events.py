from django.db import migrations


class Migration(migrations.Migration):
    """SeatSlot now belongs to the events app (it is part of the event's seat counters, and
    the event's capacity changes move it). Only Django's state changes: the table stays."""

    dependencies = [
        ("bookings", "0011_merge_0010_analytics_indexes_0010_seat_slots"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SeatSlot")],
            database_operations=[],
        ),
    ]
