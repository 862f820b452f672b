"""Backend response files and REST responseParameters sources (ref §8.1 (D))."""

from __future__ import annotations

import pytest

from vtlgw.errors import InputError
from vtlgw.simulate.backend import backend_from_data, parse_backend, response_parameter


def test_body_values_are_serialised_as_json() -> None:
    backend = backend_from_data({"body": {"a": [1, 2]}}, name="b")
    assert (backend.status, backend.body) == (200, '{"a": [1, 2]}')


def test_lambda_error_document() -> None:
    backend = backend_from_data(
        {"lambdaError": {"errorMessage": "boom", "errorType": "Error"}}, name="b"
    )
    assert backend.lambda_error is not None
    assert backend.lambda_error.body() == '{"errorMessage":"boom","errorType":"Error"}'
    short = backend_from_data({"lambdaError": "x"}, name="b").lambda_error
    assert short is not None
    assert short.message == "x"


@pytest.mark.parametrize(
    ("text", "fragment", "line"),
    [
        ("status: 700\n", "status: expected an HTTP status 100-599, found 700", 1),
        (
            "status: 200\nheader: {}\n",
            "header: unknown key (did you mean 'headers'?); expected one of status, statusCode, "
            "headers, multiValueHeaders, body, lambdaError, authorizer",
            2,
        ),
        (
            "StatusCode: 200\n",
            "StatusCode: unknown key (did you mean 'statusCode'?); expected one of status",
            1,
        ),
        ("status: 200\nstatusCode: 201\n", "statusCode: give status or statusCode, not both", 2),
        (
            "lambdaError:\n  errorMesage: boom\n",
            "lambdaError.errorMesage: unknown key (did you mean 'errorMessage'?); expected one of "
            "errorMessage, errorType, stackTrace",
            2,
        ),
        (
            "lambdaError:\n  errorMessage: boom\n  stackTrace: at x\n",
            "lambdaError.stackTrace: expected a list of lines",
            3,
        ),
        ("headers: {A: [1, 2]}\n", "headers.A: expected a header value (text or a number)", 1),
        (
            "authorizer: true\n",
            "authorizer: expected one of allow, deny, unauthorized, error, found true",
            1,
        ),
        ("status: [1]\n", "status: expected an HTTP status 100-599, found a list", 1),
        ("headers: {null: x}\n", "headers.null: expected a header name, found null", 1),
        ("multiValueHeaders: {A: [[1]]}\n", "multiValueHeaders.A: expected a header value", 1),
        (
            "headers: {A: 2001-01-01}\n",
            "headers.A: expected a header value (text or a number), found a date",
            1,
        ),
        (
            "body: {a: 2001-01-01}\n",
            "body: expected text or a JSON value (no dates, binary or NaN)",
            1,
        ),
        ("body: !!binary aGVsbG8=\n", "body: expected text or a JSON value", 1),
        ("body: .nan\n", "body: expected text or a JSON value", 1),
        ("true: 1\n", "true: unknown key; expected one of status", 1),
        (
            "lambdaError: {null: x}\n",
            "lambdaError.null: unknown key; expected one of errorMessage",
            1,
        ),
        ("headers: [1]\n", "headers: expected a mapping of header names", 1),
        (
            "authorizer: maybe\n",
            "authorizer: expected one of allow, deny, unauthorized, error, found 'maybe'",
            1,
        ),
        ("lambdaError: [1]\n", "lambdaError: expected errorMessage text or a mapping", 1),
        (
            "multiValueHeaders: {A: b}\n",
            "multiValueHeaders: expected a mapping of names to lists",
            1,
        ),
    ],
)
def test_broken_backend_files(text: str, fragment: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        parse_backend(text, name="r.yaml")
    assert info.value.message.startswith(fragment)
    assert (info.value.name, info.value.line) == ("r.yaml", line)


def _param(source: str, **data: object) -> str | None:
    backend = backend_from_data(data, name="b")
    return response_parameter(
        source,
        backend,
        body=backend.body,
        stage_variables={"env": "prod"},
        request_context={"requestId": "r-1", "identity": {"sourceIp": "192.0.2.1"}},
    )


def test_response_parameter_sources_ref_8_1_D() -> None:
    headers = {"headers": {"server": "nginx"}, "multiValueHeaders": {"Set-Cookie": ["a", "b"]}}
    assert _param("'static value'") == "static value"
    assert _param("integration.response.header.Server", **headers) == "nginx"
    assert _param("integration.response.multivalueheader.set-cookie", **headers) == "a,b"
    assert _param("integration.response.header.Absent", **headers) is None
    assert _param("integration.response.body", body='{"a": 1}') == '{"a": 1}'
    assert _param("integration.response.body.a", body='{"a": {"b": 2}}') == '{"b":2}'
    assert _param("stageVariables.env") == "prod"
    assert _param("context.identity.sourceIp") == "192.0.2.1"
    assert _param("context.requestId") == "r-1"


def test_error_message_json_is_deserialised_for_header_mappings_ref_8_2_D() -> None:
    body = '{"errorMessage": "{\\"code\\": \\"E42\\", \\"detail\\": {\\"x\\": 1}}"}'
    assert _param("integration.response.body.errorMessage.code", body=body) == "E42"
    assert _param("integration.response.body.errorMessage.detail.x", body=body) == "1"
    assert _param("integration.response.body.errorMessage", body=body) == (
        '{"code": "E42", "detail": {"x": 1}}'
    )
