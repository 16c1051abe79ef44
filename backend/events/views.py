from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import filters, generics, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.exceptions import Forbidden, NotFound
from common.schema import api_errors
from users.permissions import EmailNotVerified, IsOrganizer

from . import selectors, services
from .filters import EventFilter
from .permissions import EventAccess, event_for
from .serializers import (
    EventInputSerializer,
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
        return selectors.event_list_public()

    @extend_schema(request=EventInputSerializer, responses={201: EventSerializer})
    @api_errors(services.EventInPast, services.PaymentMethodUnavailable, EmailNotVerified)
    def post(self, request: Request) -> Response:
        serializer = EventInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.event_create(organizer=request.user, **serializer.validated_data)
        event = event_for(user=request.user, event_id=event.id, access=EventAccess.MANAGE)
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)


@api_errors(NotFound)
class EventDetailView(APIView):
    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(responses={200: EventSerializer})
    def get(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.SEE)
        return Response(EventSerializer(event).data)

    @extend_schema(request=EventInputSerializer, responses={200: EventSerializer})
    @api_errors(
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
        serializer = EventInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.event_change(event_id=event.id, changes=dict(serializer.validated_data))
        event = event_for(user=request.user, event_id=event.id, access=EventAccess.MANAGE)
        return Response(EventSerializer(event).data)

    @extend_schema(responses={204: None})
    @api_errors(services.EventHasBookings, Forbidden)
    def delete(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        services.event_delete(event_id=event.id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EventCategoryListView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: {"type": "array", "items": {"type": "string"}}})
    def get(self, request: Request) -> Response:
        return Response(selectors.event_category_list())


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
