"""Simulation steps that render templates: overrides, MOCK status, failures, response bodies."""

from __future__ import annotations

from typing import Any

import pytest

from vtlgw.document import parse_document
from vtlgw.events import synthesize
from vtlgw.simulate.backend import BackendResponse, backend_from_data
from vtlgw.simulate.integration import Integration, integration_from_document
from vtlgw.simulate.outcome import Simulation
from vtlgw.simulate.run import simulate


def _integration(text: str) -> Integration:
    return integration_from_document(parse_document(text, name="i.yaml"))


def _backend(**data: Any) -> BackendResponse:
    return backend_from_data(data, name="backend")


def _rest(text: str, backend: BackendResponse | None = None, **event: Any) -> Simulation:
    return simulate(_integration(text), synthesize("rest", seed=4, **event), backend)


MOCK = "type: MOCK\nrequestTemplates:\n  application/json: '{}'\nresponses:\n  default:\n{}"


def _mock(request: str, response: str = "") -> str:
    body = "    statusCode: '200'\n"
    if response:
        body += f"    responseTemplates:\n      application/json: '{response}'\n"
    return MOCK.replace("'{}'", f"'{request}'", 1).replace("{}", body)


def test_mock_status_from_request_template_ref_6_2_and_5_5() -> None:
    result = _rest(_mock('{"statusCode": 200}'), body="{}")
    assert (result.response_key, result.client.status) == ("200", 200)


def test_mock_loose_json_status_is_accepted_ref_5_5_O() -> None:
    assert _rest(_mock("{statusCode: 200}"), body="{}").client.status == 200


def test_mock_without_integer_status_is_500_with_log_ref_5_5_O() -> None:
    result = _rest(_mock('{"statusCode": "ok"}'), body="{}")
    assert result.client.status == 500
    assert result.log == (
        "Execution failed due to configuration error: Unable to parse statusCode. It should be "
        "an integer that is defined in the request template.",
    )


def test_response_override_status_and_header_ref_8_5_D() -> None:
    template = (
        "#set($context.responseOverride.status = 201)"
        "#set($context.responseOverride.header.X-Made = ''yes'')done"
    )
    result = _rest(_mock('{"statusCode": 200}', template), body="{}")
    assert (result.client.status, result.client.body) == (201, "done")
    assert result.client.headers["X-Made"] == "yes"


@pytest.mark.parametrize(
    ("value", "shown"), [("99", "'99'"), ("600", "'600'"), ("true", "'true'"), ("'abc'", "'abc'")]
)
def test_unusable_status_override_is_ignored_and_a_finding_ref_8_5_O(
    value: str, shown: str
) -> None:
    template = f"#set($context.responseOverride.status = {value})[]"
    result = _rest(_mock('{"statusCode": 200}', template.replace("'", "''")))
    assert result.client.status == 200
    assert [f.to_dict() for f in result.findings] == [
        {
            "code": "status-override-ignored",
            "message": f"$context.responseOverride.status is {shown}, not a status 100-599, so "
            "the gateway ignores it and answers 200 (ref §8.5 (O))",
        }
    ]


@pytest.mark.parametrize(("value", "status"), [("100", 100), ("599", 599), ("'201'", 201)])
def test_status_override_boundaries_ref_8_5_O(value: str, status: int) -> None:
    template = f"#set($context.responseOverride.status = {value})[]"
    result = _rest(_mock('{"statusCode": 200}', template.replace("'", "''")))
    assert (result.client.status, result.findings) == (status, ())


def test_overrides_set_in_the_request_template_reach_the_response_ref_11_13_V() -> None:
    request = (
        "#set($context.requestOverride.path.stash = ''kept'')"
        "#set($context.responseOverride.status = 202)"
        '{"statusCode": 200}'
    )
    result = _rest(_mock(request, "$context.requestOverride.path.stash"), body="{}")
    assert result.request_overrides == {"path": {"stash": "kept"}}
    assert (result.client.status, result.client.body) == (202, "kept")


def test_response_template_reads_the_backend_body() -> None:
    text = (
        "type: HTTP\nintegrationResponses:\n  '200':\n    responseTemplates:\n"
        "      application/json: '{\"n\": $input.path(''$.n''), \"body\": $input.body}'\n"
    )
    result = _rest(text, _backend(status=200, body='{"n": 7}'), body='{"n": 1}')
    assert result.client.body == '{"n": 7, "body": {"n": 7}}'


