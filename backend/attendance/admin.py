from django.contrib import admin

from .models import Scan


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ["scanned_at", "event", "gate", "result", "reason", "suspected_sharing"]
    list_filter = ["result", "reason", "suspected_sharing"]
    search_fields = ["gate", "event__title", "scanner__email"]
    raw_id_fields = ["event", "ticket", "scanner"]
    date_hierarchy = "scanned_at"
    # The log is evidence: support staff read it, nobody edits it.
    readonly_fields = [f.name for f in Scan._meta.fields]
