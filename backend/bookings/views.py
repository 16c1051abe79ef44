import re

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from common.exceptions import Forbidden, InvalidInput
from common.schema import api_errors
from common.views import FileDownloadAPIView
from users.permissions import EmailNotVerified, IsAttendee

from . import selectors, services
from .models import Booking, BookingStatus, CancelledBy
from .pdf import booking_tickets_pdf
from .qr_images import qr_png, qr_svg
from .serializers import BookingSerializer, BookTicketInputSerializer, QueuedSerializer
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
        EmailNotVerified,
    )
    def post(self, request: Request) -> Response:
        serializer = BookTicketInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        booking, replayed = services.booking_create(
            user=request.user,
            event_id=serializer.validated_data["event"],
            quantity=serializer.validated_data["quantity"],
            idempotency_key=_idempotency_key(request),
        )
        headers = {"Idempotent-Replayed": "true"} if replayed else {}
        return Response(
            BookingSerializer(booking).data, status=status.HTTP_201_CREATED, headers=headers
        )


class BookingListView(generics.ListAPIView):
    serializer_class = BookingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Booking.objects.none()
        return selectors.booking_list_for_user(user=self.request.user)


def _booking_or_404(request: Request, pk: int):
    booking = selectors.booking_get_for_actor(booking_id=pk, actor=request.user)
    if booking is None:
        raise NotFound("No such booking.")
    return booking


class BookingDetailView(APIView):
    @extend_schema(responses={200: BookingSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(BookingSerializer(_booking_or_404(request, pk)).data)


class BookingCancelView(APIView):
    @extend_schema(request=None, responses={200: BookingSerializer})
    @api_errors(services.BookingCheckedIn)
    def post(self, request: Request, pk: int) -> Response:
        booking = _booking_or_404(request, pk)
        by = CancelledBy.ATTENDEE if booking.user_id == request.user.id else CancelledBy.ORGANIZER
        booking = services.booking_cancel(booking=booking, by=by)
        booking = selectors.booking_get_for_actor(booking_id=booking.id, actor=request.user)
        return Response(BookingSerializer(booking).data)


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
            raise services.BookingNotConfirmed("A cancelled booking has no tickets to print.")
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
