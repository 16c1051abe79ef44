import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """SeatSlot moves here from the bookings app: Django's state only, the table
    (bookings_seatslot) and its constraints stay as they are."""

    dependencies = [
        ("events", "0008_merge_0005_event_journeys_0007_merge_door_payments"),
        ("bookings", "0012_seat_slots_move_to_events"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SeatSlot",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("number", models.PositiveSmallIntegerField()),
                        ("capacity", models.PositiveIntegerField()),
                        ("sold", models.PositiveIntegerField(default=0)),
                        (
                            "event",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="seat_slots",
                                to="events.event",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "bookings_seatslot",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("event", "number"), name="seat_slot_unique_number"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("sold__lte", models.F("capacity"))),
                                name="seat_slot_not_oversold",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
