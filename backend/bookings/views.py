import re

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from common.exceptions import Forbidden, InvalidInput
from common.schema import api_errors
from common.views import FileDownloadAPIView
from events.permissions import may_manage
from users.permissions import EmailNotVerified, IsAttendee

from . import selectors, services
from .models import Booking, BookingStatus
from .pdf import booking_tickets_pdf
from .qr_images import qr_png, qr_svg
from .serializers import (
    BookingSerializer,
    BookTicketInputSerializer,
    PayInputSerializer,
    QueuedSerializer,
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


class BookTicketView(APIView):
    permission_classes = [IsAttendee]
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
    @api_errors(
        services.SoldOut,
        services.CapacityExceeded,
        services.DuplicateBooking,
        services.EventNotBookable,
        services.IdempotencyKeyReused,
        services.TicketTypeSoldOut,
        services.SalesNotOpen,
        services.SalesClosed,
        services.TicketTypeRequired,
        services.PaymentMethodUnavailable,
        EmailNotVerified,
    )
    def post(self, request: Request) -> Response:
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
        )
        if replayed:
            booking = selectors.booking_get_for_actor(booking_id=booking.id, actor=request.user)
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
        # Holds that ended show as expired, not as still waiting for a payment.
        services.booking_expire_due(user_id=self.request.user.id)
        return selectors.booking_list_for_user(user=self.request.user)


def _booking_or_404(request: Request, pk: int):
    booking = selectors.booking_get_for_actor(booking_id=pk, actor=request.user)
    if booking is None:
        raise NotFound("No such booking.")
    return booking


def _booking_answer(request: Request, booking_id: int) -> Response:
    booking = selectors.booking_get_for_actor(booking_id=booking_id, actor=request.user)
    return Response(BookingSerializer(booking, context={"request": request}).data)


def _managed_booking_or_error(request: Request, pk: int) -> Booking:
    """A booking of an event the caller manages (404 if it may not see it, 403 if it is only
    the booker)."""
    booking = _booking_or_404(request, pk)
    if not may_manage(request.user, booking.event):
        raise Forbidden("Only the event's organizer can do this.")
    return booking


class BookingDetailView(APIView):
    @extend_schema(responses={200: BookingSerializer})
    def get(self, request: Request, pk: int) -> Response:
        booking = _booking_or_404(request, pk)
        if services.booking_expire_due(event_id=booking.event_id, user_id=booking.user_id):
            booking = _booking_or_404(request, pk)
        return Response(BookingSerializer(booking, context={"request": request}).data)


class BookingCancelView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "booking"  # the budget of BookTicketView

    @extend_schema(request=None, responses={200: BookingSerializer})
    @api_errors(services.BookingCheckedIn, services.CancelClosed)
    def post(self, request: Request, pk: int) -> Response:
        booking = services.booking_cancel(booking=_booking_or_404(request, pk), actor=request.user)
        return _booking_answer(request, booking.id)


class BookingPayView(APIView):
    """Pay a pending booking by card (Stripe, confirmed on the server)."""

    @extend_schema(request=PayInputSerializer, responses={200: BookingSerializer})
    @api_errors(
        services.PaymentDeclined,
        services.PaymentNotExpected,
        services.HoldExpired,
        services.PaymentMethodUnavailable,
        services.PaymentProviderError,
        Forbidden,
    )
    def post(self, request: Request, pk: int) -> Response:
        booking = _booking_or_404(request, pk)
        if booking.user_id != request.user.id:
            raise Forbidden("Only the person who booked can pay.")
        serializer = PayInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        booking = services.booking_pay(
            booking=booking, payment_method_id=serializer.validated_data["payment_method"]
        )
        return _booking_answer(request, booking.id)


class BookingMarkPaidView(APIView):
    @extend_schema(request=None, responses={200: BookingSerializer})
    @api_errors(services.PaymentNotExpected, Forbidden)
    def post(self, request: Request, pk: int) -> Response:
        booking = services.booking_mark_paid(booking=_managed_booking_or_error(request, pk))
        return _booking_answer(request, booking.id)


class BookingMarkRefundedView(APIView):
    @extend_schema(request=None, responses={200: BookingSerializer})
    @api_errors(services.NotRefundable, Forbidden)
    def post(self, request: Request, pk: int) -> Response:
        booking = services.booking_mark_refunded(booking=_managed_booking_or_error(request, pk))
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
    @api_errors(services.InvalidSignature)
    def post(self, request: Request) -> Response:
        # The raw bytes, never request.data: the signature covers the body exactly as sent.
        outcome = services.stripe_webhook_receive(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
        return Response(WebhookReceivedSerializer({"received": outcome}).data)


class BookingTicketsPdfView(FileDownloadAPIView):
    """The booking's tickets as a PDF, one page per ticket, for the booker and the event's
    organizer."""

    @extend_schema(
        operation_id="booking_tickets_pdf",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @api_errors(services.BookingNotConfirmed)
    def get(self, request: Request, pk: int) -> HttpResponse:
        booking = _booking_or_404(request, pk)
        if booking.status != BookingStatus.CONFIRMED:
            raise services.BookingNotConfirmed(
                "Only a confirmed (and paid) booking has tickets to print."
            )
        response = HttpResponse(booking_tickets_pdf(booking), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="tickets-{booking.id}.pdf"'
        response["Cache-Control"] = "private, no-cache"
        return response


class BookingResendView(APIView):
    """The tickets e-mail once more, for the booker; a few times an hour at most."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "booking_resend"

    @extend_schema(request=None, responses={202: QueuedSerializer})
    @api_errors(services.BookingNotConfirmed, Forbidden)
    def post(self, request: Request, pk: int) -> Response:
        booking = _booking_or_404(request, pk)
        if booking.user_id != request.user.id:
            raise Forbidden("Only the person who booked can have the tickets sent again.")
        services.booking_tickets_resend(booking=booking)
        return Response(QueuedSerializer({"status": "queued"}).data, status=202)


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
        ticket = selectors.ticket_get_for_actor(ticket_id=int(pk), actor=request.user)
        if ticket is None:
            raise NotFound("No such ticket.")
        code = ticket_code_for(event_id=ticket.event_id, ticket_id=ticket.id, key_id=ticket.key_id)
        if image_format == "png":
            response = HttpResponse(qr_png(code), content_type="image/png")
        else:
            response = HttpResponse(qr_svg(code), content_type="image/svg+xml")
        # A ticket is personal: never stored by shared caches.
        response["Cache-Control"] = "private, max-age=300"
        return response
