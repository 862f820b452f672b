"""``vtlgw simulate --integration HOST#RESOURCE``: the integration read from the IaC resource."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from vtlgw.cli import cli

ROOT = Path(__file__).resolve().parents[2]
CONNECT_EVENT = str(ROOT / "fixtures/events/connect.json")
HOST = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: chat
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
  ConnectRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: $connect
      Target: !Sub integrations/${ConnectIntegration}
  ConnectIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: MOCK
      TemplateSelectionExpression: \\$default
      RequestTemplates:
        $default: |
          {"statusCode": 200, "id": "$context.connectionId"}
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["simulate", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _host(tmp_path: Path) -> str:
    path = tmp_path / "template.yaml"
    path.write_text(HOST, "utf-8")
    return str(path)


def test_the_integration_comes_from_the_resource(tmp_path: Path) -> None:
    host = _host(tmp_path)
    code, out, err = run(
        "-i", f"{host}#ConnectIntegration", "-e", CONNECT_EVENT, "--format", "json"
    )
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert (result["api"], result["route"]) == ("websocket", "$connect")
    assert result["requestTemplate"]["key"] == "$default"
    assert result["integrationRequest"] == '{"statusCode": 200, "id": "BFHPhfCWIAMCKlQ="}\n'


def test_the_route_names_its_integration_too(tmp_path: Path) -> None:
    host = _host(tmp_path)
    by_route = run("-i", f"{host}#ConnectRoute", "-e", CONNECT_EVENT, "--format", "json")
    by_integration = run(
        "-i", f"{host}#ConnectIntegration", "-e", CONNECT_EVENT, "--format", "json"
    )
    assert by_route == by_integration


def test_an_iac_file_without_a_resource_says_to_name_one(tmp_path: Path) -> None:
    host = _host(tmp_path)
    assert run("-i", host, "-e", CONNECT_EVENT) == (
        2,
        "",
        f"{host}: an IaC file, not an integration description; name the integration resource "
        "in it: HOST#RESOURCE (template.yaml#ConnectIntegration; vtlgw templates lists the "
        "resources holding templates)\n",
    )


def test_a_description_file_is_read_as_before() -> None:
    integration = str(ROOT / "fixtures/integrations/ws-connect-proxy.yaml")
    code, out, _ = run("-i", integration, "-e", CONNECT_EVENT)
    assert (code, out.splitlines()[0]) == (0, "api: websocket  route: $connect")
    code, _, err = run("-i", "missing.tf", "-e", CONNECT_EVENT)
    assert (code, err) == (2, "missing.tf: cannot read file: No such file or directory\n")


def test_a_template_error_is_reported_at_the_host_position(tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(HOST.replace('"id": "$context.connectionId"}', '"id": #if($a)}'), "utf-8")
    code, out, _ = run("--integration", f"{path}#ConnectIntegration", "--event", CONNECT_EVENT)
    assert code == 1
    (error,) = [line for line in out.splitlines() if line.startswith("error: ")]
    # the template is line 23 of the host, indented by 10: its #if is at column 37
    assert error.startswith(f"error: {path}:23:45: expected '#end' closing #if"), error
    assert "(the #if opened at 23:37 is still open)" in error
    assert error.endswith("[Resources/ConnectIntegration/Properties/RequestTemplates/$default]")
