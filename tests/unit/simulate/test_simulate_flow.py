"""Simulation decisions that involve no template rendering: $connect outcomes (ref §6.4),
proxy integrations, passthrough and rejection, route responses and REST proxies."""

from __future__ import annotations

from typing import Any

import pytest

from vtlgw.document import parse_document
from vtlgw.events import synthesize
from vtlgw.simulate.backend import BackendResponse, backend_from_data
from vtlgw.simulate.integration import Integration, integration_from_document
from vtlgw.simulate.run import simulate

CONNECT_PROXY = "RouteKey: $connect\nIntegrationType: AWS_PROXY\n"
# No templates and WHEN_NO_MATCH: the request passes through, so nothing is rendered.
CONNECT_HTTP = (
    "RouteKey: $connect\nIntegrationType: HTTP\nIntegrationResponses:\n"
    "  - IntegrationResponseKey: $default\n"
)
CONNECT_LAMBDA = (
    "RouteKey: $connect\nIntegrationType: AWS\n"
    "IntegrationUri: arn:aws:apigateway:us-east-1:lambda:path/functions/f/invocations\n"
    "IntegrationResponses:\n  - IntegrationResponseKey: $default\n"
)


def _integration(text: str) -> Integration:
    return integration_from_document(parse_document(text, name="i.yaml"))


def _backend(**data: Any) -> BackendResponse:
    return backend_from_data(data, name="backend")


def _connect(text: str, backend: BackendResponse | None) -> tuple[str, int | None, bool | None]:
    result = simulate(_integration(text), synthesize("connect", seed=3), backend)
    return result.client.kind, result.client.status, result.client.accepted


@pytest.mark.parametrize(
    ("authorizer", "status"), [("unauthorized", 401), ("deny", 403), ("error", 500)]
)
def test_connect_authorizer_refusals_ref_6_4(authorizer: str, status: int) -> None:
    # ref §6.4: Unauthorized -> 401 (D/O), Deny -> 403 (D/O), crash/malformed -> 500 (O)
    assert _connect(CONNECT_PROXY, _backend(authorizer=authorizer)) == ("handshake", status, False)


def test_connect_authorizer_allow_proceeds_to_integration_ref_6_4_D() -> None:
    assert _connect(CONNECT_PROXY, _backend(authorizer="allow", statusCode=200)) == (
        "handshake",
        101,
        True,
    )
    assert _connect(CONNECT_PROXY, _backend(authorizer="allow", statusCode=403))[1] == 403


@pytest.mark.parametrize("status", [200, 201, 204])
def test_connect_lambda_proxy_2xx_connects_ref_6_4_O(status: int) -> None:
    assert _connect(CONNECT_PROXY, _backend(statusCode=status)) == ("handshake", 101, True)


@pytest.mark.parametrize("status", [301, 400, 401, 501])
def test_connect_lambda_proxy_non_2xx_rejects_with_that_status_ref_6_4_DO(status: int) -> None:
    assert _connect(CONNECT_PROXY, _backend(statusCode=status)) == ("handshake", status, False)


def test_connect_lambda_proxy_throw_gives_502_ref_6_4_O() -> None:
    assert _connect(CONNECT_PROXY, _backend(lambdaError="boom")) == ("handshake", 502, False)


def test_connect_subprotocol_header_returned_ref_6_4_D() -> None:
    backend = _backend(statusCode=200, headers={"Sec-WebSocket-Protocol": "chat.v2"})
    result = simulate(_integration(CONNECT_PROXY), synthesize("connect", seed=3), backend)
    assert dict(result.client.headers) == {"Sec-WebSocket-Protocol": "chat.v2"}


def test_connect_non_proxy_success_connects_ref_6_4_D() -> None:
    assert _connect(CONNECT_HTTP, _backend(status=200)) == ("handshake", 101, True)
    assert _connect(CONNECT_LAMBDA, _backend(body={"ok": True})) == ("handshake", 101, True)


def test_connect_non_proxy_failure_refuses_ref_6_4_DU() -> None:
    kind, _status, accepted = _connect(CONNECT_HTTP, _backend(status=500))
    assert (kind, accepted) == ("handshake", False)
    result = simulate(
        _integration(CONNECT_LAMBDA), synthesize("connect", seed=3), _backend(lambdaError="x")
    )
    assert result.client.accepted is False
    assert any("not documented" in note for note in result.notes)


def test_connect_without_integration_is_accepted_ref_6_4_D() -> None:
    text = "api: websocket\nRouteKey: $connect\n"
    assert _connect(text, None) == ("handshake", 101, True)


def test_connect_route_key_comes_from_the_event_when_not_described() -> None:
    result = simulate(
        _integration("IntegrationType: AWS_PROXY\n"), synthesize("connect", seed=3), _backend()
    )
    assert (result.route, result.client.accepted) == ("$connect", True)


MESSAGE_HTTP = (
    "RouteKey: $default\nIntegrationType: HTTP\n"
    "IntegrationResponses:\n  - IntegrationResponseKey: /2\\d\\d/\n"
)


def test_two_way_route_sends_backend_body_as_frame_ref_6_3_D() -> None:
    text = MESSAGE_HTTP + "RouteResponseSelectionExpression: $default\n"
    event = synthesize("message", seed=2, body='{"action": "x"}')
    result = simulate(_integration(text), event, _backend(status=200, body="pong"))
    assert result.request_template is not None
    assert result.request_template.action == "passthrough"
    assert result.integration_request == '{"action": "x"}'
    assert result.response_key == "/2\\d\\d/"
    assert (result.client.kind, result.client.body) == ("frame", "pong")


