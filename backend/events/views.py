from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import filters, generics, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from common.exceptions import Forbidden, InvalidInput, NotFound
from common.schema import api_errors
from common.views import FileDownloadAPIView
from users.permissions import EmailNotVerified, IsOrganizer

from . import selectors, services
from .calendar import event_calendar_ics
from .filters import EventFilter
from .permissions import EventAccess, event_for, with_door_staff_flag
from .serializers import (
    EventCancelInputSerializer,
    EventCategorySerializer,
    EventImageInputSerializer,
    EventInputSerializer,
    EventMessageInputSerializer,
    EventMessageSerializer,
    EventSerializer,
    StaffAddInputSerializer,
    StaffInvitedSerializer,
    StaffMemberSerializer,
    TicketTypeInputSerializer,
    TicketTypeSerializer,
)

ORDERING_FIELDS = ["starts_at", "price", "title"]


@extend_schema(
    parameters=[
        OpenApiParameter(
            "mine",
            OpenApiTypes.BOOL,
            description="Organizers: your own events in any status instead of the public list.",
        ),
        OpenApiParameter(
            "door", OpenApiTypes.BOOL, description="The upcoming events you may scan tickets for."
        ),
        OpenApiParameter(
            "when",
            OpenApiTypes.STR,
            enum=["upcoming", "past"],
            description="The public list: `upcoming` (default: not ended, soonest first) or "
            "`past` (ended, most recent first).",
        ),
        OpenApiParameter(
            "ordering",
            OpenApiTypes.STR,
            enum=[f"{sign}{name}" for name in ORDERING_FIELDS for sign in ("", "-")],
            description="Sort by a field; `-` for descending. Default: soonest first.",
        ),
    ]
)
@api_errors(Forbidden, NotAuthenticated)
class EventListCreateView(generics.ListAPIView):
    serializer_class = EventSerializer
    filterset_class = EventFilter
    filter_backends = [
        *generics.ListAPIView.filter_backends,
        filters.SearchFilter,
        filters.OrderingFilter,
    ]
    search_fields = ["title", "venue", "description"]
    ordering_fields = ORDERING_FIELDS

    def get_permissions(self):
        return [IsOrganizer()] if self.request.method == "POST" else [AllowAny()]

    def get_queryset(self):
        request: Request = self.request
        user = request.user
        if request.query_params.get("door") in ("1", "true"):
            if not user.is_authenticated:
                raise NotAuthenticated("Sign in to see the events you can scan.")
            return selectors.event_list_for_door(user=user)
        if request.query_params.get("mine") in ("1", "true"):
            if not user.is_authenticated:
                raise NotAuthenticated("Sign in to see your events.")
            if not user.is_organizer:
                raise Forbidden("Only organizers have their own events.")
            return selectors.event_list_for_organizer(organizer=user)
        when = request.query_params.get("when", "upcoming")
        if when not in ("upcoming", "past"):
            raise InvalidInput(fields={"when": ["Give upcoming or past."]})
        listed = selectors.event_list_past() if when == "past" else selectors.event_list_public()
        return with_door_staff_flag(listed, user)

    @extend_schema(request=EventInputSerializer, responses={201: EventSerializer})
    @api_errors(services.EventInPast, services.PaymentMethodUnavailable, EmailNotVerified)
    def post(self, request: Request) -> Response:
        serializer = EventInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.event_create(organizer=request.user, **serializer.validated_data)
        event = event_for(user=request.user, event_id=event.id, access=EventAccess.MANAGE)
        return Response(
            EventSerializer(event, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


@api_errors(NotFound)
class EventDetailView(APIView):
    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(responses={200: EventSerializer})
    def get(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.SEE)
        return Response(EventSerializer(event, context={"request": request}).data)

    @extend_schema(request=EventInputSerializer, responses={200: EventSerializer})
    @api_errors(
        services.UseCancelEndpoint,
        services.CapacityBelowSold,
        services.EventCancelled,
        services.EventInPast,
        services.EventHasSales,
        services.PaymentMethodUnavailable,
        services.PriceSetPerType,
        EmailNotVerified,
        Forbidden,
    )
    def patch(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = EventInputSerializer(
            data=request.data, partial=True, context={"timezone": event.timezone}
        )
        serializer.is_valid(raise_exception=True)
        services.event_change(event_id=event.id, changes=dict(serializer.validated_data))
        event = event_for(user=request.user, event_id=event.id, access=EventAccess.MANAGE)
        return Response(EventSerializer(event, context={"request": request}).data)

    @extend_schema(responses={204: None})
    @api_errors(services.EventHasBookings, Forbidden)
    def delete(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        services.event_delete(event_id=event.id)
        return Response(status=status.HTTP_204_NO_CONTENT)


@api_errors(NotFound, Forbidden, services.EventCancelled)
class EventPublishView(APIView):
    """Draft -> published: listed and open for booking (only an event still ahead)."""

    @extend_schema(request=None, responses={200: EventSerializer})
    @api_errors(services.EventInPast, EmailNotVerified)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        services.event_publish(event_id=event.id)
        event = event_for(user=request.user, event_id=event.id, access=EventAccess.MANAGE)
        return Response(EventSerializer(event, context={"request": request}).data)


@api_errors(NotFound, Forbidden, services.EventCancelled)
class EventUnpublishView(APIView):
    """Published -> draft: off the list, while nothing is sold (else cancel it)."""

    @extend_schema(request=None, responses={200: EventSerializer})
    @api_errors(services.EventHasSales)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        services.event_unpublish(event_id=event.id)
        event = event_for(user=request.user, event_id=event.id, access=EventAccess.MANAGE)
        return Response(EventSerializer(event, context={"request": request}).data)


@api_errors(NotFound, Forbidden)
class EventCancelView(APIView):
    """Cancel the event: every booking cancelled and refunded, every holder told why."""

    @extend_schema(request=EventCancelInputSerializer, responses={200: EventSerializer})
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = EventCancelInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.event_cancel(event_id=event.id, reason=serializer.validated_data.get("reason", ""))
        event = event_for(user=request.user, event_id=event.id, access=EventAccess.MANAGE)
        return Response(EventSerializer(event, context={"request": request}).data)


class EventCategoryListView(APIView):
    """The managed list of event categories (value for the API, label for people)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: EventCategorySerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(EventCategorySerializer(selectors.event_category_list(), many=True).data)


class EventCalendarView(FileDownloadAPIView):
    """The event as an iCalendar file (one VEVENT in the event's zone), for anyone who may
    see the event."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="event_calendar",
        responses={(200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR)},
    )
    @api_errors(NotFound)
    def get(self, request: Request, pk: int) -> HttpResponse:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.SEE)
        base = settings.PUBLIC_URL or request.build_absolute_uri("/").rstrip("/")
        body = event_calendar_ics(event, url=f"{base}/events/{event.id}")
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="event-{event.id}.ics"'
        response["Cache-Control"] = "no-cache"
        return response


@api_errors(NotFound, Forbidden)
class EventDuplicateView(APIView):
    @extend_schema(request=None, responses={201: EventSerializer})
    @api_errors(EmailNotVerified)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        copy = services.event_duplicate(event_id=event.id, organizer=event.organizer)
        return Response(
            EventSerializer(copy, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


@api_errors(NotFound, Forbidden, services.EventCancelled)
class EventImageView(APIView):
    """The event's image: upload (multipart, field `image`) replaces it, DELETE removes it."""

    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="event_image_upload",
        request={"multipart/form-data": EventImageInputSerializer},
        responses={200: EventSerializer},
    )
    @api_errors(services.ImageInvalid)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = EventImageInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.event_image_set(
            event_id=event.id, upload=serializer.validated_data["image"]
        )
        return Response(EventSerializer(event, context={"request": request}).data)

    @extend_schema(
        operation_id="event_image_remove", request=None, responses={200: EventSerializer}
    )
    def delete(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        event = services.event_image_remove(event_id=event.id)
        return Response(EventSerializer(event, context={"request": request}).data)


class EventMessageThrottle(ScopedRateThrottle):
    """Organizers writing to every ticket holder: counted per user, on sending only."""

    scope_attr = "throttle_scope"

    def allow_request(self, request, view) -> bool:
        if request.method != "POST":
            return True
        return super().allow_request(request, view)


@api_errors(NotFound, Forbidden)
class EventMessagesView(APIView):
    """Messages to every holder of a valid ticket: what was sent (GET), send one (POST)."""

    throttle_classes = [EventMessageThrottle]
    throttle_scope = "event_message"

    @extend_schema(responses={200: EventMessageSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        messages = selectors.event_message_list(event=event)
        return Response(EventMessageSerializer(messages, many=True).data)

    @extend_schema(request=EventMessageInputSerializer, responses={202: EventMessageSerializer})
    @api_errors(services.EventNotPublished, services.EventCancelled)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = EventMessageInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = services.event_message_send(
            event=event, sender=request.user, **serializer.validated_data
        )
        return Response(EventMessageSerializer(message).data, status=status.HTTP_202_ACCEPTED)


@api_errors(NotFound, Forbidden)
class EventStaffView(APIView):
    @extend_schema(responses={200: StaffMemberSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        staff = selectors.event_staff_list(event=event)
        return Response(StaffMemberSerializer(staff, many=True).data)

    @extend_schema(request=StaffAddInputSerializer, responses={201: StaffInvitedSerializer})
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = StaffAddInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email = serializer.validated_data["email"].strip().lower()
        services.event_staff_invite(
            event=event, email=email, base_url=request.build_absolute_uri("/")
        )
        body = StaffInvitedSerializer({"email": email, "status": "invited"}).data
        return Response(body, status=status.HTTP_201_CREATED)


@api_errors(NotFound, Forbidden)
class EventStaffMemberView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int, staff_id: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        services.event_staff_remove(event=event, staff_id=staff_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


@api_errors(NotFound)
class TicketTypeListView(APIView):
    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(responses={200: TicketTypeSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.SEE)
        return Response(
            TicketTypeSerializer(selectors.ticket_type_list(event=event), many=True).data
        )

    @extend_schema(request=TicketTypeInputSerializer, responses={201: TicketTypeSerializer})
    @api_errors(services.EventCancelled, Forbidden)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = TicketTypeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket_type = services.ticket_type_create(event_id=event.id, **serializer.validated_data)
        ticket_type = selectors.ticket_type_get(event=event, ticket_type_id=ticket_type.id)
        return Response(TicketTypeSerializer(ticket_type).data, status=status.HTTP_201_CREATED)


@api_errors(NotFound, Forbidden)
class TicketTypeDetailView(APIView):
    @extend_schema(request=TicketTypeInputSerializer, responses={200: TicketTypeSerializer})
    @api_errors(services.QuotaBelowSold, services.EventCancelled)
    def patch(self, request: Request, pk: int, ticket_type_id: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = TicketTypeInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.ticket_type_update(
            event_id=event.id, ticket_type_id=ticket_type_id, **serializer.validated_data
        )
        ticket_type = selectors.ticket_type_get(event=event, ticket_type_id=ticket_type_id)
        return Response(TicketTypeSerializer(ticket_type).data)

    @extend_schema(responses={204: None})
    @api_errors(services.TicketTypeHasSales, services.EventCancelled)
    def delete(self, request: Request, pk: int, ticket_type_id: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        services.ticket_type_delete(event_id=event.id, ticket_type_id=ticket_type_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
