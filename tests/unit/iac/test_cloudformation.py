"""CloudFormation, SAM and cdk.out templates: every template found, with its route or method,
its text as API Gateway receives it, and every character (and finding) at its host position."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from vtlgw.cli import cli
from vtlgw.errors import InputError
from vtlgw.iac.cloudformation import read_cloudformation
from vtlgw.iac.model import EmbeddedTemplate
from vtlgw.lint.linter import Linter

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "fixtures" / "iac" / "cloudformation"
DATA = Path(__file__).resolve().parent / "data" / "cloudformation"


def _read(path: Path) -> list[EmbeddedTemplate]:
    return read_cloudformation(str(path), path.read_text("utf-8"))


def _rows(templates: list[EmbeddedTemplate]) -> list[tuple[object, ...]]:
    return [
        (
            t.key_path_text.split("/", 1)[1],
            t.kind,
            t.api,
            t.route,
            t.method,
            t.resource,
            t.content_type,
            t.position(),
        )
        for t in templates
    ]


def assert_exact(template: EmbeddedTemplate) -> None:
    """Each template character maps to itself in the host, or to the escape, doubled quote or
    line break it was read from, or (a placeholder) to the ``${`` or intrinsic it replaces."""
    host = template.host_text
    placed = {
        i for sub in template.substitutions if not sub.known for i in range(sub.start, sub.end)
    }
    for index, char in enumerate(template.text):
        at = template.host_offset(index)
        written = host[at]
        if index in placed:
            assert host.startswith(("${", "!", "{"), at), (template.key_path_text, index)
            continue
        assert (
            written == char
            or written == "\\"
            or (char == "'" and host[at : at + 2] == "''")
            or (char in "\n " and written in "\r\n")
        ), (template.key_path_text, index, char, written)


def test_websocket_templates_with_their_routes_from_sub_join_and_ref_targets() -> None:
    assert _rows(_read(FIXTURES / "websocket.yaml")) == [
        (
            "ConnectIntegration/Properties/RequestTemplates/$default",
            "request",
            "websocket",
            "$connect",
            None,
            "ConnectIntegration",
            "$default",
            (42, 11),
        ),
        (
            "DefaultIntegration/Properties/RequestTemplates/$default",
            "request",
            "websocket",
            "$default",
            None,
            "DefaultIntegration",
            "$default",
            (73, 20),
        ),
        (
            "DefaultIntegrationResponse/Properties/ResponseTemplates/$default",
            "response",
            "websocket",
            "$default",
            None,
            "DefaultIntegrationResponse",
            "$default",
            (83, 20),
        ),
        (
            "SendMessageIntegration/Properties/RequestTemplates/$default",
            "request",
            "websocket",
            "sendmessage",
            None,
            "SendMessageIntegration",
            "$default",
            (115, 11),
        ),
        (
            "SendMessageIntegrationResponse/Properties/ResponseTemplates/$default",
            "response",
            "websocket",
            "sendmessage",
            None,
            "SendMessageIntegrationResponse",
            "$default",
            (125, 20),
        ),
    ]


def test_websocket_texts_are_what_api_gateway_receives() -> None:
    connect, default, default_response, _, send_response = _read(FIXTURES / "websocket.yaml")
    assert connect.text == (
        "{\n"
        '  "TableName": "{{TableName}}",\n'
        '  "Item": {\n'
        '    "connectionId": {"S": "$context.connectionId"},\n'
        '    "region": {"S": "{{AWS::Region}}"},\n'
        '    "connectedAt": {"N": "${context.connectedAt}"}\n'
        "  }\n"
        "}\n"
    )
    assert [(s.source, s.value, s.known) for s in connect.substitutions] == [
        ("${TableName}", "{{TableName}}", False),
        ("${AWS::Region}", "{{AWS::Region}}", False),
        ("${!context.connectedAt}", "${context.connectedAt}", True),
    ]
    assert connect.deploy_time and not default.deploy_time
    assert default.text == '{"statusCode": 200}'
    assert default_response.text == (
        '{"error": "unknown action",\n'
        ' "hint": "send {\\"action\\": \\"sendmessage\\"}",\n'
        ' "connectionId": "$context.connectionId"}'
    )
    assert send_response.text == (
        '{"sent": true, "messageId": '
        "\"$input.path('$.SendMessageResponse.SendMessageResult.MessageId')\"}"
    )


def test_rest_methods_with_their_resource_paths_and_integration_responses() -> None:
    templates = _read(FIXTURES / "rest.yaml")
    get = ("GET /pets/{petId}", "GetPetMethod", "application/json")
    post = ("POST /pets", "CreatePetMethod", "application/json")
    options = ("OPTIONS /pets", "PetsOptionsMethod", "application/json")
    request = "Properties/Integration/RequestTemplates/application/json"
    response = "Properties/Integration/IntegrationResponses/{}/ResponseTemplates/application/json"
    assert _rows(templates) == [
        (f"GetPetMethod/{request}", "request", "rest", None, *get, (45, 15)),
        (f"GetPetMethod/{response.format(0)}", "response", "rest", None, *get, (55, 17)),
        (f"GetPetMethod/{response.format(1)}", "response", "rest", None, *get, (69, 17)),
        (f"CreatePetMethod/{request}", "request", "rest", None, *post, (91, 15)),
        (f"CreatePetMethod/{response.format(0)}", "response", "rest", None, *post, (102, 34)),
        (f"PetsOptionsMethod/{request}", "request", "rest", None, *options, (116, 42)),
    ]
    get_request, _, _, create, _, options_request = templates
    assert get_request.substitutions[0].value == "pets"  # the list form's literal variable
    assert '"TableName": "pets",' in get_request.text and not get_request.deploy_time
    assert '"TableName": "{{PetsTable}}",' in create.text and create.deploy_time
    assert '"$util.escapeJavaScript(${pet.name})' in create.text
    assert options_request.text == '{"statusCode": 200}'


SAM = (
    "OrdersApi/Properties/DefinitionBody/paths//orders/post/x-amazon-apigateway-integration/{}"
    "/application/json"
)
ORDER = (
    "OrdersApi/Properties/DefinitionBody/paths//orders/{{orderId}}/get/"
    "x-amazon-apigateway-integration/{}/application/json"
)
CDK_SOCKET = "SocketApiconnectRouteConnectIntegration8A7B6C5D"
CDK_GET = "NotesRestApinotesidGET3A4B5C6D"


def test_sam_definition_body_is_read_as_openapi_under_its_key_path() -> None:
    orders = ("POST /orders", "OrdersApi", "application/json")
    templates = _read(FIXTURES / "sam.yaml")
    order = ("GET /orders/{orderId}", "OrdersApi", "application/json")
    assert _rows(templates) == [
        (SAM.format("requestTemplates"), "request", "rest", None, *orders, (37, 38)),
        (
            SAM.format("responses/default/responseTemplates"),
            "response",
            "rest",
            None,
            *orders,
            (46, 25),
        ),
        (ORDER.format("requestTemplates"), "request", "rest", None, *order, (62, 21)),
    ]
    assert [(s.source, s.value, s.known) for s in templates[2].substitutions] == [
        ("${OrdersTable}", "{{OrdersTable}}", False)
    ]
    assert templates[0].text == (
        "Action=SendMessage&MessageBody=$util.urlEncode($input.body)&MessageAttribute.1.Name="
        "requestId&MessageAttribute.1.Value.StringValue=$context.requestId&MessageAttribute.1."
        "Value.DataType=String"
    )


def test_cdk_synthesized_json_in_file_order_with_joins_resolved() -> None:
    socket, response, request = _read(FIXTURES / "cdk.template.json")
    method = ("GET /notes/{id}", CDK_GET, "application/json")
    integration = "Properties/Integration"
    assert _rows([socket, response, request]) == [
        (
            f"{CDK_SOCKET}/Properties/RequestTemplates/$default",
            "request",
            "websocket",
            "$connect",
            None,
            CDK_SOCKET,
            "$default",
            (73, 10),
        ),
        (
            f"{CDK_GET}/{integration}/IntegrationResponses/0/ResponseTemplates/application/json",
            "response",
            "rest",
            None,
            *method,
            (175, 30),
        ),
        (
            f"{CDK_GET}/{integration}/RequestTemplates/application/json",
            "request",
            "rest",
            None,
            *method,
            (186, 11),
        ),
    ]
    assert socket.text.startswith('{\n  "TableName": "{{NotesTable5D1E3F2A}}",\n  "Item": {\n')
    assert [(s.source, s.known) for s in socket.substitutions] == [
        ('{"Ref": "NotesTable5D1E3F2A"}', False)
    ]


@pytest.mark.parametrize("name", ["websocket.yaml", "rest.yaml", "sam.yaml", "cdk.template.json"])
def test_every_fixture_character_maps_to_the_host_and_the_fixtures_lint_clean(name: str) -> None:
    templates = _read(FIXTURES / name)
    assert templates
    for template in templates:
        assert_exact(template)
        assert _findings([template]) == []


def _findings(templates: list[EmbeddedTemplate]) -> list[tuple[str, int, int, str]]:
    found = []
    for template in templates:
        source = template.lint_source()
        for finding in Linter().lint(source):
            location = finding.location
            found.append((finding.code, location.line, location.column, template.key_path_text))
    return found


def _ws(resource: str, templates: str) -> str:
    return f"Resources/{resource}/Properties/{templates}/$default"


def _rest(resource: str, templates: str) -> str:
    return f"Resources/{resource}/Properties/Integration/{templates}/application/json"


RESPONSES = "IntegrationResponses/{}/ResponseTemplates"
DEFECTS = {
    "websocket-defects.yaml": [
        # a !Sub block scalar, after a placeholder longer than what it replaces
        ("VTL201", 46, 38, _ws("ConnectIntegration", "RequestTemplates"), "$context.conectionId"),
        # a double-quoted scalar, after \n and \" escapes and an escaped line break
        (
            "VTL201",
            85,
            59,
            _ws("DefaultIntegrationResponse", "ResponseTemplates"),
            "$context.connectionld",
        ),
        # a literal block scalar (|-)
        ("VTL301", 116, 48, _ws("SendMessageIntegration", "RequestTemplates"), "urlEncod("),
        # a single-quoted scalar, after '' escapes
        (
            "VTL201",
            126,
            125,
            _ws("SendMessageIntegrationResponse", "ResponseTemplates"),
            "$context.requestTimeEpoc",
        ),
    ],
    "rest-defects.yaml": [
        # the Fn::Sub list form, after a substituted literal variable
        ("VTL201", 47, 52, _rest("GetPetMethod", "RequestTemplates"), "$context.requestld"),
        # a folded block scalar (>-)
        ("VTL301", 70, 36, _rest("GetPetMethod", RESPONSES.format(1)), "escapeJavascript("),
        # a long-form Fn::Sub, after a placeholder
        ("VTL201", 96, 35, _rest("CreatePetMethod", "RequestTemplates"), "$context.requestld"),
        # a !Join of literals, in its second part
        ("VTL201", 117, 78, _rest("PetsOptionsMethod", "RequestTemplates"), "$context.requestld"),
    ],
    "sam-defects.yaml": [
        # a SAM DefinitionBody: a double-quoted scalar joined by escaped line breaks
        ("VTL201", 40, 59, "Resources/" + SAM.format("requestTemplates"), "$context.requestld"),
        # and a literal block scalar
        (
            "VTL201",
            48,
            99,
            "Resources/" + SAM.format("responses/default/responseTemplates"),
            "$context.requestTimeEpoc",
        ),
        # a !Sub block scalar in the DefinitionBody, after a placeholder
        (
            "VTL201",
            65,
            85,
            "Resources/" + ORDER.format("requestTemplates"),
            "$context.identity.sourceIpp",
        ),
    ],
    "cdk-defects.template.json": [
        # a JSON Fn::Join part after a Ref placeholder, through \n and \" escapes
        ("VTL201", 77, 62, _ws(CDK_SOCKET, "RequestTemplates"), "$context.conectionId"),
        # a JSON string with \n and \" escapes
        ("VTL201", 175, 106, _rest(CDK_GET, RESPONSES.format(0)), "$context.requestTimeEpoc"),
    ],
}


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_a_planted_defect_is_found_at_its_host_line_and_column(name: str) -> None:
    expected = DEFECTS[name]
    path = DATA / name
    found = _findings(_read(path))
    assert found == [row[:4] for row in expected]
    lines = path.read_text("utf-8").splitlines()
    for _, line, column, _, snippet in expected:
        assert lines[line - 1][column - 1 :].startswith(snippet)


def test_lint_on_the_host_file_prints_host_positions_and_exits_1() -> None:
    path = DATA / "websocket-defects.yaml"
    result = CliRunner().invoke(cli, ["lint", str(path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"{path}:46:38: VTL201 $context.conectionId is not an API Gateway" in result.output
    assert "[Resources/ConnectIntegration/Properties/RequestTemplates/$default]" in result.output


STACK = """\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
{resources}
"""


def _stack(resources: str) -> list[EmbeddedTemplate]:
    return read_cloudformation("t.yaml", STACK.format(resources=resources))


def _method(resource_id: str, name: str = "M") -> str:
    return (
        f"  {name}:\n    Type: AWS::ApiGateway::Method\n    Properties:\n"
        f"      HttpMethod: get\n      ResourceId: {resource_id}\n"
        "      Integration:\n        RequestTemplates:\n          application/json: x\n"
    )


def _resource(name: str, parent: str, part: str) -> str:
    return (
        f"  {name}:\n    Type: AWS::ApiGateway::Resource\n    Properties:\n"
        f"      ParentId: {parent}\n      PathPart: {part}\n"
    )


@pytest.mark.parametrize(
    ("resources", "method"),
    [
        (_method("!GetAtt Api.RootResourceId"), "GET /"),
        (_method("{Fn::GetAtt: [Api, RootResourceId]}"), "GET /"),
        (_method("!Ref A") + _resource("A", "!GetAtt Api.RootResourceId", "a"), "GET /a"),
        (_method("!Ref Missing"), "GET"),
        (_method("abc123"), "GET"),
        # a resource chain that loops never resolves
        (_method("!Ref A") + _resource("A", "!Ref B", "a") + _resource("B", "!Ref A", "b"), "GET"),
    ],
)
def test_a_rest_method_is_named_by_its_path_when_the_chain_resolves(
    resources: str, method: str
) -> None:
    (template,) = _stack(resources)
    assert template.method == method


def _integration(name: str) -> str:
    return (
        f"  {name}:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n"
        "      RequestTemplates:\n        $default: x\n"
    )


def _route(name: str, key: str, target: str) -> str:
    return (
        f"  {name}:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n"
        f"      RouteKey: {key}\n      Target: {target}\n"
    )


TO_I = "!Sub integrations/${I}"


@pytest.mark.parametrize(
    ("routes", "route"),
    [
        (_route("R", "$connect", "!Sub integrations/${I}"), "$connect"),
        (_route("R", "go", "!Sub ['integrations/${X}', {X: !Ref I}]"), "go"),
        (_route("R", "go", "{Fn::Join: ['', [integrations/, {Ref: I}]]}"), "go"),
        (_route("R", "go", "!Sub integrations/${Other}"), None),
        (_route("R", "a", TO_I) + _route("S", "b", TO_I), None),
        (_route("R", "a", TO_I) + _route("S", "a", TO_I), "a"),
        ("", None),
    ],
)
def test_a_websocket_template_takes_the_one_route_key_that_targets_it(
    routes: str, route: str | None
) -> None:
    (template,) = _stack(_integration("I") + routes)
    assert template.route == route


def test_json_is_detected_by_its_first_character_and_a_file_without_resources_is_empty() -> None:
    text = (
        '\n  {"Resources": {"I": {"Type": "AWS::ApiGatewayV2::Integration", '
        '"Properties": {"RequestTemplates": {"$default": "x"}}}}}'
    )
    (template,) = read_cloudformation("t.json", text)
    assert (template.text, template.position()) == ("x", (2, 115))
    assert read_cloudformation("t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n") == []
    assert read_cloudformation("t.yaml", "- a list\n") == []
    assert read_cloudformation("t.yaml", "") == []


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "Resources:\n  I:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n"
            "      RequestTemplates: [x]\n",
            (5, 25),
            "Resources/I/Properties/RequestTemplates: expected a mapping, found a list",
        ),
        (
            "Resources:\n  I:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n"
            "      RequestTemplates: !If [C, {a: b}, {a: c}]\n",
            (5, 25),
            "Resources/I/Properties/RequestTemplates: expected a mapping, found Fn::If",
        ),
        (
            "Resources:\n  I:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties: x\n",
            (4, 17),
            "Resources/I/Properties: expected a mapping, found a string",
        ),
        (
            "Resources:\n  M:\n    Type: AWS::ApiGateway::Method\n    Properties:\n"
            "      Integration:\n        IntegrationResponses: {a: b}\n",
            (6, 31),
            "Resources/M/Properties/Integration/IntegrationResponses: expected a list of "
            "integration responses, found a mapping",
        ),
        (
            "Resources:\n  I:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n"
            "      RequestTemplates:\n        $default: !Sub [a, b, c]\n",
            (6, 19),
            "Resources/I/Properties/RequestTemplates/$default: Fn::Sub takes a string or a list "
            "of a string and a mapping of variables (\"['text ${Name}', {Name: value}]\"), not a "
            "list of 3 (a string, a string, a string)",
        ),
        (
            "Resources:\n  I:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n"
            "      RequestTemplates:\n        $default:\n",
            (6, 9),
            "Resources/I/Properties/RequestTemplates/$default: a mapping template must be a "
            "string, Fn::Sub or Fn::Join of strings, not nothing (null) (vtlgw cannot tell which "
            "text API Gateway would receive)",
        ),
        (
            "Resources:\n  I: [\n",
            (3, 1),
            "not valid YAML: while parsing a flow node, expected the node content, but found "
            "'<stream end>'",
        ),
        (
            '{"Resources": {"I": 1,}}',
            (1, 23),
            "not valid JSON: expected an object key in double quotes, found '}'",
        ),
    ],
)
def test_errors_in_the_host_are_input_errors_at_the_host_position(
    text: str, where: tuple[int, int], message: str
) -> None:
    with pytest.raises(InputError) as caught:
        read_cloudformation("t.yaml", text)
    error = caught.value
    assert (error.name, error.line, error.column, error.message) == ("t.yaml", *where, message)


def test_a_bad_host_is_exit_2_with_the_host_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("t.yaml").write_text(
        "Resources:\n  I:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n"
        "      RequestTemplates:\n        $default: !Sub [a, b, c]\n",
        "utf-8",
    )
    result = CliRunner().invoke(cli, ["lint", "t.yaml"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "t.yaml:6:19: Resources/I/Properties/RequestTemplates/$default: Fn::Sub takes" in (
        result.output
    )
