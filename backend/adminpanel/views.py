from django.http import StreamingHttpResponse
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bookings.models import Ticket
from common.exceptions import Forbidden, InvalidInput, NotFound
from common.schema import api_errors
from common.views import FileDownloadAPIView

from . import selectors
from .exports import attendee_csv_lines
from .permissions import analytics_allowed, analytics_event_for
from .serializers import AnalyticsSummarySerializer, AttendeeSerializer, EventAnalyticsSerializer


@api_errors(NotFound, Forbidden)
class AnalyticsView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "event", OpenApiTypes.INT, description="One event's numbers instead of all."
            )
        ],
        responses=PolymorphicProxySerializer(
            component_name="Analytics",
            serializers=[AnalyticsSummarySerializer, EventAnalyticsSerializer],
            resource_type_field_name=None,
        ),
    )
    def get(self, request: Request) -> Response:
        analytics_allowed(user=request.user)
        event_id = request.query_params.get("event")
        if event_id is None:
            summary = selectors.organizer_analytics_summary(user=request.user)
            return Response(AnalyticsSummarySerializer(summary).data)
        if not event_id.isdigit() or not 0 < int(event_id) <= 2**53:
            raise InvalidInput(fields={"event": ["An event id is a number."]})
        event = analytics_event_for(user=request.user, event_id=int(event_id))
        return Response(EventAnalyticsSerializer(selectors.event_analytics(event=event)).data)


@extend_schema(
    parameters=[
        OpenApiParameter("search", OpenApiTypes.STR),
        OpenApiParameter(
            "status",
            OpenApiTypes.STR,
            enum=["current", "valid", "pending", "cancelled", "all"],
            description="Which tickets: current (default: valid, and those awaiting payment, "
            "which the organizer may mark paid), valid (as many as sold), pending, cancelled, "
            "or all.",
        ),
    ]
)
@api_errors(NotFound, Forbidden)
class AttendeeListView(generics.ListAPIView):
    serializer_class = AttendeeSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Ticket.objects.none()
        search = self.request.query_params.get("search", "").strip()[:100]
        event = analytics_event_for(user=self.request.user, event_id=self.kwargs["pk"])
        status = self.request.query_params.get("status", "current")
        if status not in ("current", "valid", "pending", "cancelled", "all"):
            raise InvalidInput(
                fields={"status": ["Give current, valid, pending, cancelled or all."]}
            )
        return selectors.attendee_list(event=event, search=search, status=status)


@api_errors(NotFound, Forbidden)
class AttendeeCsvView(FileDownloadAPIView):
    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request: Request, pk: int) -> StreamingHttpResponse:
        event = analytics_event_for(user=request.user, event_id=pk)
        response = StreamingHttpResponse(
            attendee_csv_lines(event=event), content_type="text/csv; charset=utf-8"
        )
        filename = f"attendees-{event.id}-{slugify(event.title)[:40] or 'event'}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
