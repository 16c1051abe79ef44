from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.fields import DateTimeField
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.exceptions import Forbidden, InvalidInput, NotFound
from common.schema import api_errors
from events.selectors import event_get_for_door, event_get_for_owner

from . import selectors, services
from .serializers import (
    ScanSerializer,
    UndoInputSerializer,
    UndoResultSerializer,
    ValidateInputSerializer,
    ValidateResultSerializer,
)

_as_datetime = DateTimeField().to_representation


def _door_event(request: Request, event_id: int):
    event = event_get_for_door(event_id=event_id, user=request.user)
    if event is None:
        raise Forbidden("You cannot scan tickets for this event.")
    return event


@api_errors(NotFound)
class ValidateView(APIView):
    @extend_schema(request=ValidateInputSerializer, responses={200: ValidateResultSerializer})
    def post(self, request: Request) -> Response:
        serializer = ValidateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        event = _door_event(request, data["event"])
        outcome = services.ticket_check_in(
            scanner=request.user, event=event, code=data["code"], gate=data["gate"].strip()
        )
        ticket = outcome.ticket
        first_in = ticket is not None and ticket.checked_in_at is not None
        return Response(
            {
                "status": "accepted" if outcome.accepted else "rejected",
                "reason": outcome.scan.reason or None,
                "scan_id": outcome.scan.id,
                "ticket": ticket.summary() if ticket else None,
                "checked_in_at": _as_datetime(outcome.scan.scanned_at)
                if outcome.accepted
                else None,
                "first_checked_in_at": _as_datetime(ticket.checked_in_at) if first_in else None,
                "first_gate": ticket.checked_in_gate if first_in else None,
                "first_checked_in_by": ticket.checked_in_by_name if first_in else None,
                "checkin_opens_at": _as_datetime(event.checkin_opens_at),
                "counters": outcome.counters,
            }
        )


@extend_schema(
    parameters=[
        OpenApiParameter("event", OpenApiTypes.INT, required=True),
        OpenApiParameter("result", OpenApiTypes.STR, enum=["accepted", "rejected", "undone"]),
        OpenApiParameter("suspected_sharing", OpenApiTypes.BOOL),
    ]
)
class ScanListView(generics.ListAPIView):
    serializer_class = ScanSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            from .models import Scan

            return Scan.objects.none()
        params = self.request.query_params
        try:
            event_id = int(params.get("event", ""))
        except ValueError:
            raise InvalidInput(fields={"event": ["An event id is required."]}) from None
        queryset = selectors.scan_list_for_event(event=_door_event(self.request, event_id))
        if params.get("result") in ("accepted", "rejected", "undone"):
            queryset = queryset.filter(result=params["result"])
        if params.get("suspected_sharing") in ("1", "true"):
            queryset = queryset.filter(suspected_sharing=True)
        return queryset


@api_errors(services.NotCheckedIn, NotFound)
class UndoView(APIView):
    @extend_schema(request=UndoInputSerializer, responses={200: UndoResultSerializer})
    def post(self, request: Request) -> Response:
        serializer = UndoInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = event_get_for_owner(event_id=serializer.validated_data["event"], user=request.user)
        if event is None:
            raise Forbidden("Only the event's organizer can undo a check-in.")
        outcome = services.ticket_check_in_undo(
            actor=request.user, event=event, ticket_id=serializer.validated_data["ticket"]
        )
        scan = services.scan_as_dict(outcome.scan, scanner=request.user, ticket=outcome.ticket)
        return Response({"scan": scan, "counters": outcome.counters})
