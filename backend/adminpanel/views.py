from django.http import StreamingHttpResponse
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.exceptions import InvalidInput
from common.schema import api_errors
from common.views import FileDownloadAPIView
from users.permissions import IsOrganizer

from . import selectors
from .exports import attendee_csv_lines
from .serializers import AttendeeSerializer


def _own_event(request: Request, event_id: int):
    """The event if it is the caller's (admins: any); others cannot tell it exists."""
    event = selectors.analytics_events_for(user=request.user).filter(id=event_id).first()
    if event is None:
        raise NotFound("No such event.")
    return event


@api_errors(NotFound)
class AnalyticsView(APIView):
    permission_classes = [IsOrganizer]

    @extend_schema(
        parameters=[OpenApiParameter("event", OpenApiTypes.INT)],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        event_id = request.query_params.get("event")
        if event_id is None:
            return Response(selectors.organizer_analytics_summary(user=request.user))
        if not event_id.isdigit():
            raise InvalidInput(fields={"event": ["An event id is a number."]})
        event = _own_event(request, int(event_id))
        return Response(selectors.event_analytics(event=event))


@extend_schema(parameters=[OpenApiParameter("search", OpenApiTypes.STR)])
class AttendeeListView(generics.ListAPIView):
    permission_classes = [IsOrganizer]
    serializer_class = AttendeeSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            from bookings.models import Ticket

            return Ticket.objects.none()
        search = self.request.query_params.get("search", "").strip()[:100]
        event = _own_event(self.request, self.kwargs["pk"])
        return selectors.attendee_list(event=event, search=search)


class AttendeeCsvView(FileDownloadAPIView):
    permission_classes = [IsOrganizer]

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request: Request, pk: int) -> StreamingHttpResponse:
        event = _own_event(request, pk)
        response = StreamingHttpResponse(
            attendee_csv_lines(event=event), content_type="text/csv; charset=utf-8"
        )
        filename = f"attendees-{event.id}-{slugify(event.title)[:40] or 'event'}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
