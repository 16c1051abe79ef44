from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import filters, generics
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request

from common.exceptions import Forbidden

from . import selectors
from .serializers import EventSerializer


@extend_schema(
    parameters=[
        OpenApiParameter(
            "mine",
            OpenApiTypes.BOOL,
            description="Organizers: your own events in any status instead of the public list.",
        )
    ]
)
class EventListView(generics.ListAPIView):
    serializer_class = EventSerializer
    permission_classes = [AllowAny]
    filter_backends = [filters.SearchFilter]
    search_fields = ["title", "venue", "description"]

    def get_queryset(self):
        request: Request = self.request
        if request.query_params.get("mine") in ("1", "true"):
            user = request.user
            if not user.is_authenticated or not user.is_organizer:
                raise Forbidden("Only organizers have their own events.")
            return selectors.event_list_for_organizer(organizer=user)
        return selectors.event_list_public()


class EventDetailView(generics.RetrieveAPIView):
    serializer_class = EventSerializer
    permission_classes = [AllowAny]

    def get_object(self):
        event = selectors.event_get_visible(event_id=self.kwargs["pk"], user=self.request.user)
        if event is None:
            raise NotFound("No such event.")
        return event
