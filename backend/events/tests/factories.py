from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from events.models import CHECKIN_OPENS_BEFORE_START, Event, EventStaff, EventStatus
from users.models import Role
from users.tests.factories import UserFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    organizer = factory.SubFactory(UserFactory, role=Role.ORGANIZER)
    title = factory.Sequence(lambda n: f"Concert {n}")
    description = "An evening of music."
    venue = "Main Hall"
    category = "music"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    checkin_opens_at = factory.LazyAttribute(lambda o: o.starts_at - CHECKIN_OPENS_BEFORE_START)
    capacity = 100
    price = Decimal("20.00")
    currency = "EUR"
    status = EventStatus.PUBLISHED


def staff_accepted(event: Event, user) -> EventStaff:
    """`user` as door staff of `event`, as if they had accepted an invitation."""
    return EventStaff.objects.create(
        event=event, user=user, email=user.email, accepted_at=timezone.now()
    )
