import re

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from common.exceptions import Forbidden, InvalidInput, NotFound, RateLimited
from common.schema import api_errors
from common.views import FileDownloadAPIView
from events import errors as event_errors
from events.permissions import EventAccess, event_for
from events.selectors import event_message_list
from events.serializers import (
    EventCancelInputSerializer,
    EventMessageInputSerializer,
    EventMessageSerializer,
    EventSerializer,
)
from users import services as user_services
from users.permissions import Capability, EmailNotVerified, require
from users.serializers import UserDeleteInputSerializer
from users.views import MeView, clear_refresh_cookie, client_address

from . import errors, selectors, services
from .models import Booking, BookingStatus, Ticket
from .pdf import booking_tickets_pdf_cached
from .permissions import (
    BookingAccess,
    booking_for,
    ticket_code_for_viewer,
    ticket_for_holder,
)
from .qr_images import qr_png, qr_svg
from .serializers import (
    BookingSerializer,
    BookTicketInputSerializer,
    HeldTicketSerializer,
    PayInputSerializer,
    QueuedSerializer,
    TicketHolderInputSerializer,
    TicketTransferInputSerializer,
    WebhookReceivedSerializer,
)
from .ticket_codes import ticket_code_for

IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,100}$")


def _idempotency_key(request: Request) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not IDEMPOTENCY_KEY.match(key):
        raise InvalidInput(
            "Idempotency-Key must be 1 to 100 printable ASCII characters.",
            fields={"Idempotency-Key": ["1 to 100 printable ASCII characters."]},
        )
    return key


def _booking_answer(request: Request, booking_id: int) -> Response:
    booking = selectors.booking_get(booking_id=booking_id)
    return Response(BookingSerializer(booking, context={"request": request}).data)


# What a booking may answer besides validation errors.
BOOKING_ERRORS = (
    event_errors.SoldOut,
    event_errors.CapacityExceeded,
    errors.DuplicateBooking,
    event_errors.EventNotBookable,
    errors.IdempotencyKeyReused,
    event_errors.TicketTypeSoldOut,
    event_errors.SalesNotOpen,
    event_errors.SalesClosed,
    event_errors.CodeInvalid,
    event_errors.CodeUsedUp,
    event_errors.CodeNotApplicable,
    errors.TicketTypeRequired,
    event_errors.PaymentMethodUnavailable,
    errors.ManualHoldsFull,
    errors.TooManyManualHolds,
    EmailNotVerified,
)