def test_one_way_route_sends_nothing_ref_6_3_D() -> None:
    event = synthesize("message", seed=2, body="{}")
    result = simulate(_integration(MESSAGE_HTTP), event, _backend(status=200, body="pong"))
    assert result.client.kind == "none"


def test_message_route_failure_sends_error_frame_ref_5_5_O() -> None:
    event = synthesize("message", seed=2, body="{}")
    result = simulate(_integration(MESSAGE_HTTP), event, _backend(status=500))
    context = event["requestContext"]
    assert result.client.kind == "error-frame"
    assert result.client.body == (
        '{"message": "Internal server error", "connectionId":"'
        f'{context["connectionId"]}", "requestId":"{context["requestId"]}"}}'
    )
    assert result.log == (
        "Execution failed due to configuration error: No match for output mapping and no "
        "default output mapping configured. Endpoint Response Status Code: 500",
    )


@pytest.mark.parametrize("behavior", ["WHEN_NO_TEMPLATES", "NEVER"])
def test_websocket_passthrough_rejection_ref_6_2(behavior: str) -> None:
    text = (
        "IntegrationType: HTTP\nTemplateSelectionExpression: ${request.body.action}\n"
        f"PassthroughBehavior: {behavior}\nRequestTemplates:\n  join: x\n"
    )
    event = synthesize("message", seed=2, body='{"action": "leave"}')
    result = simulate(_integration(text), event, _backend())
    assert result.request_template is not None
    assert result.request_template.action == "reject"
    assert result.client.kind == "error-frame"


def test_proxy_message_without_route_response_drops_reply_ref_9_11() -> None:
    event = synthesize("message", seed=2, body="{}")
    result = simulate(_integration("IntegrationType: AWS_PROXY\n"), event, _backend(body="hi"))
    assert result.client.kind == "none"


def test_no_backend_stops_after_the_request() -> None:
    event = synthesize("message", seed=2, body="{}")
    result = simulate(_integration(MESSAGE_HTTP), event, None)
    assert result.client.kind == "unknown"
    assert result.integration_request == "{}"


def _rest(text: str, event: dict[str, Any], backend: BackendResponse | None) -> Any:
    return simulate(_integration(text), event, backend)


def test_rest_reject_is_415_ref_8_4_D() -> None:
    text = "type: HTTP\npassthroughBehavior: NEVER\n"
    event = synthesize("rest", seed=1, headers={"Content-Type": "text/plain"}, body="hi")
    result = _rest(text, event, _backend())
    assert (result.client.kind, result.client.status) == ("http", 415)
    assert result.client.body == '{"message": "Unsupported Media Type"}'


def test_rest_passthrough_then_status_pattern_ref_8_2_D() -> None:
    text = (
        "type: HTTP\nintegrationResponses:\n  '200': {}\n  '404': {selectionPattern: '4\\d{2}'}\n"
    )
    event = synthesize("rest", seed=1, body='{"a": 1}')
    result = _rest(text, event, _backend(status=404, body="nope"))
    assert result.integration_request == '{"a": 1}'
    assert result.response_key == "404"
    assert (result.client.status, result.client.body) == (404, "nope")
    assert result.client.headers["Content-Type"] == "application/json"


def test_rest_invalid_method_response_ref_5_5_D() -> None:
    text = "type: HTTP\nintegrationResponses:\n  '201': {}\nmethodResponses: ['200']\n"
    result = _rest(text, synthesize("rest", seed=1, body="{}"), _backend())
    assert result.client.status == 500
    assert result.log == (
        "Execution failed due to configuration error: Output mapping refers to an invalid "
        "method response: 201",
    )


def test_rest_lambda_passthrough_of_invalid_json_is_400_ref_5_5_O() -> None:
    text = "type: AWS\nuri: arn:aws:apigateway:r:lambda:path/f\nintegrationResponses: {'200': {}}\n"
    event = synthesize("rest", seed=1, body="a=1&b=2")
    result = _rest(text, event, _backend(body={"never": "called"}))
    assert result.client.status == 400
    assert result.client.body.startswith('{"message": "Could not parse request body into json: ')


def test_rest_proxy_returns_backend_response_and_502_on_throw() -> None:
    event = synthesize("rest", seed=1, body="{}")
    ok = _rest("type: AWS_PROXY\n", event, _backend(statusCode=201, body="made"))
    assert (ok.client.status, ok.client.body) == (201, "made")
    thrown = _rest("type: AWS_PROXY\n", event, _backend(lambdaError="x"))
    assert thrown.client.status == 502


def test_rest_response_parameters_and_passthrough_body_ref_8_1_D() -> None:
    text = (
        "type: HTTP\nintegrationResponses:\n  '200':\n    responseParameters:\n"
        "      method.response.header.X-Static: \"'yes'\"\n"
        "      method.response.header.X-Server: integration.response.header.Server\n"
    )
    backend = _backend(status=200, headers={"Server": "nginx", "Content-Type": "text/plain"})
    result = _rest(text, synthesize("rest", seed=1, body="{}"), backend)
    assert dict(result.client.headers) == {
        "Content-Type": "text/plain",
        "X-Static": "yes",
        "X-Server": "nginx",
    }


def test_simulation_json_shape_is_versioned() -> None:
    # version 1, extended compatibly: "findings" was added (always present, a list)
    result = _rest("type: AWS_PROXY\n", synthesize("rest", seed=1), _backend())
    shape = result.to_dict()
    assert shape["version"] == 1
    assert shape["findings"] == []
    assert set(shape) == {
        "version",
        "api",
        "route",
        "requestTemplate",
        "integrationRequest",
        "requestOverrides",
        "integrationResponse",
        "responseTemplate",
        "response",
        "client",
        "log",
        "notes",
        "error",
        "findings",
    }
