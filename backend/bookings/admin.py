from django.contrib import admin

from .models import Booking, Ticket


class TicketInline(admin.TabularInline):
    model = Ticket
    extra = 0
    fields = ["id", "status", "checked_in_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "event", "quantity", "status", "total_amount", "created_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "event__title"]
    raw_id_fields = ["user", "event"]
    # Seats move only through services; support staff read bookings here, they do not edit.
    readonly_fields = [f.name for f in Booking._meta.fields]
    inlines = [TicketInline]
