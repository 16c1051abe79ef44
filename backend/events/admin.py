from django.contrib import admin

from .models import Event, EventMessage, EventStaff


class EventStaffInline(admin.TabularInline):
    model = EventStaff
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "organizer", "starts_at", "status", "capacity", "tickets_sold"]
    list_filter = ["status", "category", "timezone"]
    search_fields = ["title", "venue", "organizer__email"]
    raw_id_fields = ["organizer"]
    readonly_fields = ["tickets_sold", "created_at", "updated_at"]
    inlines = [EventStaffInline]


@admin.register(EventMessage)
class EventMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "event", "sender", "recipients", "created_at"]
    search_fields = ["subject", "event__title"]
    raw_id_fields = ["event", "sender"]
    readonly_fields = ["created_at"]
