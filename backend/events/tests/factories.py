from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from events.models import (
    CHECKIN_OPENS_BEFORE_START,
    ENTRY_LIST_NAME,
    GENERAL_ADMISSION,
    CheckinList,
    Event,
    EventStaff,
    EventStatus,
    PaymentMethod,
    TicketType,
)
from users.models import Role
from users.tests.factories import UserFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    # Organizers running events have confirmed their address (invitations and messages to
    # holders need it).
    organizer = factory.SubFactory(UserFactory, role=Role.ORGANIZER, email_verified=True)
    title = factory.Sequence(lambda n: f"Concert {n}")
    description = "An evening of music."
    venue = "Main Hall"
    category = "music"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    checkin_opens_at = factory.LazyAttribute(lambda o: o.starts_at - CHECKIN_OPENS_BEFORE_START)
    capacity = 100
    # Free unless a test says otherwise: a paid booking waits for its payment.
    price = Decimal("0.00")
    currency = "EUR"
    status = EventStatus.PUBLISHED
    payment_methods = factory.LazyFunction(lambda: [PaymentMethod.MANUAL.value])

    @factory.post_generation
    def entry_list(event, create, extracted, **kwargs):
        """The default check-in list "Entry", as event_create makes it."""
        if create:
            CheckinList.objects.create(event=event, name=ENTRY_LIST_NAME, is_default=True)

    @factory.post_generation
    def ticket_types(event, create, extracted, **kwargs):
        """One "General admission" type at the event's price, as event_create makes it;
        `ticket_types=[{...}, ...]` for others instead."""
        if not create:
            return
        for spec in extracted or [{"name": GENERAL_ADMISSION, "price": event.price}]:
            TicketType.objects.create(event=event, **spec)
        if extracted:
            event.price = min(spec.get("price", Decimal("0")) for spec in extracted)
            Event.objects.filter(id=event.id).update(price=event.price)


def staff_accepted(event: Event, user) -> EventStaff:
    """`user` as door staff of `event`, as if they had accepted an invitation."""
    return EventStaff.objects.create(
        event=event, user=user, email=user.email, accepted_at=timezone.now()
    )
