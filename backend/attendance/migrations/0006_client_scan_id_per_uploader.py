"""Offline scans idempotent per uploader: (event, scanner, device_id, client_scan_id), so one
uploader naming another's device cannot take its scan ids (issue 24 L9). The new constraint
is added before the old one goes, so uniqueness never lapses. A plain unique index: NULL
client_scan_ids (online scans) never collide, on MySQL/MariaDB as on SQLite."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0005_checkin_lists"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="scan",
            constraint=models.UniqueConstraint(
                fields=("event", "scanner", "device_id", "client_scan_id"),
                name="scan_client_scan_per_uploader",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="scan",
            name="scan_client_scan_unique",
        ),
    ]
