from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from common.exceptions import Forbidden, InvalidInput, NotFound
from common.pagination import ShortPagination
from common.schema import api_errors
from events.errors import EventCancelled

from . import selectors, services
from .errors import EntryListAllTypes, EntryListRequired, NotCheckedIn
from .kit_serializers import DoorKitSerializer
from .list_serializers import CheckinListInputSerializer, CheckinListSerializer
from .models import RejectReason, Scan
from .permissions import DoorAccess, checkin_list_for, door_event_for
from .serializers import (
    ScanSerializer,
    SearchQuerySerializer,
    SearchResultSerializer,
    SyncInputSerializer,
    SyncResultSerializer,
    UndoInputSerializer,
    UndoResultSerializer,
    ValidateInputSerializer,
    ValidateResultSerializer,
    validate_result_data,
)


@api_errors(NotFound, Forbidden)
class ValidateView(APIView):
    @extend_schema(request=ValidateInputSerializer, responses={200: ValidateResultSerializer})
    def post(self, request: Request) -> Response:
        serializer = ValidateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        event = door_event_for(user=request.user, event_id=data["event"], access=DoorAccess.SCAN)
        checkin_list = services.checkin_list_at_door(event=event, list_id=data.get("checkin_list"))
        if "ticket" in data:
            outcome = services.ticket_check_in_manual(
                scanner=request.user,
                event=event,
                ticket_id=data["ticket"],
                gate=data["gate"],
                direction=data["direction"],
                device_id=data["device_id"],
                checkin_list=checkin_list,
            )
        else:
            outcome = services.ticket_scan(
                scanner=request.user,
                event=event,
                code=data["code"],
                gate=data["gate"],
                direction=data["direction"],
                device_id=data["device_id"],
                checkin_list=checkin_list,
            )
        return Response(validate_result_data(outcome))


def _event_param(params) -> int:
    event_id = params.get("event", "")
    if not event_id.isdigit() or not 0 < int(event_id) <= 2**53:
        raise InvalidInput(fields={"event": ["An event id is required."]})
    return int(event_id)


@extend_schema(
    parameters=[
        OpenApiParameter("event", OpenApiTypes.INT, required=True),
        OpenApiParameter("result", OpenApiTypes.STR, enum=["accepted", "rejected", "undone"]),
        OpenApiParameter("reason", OpenApiTypes.STR, enum=RejectReason.values),
        OpenApiParameter("suspected_sharing", OpenApiTypes.BOOL),
        OpenApiParameter("offline", OpenApiTypes.BOOL, description="Only scans synced later."),
    ]
)
@api_errors(NotFound, Forbidden)
class ScanListView(generics.ListAPIView):
    serializer_class = ScanSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Scan.objects.none()
        params = self.request.query_params
        event_id = _event_param(params)
        event = door_event_for(user=self.request.user, event_id=event_id, access=DoorAccess.SCAN)
        queryset = selectors.scan_list_for_event(event=event)
        if params.get("result") in ("accepted", "rejected", "undone"):
            queryset = queryset.filter(result=params["result"])
        if params.get("reason") in RejectReason.values:
            queryset = queryset.filter(reason=params["reason"])
        if params.get("suspected_sharing") in ("1", "true"):
            queryset = queryset.filter(suspected_sharing=True)
        if params.get("offline") in ("1", "true"):
            queryset = queryset.filter(synced_at__isnull=False)
        return queryset


@extend_schema(
    parameters=[
        OpenApiParameter("event", OpenApiTypes.INT, required=True),
        OpenApiParameter(
            "q",
            OpenApiTypes.STR,
            required=True,
            description="At least 3 characters: part of a name, a whole e-mail address or a "
            "backup code.",
        ),
    ]
)
@api_errors(NotFound, Forbidden)
class TicketSearchView(generics.ListAPIView):
    """Tickets of the event by holder name, e-mail or backup code, for door staff to admit
    by hand (`POST /api/attendance/validate/` with `ticket`). Throttled per user
    (QE_THROTTLE_DOOR_SEARCH)."""

    serializer_class = SearchResultSerializer
    # The door looks for one person: a short list, never a page of the whole crowd.
    pagination_class = ShortPagination
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "door_search"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Scan.objects.none()
        query = SearchQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        event = door_event_for(
            user=self.request.user, event_id=params["event"], access=DoorAccess.SCAN
        )
        return selectors.ticket_search(event=event, query=params["q"])


@api_errors(NotCheckedIn, EventCancelled, NotFound, Forbidden)
class UndoView(APIView):
    @extend_schema(request=UndoInputSerializer, responses={200: UndoResultSerializer})
    def post(self, request: Request) -> Response:
        serializer = UndoInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        event = door_event_for(user=request.user, event_id=data["event"], access=DoorAccess.UNDO)
        outcome = services.ticket_check_in_undo(
            actor=request.user, event=event, ticket_id=data["ticket"]
        )
        return Response(UndoResultSerializer({"scan": outcome, "counters": outcome.counters}).data)


@api_errors(NotFound, Forbidden)
class SyncView(APIView):
    """Scans a device made offline, uploaded when it can: one outcome per scan."""

    @extend_schema(request=SyncInputSerializer, responses={200: SyncResultSerializer})
    def post(self, request: Request) -> Response:
        serializer = SyncInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        event = door_event_for(user=request.user, event_id=data["event"], access=DoorAccess.SCAN)
        report = services.scans_sync(
            scanner=request.user,
            event=event,
            device_id=data["device_id"],
            scans=[services.OfflineScan(**scan) for scan in data["scans"]],
        )
        return Response(SyncResultSerializer(report).data)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "since",
            OpenApiTypes.STR,
            description="The `cursor` of an earlier kit: only tickets changed after it.",
        )
    ],
    responses={200: DoorKitSerializer},
)
@api_errors(NotFound, Forbidden)
class DoorKitView(APIView):
    """What a scanner or a door node needs to admit people with no server: the public keys
    that verify codes, the event's window, and its tickets (with names and backup codes)."""

    def get(self, request: Request, pk: int) -> Response:
        event = door_event_for(user=request.user, event_id=pk, access=DoorAccess.SCAN)
        since = None
        if "since" in request.query_params:
            since = selectors.door_kit_cursor_read(request.query_params["since"])
            if since is None:
                raise InvalidInput(fields={"since": ["Not a cursor of this server."]})
        kit = selectors.door_kit_get(event=event, since=since)
        return Response(DoorKitSerializer(kit).data)


@api_errors(NotFound, Forbidden)
class CheckinListListView(APIView):
    """The event's check-in lists: door staff read them (to pick one), its organizer adds."""

    @extend_schema(responses={200: CheckinListSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        event = door_event_for(user=request.user, event_id=pk, access=DoorAccess.SCAN)
        lists = selectors.checkin_list_list(event=event)
        return Response(CheckinListSerializer(lists, many=True).data)

    @extend_schema(request=CheckinListInputSerializer, responses={201: CheckinListSerializer})
    def post(self, request: Request, pk: int) -> Response:
        event = door_event_for(user=request.user, event_id=pk, access=DoorAccess.MANAGE_LISTS)
        serializer = CheckinListInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = services.checkin_list_create(
            event=event, values=services.ListValues(**serializer.validated_data)
        )
        checkin_list = selectors.checkin_list_get(event=event, list_id=created.id)
        return Response(CheckinListSerializer(checkin_list).data, status=status.HTTP_201_CREATED)


@api_errors(NotFound, Forbidden)
class CheckinListDetailView(APIView):
    @extend_schema(request=CheckinListInputSerializer, responses={200: CheckinListSerializer})
    @api_errors(EntryListAllTypes)
    def patch(self, request: Request, pk: int, list_id: int) -> Response:
        checkin_list = checkin_list_for(
            user=request.user, event_id=pk, list_id=list_id, access=DoorAccess.MANAGE_LISTS
        )
        serializer = CheckinListInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.checkin_list_update(
            checkin_list=checkin_list, values=services.ListValues(**serializer.validated_data)
        )
        event = checkin_list.event
        return Response(
            CheckinListSerializer(selectors.checkin_list_get(event=event, list_id=list_id)).data
        )

    @extend_schema(responses={204: None})
    @api_errors(EntryListRequired)
    def delete(self, request: Request, pk: int, list_id: int) -> Response:
        checkin_list = checkin_list_for(
            user=request.user, event_id=pk, list_id=list_id, access=DoorAccess.MANAGE_LISTS
        )
        services.checkin_list_delete(checkin_list=checkin_list)
        return Response(status=status.HTTP_204_NO_CONTENT)
