"""simulate's integration read from the IaC resource: CloudFormation, SAM and OpenAPI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vtlgw import Engine
from vtlgw.errors import InputError, VtlgwError
from vtlgw.iac.hosted import host_error
from vtlgw.iac.integration import integration_from_host
from vtlgw.simulate.backend import load_backend
from vtlgw.simulate.integration import TemplateSource
from vtlgw.simulate.run import simulate

ROOT = Path(__file__).resolve().parents[3]
CFN = ROOT / "fixtures" / "iac" / "cloudformation"
OPENAPI = ROOT / "fixtures" / "iac" / "openapi"
EVENTS = ROOT / "fixtures" / "events"
BACKENDS = ROOT / "fixtures" / "integrations" / "backend"
INTEGRATION = "x-amazon-apigateway-integration"


def _event(name: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((EVENTS / name).read_text("utf-8"))
    return loaded


def _error(path: Path | str, selector: str) -> InputError:
    with pytest.raises(InputError) as info:
        integration_from_host(str(path), selector)
    return info.value


def _host(tmp_path: Path, text: str, name: str = "template.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def _template(source: TemplateSource) -> tuple[str, tuple[int, int]]:
    assert source.host is not None
    return source.name, source.host.position()


def test_a_websocket_integration_with_its_route() -> None:
    host = CFN / "websocket.yaml"
    integration = integration_from_host(str(host), "ConnectIntegration")
    assert integration.name == f"{host}#Resources/ConnectIntegration"
    assert (integration.api, integration.type, integration.route_key) == (
        "websocket",
        "AWS",
        "$connect",
    )
    assert (
        integration.uri
        == "arn:{{AWS::Partition}}:apigateway:{{AWS::Region}}:dynamodb:action/PutItem"
    )
    assert integration.template_selection_expression == "\\$default"
    assert integration.route_response_selection_expression is None
    assert not integration.is_lambda and integration.responses == ()
    (template,) = integration.request_templates.values()
    key_path = "Resources/ConnectIntegration/Properties/RequestTemplates/$default"
    assert _template(template) == (f"{host}#{key_path}", (42, 11))
    assert '"TableName": "{{TableName}}"' in template.text
    assert '"connectedAt": {"N": "${context.connectedAt}"}' in template.text


def test_a_route_selects_its_integration_and_integration_responses_are_read() -> None:
    host = CFN / "websocket.yaml"
    integration = integration_from_host(str(host), "DefaultRoute")
    assert integration.name == f"{host}#Resources/DefaultIntegration"
    assert (integration.type, integration.route_key) == ("MOCK", "$default")
    assert integration.route_response_selection_expression == "$default"
    (response,) = integration.responses
    assert (response.key, response.pattern, response.template_selection_expression) == (
        "$default",
        None,
        "\\$default",
    )
    key_path = "Resources/DefaultIntegrationResponse/Properties/ResponseTemplates/$default"
    assert _template(response.templates["$default"]) == (f"{host}#{key_path}", (83, 20))


def test_a_template_selector_selects_the_integration_it_belongs_to() -> None:
    host = str(CFN / "websocket.yaml")
    for selector in ("SendMessageIntegrationResponse/$default", "SendMessageRoute"):
        integration = integration_from_host(host, selector)
        assert integration.name == f"{host}#Resources/SendMessageIntegration"
        assert integration.route_key == "sendmessage"


def test_a_rest_method_with_integration_and_method_responses() -> None:
    host = CFN / "rest.yaml"
    integration = integration_from_host(str(host), "GetPetMethod")
    assert (integration.api, integration.type, integration.passthrough_behavior) == (
        "rest",
        "AWS",
        "NEVER",
    )
    assert [(r.key, r.pattern) for r in integration.responses] == [
        ("200", "200"),
        ("400", "4\\d{2}"),
    ]
    assert integration.method_responses == ("200", "400", "404")
    (request,) = integration.request_templates.values()
    assert '"TableName": "pets"' in request.text  # the Fn::Sub variable map's literal
    key_path = (
        "Resources/GetPetMethod/Properties/Integration/IntegrationResponses/1/"
        "ResponseTemplates/application/json"
    )
    assert _template(integration.responses[1].templates["application/json"]) == (
        f"{host}#{key_path}",
        (69, 17),
    )


def test_an_openapi_operation_in_a_sam_definition_body() -> None:
    host = CFN / "sam.yaml"
    integration = integration_from_host(str(host), "orders/post")
    prefix = "Resources/OrdersApi/Properties/DefinitionBody/paths//orders/post"
    assert integration.name == f"{host}#{prefix}"
    assert integration.uri == (
        "arn:aws:apigateway:{{AWS::Region}}:sqs:path/{{AWS::AccountId}}/{{OrdersQueue.QueueName}}"
    )
    assert integration.method_responses == ("202",)
    assert [(r.key, r.pattern) for r in integration.responses] == [("202", None)]
    (request,) = integration.request_templates.values()
    assert _template(request) == (
        f"{host}#{prefix}/{INTEGRATION}/requestTemplates/application/json",
        (37, 38),
    )


def test_an_openapi_file_operation_and_an_ambiguous_selector() -> None:
    host = OPENAPI / "api.yaml"
    integration = integration_from_host(str(host), "items/{id}/get")
    assert integration.is_lambda and integration.passthrough_behavior == "WHEN_NO_TEMPLATES"
    assert [(r.key, r.pattern) for r in integration.responses] == [
        ("200", None),
        ("404", ".*Not Found.*"),
    ]
    assert integration.method_responses == ("200", "404")
    error = _error(host, "get")
    assert error.name == str(host)
    assert error.message == (
        f"'get' matches 2 integrations: '{host}#paths//items/{{id}}/get', "
        f"'{host}#paths//health/get'; add more of the key path"
    )
    error = _error(host, "proxy+")
    assert error.message.startswith(
        "no integration matches 'proxy+'; the integrations in it: "
        f"'{host}#paths//items/{{id}}/get', "
    )


def test_other_host_formats_are_refused_with_what_is_expected() -> None:
    error = _error(ROOT / "fixtures" / "iac" / "serverless" / "serverless.yml", "getItem")
    assert error.message.startswith(
        "simulate reads an integration from CloudFormation/SAM or OpenAPI, not from a "
        "serverless.yml (the framework adds request templates of its own); expected an "
    )


def test_simulating_a_websocket_integration_from_its_resource() -> None:
    integration = integration_from_host(str(CFN / "websocket.yaml"), "ConnectIntegration")
    result = simulate(
        integration, _event("connect.json"), load_backend(BACKENDS / "dynamodb-ok.yaml")
    )
    assert result.integration_request is not None
    request = json.loads(result.integration_request)
    assert request["TableName"] == "{{TableName}}"
    assert request["Item"]["region"] == {"S": "{{AWS::Region}}"}
    assert result.client.accepted is True and result.findings == ()


def test_simulating_an_openapi_lambda_error_selects_by_error_message() -> None:
    integration = integration_from_host(str(OPENAPI / "api.yaml"), "items/{id}/get")
    event = _event("rest.json")
    result = simulate(integration, event, load_backend(BACKENDS / "lambda-not-found.yaml"))
    assert result.response_key == "404"
    assert result.client.status == 404
    assert result.client.body == '{"error": "Item Not Found: 42"}'


WEBSOCKET = """\
Resources:
  Connect:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: {kind}
      IntegrationUri: {uri}
      RequestTemplates:
        $default: |
          {{"statusCode": 200,
           #if($context.eventType == "CONNECT") "x": 1
          }}
{extra}"""


def _websocket(tmp_path: Path, *, kind: str = "MOCK", uri: str = "''", extra: str = "") -> Path:
    return _host(tmp_path, WEBSOCKET.format(kind=kind, uri=uri, extra=extra))


def test_a_template_error_moves_to_its_host_position(tmp_path: Path) -> None:
    host = _websocket(tmp_path)
    source = integration_from_host(str(host), "Connect").request_templates["$default"]
    with pytest.raises(VtlgwError) as info:
        Engine().compile(source.text, name=source.name)
    assert (info.value.line, info.value.column) == (4, 1)  # in the template: its end
    assert source.host is not None
    moved = host_error(info.value, source.host)
    assert (moved.name, moved.line, moved.column) == (str(host), 12, 12)  # after its last }
    assert "(the #if opened at 11:12 is still open)" in moved.message
    assert moved.message.endswith("[Resources/Connect/Properties/RequestTemplates/$default]")


def test_a_lambda_function_of_the_template_is_a_lambda_uri(tmp_path: Path) -> None:
    extra = "  Handler:\n    Type: AWS::Serverless::Function\n"
    host = _websocket(tmp_path, kind="AWS", uri="!GetAtt Handler.Arn", extra=extra)
    integration = integration_from_host(str(host), "Connect")
    assert integration.is_lambda
    assert integration.uri == (
        "arn:{{AWS::Partition}}:lambda:{{AWS::Region}}:{{AWS::AccountId}}:function:{{Handler}}"
    )


def test_an_aws_uri_known_only_at_deploy_time_is_an_error(tmp_path: Path) -> None:
    error = _error(_websocket(tmp_path, kind="AWS", uri="!Ref FunctionUri"), "Connect")
    assert (error.line, error.column) == (7, 23)
    assert error.message == (
        "Resources/Connect/Properties/IntegrationUri: '{{FunctionUri}}' is known only at deploy "
        "time, so vtlgw cannot tell whether this AWS integration calls a Lambda function (which "
        "decides how its integration responses are selected); write the URI, or an Fn::Sub of it"
    )


@pytest.mark.parametrize(
    ("extra", "where", "message"),
    [
        (
            "      RequestTemplate: {}\n",
            (14, 7),
            "Resources/Connect/Properties/RequestTemplate: unknown property (did you mean "
            "'RequestTemplates'?); expected one of IntegrationType, IntegrationUri, ",
        ),
        (
            "      ContentHandlingStrategy: CONVERT_TO_BINARY\n",
            (14, 32),
            "Resources/Connect/Properties/ContentHandlingStrategy: CONVERT_TO_BINARY changes the "
            "payload between the template and the backend or the client, which vtlgw does not "
            "simulate (it simulates text payloads)",
        ),
        (
            "      PassthroughBehavior: SOMETIMES\n",
            (14, 28),
            "Resources/Connect/Properties/PassthroughBehavior: expected one of WHEN_NO_MATCH, ",
        ),
        (
            "  Response:\n    Type: AWS::ApiGatewayV2::IntegrationResponse\n    Properties:\n"
            "      IntegrationId: !Ref Connect\n      IntegrationResponseKey: /[0-9/\n",
            (17, 31),
            "Resources/Response/Properties/IntegrationResponseKey: ",
        ),
        (
            "  Route:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n"
            "      RouteKey: $connect\n      RouteResponseSelectionExpression: $request\n"
            "      Target: !Sub integrations/${Connect}\n",
            (17, 41),
            "Resources/Route/Properties/RouteResponseSelectionExpression: expected one of "
            "$default, found '$request'",
        ),
    ],
)
def test_planted_defects_are_errors_at_their_host_position(
    tmp_path: Path, extra: str, where: tuple[int, int], message: str
) -> None:
    text = WEBSOCKET.format(kind="MOCK", uri="''", extra="")
    if extra.startswith("      "):  # a property of the integration
        text = text.replace("      RequestTemplates:", extra + "      RequestTemplates:", 1)
        where = (where[0] - 6, where[1])  # before RequestTemplates, at line 8
    else:
        text += extra
    error = _error(_host(tmp_path, text), "Connect")
    assert (error.line, error.column) == where
    assert error.message.startswith(message)
    assert error.source_line == text.splitlines()[where[0] - 1]


def test_a_rest_method_defect_is_named_by_its_cloudformation_key_path(tmp_path: Path) -> None:
    text = (
        "Resources:\n"
        "  GetItem:\n"
        "    Type: AWS::ApiGateway::Method\n"
        "    Properties:\n"
        "      HttpMethod: GET\n"
        "      Integration:\n"
        "        Type: MOCK\n"
        "        IntegrationResponses:\n"
        "          - StatusCode: 200\n"
        "          - StatusCode: 2000\n"
        "            SelectionPattern: '5\\d{2}'\n"
    )
    error = _error(_host(tmp_path, text), "GetItem")
    assert (error.line, error.column) == (10, 13)  # a number has no position: its key
    assert error.message == (
        "Resources/GetItem/Properties/Integration/IntegrationResponses/1/StatusCode: expected "
        "an HTTP status code 100-599 such as '200', found '2000'"
    )


def test_a_method_without_integration_and_no_method_responses(tmp_path: Path) -> None:
    bare = (
        "Resources:\n  M:\n    Type: AWS::ApiGateway::Method\n    Properties:\n"
        "      HttpMethod: GET\n"
    )
    error = _error(_host(tmp_path, bare), "M")
    assert (error.line, error.column) == (5, 7)
    assert error.message == "Resources/M/Properties/Integration: is required to simulate the method"
    undeclared = bare + (
        "      Integration:\n        Type: MOCK\n"
        "        IntegrationResponses:\n          - StatusCode: 200\n"
    )
    integration = integration_from_host(str(_host(tmp_path, undeclared, "m.yaml")), "M")
    assert integration.method_responses == ()  # nothing declared: nothing can be mapped to


def test_an_openapi_misspelt_field_gets_a_hint(tmp_path: Path) -> None:
    text = (
        "openapi: 3.0.1\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n"
        "        type: mock\n        passthroughBehaviour: never\n"
    )
    error = _error(_host(tmp_path, text, "api.yaml"), "a/get")
    assert (error.line, error.column) == (7, 9)
    assert error.message.startswith(
        f"paths//a/get/{INTEGRATION}/passthroughBehaviour: unknown property (did you mean "
        "'passthroughBehavior'?); expected one of type, uri, "
    )


def test_a_route_whose_target_names_no_integration(tmp_path: Path) -> None:
    text = (
        "Resources:\n  R:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n"
        "      RouteKey: $default\n      Target: integrations/abc123\n"
    )
    error = _error(_host(tmp_path, text), "R")
    assert (error.line, error.column) == (6, 15)
    assert error.message == (
        "Resources/R/Properties/Target: names no AWS::ApiGatewayV2::Integration of this template"
    )


def test_a_simulated_render_error_is_reported_at_its_host_position(tmp_path: Path) -> None:
    host = _websocket(tmp_path)
    integration = integration_from_host(str(host), "Connect")
    result = simulate(integration, _event("connect.json"))
    (finding,) = result.findings
    assert finding.message == (
        f"the request template failed to render: {host}:12:12: expected '#end' closing #if, "
        "found the end of the template (the #if opened at 11:12 is still open) "
        "[Resources/Connect/Properties/RequestTemplates/$default]"
    )
    assert result.client.status == 500
