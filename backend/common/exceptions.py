"""One domain error family, and the one place that turns any error into the API error body
`{"code", "detail", "fields"}` (fields only for validation errors)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, JsonResponse
from rest_framework import exceptions as drf_exceptions
from rest_framework import status
from rest_framework.response import Response

logger = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule of the domain said no. Services raise it; the handler renders it.

    Subclasses fix `code` (stable, machine-readable) and `status_code`; the frontend branches on
    `code`, never on `detail`.
    """

    code = "domain_error"
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request cannot be carried out."

    def __init__(
        self,
        detail: str | None = None,
        *,
        fields: dict[str, list[str]] | None = None,
        retry_after: int | None = None,
    ) -> None:
        self.detail = detail or self.default_detail
        self.fields = fields
        self.retry_after = retry_after
        super().__init__(self.detail)


class InvalidInput(DomainError):
    code = "validation_error"
    default_detail = "Some fields are invalid."


class NotFound(DomainError):
    code = "not_found"
    status_code = status.HTTP_404_NOT_FOUND
    default_detail = "Not found."


class Forbidden(DomainError):
    code = "permission_denied"
    status_code = status.HTTP_403_FORBIDDEN
    default_detail = "You do not have permission to perform this action."


class RateLimited(DomainError):
    code = "throttled"
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = "Too many attempts."


def error_body(code: str, detail: str, fields: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "detail": detail}
    if fields is not None:
        body["fields"] = fields
    return body


def _validation_fields(detail: Any) -> dict[str, Any]:
    if isinstance(detail, dict):
        return detail
    # A serializer-level error comes as a list: show it as a form-wide message.
    return {"non_field_errors": detail if isinstance(detail, list) else [detail]}


def _drf_error(exc: drf_exceptions.APIException) -> tuple[str, str, Any]:
    if isinstance(exc, drf_exceptions.ValidationError):
        return "validation_error", "Some fields are invalid.", _validation_fields(exc.detail)
    if isinstance(exc, drf_exceptions.Throttled):
        wait = int(exc.wait) if exc.wait is not None else None
        text = "Too many requests."
        if wait is not None:
            text += f" Try again in {wait} seconds."
        return "throttled", text, None
    detail = exc.detail
    code = getattr(detail, "code", None) or exc.default_code
    if isinstance(detail, dict):
        # SimpleJWT puts {"detail", "code", "messages"} here.
        code = str(detail.get("code", code))
        detail = detail.get("detail", exc.default_detail)
    return str(code), str(detail), None


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """DRF's EXCEPTION_HANDLER: every error raised in an API view leaves through here."""
    headers: dict[str, str] = {}
    if isinstance(exc, DomainError):
        if exc.retry_after is not None:
            headers["Retry-After"] = str(exc.retry_after)
        return Response(
            error_body(exc.code, exc.detail, exc.fields), status=exc.status_code, headers=headers
        )
    if isinstance(exc, Http404):
        exc = drf_exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = drf_exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        return Response(
            error_body("request_too_large", "The request body is too large."),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    elif isinstance(exc, SuspiciousOperation):
        return Response(error_body("bad_request", "Bad request."), status=400)

    if isinstance(exc, drf_exceptions.APIException):
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        code, detail, fields = _drf_error(exc)
        return Response(error_body(code, detail, fields), status=exc.status_code, headers=headers)

    logger.exception("Unhandled error in %s", context.get("view").__class__.__name__)
    return Response(
        error_body("server_error", "Something went wrong on our side. It has been logged."),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def json_error_response(code: str, detail: str, status_code: int) -> JsonResponse:
    """The same body for errors raised outside DRF views (Django's 404/500 handlers)."""
    return JsonResponse(error_body(code, detail), status=status_code)
