"""A simulation carries its findings: what a template or integration author must fix.

The gateway's own failures (a template that does not render, a MOCK without a status, no
integration response, ...) are findings; what the backend chose to answer is not.
"""

from __future__ import annotations

from typing import Any

import pytest

from vtlgw.document import parse_document
from vtlgw.events import synthesize
from vtlgw.simulate.backend import BackendResponse, backend_from_data
from vtlgw.simulate.integration import Integration, integration_from_document
from vtlgw.simulate.outcome import Simulation
from vtlgw.simulate.run import simulate

LAMBDA_URI = "uri: arn:aws:apigateway:r:lambda:path/f\n"
CONNECT_HTTP = (
    "RouteKey: $connect\nIntegrationType: HTTP\nIntegrationResponses:\n"
    "  - IntegrationResponseKey: $default\n"
)


def _integration(text: str) -> Integration:
    return integration_from_document(parse_document(text, name="i.yaml"))


def _backend(**data: Any) -> BackendResponse:
    return backend_from_data(data, name="backend")


def _rest(text: str, backend: BackendResponse | None = None, **event: Any) -> Simulation:
    return simulate(_integration(text), synthesize("rest", seed=6, **event), backend)


def _findings(result: Simulation) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in result.findings]


def test_render_error_is_a_finding_and_a_500() -> None:
    result = _rest("type: MOCK\nrequestTemplates:\n  application/json: '#if('\n", body="{}")
    assert result.client.status == 500
    assert [code for code, _ in _findings(result)] == ["render-error"]
    assert result.findings[0].message.startswith(
        "the request template failed to render: i.yaml#requestTemplates.application/json:1:"
    )
    assert not result.ok


def test_lambda_request_that_is_not_json_is_one_finding_and_a_400_ref_5_5_O() -> None:
    # The issue: a request template whose output is not JSON gave exit 0 (the client gets 400).
    text = (
        f"type: AWS\n{LAMBDA_URI}requestTemplates:\n  application/json: '{{\"a\": }}'\n"
        "integrationResponses: {'200': {}}\n"
    )
    result = _rest(text, _backend(body={}), body="{}")
    assert result.client.status == 400
    assert _findings(result) == [
        (
            "invalid-json",
            "the request template 'application/json' produced invalid JSON at 1:7: expected a "
            "JSON value, found '}'",
        )
    ]


def test_lambda_passthrough_of_a_non_json_body_is_a_finding() -> None:
    text = f"type: AWS\n{LAMBDA_URI}integrationResponses: {{'200': {{}}}}\n"
    result = _rest(text, _backend(body={}), body="a=1")
    assert result.client.status == 400
    assert [code for code, _ in _findings(result)] == ["lambda-request-not-json"]
    assert result.findings[0].message.endswith(
        "so the gateway refuses it with 400 without invoking the Lambda function (ref §5.5 (O))"
    )


def test_mock_without_status_is_a_finding() -> None:
    text = (
        "type: MOCK\nrequestTemplates:\n  application/json: '{}'\n"
        "responses: {default: {statusCode: '200'}}\n"
    )
    result = _rest(text, body="{}")
    assert result.client.status == 500
    assert _findings(result) == [
        (
            "mock-status",
            "the MOCK integration request has no integer statusCode, so the gateway fails the "
            "request (ref §5.5 (O))",
        )
    ]


def test_no_integration_response_is_a_finding() -> None:
    text = "type: HTTP\nintegrationResponses:\n  '200': {selectionPattern: '2\\d\\d'}\n"
    result = _rest(text, _backend(status=503), body="{}")
    assert _findings(result) == [
        (
            "no-integration-response",
            "no integration response matches the status code '503' and there is no default "
            "response, so the gateway fails the request (ref §5.5 (O))",
        )
    ]
    lambda_text = (
        f"type: AWS\n{LAMBDA_URI}integrationResponses:\n  '400': {{selectionPattern: Bad.*}}\n"
    )
    thrown = _rest(lambda_text, _backend(lambdaError="oops\nline 2"), body="{}")
    assert thrown.findings[0].message.startswith(
        "no integration response matches the error message 'oops\\nline 2' and there is no"
    )


def test_invalid_method_response_is_a_finding() -> None:
    text = "type: HTTP\nintegrationResponses:\n  '201': {}\nmethodResponses: ['200']\n"
    result = _rest(text, _backend(), body="{}")
    assert [code for code, _ in _findings(result)] == ["invalid-method-response"]


def test_rest_response_template_keyed_json_must_produce_json() -> None:
    text = (
        "type: HTTP\nintegrationResponses:\n  '200':\n    responseTemplates:\n"
        "      application/json: '{\"a\": 1, \"a\": 2}'\n      text/plain: 'not json'\n"
    )
    duplicate = _rest(text, _backend(), body="{}")
    assert _findings(duplicate) == [
        (
            "duplicate-key",
            "the response template 'application/json' produced JSON with a duplicate key '/a' "
            "(first at 1:2); parsers keep only one of the values (at 1:10)",
        )
    ]
    plain = _rest(text, _backend(), body="{}", headers={"Accept": "text/plain"})
    assert plain.findings == ()


def test_empty_output_of_a_json_template_is_no_finding() -> None:
    text = (
        "type: HTTP\nrequestTemplates:\n  application/json: '  '\n"
        "integrationResponses: {'200': {}}\n"
    )
    result = _rest(text, _backend(), body="{}")
    assert (result.client.status, result.findings) == (200, ())


