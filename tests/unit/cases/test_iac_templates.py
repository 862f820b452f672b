"""Case files name templates where they live: ``template: api.yaml#KEY/PATH``."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.cases.model import load_cases
from vtlgw.cases.runner import run_case
from vtlgw.errors import InputError

API = """\
openapi: 3.0.1
info: {title: items}
paths:
  /items/{id}:
    get:
      x-amazon-apigateway-integration:
        type: aws
        requestTemplates:
          application/json: |
            {"id": "$input.params('id')", "stage": "$context.stage"}
        responses:
          default:
            statusCode: "200"
            responseTemplates:
              application/json: '#if($x)'
"""
REQUEST = "paths//items/{id}/get/x-amazon-apigateway-integration/requestTemplates/application/json"
RESPONSE = (
    "paths//items/{id}/get/x-amazon-apigateway-integration/responses/default/"
    "responseTemplates/application/json"
)


def _cases(tmp_path: Path, template: str, expect: str = "{contains: stage}") -> Path:
    (tmp_path / "api.yaml").write_text(API, "utf-8")
    path = tmp_path / "c.vtlcase.yaml"
    path.write_text(
        f"- template: {template}\n  event: {{route: rest, seed: 1}}\n  expect: {expect}\n",
        "utf-8",
    )
    return path


def _error(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load_cases(path)
    return str(info.value)


def test_a_selector_names_the_template_relative_to_the_case_file(tmp_path: Path) -> None:
    (case,) = load_cases(_cases(tmp_path, "api.yaml#get/requestTemplates"))
    assert case.template_name == f"{tmp_path / 'api.yaml'}#{REQUEST}"
    assert case.template_text == ('{"id": "$input.params(\'id\')", "stage": "$context.stage"}\n')
    assert run_case(case).passed


def test_a_host_holding_several_templates_needs_a_selector(tmp_path: Path) -> None:
    message = _error(_cases(tmp_path, "api.yaml"))
    host = tmp_path / "api.yaml"
    assert message.splitlines()[0] == (
        f"{tmp_path / 'c.vtlcase.yaml'}:1:13: [0].template: {host}: the file holds 2 "
        f"templates; name one with HOST#KEY/PATH: '{host}#{REQUEST}', '{host}#{RESPONSE}'"
    )


def test_a_selector_that_matches_nothing_is_reported_at_the_case(tmp_path: Path) -> None:
    message = _error(_cases(tmp_path, "api.yaml#post"))
    assert message.splitlines()[0].startswith(
        f"{tmp_path / 'c.vtlcase.yaml'}:1:13: [0].template: {tmp_path / 'api.yaml'}: "
        "no template matches 'post'; the templates in it: "
    )


@pytest.mark.parametrize(
    ("template", "missing"),
    [("'api.yaml#'", "no key path after '#'"), ("'#get'", "no host file before '#'")],
)
def test_an_incomplete_selector_is_reported_at_the_case(
    tmp_path: Path, template: str, missing: str
) -> None:
    assert _error(_cases(tmp_path, template)).splitlines()[0] == (
        f"{tmp_path / 'c.vtlcase.yaml'}:1:13: [0].template: expected a template file or "
        f"HOST#KEY/PATH, found {missing}"
    )


def test_a_host_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    message = _error(_cases(project, "../api.yaml#get"))
    assert "is outside the folder of the file that names it" in message
    assert message.startswith(f"{project / 'c.vtlcase.yaml'}:1:13: [0].template: ")


def test_a_file_that_is_not_iac_is_reported_at_the_case(tmp_path: Path) -> None:
    (tmp_path / "data.json").write_text('{"a": 1}', "utf-8")
    path = _cases(tmp_path, "data.json")
    assert _error(path).startswith(
        f"{path}:1:13: [0].template: {tmp_path / 'data.json'}: not a CloudFormation, "
        "OpenAPI, serverless or Terraform file; expected "
    )


def test_a_render_error_is_reported_at_the_host_position(tmp_path: Path) -> None:
    # the response template '#if($x)' sits on line 15 of api.yaml, from column 34
    (case,) = load_cases(_cases(tmp_path, "api.yaml#responseTemplates", "{output: x}"))
    (failure,) = run_case(case).failures
    assert failure.message.startswith(
        f"rendering failed: {tmp_path / 'api.yaml'}:15:41: expected '#end' closing #if"
    )
    assert f"(the #if opened at 15:34 is still open) [{RESPONSE}]" in failure.message


def test_an_integration_can_come_from_an_iac_resource(tmp_path: Path) -> None:
    host = tmp_path / "ws.yaml"
    host.write_text(
        "Resources:\n"
        "  ConnectRoute:\n"
        "    Type: AWS::ApiGatewayV2::Route\n"
        "    Properties:\n"
        "      RouteKey: $connect\n"
        "      Target: !Join [/, [integrations, !Ref ConnectIntegration]]\n"
        "  ConnectIntegration:\n"
        "    Type: AWS::ApiGatewayV2::Integration\n"
        "    Properties:\n"
        "      IntegrationType: MOCK\n"
        "      RequestTemplates:\n"
        "        $default: '{\"statusCode\": 200}'\n",
        "utf-8",
    )
    path = tmp_path / "c.vtlcase.yaml"
    path.write_text(
        "- integration: ws.yaml#ConnectIntegration\n"
        "  event: {route: connect, seed: 1}\n"
        "  expect: {connection: accepted, json: {statusCode: 200}}\n"
        "- integration: ws.yaml#NoSuchThing\n"
        "  event: {route: connect, seed: 1}\n"
        "  expect: {connection: accepted}\n",
        "utf-8",
    )
    with pytest.raises(InputError) as info:
        load_cases(path)
    assert (info.value.name, info.value.line) == (str(path), 4)
    assert "[1].integration:" in info.value.message
    path.write_text("\n".join(path.read_text().splitlines()[:3]) + "\n", "utf-8")
    (case,) = load_cases(path)
    result = run_case(case)
    assert result.passed, result.failures
