from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.exceptions import Forbidden, InvalidInput, NotFound
from common.schema import api_errors
from events.permissions import EventAccess, event_for

from . import selectors, services
from .models import Scan
from .serializers import (
    ScanSerializer,
    UndoInputSerializer,
    UndoResultSerializer,
    ValidateInputSerializer,
    ValidateResultSerializer,
)


@api_errors(NotFound, Forbidden)
class ValidateView(APIView):
    @extend_schema(request=ValidateInputSerializer, responses={200: ValidateResultSerializer})
    def post(self, request: Request) -> Response:
        serializer = ValidateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        event = event_for(user=request.user, event_id=data["event"], access=EventAccess.DOOR)
        outcome = services.ticket_check_in(
            scanner=request.user, event=event, code=data["code"], gate=data["gate"].strip()
        )
        return Response(ValidateResultSerializer(outcome).data)


@extend_schema(
    parameters=[
        OpenApiParameter("event", OpenApiTypes.INT, required=True),
        OpenApiParameter("result", OpenApiTypes.STR, enum=["accepted", "rejected", "undone"]),
        OpenApiParameter("suspected_sharing", OpenApiTypes.BOOL),
    ]
)
@api_errors(NotFound, Forbidden)
class ScanListView(generics.ListAPIView):
    serializer_class = ScanSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Scan.objects.none()
        params = self.request.query_params
        event_id = params.get("event", "")
        if not event_id.isdigit() or not 0 < int(event_id) <= 2**53:
            raise InvalidInput(fields={"event": ["An event id is required."]})
        event = event_for(user=self.request.user, event_id=int(event_id), access=EventAccess.DOOR)
        queryset = selectors.scan_list_for_event(event=event)
        if params.get("result") in ("accepted", "rejected", "undone"):
            queryset = queryset.filter(result=params["result"])
        if params.get("suspected_sharing") in ("1", "true"):
            queryset = queryset.filter(suspected_sharing=True)
        return queryset


@api_errors(services.NotCheckedIn, NotFound, Forbidden)
class UndoView(APIView):
    @extend_schema(request=UndoInputSerializer, responses={200: UndoResultSerializer})
    def post(self, request: Request) -> Response:
        serializer = UndoInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        event = event_for(user=request.user, event_id=data["event"], access=EventAccess.MANAGE)
        outcome = services.ticket_check_in_undo(
            actor=request.user, event=event, ticket_id=data["ticket"]
        )
        return Response(UndoResultSerializer({"scan": outcome, "counters": outcome.counters}).data)