def test_lambda_request_with_escape_javascript_quote_is_400_ref_9_1() -> None:
    # ref §9.1 (O): escapeJavaScript emits \\' and Lambda refuses to parse the request.
    text = (
        "type: AWS\nuri: arn:aws:apigateway:r:lambda:path/f\n"
        "requestTemplates:\n"
        "  application/json: '{\"q\": \"$util.escapeJavaScript($input.path(''$.q''))\"}'\n"
        "integrationResponses: {'200': {}}\n"
    )
    result = _rest(text, _backend(body={}), body='{"q": "it\'s"}')
    assert result.integration_request == '{"q": "it\\\'s"}'
    assert result.client.status == 400
    assert "Could not parse request body into json: invalid escape sequence" in str(
        result.client.body
    )


def test_rest_template_error_is_500_with_log() -> None:
    result = _rest("type: MOCK\nrequestTemplates:\n  application/json: '$x.get(1, 2, )'\n")
    assert result.client.status == 500
    assert result.client.body == '{"message": "Internal server error"}'
    assert result.log[0].startswith("Execution failed due to configuration error: ")
    assert result.error is not None


def test_websocket_template_error_sends_error_frame_ref_5_5_O() -> None:
    text = "IntegrationType: MOCK\nRequestTemplates:\n  $default: '#if('\n"
    event = synthesize("message", seed=4, body="{}")
    result = simulate(_integration(text), event, None)
    assert result.client.kind == "error-frame"
    assert result.client.body is not None
    assert result.client.body.startswith('{"message": "Internal server error", "connectionId":"')


def test_websocket_response_template_selection_by_status_ref_6_3_D() -> None:
    text = (
        "IntegrationType: HTTP\nRouteResponseSelectionExpression: $default\n"
        "IntegrationResponses:\n"
        "  - IntegrationResponseKey: $default\n"
        "    TemplateSelectionExpression: ${integration.response.statuscode}\n"
        "    ResponseTemplates:\n"
        "      '404': 'missing'\n"
        "      $default: 'other'\n"
    )
    event = synthesize("message", seed=4, body="{}")
    missing = simulate(_integration(text), event, _backend(status=404))
    assert (missing.client.kind, missing.client.body) == ("frame", "missing")
    other = simulate(_integration(text), event, _backend(status=200))
    assert other.client.body == "other"


def test_json_keyed_template_with_invalid_output_is_noted() -> None:
    text = (
        "IntegrationType: HTTP\nRequestTemplates:\n"
        "  application/json: '{\"n\": $input.path(''$.missing'')}'\n"
    )
    event = synthesize("message", seed=4, body="{}")
    result = simulate(_integration(text), event, None)
    assert result.integration_request == '{"n": }'
    assert [f.to_dict() for f in result.findings] == [
        {
            "code": "invalid-json",
            "message": "the request template 'application/json' produced invalid JSON at 1:7: "
            "expected a JSON value, found '}'",
        }
    ]


def test_overriding_a_parameter_twice_is_a_5xx_ref_8_5_D() -> None:
    twice = (
        "#set($context.responseOverride.header.X-A = ''1'')"
        "#set($context.responseOverride.header.X-A = ''2'')ok"
    )
    result = _rest(_mock('{"statusCode": 200}', twice), body="{}")
    assert result.client.status == 500
    assert [f.code for f in result.findings] == ["override-twice"]
    assert result.findings[0].message.startswith(
        "responseOverride.header.X-A overridden more than once, which fails the request with a 5XX"
    )
    same_value = (
        "#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 400)"
    )
    assert _rest(_mock('{"statusCode": 200}', same_value), body="{}").client.status == 500
    once_each = (
        "#set($context.responseOverride.header.X-A = ''1'')"
        "#set($context.responseOverride.header.X-B = ''1'')ok"
    )
    assert _rest(_mock('{"statusCode": 200}', once_each), body="{}").client.status == 200


def test_override_groups_still_behave_as_maps_ref_11_12_V() -> None:
    template = (
        "[$context.responseOverride][$context.get(''responseOverride'')]"
        "#foreach($k in $context.requestOverride.keySet())$k,#end"
    )
    result = _rest(_mock('{"statusCode": 200}', template), body="{}")
    assert result.client.body == "[][]path,header,querystring,"
