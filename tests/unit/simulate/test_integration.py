"""Loading integration descriptions, and the precise errors for broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.document import parse_document
from vtlgw.errors import InputError
from vtlgw.simulate.integration import Integration, integration_from_document, load_integration

INTEGRATIONS = Path(__file__).parents[3] / "fixtures" / "integrations"


def _load(text: str) -> Integration:
    return integration_from_document(parse_document(text, name="i.yaml", base_dir=INTEGRATIONS))


def test_websocket_description_fields() -> None:
    integration = load_integration(INTEGRATIONS / "ws-message-lambda.yaml")
    assert integration.api == "websocket"
    assert integration.is_lambda and not integration.is_proxy
    assert integration.template_selection_expression == "${request.body.action}"
    assert integration.passthrough_behavior == "WHEN_NO_TEMPLATES"
    assert list(integration.request_templates) == ["sendmessage", "$default"]
    assert [(r.key, r.pattern) for r in integration.responses] == [
        ("/.*Throttled.*/", ".*Throttled.*"),
        ("$default", None),
    ]
    assert integration.responses[1].template_selection_expression == "\\$default"
    assert integration.route_response_selection_expression == "$default"


def test_template_files_are_read_relative_to_the_description() -> None:
    integration = load_integration(INTEGRATIONS / "ws-connect-dynamodb.yaml")
    template = integration.request_templates["$default"]
    assert template.name.endswith("templates/connect-putitem.vtl")
    assert '"TableName"' in template.text
    assert not integration.is_lambda


def test_rest_forms_of_integration_responses() -> None:
    by_status = load_integration(INTEGRATIONS / "rest-lambda.yaml")
    assert [(r.key, r.pattern) for r in by_status.responses] == [
        ("200", None),
        ("400", ".*BadRequest.*"),
        ("404", ".*Not Found.*"),
    ]
    assert by_status.method_responses == ("200", "400", "404")
    openapi = load_integration(INTEGRATIONS / "rest-mock.yaml")
    assert [(r.key, r.pattern) for r in openapi.responses] == [("200", None)]
    listed = _load(
        "type: http\nintegrationResponses:\n  - statusCode: 201\n    selectionPattern: ''\n"
    )
    assert listed.type == "HTTP"
    assert [(r.key, r.pattern) for r in listed.responses] == [("201", None)]


def test_openapi_lowercase_passthrough_is_accepted() -> None:
    assert _load("type: MOCK\npassthroughBehavior: when_no_match\n").passthrough_behavior == (
        "WHEN_NO_MATCH"
    )


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("IntegrationType: LAMBDA\n", 1, 18, "IntegrationType: expected one of AWS, AWS_PROXY"),
        (
            "IntegrationType: AWS\nIntegrationResponses:\n  - IntegrationResponseKey: '200'\n",
            3,
            29,
            "IntegrationResponses[0].IntegrationResponseKey: key must be $default or /regex/, "
            "found '200'",
        ),
        (
            "IntegrationType: AWS\nPassthroughBehavior: ALWAYS\n",
            2,
            22,
            "expected one of WHEN_NO_MATCH, WHEN_NO_TEMPLATES, NEVER, found 'ALWAYS'",
        ),
        (
            "IntegrationType: AWS\nRequestTemplates:\n  $default: 5\n",
            3,
            13,
            "RequestTemplates.$default: expected template text or {file: path}",
        ),
        (
            "IntegrationType: AWS\nRequestTemplates:\n  $default: {file: nope.vtl}\n",
            3,
            20,
            f"RequestTemplates.$default.file: cannot read template file "
            f"'{INTEGRATIONS / 'nope.vtl'}': No such file or directory",
        ),
        ("type: AWS\nresponses:\n  default: {}\n", 3, 12, "responses.default.statusCode"),
        ("type: AWS\nmethodResponses: 200\n", 2, 18, "expected a list of status codes"),
        ("foo: 1\n", 1, 1, "expected IntegrationType (WebSocket) or type (REST)"),
        (
            "IntegrationType: HTTP\nIntegrationResponses:\n  - IntegrationResponseKey: /a(/\n",
            3,
            29,
            "IntegrationResponseKey: selection pattern 'a(' is not a usable regex",
        ),
        (
            "type: HTTP\nintegrationResponses:\n  '400': {selectionPattern: '[a-'}\n",
            3,
            29,
            "selectionPattern: selection pattern '[a-' is not a usable regex: Unclosed character",
        ),
        ("api: grpc\n", 1, 6, "expected websocket or rest"),
        ("- 1\n", 1, 1, "must be a mapping"),
        ("IntegrationType: [AWS\n", 2, 1, "not valid YAML/JSON"),
    ],
)
def test_broken_descriptions_say_where_and_what(
    text: str, line: int, column: int, fragment: str
) -> None:
    with pytest.raises(InputError) as info:
        _load(text)
    error = info.value
    assert error.name == "i.yaml"
    assert (error.line, error.column) == (line, column)
    assert fragment in error.message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read file"):
        load_integration(tmp_path / "absent.yaml")
