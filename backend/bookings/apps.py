from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "bookings"
    verbose_name = "Bookings"

    def ready(self) -> None:
        # Register their outbox handlers and periodic jobs.
        from . import notifications, services  # noqa: F401
