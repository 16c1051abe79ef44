"""The waiting list's endpoints: join an event's list, read one's own entries, leave, accept an
offer; the organizer reads the event's list. Thin: the services decide."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from common.exceptions import Forbidden, NotFound
from common.schema import api_errors
from events.permissions import EventAccess, event_for
from users.permissions import Capability, EmailNotVerified, require

from . import errors, selectors, services
from .models import WaitingListEntry
from .permissions import waiting_entry_for
from .serializers import (
    BookingSerializer,
    EventWaitingListEntrySerializer,
    MyWaitingListEntrySerializer,
    WaitingListAcceptInputSerializer,
    WaitingListEntrySerializer,
    WaitingListJoinInputSerializer,
)
from .views import BOOKING_ERRORS


@api_errors(NotFound, Forbidden)
class EventWaitingListView(APIView):
    """The event's waiting list: the organizer reads it (GET), a buyer joins it (POST)."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "booking"

    @extend_schema(responses={200: EventWaitingListEntrySerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        entries = selectors.waiting_list_for_event(event=event)
        return Response(EventWaitingListEntrySerializer(entries, many=True).data)

    @extend_schema(
        request=WaitingListJoinInputSerializer, responses={201: WaitingListEntrySerializer}
    )
    @api_errors(
        errors.WaitingListOff,
        errors.NotSoldOut,
        errors.AlreadyWaiting,
        errors.DuplicateBooking,
        errors.TicketTypeRequired,
        EmailNotVerified,
    )
    def post(self, request: Request, pk: int) -> Response:
        require(user=request.user, capability=Capability.BOOK)
        serializer = WaitingListJoinInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = services.waiting_list_join(
            user=request.user,
            event_id=pk,
            quantity=serializer.validated_data["quantity"],
            ticket_type_id=serializer.validated_data.get("ticket_type"),
        )
        entry = selectors.waiting_list_for_user(user=request.user).get(id=entry.id)
        return Response(WaitingListEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class MyWaitingListView(generics.ListAPIView):
    """The caller's waiting-list entries, newest first."""

    serializer_class = MyWaitingListEntrySerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return WaitingListEntry.objects.none()
        return selectors.waiting_list_for_user(user=self.request.user)


@api_errors(NotFound)
class WaitingListEntryView(APIView):
    @extend_schema(request=None, responses={204: OpenApiResponse()})
    def delete(self, request: Request, pk: int) -> Response:
        entry = waiting_entry_for(user=request.user, entry_id=pk)
        services.waiting_list_leave(entry=entry)
        return Response(status=status.HTTP_204_NO_CONTENT)


@api_errors(NotFound)
class WaitingListAcceptView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "booking"

    @extend_schema(request=WaitingListAcceptInputSerializer, responses={201: BookingSerializer})
    @api_errors(errors.NotOffered, errors.OfferExpired, *BOOKING_ERRORS)
    def post(self, request: Request, pk: int) -> Response:
        entry = waiting_entry_for(user=request.user, entry_id=pk)
        serializer = WaitingListAcceptInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        booking = services.waiting_list_accept(
            entry=entry, user=request.user, **serializer.validated_data
        )
        booking = selectors.booking_get(booking_id=booking.id)
        return Response(
            BookingSerializer(booking, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )
