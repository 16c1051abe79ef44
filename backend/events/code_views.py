"""Discount and access codes of an event: its organizer lists, creates, changes and
deletes (or, once used, deactivates) them."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.exceptions import Forbidden, NotFound
from common.schema import api_errors

from . import errors, selectors, services
from .code_serializers import CodeInputSerializer, CodeSerializer
from .permissions import EventAccess, event_for


@api_errors(NotFound, Forbidden)
class CodeListView(APIView):
    """The event's discount and access codes (its organizer only)."""

    @extend_schema(responses={200: CodeSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        return Response(CodeSerializer(selectors.code_list(event=event), many=True).data)

    @extend_schema(request=CodeInputSerializer, responses={201: CodeSerializer})
    @api_errors(errors.CodeExists, errors.EventCancelled)
    def post(self, request: Request, pk: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = CodeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        code = services.code_create(
            event_id=event.id, values=services.CodeValues(**serializer.validated_data)
        )
        code = selectors.code_get(event=event, code_id=code.id)
        return Response(CodeSerializer(code).data, status=status.HTTP_201_CREATED)


@api_errors(NotFound, Forbidden)
class CodeDetailView(APIView):
    @extend_schema(request=CodeInputSerializer, responses={200: CodeSerializer})
    @api_errors(errors.CodeExists, errors.EventCancelled)
    def patch(self, request: Request, pk: int, code_id: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        serializer = CodeInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.code_update(
            event_id=event.id,
            code_id=code_id,
            values=services.CodeValues(**serializer.validated_data),
        )
        return Response(CodeSerializer(selectors.code_get(event=event, code_id=code_id)).data)

    @extend_schema(
        responses={204: None},
        description="Deletes a code nobody booked with; a used code is deactivated instead"
        " (active: false), answered the same.",
    )
    @api_errors(errors.EventCancelled)
    def delete(self, request: Request, pk: int, code_id: int) -> Response:
        event = event_for(user=request.user, event_id=pk, access=EventAccess.MANAGE)
        services.code_delete(event_id=event.id, code_id=code_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