@api_errors(Forbidden)
class BookTicketView(APIView):
    # Booking and cancelling share one per-user budget (a person never needs more): a few
    # accounts looping 100-ticket bookings would otherwise take the web cores from everyone.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "booking"

    @extend_schema(
        request=BookTicketInputSerializer,
        responses={201: BookingSerializer},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="Retries with the same key return the first booking.",
            )
        ],
    )
    @api_errors(*BOOKING_ERRORS)
    def post(self, request: Request) -> Response:
        require(user=request.user, capability=Capability.BOOK)
        serializer = BookTicketInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        items = [(item["ticket_type"], item["quantity"]) for item in data.get("items") or []]
        booking, replayed = services.booking_create(
            user=request.user,
            event_id=data["event"],
            quantity=data.get("quantity"),
            items=items or None,
            payment_method=data.get("payment_method"),
            idempotency_key=_idempotency_key(request),
            attendees=data.get("attendees"),
            answers=data.get("answers"),
            client_address=client_address(request),
            code=data.get("code") or None,
        )
        if replayed:
            booking = selectors.booking_get(booking_id=booking.id)
        # A new booking comes with its tickets and items, as written: nothing to read back.
        headers = {"Idempotent-Replayed": "true"} if replayed else {}
        return Response(
            BookingSerializer(booking, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
            headers=headers,
        )


class BookingListView(generics.ListAPIView):
    serializer_class = BookingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Booking.objects.none()
        return selectors.booking_list_for_user(user=self.request.user)


@api_errors(NotFound)
class BookingDetailView(APIView):
    @extend_schema(responses={200: BookingSerializer})
    def get(self, request: Request, pk: int) -> Response:
        booking = booking_for(user=request.user, booking_id=pk, access=BookingAccess.SEE)
        return Response(BookingSerializer(booking, context={"request": request}).data)


@api_errors(NotFound)
class BookingCancelView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "booking"  # the budget of BookTicketView

    @extend_schema(request=None, responses={200: BookingSerializer})
    @api_errors(errors.BookingCheckedIn, errors.CancelClosed, errors.BookingHasTransfers)
    def post(self, request: Request, pk: int) -> Response:
        booking = booking_for(user=request.user, booking_id=pk, access=BookingAccess.CANCEL)
        services.booking_cancel(booking=booking, actor=request.user)
        return _booking_answer(request, booking.id)


@api_errors(NotFound, Forbidden)
class BookingPayView(APIView):
    """Pay a pending booking by card (Stripe, confirmed on the server)."""

    @extend_schema(request=PayInputSerializer, responses={200: BookingSerializer})
    @api_errors(
        errors.PaymentDeclined,
        errors.PaymentNotExpected,
        errors.HoldExpired,
        event_errors.PaymentMethodUnavailable,
        errors.PaymentProviderError,
    )
    def post(self, request: Request, pk: int) -> Response:
        booking = booking_for(user=request.user, booking_id=pk, access=BookingAccess.PAY)
        serializer = PayInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        booking = services.booking_pay(
            booking=booking, payment_method_id=serializer.validated_data["payment_method"]
        )
        return _booking_answer(request, booking.id)


@api_errors(NotFound, Forbidden)
class BookingPayConfirmView(APIView):
    """Back from 3-D Secure (and again until settled): the server asks Stripe and settles."""

    @extend_schema(request=None, responses={200: BookingSerializer})
    @api_errors(errors.PaymentProviderError)
    def post(self, request: Request, pk: int) -> Response:
        booking = booking_for(user=request.user, booking_id=pk, access=BookingAccess.PAY)
        services.booking_card_payment_confirm(booking=booking)
        return _booking_answer(request, booking.id)


@api_errors(NotFound, Forbidden)
class BookingMarkPaidView(APIView):
    @extend_schema(request=None, responses={200: BookingSerializer})
    @api_errors(errors.PaymentNotExpected)
    def post(self, request: Request, pk: int) -> Response:
        booking = booking_for(user=request.user, booking_id=pk, access=BookingAccess.MANAGE)
        services.booking_mark_paid(booking=booking)
        return _booking_answer(request, booking.id)


@api_errors(NotFound, Forbidden)
class BookingMarkRefundedView(APIView):
    @extend_schema(request=None, responses={200: BookingSerializer})
    @api_errors(errors.NotRefundable)
    def post(self, request: Request, pk: int) -> Response:
        booking = booking_for(user=request.user, booking_id=pk, access=BookingAccess.MANAGE)
        services.booking_mark_refunded(booking=booking)
        return _booking_answer(request, booking.id)


@api_errors(NotFound, Forbidden)
class BookingHoldReleaseView(APIView):
    """The organizer releases seats held for a manual payment that has not come."""

    @extend_schema(request=None, responses={200: BookingSerializer})
    @api_errors(errors.NotAManualHold)
    def post(self, request: Request, pk: int) -> Response:
        booking = booking_for(user=request.user, booking_id=pk, access=BookingAccess.MANAGE)
        services.booking_hold_release(booking=booking)
        return _booking_answer(request, booking.id)


class StripeWebhookView(APIView):
    """Stripe's deliveries: verified by their signature on the raw body, not by a token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(
        request={"application/json": OpenApiTypes.OBJECT},
        responses={200: WebhookReceivedSerializer},
        parameters=[
            OpenApiParameter(
                "Stripe-Signature", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True
            )
        ],
    )
    @api_errors(errors.InvalidSignature)
    def post(self, request: Request) -> Response:
        # The raw bytes, never request.data: the signature covers the body exactly as sent.
        outcome = services.stripe_webhook_receive(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
        return Response(WebhookReceivedSerializer({"received": outcome}).data)


@api_errors(NotFound)
class BookingTicketsPdfView(FileDownloadAPIView):
    """The booking's tickets as a PDF, one page per ticket, for the booker and the event's
    organizer: drawn once per version of the booking, and a few times a minute per user at
    most (a big booking's PDF takes seconds of a web core)."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "tickets_pdf"

    @extend_schema(
        operation_id="booking_tickets_pdf",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @api_errors(errors.BookingNotConfirmed)
    def get(self, request: Request, pk: int) -> HttpResponse:
        booking = booking_for(user=request.user, booking_id=pk, access=BookingAccess.SEE)
        if booking.status != BookingStatus.CONFIRMED:
            raise errors.BookingNotConfirmed(
                "Only a confirmed (and paid) booking has tickets to print."
            )
        response = HttpResponse(booking_tickets_pdf_cached(booking), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="tickets-{booking.id}.pdf"'
        response["Cache-Control"] = "private, no-cache"
        return response


@api_errors(NotFound, Forbidden)
class BookingResendView(APIView):
    """The tickets e-mail once more, for the booker; a few times an hour at most."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "booking_resend"

    @extend_schema(request=None, responses={202: QueuedSerializer})
    @api_errors(errors.BookingNotConfirmed)
    def post(self, request: Request, pk: int) -> Response:
        booking = booking_for(user=request.user, booking_id=pk, access=BookingAccess.RESEND)
        services.booking_tickets_resend(booking=booking)
        return Response(QueuedSerializer({"status": "queued"}).data, status=202)


class TicketListView(generics.ListAPIView):
    """The tickets the caller holds."""

    serializer_class = HeldTicketSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Ticket.objects.none()
        return selectors.ticket_list_for_holder(user=self.request.user)


@api_errors(NotFound)
class TicketDetailView(APIView):
    @extend_schema(responses={200: HeldTicketSerializer})
    def get(self, request: Request, pk: int) -> Response:
        ticket = ticket_for_holder(user=request.user, ticket_id=pk)
        return Response(HeldTicketSerializer(ticket, context={"request": request}).data)

    @extend_schema(request=TicketHolderInputSerializer, responses={200: HeldTicketSerializer})
    @api_errors(errors.TicketEditClosed)
    def patch(self, request: Request, pk: int) -> Response:
        ticket = ticket_for_holder(user=request.user, ticket_id=pk)
        serializer = TicketHolderInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket = services.ticket_holder_update(
            ticket=ticket,
            attendee_name=serializer.validated_data.get("attendee_name"),
            answers=serializer.validated_data.get("answers"),
        )
        return Response(HeldTicketSerializer(ticket, context={"request": request}).data)


@api_errors(NotFound)
class TicketTransferView(APIView):
    """The holder passes the ticket to someone else: a new code for them, the old one
    revoked. Answers the recipient's new ticket."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "booking"  # the budget of BookTicketView

    @extend_schema(request=TicketTransferInputSerializer, responses={200: HeldTicketSerializer})
    @api_errors(errors.AlreadyCheckedIn, errors.TransfersClosed, errors.TicketNotTransferable)
    def post(self, request: Request, pk: int) -> Response:
        ticket = ticket_for_holder(user=request.user, ticket_id=pk)
        serializer = TicketTransferInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        new = services.ticket_transfer(
            ticket=ticket,
            sender=request.user,
            email=serializer.validated_data["email"],
            name=serializer.validated_data["name"],
        )
        new = selectors.ticket_get(ticket_id=new.id)
        return Response(HeldTicketSerializer(new, context={"request": request}).data)


@api_errors(NotFound)
class TicketQrView(FileDownloadAPIView):
    """The QR image of one ticket, for its holder and the event's organizer."""

    @extend_schema(
        operation_id="ticket_qr_image",
        parameters=[
            OpenApiParameter("pk", OpenApiTypes.INT, OpenApiParameter.PATH),
            OpenApiParameter(
                "image_format", OpenApiTypes.STR, OpenApiParameter.PATH, enum=["png", "svg"]
            ),
        ],
        responses={
            (200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "image/svg+xml"): OpenApiResponse(OpenApiTypes.STR),
        },
    )
    def get(self, request: Request, pk: str, image_format: str) -> HttpResponse:
        ticket = ticket_code_for_viewer(user=request.user, ticket_id=int(pk))
        code = ticket_code_for(event_id=ticket.event_id, ticket_id=ticket.id, key_id=ticket.key_id)
        if image_format == "png":
            response = HttpResponse(qr_png(code), content_type="image/png")
        else:
            response = HttpResponse(qr_svg(code), content_type="image/svg+xml")
        # A ticket is personal: never stored by shared caches.
        response["Cache-Control"] = "private, max-age=300"
        return response


# The cascades this app runs for the apps below it: cancelling an event, writing to every
# holder, deleting an account.


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
        messages = event_message_list(event=event)
        return Response(EventMessageSerializer(messages, many=True).data)

    @extend_schema(request=EventMessageInputSerializer, responses={202: EventMessageSerializer})
    @api_errors(errors.EventNotPublished, event_errors.EventCancelled, EmailNotVerified)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = EventMessageInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = services.event_message_send(
            event=event, sender=request.user, **serializer.validated_data
        )
        return Response(EventMessageSerializer(message).data, status=status.HTTP_202_ACCEPTED)


# Reading and renaming the account is the users app's (MeView); deleting it cancels what it
# booked ahead, a cascade this app runs (it sits above users and events).
class AccountView(MeView):
    @extend_schema(request=UserDeleteInputSerializer, responses={204: OpenApiResponse()})
    @api_errors(user_services.WrongPassword, errors.OrganizerHasEvents, RateLimited)
    def delete(self, request: Request) -> Response:
        serializer = UserDeleteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.account_delete(
            user=request.user,
            password=serializer.validated_data["password"],
            client_address=client_address(request),
        )
        response = Response(status=status.HTTP_204_NO_CONTENT)
        clear_refresh_cookie(response)
        return response