@pytest.mark.parametrize(
    ("text", "backend", "event"),
    [
        # a deliberate rejection (ref §8.4 (D))
        ("type: HTTP\npassthroughBehavior: NEVER\n", {}, {"body": "x"}),
        # the backend's own error status, mapped by a response
        (
            "type: HTTP\nintegrationResponses: {'200': {}, '500': {selectionPattern: '5\\d\\d'}}\n",
            {"status": 503},
            {},
        ),
        # a proxy passes the backend's answer through
        ("type: AWS_PROXY\n", {"statusCode": 401}, {}),
        ("type: AWS_PROXY\n", {"lambdaError": "x"}, {}),
    ],
)
def test_what_the_backend_or_the_configuration_chose_is_no_finding(
    text: str, backend: dict[str, Any], event: dict[str, Any]
) -> None:
    result = _rest(text, _backend(**backend), **event)
    assert result.findings == ()
    assert result.ok


def test_websocket_findings_and_error_frame() -> None:
    text = (
        "RouteKey: $default\nIntegrationType: HTTP\nRouteResponseSelectionExpression: $default\n"
        "IntegrationResponses:\n  - IntegrationResponseKey: $default\n"
        "    ResponseTemplates: {application/json: '{x'}\n"
    )
    result = simulate(_integration(text), synthesize("message", seed=6, body="{}"), _backend())
    assert result.client.kind == "frame"
    assert [code for code, _ in _findings(result)] == ["invalid-json"]
    assert result.findings[0].message.startswith(
        "the response template 'application/json' produced invalid JSON at 1:2"
    )
    no_match = (
        "RouteKey: $default\nIntegrationType: HTTP\n"
        "IntegrationResponses:\n  - IntegrationResponseKey: /2\\d\\d/\n"
    )
    failed = simulate(
        _integration(no_match), synthesize("message", seed=6, body="{}"), _backend(status=404)
    )
    assert failed.client.kind == "error-frame"
    assert [code for code, _ in _findings(failed)] == ["no-integration-response"]


def test_connect_refused_by_the_backend_is_no_finding() -> None:
    result = simulate(
        _integration(CONNECT_HTTP), synthesize("connect", seed=6), _backend(status=500)
    )
    assert (result.client.accepted, result.findings) == (False, ())


@pytest.mark.parametrize(
    ("status", "accepted", "client_status"),
    [(199, False, 199), (200, True, 101), (299, True, 101), (300, False, 300)],
)
def test_connect_lambda_proxy_status_boundaries_ref_6_4_O(
    status: int, accepted: bool, client_status: int
) -> None:
    text = "RouteKey: $connect\nIntegrationType: AWS_PROXY\n"
    result = simulate(
        _integration(text), synthesize("connect", seed=6), _backend(statusCode=status)
    )
    assert (result.client.kind, result.client.accepted, result.client.status) == (
        "handshake",
        accepted,
        client_status,
    )


@pytest.mark.parametrize(
    ("status", "accepted"), [(199, False), (200, True), (299, True), (300, False)]
)
def test_connect_non_proxy_success_is_a_2xx_ref_6_3_D(status: int, accepted: bool) -> None:
    backend = _backend(status=status)
    result = simulate(_integration(CONNECT_HTTP), synthesize("connect", seed=6), backend)
    assert result.client.accepted is accepted


def test_disconnect_client_receives_nothing_even_on_failure_ref_6_1_D() -> None:
    text = (
        "RouteKey: $disconnect\nIntegrationType: MOCK\nRouteResponseSelectionExpression: $default\n"
        "RequestTemplates: {$default: '#if('}\n"
    )
    result = simulate(_integration(text), synthesize("disconnect", seed=6), None)
    assert result.client.kind == "none"
    assert [code for code, _ in _findings(result)] == ["render-error"]
    assert result.notes[-1].startswith("on $disconnect the connection is already closed")
    ok = simulate(
        _integration(
            "RouteKey: $disconnect\nIntegrationType: AWS_PROXY\n"
            "RouteResponseSelectionExpression: $default\n"
        ),
        synthesize("disconnect", seed=6),
        _backend(body="bye"),
    )
    assert (ok.client.kind, ok.findings) == ("none", ())


def test_empty_selection_pattern_beside_a_default_is_a_second_default_ref_8_1_D() -> None:
    # ref §8.1 (D): an empty selectionPattern makes the default response; it is never tried as
    # a regex, so a Lambda success (tested as "", ref §11.14 (V)) does not "match" it.
    text = (
        f"type: AWS\n{LAMBDA_URI}integrationResponses:\n"
        "  '200': {}\n  '500': {selectionPattern: ''}\n  '400': {selectionPattern: Bad.*}\n"
    )
    success = _rest(text, _backend(body={}), body="{}")
    assert (success.response_key, success.client.status) == ("200", 200)
    assert success.response_selection is not None
    assert success.response_selection.default_used
    assert success.notes[-1] == (
        "several default responses (200, 500; an empty selection pattern is a default, ref §8.1 "
        "(D)): which one API Gateway uses is not documented; vtlgw uses the first declared, 200"
    )
    thrown = _rest(text, _backend(lambdaError="boom"), body="{}")
    assert thrown.response_key == "200"
    matched = _rest(text, _backend(lambdaError="Bad input"), body="{}")
    assert (matched.response_key, matched.notes) == ("400", ())


def test_websocket_response_parameters_are_noted_as_not_simulated() -> None:
    text = (
        "RouteKey: $default\nIntegrationType: HTTP\nIntegrationResponses:\n"
        "  - IntegrationResponseKey: $default\n    ResponseParameters: {a: b}\n"
    )
    result = simulate(_integration(text), synthesize("message", seed=6, body="{}"), _backend())
    assert (
        "the ResponseParameters of integration response $default are not simulated" in result.notes
    )
