"""Integration descriptions are strict at every level: unknown keys, duplicates, bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.document import parse_document
from vtlgw.errors import InputError
from vtlgw.simulate.integration import Integration, integration_from_document

WS_EXPECTED = (
    "expected one of api, RouteKey, IntegrationType, IntegrationUri, TemplateSelectionExpression, "
    "RequestTemplates, PassthroughBehavior, IntegrationResponses, RouteResponseSelectionExpression"
)
REST_EXPECTED = (
    "expected one of api, type, uri, passthroughBehavior, requestTemplates, integrationResponses, "
    "responses, methodResponses"
)
WS_RESPONSE_EXPECTED = (
    "expected one of IntegrationResponseKey, TemplateSelectionExpression, ResponseTemplates, "
    "ResponseParameters"
)
REST_RESPONSE_EXPECTED = (
    "expected one of statusCode, selectionPattern, responseTemplates, responseParameters"
)


def _load(text: str, base_dir: Path | None = None) -> Integration:
    return integration_from_document(parse_document(text, name="i.yaml", base_dir=base_dir))


def _error(text: str, base_dir: Path | None = None) -> InputError:
    with pytest.raises(InputError) as info:
        _load(text, base_dir)
    assert info.value.name == "i.yaml"
    return info.value


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        # the examples: each used to simulate "passthrough (no templates)"
        (
            "IntegrationType: AWS\nRequestTemplate:\n  $default: x\n",
            2,
            1,
            f"RequestTemplate: unknown key (did you mean 'RequestTemplates'?); {WS_EXPECTED}",
        ),
        (
            "IntegrationType: AWS\nRouteResponseSelectionExpresion: $default\n",
            2,
            1,
            "RouteResponseSelectionExpresion: unknown key (did you mean "
            f"'RouteResponseSelectionExpression'?); {WS_EXPECTED}",
        ),
        (
            "type: AWS\nrequestTemplate:\n  application/json: x\n",
            2,
            1,
            f"requestTemplate: unknown key (did you mean 'requestTemplates'?); {REST_EXPECTED}",
        ),
        (
            "type: AWS\nintegrationResponse:\n  '200': {}\n",
            2,
            1,
            "integrationResponse: unknown key (did you mean 'integrationResponses'?); "
            f"{REST_EXPECTED}",
        ),
        # a key of the other API kind says so
        (
            "IntegrationType: AWS\nrequestTemplates:\n  $default: x\n",
            2,
            1,
            "requestTemplates: a REST key in a WebSocket integration (did you mean "
            f"'RequestTemplates'?); {WS_EXPECTED}",
        ),
        (
            "type: HTTP\nRequestTemplates:\n  application/json: x\n",
            2,
            1,
            "RequestTemplates: a WebSocket key in a REST integration (did you mean "
            f"'requestTemplates'?); {REST_EXPECTED}",
        ),
        (
            "IntegrationType: AWS\ntype: AWS\n",
            2,
            1,
            f"type: a REST key in a WebSocket integration; {WS_EXPECTED}",
        ),
        # real API Gateway fields that are not simulated are refused, not ignored
        (
            "IntegrationType: AWS\nRequestParameters: {integration.request.header.x: 'a'}\n",
            2,
            1,
            "RequestParameters: an API Gateway field that vtlgw does not simulate; remove it "
            f"({WS_EXPECTED})",
        ),
        (
            "type: AWS\ncontentHandling: CONVERT_TO_TEXT\n",
            2,
            1,
            "contentHandling: an API Gateway field that vtlgw does not simulate; remove it "
            f"({REST_EXPECTED})",
        ),
        # without IntegrationType or type, the other keys still tell the kind
        (
            "RouteKey: $connect\nIntegrationTyp: AWS\n",
            2,
            1,
            f"IntegrationTyp: unknown key (did you mean 'IntegrationType'?); {WS_EXPECTED}",
        ),
        (
            "api: websocket\nIntegrationType: AWS\nbogus: 1\n",
            3,
            1,
            f"bogus: unknown key; {WS_EXPECTED}",
        ),
    ],
)
def test_unknown_top_level_keys(text: str, line: int, column: int, message: str) -> None:
    error = _error(text)
    assert (error.line, error.column, error.message) == (line, column, message)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "IntegrationType: AWS\nIntegrationResponses:\n"
            "  - IntegrationResponseKey: $default\n    ResponseTemplate: {$default: x}\n",
            4,
            "IntegrationResponses[0].ResponseTemplate: unknown key (did you mean "
            f"'ResponseTemplates'?); {WS_RESPONSE_EXPECTED}",
        ),
        (
            "IntegrationType: AWS\nIntegrationResponses:\n"
            "  $default:\n    responseTemplates: {$default: x}\n",
            4,
            "IntegrationResponses.$default.responseTemplates: a REST key in a WebSocket "
            f"integration (did you mean 'ResponseTemplates'?); {WS_RESPONSE_EXPECTED}",
        ),
        (
            "type: HTTP\nintegrationResponses:\n  - statusCode: 200\n"
            "    selectionPatern: 2\\d\\d\n",
            4,
            "integrationResponses[0].selectionPatern: unknown key (did you mean "
            f"'selectionPattern'?); {REST_RESPONSE_EXPECTED}",
        ),
        (
            "type: HTTP\nintegrationResponses:\n  '200':\n    responseTemplate: {a: b}\n",
            4,
            "integrationResponses.200.responseTemplate: unknown key (did you mean "
            f"'responseTemplates'?); {REST_RESPONSE_EXPECTED}",
        ),
        (
            "type: HTTP\nresponses:\n  default:\n    statusCode: '200'\n    selectionPattern: x\n",
            5,
            "responses.default.selectionPattern: unknown key; expected one of statusCode, "
            "responseTemplates, responseParameters",
        ),
        (
            "type: HTTP\nintegrationResponses:\n  '200':\n    contentHandling: CONVERT_TO_TEXT\n",
            4,
            "integrationResponses.200.contentHandling: an API Gateway field that vtlgw does not "
            f"simulate; remove it ({REST_RESPONSE_EXPECTED})",
        ),
        (
            "IntegrationType: AWS\nRequestTemplates:\n  $default: {file: a.vtl, path: b}\n",
            3,
            "RequestTemplates.$default.path: unknown key; expected one of file",
        ),
    ],
)
def test_unknown_keys_in_responses_and_templates(text: str, line: int, message: str) -> None:
    error = _error(text)
    assert (error.line, error.message) == (line, message)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            "type: HTTP\nintegrationResponses:\n  default: {}\n",
            3,
            3,
            "integrationResponses.default: expected an HTTP status code 100-599 such as '200', "
            "found 'default'; OpenAPI's 'default' belongs under responses",
        ),
        (
            "type: HTTP\nintegrationResponses:\n  - statusCode: 20\n",
            3,
            17,
            "integrationResponses[0].statusCode: expected an HTTP status code 100-599 such as "
            "'200', found '20'",
        ),
        (
            "type: HTTP\nintegrationResponses:\n  '200': {statusCode: '201'}\n",
            3,
            23,
            "integrationResponses.200.statusCode: 201 differs from its mapping key 200",
        ),
        (
            "type: HTTP\nintegrationResponses:\n  - {statusCode: 200}\n  - statusCode: 200\n"
            "    selectionPattern: x\n",
            4,
            5,
            "integrationResponses[1]: a second integration response for status 200 (line 3)",
        ),
        (
            "type: HTTP\nresponses:\n  default: {statusCode: '200'}\n"
            "integrationResponses:\n  '200': {}\n",
            5,
            10,
            "integrationResponses.200: a second integration response for status 200 (line 3)",
        ),
        (
            "type: HTTP\nmethodResponses: ['200', ok]\n",
            2,
            26,
            "methodResponses[1]: expected an HTTP status code 100-599 such as '200', found 'ok'",
        ),
        (
            "IntegrationType: HTTP\nIntegrationResponses:\n  - IntegrationResponseKey: $default\n"
            "  - IntegrationResponseKey: $default\n",
            4,
            5,
            "IntegrationResponses[1]: a second integration response for key '$default' (line 3)",
        ),
        (
            "IntegrationType: HTTP\nIntegrationResponses:\n  - IntegrationResponseKey: //\n",
            3,
            29,
            "IntegrationResponses[0].IntegrationResponseKey: the /regex/ is empty; the catch-all "
            "key is $default",
        ),
        (
            "IntegrationType: HTTP\nIntegrationResponses:\n"
            "  /2\\d\\d/: {IntegrationResponseKey: /5\\d\\d/}\n",
            3,
            37,
            # the regexes read as written in the file, not doubled as repr() would show them
            "IntegrationResponses./2\\d\\d/.IntegrationResponseKey: '/5\\d\\d/' differs from "
            "its mapping key '/2\\d\\d/'",
        ),
        (
            "IntegrationType: HTTP\nRouteResponseSelectionExpression: $Default\n",
            2,
            35,
            "RouteResponseSelectionExpression: expected one of $default, found '$Default'",
        ),
        (
            "type: HTTP\nintegrationResponses:\n  '200':\n    responseParameters:\n"
            "      method.response.body: integration.response.body\n",
            5,
            7,
            "integrationResponses.200.responseParameters.method.response.body: expected a "
            "method.response.header.NAME target (only headers can be mapped, ref §8.1 (D))",
        ),
        (
            "type: HTTP\nintegrationResponses:\n  '200':\n    responseParameters:\n"
            "      method.response.header.X: integration.response.headr.Server\n",
            5,
            33,
            "integrationResponses.200.responseParameters.method.response.header.X: unknown "
            "source 'integration.response.headr.Server'; expected 'static text' (single-quoted), "
            "integration.response.header.NAME, integration.response.multivalueheader.NAME, "
            "integration.response.body, integration.response.body.PATH, stageVariables.NAME or "
            "context.NAME",
        ),
        (
            "IntegrationType: HTTP\nRequestTemplates: [a]\n",
            2,
            19,
            "RequestTemplates: expected a mapping, found a list",
        ),
    ],
)
def test_bad_values(text: str, line: int, column: int, message: str) -> None:
    error = _error(text)
    assert (error.line, error.column, error.message) == (line, column, message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "IntegrationType: AWS\nIntegrationResponses: [null]\n",
            "IntegrationResponses[0]: expected a mapping, found null",
        ),
        (
            "type: AWS\nintegrationResponses: [null]\n",
            "integrationResponses[0]: expected a mapping, found null",
        ),
        (
            "type: AWS\nintegrationResponses: {true: {}}\n",
            "integrationResponses.true: expected an HTTP status code 100-599 such as '200', "
            "found 'true'",
        ),
        (
            "type: AWS\nrequestTemplates: {null: x}\n",
            "requestTemplates.null: expected a text key, found null",
        ),
        (
            "type: AWS\nresponses: {false: {statusCode: 200}}\n",
            "responses.false: expected a text key, found false",
        ),
        (
            "IntegrationType: AWS\nRouteKey: 2001-01-01\n",
            "RouteKey: expected a string, found a date",
        ),
        ("IntegrationType: AWS\ntrue: 1\n", f"true: unknown key; {WS_EXPECTED}"),
        (
            "IntegrationType: AWS\nRequestTemplates: {$default: {file: a, true: 1}}\n",
            "RequestTemplates.$default.true: unknown key; expected one of file",
        ),
    ],
)
def test_hostile_shapes_are_input_errors_in_yaml_words(text: str, message: str) -> None:
    # YAML nulls, booleans and dates read as the file wrote them, never as Python's None/True
    assert _error(text).message == message


def test_yaml_integer_status_keys_are_read_as_status_codes() -> None:
    integration = _load(
        "type: HTTP\nintegrationResponses:\n  200: {}\n  404: {selectionPattern: x}\n"
    )
    assert [(r.key, r.pattern) for r in integration.responses] == [("200", None), ("404", "x")]


def test_non_utf8_template_file_is_an_error_at_the_file_key(tmp_path: Path) -> None:
    (tmp_path / "t.vtl").write_bytes(b'{"a": "\xff"}')
    error = _error("IntegrationType: AWS\nRequestTemplates:\n  $default: {file: t.vtl}\n", tmp_path)
    assert (error.line, error.column) == (3, 20)
    assert error.message == (
        f"RequestTemplates.$default.file: template file '{tmp_path / 't.vtl'}' is not UTF-8 text "
        "(bad byte at offset 7)"
    )


def test_template_file_that_is_not_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "dir.vtl").mkdir()
    error = _error(
        "IntegrationType: AWS\nRequestTemplates:\n  $default: {file: dir.vtl}\n", tmp_path
    )
    assert error.message == (
        f"RequestTemplates.$default.file: template file '{tmp_path / 'dir.vtl'}' is not a "
        "regular file"
    )


def test_template_file_with_a_bom_is_read_without_it(tmp_path: Path) -> None:
    (tmp_path / "t.vtl").write_bytes(b"\xef\xbb\xbfhello")
    integration = _load(
        "IntegrationType: AWS\nRequestTemplates:\n  $default: {file: t.vtl}\n", tmp_path
    )
    assert integration.request_templates["$default"].text == "hello"


def test_openapi_and_rest_fields_that_are_allowed() -> None:
    integration = _load(
        "api: rest\ntype: AWS\nuri: arn:aws:apigateway:r:lambda:path/f\n"
        "integrationResponses:\n  '200':\n    statusCode: '200'\n    selectionPattern: ''\n"
        "    responseParameters:\n      method.response.header.A: \"'x'\"\n"
        "      method.response.header.B: integration.response.body\n"
        "methodResponses: [200]\n"
    )
    assert integration.method_responses == ("200",)
    assert integration.responses[0].pattern is None
    assert dict(integration.responses[0].parameters) == {
        "method.response.header.A": "'x'",
        "method.response.header.B": "integration.response.body",
    }
