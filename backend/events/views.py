from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import filters, generics, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from common.exceptions import Forbidden, InvalidInput, NotFound
from common.schema import api_errors
from common.views import FileDownloadAPIView, base_url_of
from users.permissions import Capability, EmailNotVerified, require
from users.selectors import user_exists

from . import errors, selectors, services
from .calendar import event_calendar_ics
from .code_serializers import TicketTypeInputSerializer
from .filters import EventFilter
from .permissions import EventAccess, event_for, may_manage, with_door_staff_flag
from .serializers import (
    EventCategorySerializer,
    EventImageInputSerializer,
    EventInputSerializer,
    EventSerializer,
    QuestionInputSerializer,
    QuestionSerializer,
    TicketTypeSerializer,
    visible_ticket_types,
)
from .staff_serializers import (
    InvitationAcceptedSerializer,
    InvitationAcceptInputSerializer,
    InvitationSerializer,
    InvitationTokenInputSerializer,
    StaffAddInputSerializer,
    StaffInvitedSerializer,
    StaffMemberSerializer,
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
        return [IsAuthenticated()] if self.request.method == "POST" else [AllowAny()]

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
            require(user=user, capability=Capability.ORGANIZE)
            return selectors.event_list_for_organizer(organizer=user)
        when = request.query_params.get("when", "upcoming")
        if when not in ("upcoming", "past"):
            raise InvalidInput(fields={"when": ["Give upcoming or past."]})
        listed = selectors.event_list_past() if when == "past" else selectors.event_list_public()
        return with_door_staff_flag(listed, user)

    @extend_schema(request=EventInputSerializer, responses={201: EventSerializer})
    @api_errors(
        errors.EventInPast,
        errors.PaymentInstructionsRequired,
        errors.PaymentMethodUnavailable,
        EmailNotVerified,
    )
    def post(self, request: Request) -> Response:
        require(user=request.user, capability=Capability.ORGANIZE)
        serializer = EventInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.event_create(
            organizer=request.user, values=services.EventValues(**serializer.validated_data)
        )
        event = event_for(user=request.user, event_id=event.id, access=EventAccess.MANAGE)
        return Response(
            EventSerializer(event, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


@api_errors(NotFound)
class EventDetailView(APIView):
    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(
        responses={200: EventSerializer},
        parameters=[
            OpenApiParameter(
                "code",
                OpenApiTypes.STR,
                description="A discount or access code: the answer says what it does (`code`)"
                " and lists the hidden types it unlocks, with their prices.",
            )
        ],
    )
    @api_errors(errors.CodeInvalid, errors.CodeUsedUp)
    def get(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.SEE)
        context: dict = {"request": request}
        text = request.query_params.get("code", "").strip()
        if text:
            if len(text) > 40:
                raise errors.CodeInvalid()
            context["code"] = services.code_for_booking(event_id=event.id, text=text)
        return Response(EventSerializer(event, context=context).data)

    @extend_schema(request=EventInputSerializer, responses={200: EventSerializer})
    @api_errors(
        errors.UseCancelEndpoint,
        errors.CapacityBelowSold,
        errors.CurrencyLocked,
        errors.EventCancelled,
        errors.EventInPast,
        errors.EventHasSales,
        errors.PaymentInstructionsRequired,
        errors.PaymentMethodUnavailable,
        errors.PriceSetPerType,
        EmailNotVerified,
        Forbidden,
    )
    def patch(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = EventInputSerializer(
            data=request.data, partial=True, context={"timezone": event.timezone}
        )
        serializer.is_valid(raise_exception=True)
        services.event_change(
            event_id=event.id, values=services.EventValues(**serializer.validated_data)
        )
        event = event_for(user=request.user, event_id=event.id, access=EventAccess.MANAGE)
        return Response(EventSerializer(event, context={"request": request}).data)

    @extend_schema(responses={204: None})
    @api_errors(errors.EventHasBookings, Forbidden)
    def delete(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        services.event_delete(event_id=event.id)
        return Response(status=status.HTTP_204_NO_CONTENT)


@api_errors(NotFound, Forbidden, errors.EventCancelled)
class EventPublishView(APIView):
    """Draft -> published: listed and open for booking (only an event still ahead)."""

    @extend_schema(request=None, responses={200: EventSerializer})
    @api_errors(errors.EventInPast, errors.PaymentInstructionsRequired, EmailNotVerified)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        services.event_publish(event_id=event.id)
        event = event_for(user=request.user, event_id=event.id, access=EventAccess.MANAGE)
        return Response(EventSerializer(event, context={"request": request}).data)


@api_errors(NotFound, Forbidden, errors.EventCancelled)
class EventUnpublishView(APIView):
    """Published -> draft: off the list, while nothing is sold (else cancel it)."""

    @extend_schema(request=None, responses={200: EventSerializer})
    @api_errors(errors.EventHasSales)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        services.event_unpublish(event_id=event.id)
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


@api_errors(NotFound, Forbidden, errors.EventCancelled)
class EventImageView(APIView):
    """The event's image: upload (multipart, field `image`) replaces it, DELETE removes it."""

    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="event_image_upload",
        request={"multipart/form-data": EventImageInputSerializer},
        responses={200: EventSerializer},
    )
    @api_errors(errors.ImageInvalid)
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


class SendingThrottle(ScopedRateThrottle):
    """Counted per user on POST only (each sends e-mail); reading is not limited."""

    def allow_request(self, request, view) -> bool:
        return request.method != "POST" or super().allow_request(request, view)


@api_errors(NotFound, Forbidden)
class EventStaffView(APIView):
    # Each invitation is an e-mail in the organizer's name (QE_THROTTLE_STAFF_INVITE).
    throttle_classes = [SendingThrottle]
    throttle_scope = "staff_invite"

    @extend_schema(responses={200: StaffMemberSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        staff = selectors.event_staff_list(event=event)
        return Response(StaffMemberSerializer(staff, many=True).data)

    @extend_schema(request=StaffAddInputSerializer, responses={201: StaffInvitedSerializer})
    @api_errors(EmailNotVerified)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = StaffAddInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email = serializer.validated_data["email"].strip().lower()
        services.event_staff_invite(
            event=event, inviter=request.user, email=email, base_url=base_url_of(request)
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
        data = TicketTypeSerializer(selectors.ticket_type_list(event=event), many=True).data
        manager = may_manage(request.user, event)
        return Response(visible_ticket_types(data, manager=manager, code=None))

    @extend_schema(request=TicketTypeInputSerializer, responses={201: TicketTypeSerializer})
    @api_errors(errors.EventCancelled, Forbidden)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = TicketTypeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket_type = services.ticket_type_create(
            event_id=event.id, values=services.TicketTypeValues(**serializer.validated_data)
        )
        ticket_type = selectors.ticket_type_get(event=event, ticket_type_id=ticket_type.id)
        return Response(TicketTypeSerializer(ticket_type).data, status=status.HTTP_201_CREATED)


@api_errors(NotFound, Forbidden)
class TicketTypeDetailView(APIView):
    @extend_schema(request=TicketTypeInputSerializer, responses={200: TicketTypeSerializer})
    @api_errors(errors.QuotaBelowSold, errors.EventCancelled)
    def patch(self, request: Request, pk: int, ticket_type_id: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = TicketTypeInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.ticket_type_update(
            event_id=event.id,
            ticket_type_id=ticket_type_id,
            values=services.TicketTypeValues(**serializer.validated_data),
        )
        ticket_type = selectors.ticket_type_get(event=event, ticket_type_id=ticket_type_id)
        return Response(TicketTypeSerializer(ticket_type).data)

    @extend_schema(responses={204: None})
    @api_errors(errors.TicketTypeHasSales, errors.EventCancelled)
    def delete(self, request: Request, pk: int, ticket_type_id: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        services.ticket_type_delete(event_id=event.id, ticket_type_id=ticket_type_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


@api_errors(NotFound)
class QuestionListView(APIView):
    """The event's questions: read by whoever may see the event (the booking form asks
    them), added by whoever manages it."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(responses={200: QuestionSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.SEE)
        return Response(QuestionSerializer(services.event_questions(event.id), many=True).data)

    @extend_schema(request=QuestionInputSerializer, responses={201: QuestionSerializer})
    @api_errors(Forbidden)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = QuestionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        question = services.question_create(
            event_id=event.id, values=services.QuestionValues(**serializer.validated_data)
        )
        return Response(QuestionSerializer(question).data, status=status.HTTP_201_CREATED)


@api_errors(NotFound, Forbidden)
class QuestionDetailView(APIView):
    @extend_schema(request=QuestionInputSerializer, responses={200: QuestionSerializer})
    def patch(self, request: Request, pk: int, question_id: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = QuestionInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        question = services.question_update(
            event_id=event.id, question_id=question_id, changes=serializer.validated_data
        )
        return Response(QuestionSerializer(question).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int, question_id: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        services.question_delete(event_id=event.id, question_id=question_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationView(APIView):
    """Read an invitation before accepting it (a POST: the token stays out of URLs)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=InvitationTokenInputSerializer, responses={200: InvitationSerializer})
    @api_errors(errors.InvitationInvalid)
    def post(self, request: Request) -> Response:
        serializer = InvitationTokenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation = selectors.staff_invitation_for_token(token=serializer.validated_data["token"])
        if invitation is None:
            raise errors.InvitationInvalid()
        invitation.account_exists = user_exists(email=invitation.email)
        return Response(InvitationSerializer(invitation).data)


class InvitationAcceptView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=InvitationAcceptInputSerializer, responses={200: InvitationAcceptedSerializer}
    )
    @api_errors(errors.InvitationInvalid, errors.InvitationForOtherAccount, errors.SignInToAccept)
    def post(self, request: Request) -> Response:
        serializer = InvitationAcceptInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        created = not request.user.is_authenticated
        if created:
            staff = services.event_staff_accept_with_new_account(
                token=data["token"],
                name=data.get("name", ""),
                password=data.get("password", ""),
                base_url=base_url_of(request),
            )
        else:
            staff = services.event_staff_accept(token=data["token"], user=request.user)
        body = {
            "email": staff.email,
            "event": staff.event,
            "status": "accepted",
            "account_created": created,
        }
        return Response(InvitationAcceptedSerializer(body).data)
