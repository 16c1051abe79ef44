"""OpenAPI: every operation documents the errors it can answer, with their `code` values.

drf-spectacular documents what a view returns on success; our error body comes from one
exception handler (common/exceptions.py), which drf-spectacular cannot see. This schema class
adds, to every operation, one response per error status with the exact `code` values that
status can carry there:

- the errors every request of that kind can meet (a bad token, a body that is not JSON, a
  missing permission, an unknown id in the path, a throttle), derived from the view itself;
- the domain errors its services raise, declared next to the view with `@api_errors(...)`.

The frontend's types are generated from this schema, and Schemathesis checks the live server
against it (status codes and bodies), so an undeclared error fails the suite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny

from .exceptions import DomainError

ViewMethod = TypeVar("ViewMethod", bound=Callable[..., Any])

# Codes of errors raised by DRF, SimpleJWT and the handler itself, not by a DomainError.
PARSE_ERRORS = ("validation_error", "parse_error", "bad_request")
AUTH_ERRORS = (
    "not_authenticated",
    "token_not_valid",
    "authentication_failed",
    "bad_authorization_header",
    "user_not_found",
    "user_inactive",
    "password_changed",
)
FRAMEWORK_ERRORS = {
    400: (*PARSE_ERRORS,),
    401: AUTH_ERRORS,
    403: ("permission_denied",),
    404: ("not_found",),
    405: ("method_not_allowed",),
    413: ("request_too_large",),
    415: ("unsupported_media_type",),
    429: ("throttled",),
    500: ("server_error",),
}


def api_errors(*errors: type[DomainError | APIException]) -> Callable[[ViewMethod], ViewMethod]:
    """Declare the domain errors a view method's services may raise (for the schema). On a
    view class it applies to every method (generic views, whose methods are inherited)."""

    def mark(method: ViewMethod) -> ViewMethod:
        method._api_errors = (*getattr(method, "_api_errors", ()), *errors)  # type: ignore[attr-defined]
        return method

    return mark


def _all_domain_errors() -> list[type[DomainError]]:
    found, pending = [], [DomainError]
    while pending:
        for subclass in pending.pop().__subclasses__():
            found.append(subclass)
            pending.append(subclass)
    return found


def all_error_codes() -> list[str]:
    """Every `code` the API can answer (the `ErrorCode` enum of the schema)."""
    codes = {code for codes in FRAMEWORK_ERRORS.values() for code in codes}
    codes.update(error.code for error in _all_domain_errors())
    return sorted(codes)


def _error_schema(codes: Iterable[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["code", "detail"],
        "properties": {
            "code": {"type": "string", "enum": sorted(set(codes))},
            "detail": {"type": "string", "description": "For people; clients branch on code."},
            "fields": {"$ref": "#/components/schemas/ErrorFields"},
        },
    }


class AutoSchema(SpectacularAutoSchema):
    def _error_codes(self) -> dict[int, set[str]]:
        view, method = self.view, self.method.upper()
        has_body = (
            method in ("POST", "PUT", "PATCH", "DELETE")
            and self.get_request_serializer() is not None
        )
        has_parameters = bool(self.get_override_parameters()) or self._is_list_view()
        needs_sign_in = not all(
            isinstance(permission, AllowAny) for permission in view.get_permissions()
        )
        codes: dict[int, set[str]] = {}

        def add(status: int, *values: str) -> None:
            codes.setdefault(status, set()).update(values)

        if has_body:
            add(400, *PARSE_ERRORS)
            add(413, *FRAMEWORK_ERRORS[413])
            add(415, *FRAMEWORK_ERRORS[415])
        if has_parameters:
            add(400, "validation_error")
        if view.get_authenticators():
            # A token that is expired, forged or revoked is refused even where none is needed.
            add(401, *AUTH_ERRORS)
        if needs_sign_in:
            add(403, "permission_denied")
        if "{" in self.path or self._is_list_view():
            add(404, "not_found")  # an unknown id, or a page past the end
        if view.get_throttles():
            add(429, "throttled")
        handler = getattr(view, method.lower(), None)
        declared = (*getattr(type(view), "_api_errors", ()), *getattr(handler, "_api_errors", ()))
        for error in declared:
            # DomainError subclasses carry `code`; DRF's own exceptions `default_code`.
            add(error.status_code, getattr(error, "code", None) or error.default_code)
        return codes

    def get_request_serializer(self) -> Any:
        # A DELETE has a body only where its view declares one with extend_schema(request=...)
        # (which answers before this): never a guessed serializer.
        if self.method == "DELETE":
            return None
        return super().get_request_serializer()

    def _get_request_body(self, direction: str = "request") -> dict[str, Any] | None:
        """drf-spectacular documents no body on DELETE; ours has one where a view declares it
        (`DELETE /api/auth/me/` takes the password)."""
        if self.method != "DELETE" or self.get_request_serializer() is None:
            return super()._get_request_body(direction)
        self.method = "POST"
        try:
            return super()._get_request_body(direction)
        finally:
            self.method = "DELETE"

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        self._register_error_components()
        for status, codes in sorted(self._error_codes().items()):
            documented = responses.setdefault(str(status), {"description": ""})
            documented["content"] = {"application/json": {"schema": _error_schema(codes)}}
            documented["description"] = documented.get("description") or ", ".join(sorted(codes))
        return responses

    def _register_error_components(self) -> None:
        components = {
            "ErrorCode": {"type": "string", "enum": all_error_codes()},
            "ErrorFields": {
                "type": "object",
                "description": "Validation errors by field name: a list of messages (nested "
                "objects for nested input; `non_field_errors` for the body as a whole).",
                "additionalProperties": {},
            },
            "Error": {
                "type": "object",
                "description": "The body of every error answer.",
                "required": ["code", "detail"],
                "properties": {
                    "code": {"$ref": "#/components/schemas/ErrorCode"},
                    "detail": {"type": "string"},
                    "fields": {"$ref": "#/components/schemas/ErrorFields"},
                },
            },
        }
        for name, schema in components.items():
            self.registry.register_on_missing(
                ResolvedComponent(
                    name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name
                )
            )


# Messages that are not HTTP answers (the live door socket) but that clients must type too:
# (component name, serializer path). They become components of the schema.
MESSAGE_COMPONENTS = {
    "AttendanceMessage": (
        "attendance.serializers.SnapshotMessageSerializer",
        "attendance.serializers.ScanMessageSerializer",
    ),
}


def add_message_components(result, generator, request, public):
    """drf-spectacular postprocessing hook: document MESSAGE_COMPONENTS as components (a
    oneOf of their serializers), so the frontend's generated types cover them."""
    from django.utils.module_loading import import_string
    from drf_spectacular.plumbing import ComponentRegistry
    from rest_framework.views import APIView

    view = APIView()  # resolving a serializer asks the view for the serializer's context
    view.request, view.format_kwarg = request, None
    schema = AutoSchema()
    schema.registry = ComponentRegistry()
    schema.method, schema.path, schema.view = "GET", "", view
    components = result.setdefault("components", {}).setdefault("schemas", {})
    for name, paths in MESSAGE_COMPONENTS.items():
        refs, mapping = [], {}
        for path in paths:
            component = schema.resolve_serializer(import_string(path), "response")
            refs.append(component.ref)
            # The value of `type` that names this message (its field's one enum value).
            [type_value] = component.schema["properties"]["type"]["enum"]
            mapping[type_value] = component.ref["$ref"]
        components[name] = {
            "oneOf": refs,
            "discriminator": {"propertyName": "type", "mapping": mapping},
        }
    for component in schema.registry._components.values():
        components.setdefault(component.name, component.schema)
    return result
