"""The OpenAPI schema is complete and agrees with docs/api.md: it generates without a warning,
every operation documents its errors in the error body's shape, and every error code the API
can answer is explained in the docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from common.schema import all_error_codes

DOCS = Path(__file__).resolve().parents[3] / "docs" / "api.md"


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    import json

    path = tmp_path_factory.mktemp("schema") / "openapi.json"
    # --fail-on-warn: an endpoint drf-spectacular cannot describe fails here, not in the field.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", path
    )
    return json.loads(path.read_text())


def _operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def test_every_error_answer_is_the_error_body_with_its_codes(schema):
    known = set(all_error_codes())
    for name, operation in _operations(schema):
        errors = {s: r for s, r in operation["responses"].items() if s >= "400"}
        for status, response in errors.items():
            body = response["content"]["application/json"]["schema"]
            assert body["required"] == ["code", "detail"], name
            codes = body["properties"]["code"]["enum"]
            assert codes and set(codes) <= known, (name, status, codes)


def test_operations_that_need_a_sign_in_document_401_and_403(schema):
    for name, operation in _operations(schema):
        if operation.get("security") == [{"jwtAuth": []}]:
            assert {"401", "403"} <= set(operation["responses"]), name


def test_booking_documents_its_domain_errors(schema):
    responses = schema["paths"]["/api/book-ticket/"]["post"]["responses"]
    conflict = responses["409"]["content"]["application/json"]["schema"]
    assert set(conflict["properties"]["code"]["enum"]) == {
        "sold_out",
        "capacity_exceeded",
        "duplicate_booking",
        "idempotency_key_reused",
        "ticket_type_sold_out",
        "manual_holds_full",
        "too_many_manual_holds",
        "code_used_up",
    }


def test_docs_explain_every_error_code(schema):
    documented = set(re.findall(r"`([a-z_]+)`", DOCS.read_text()))
    missing = sorted(set(schema["components"]["schemas"]["ErrorCode"]["enum"]) - documented)
    assert not missing, f"docs/api.md does not explain these error codes: {missing}"
