"""``vtlgw simulate``: the report in text and JSON, exit codes, and input errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vtlgw.cli import cli
from vtlgw.events import synthesize

ROOT = Path(__file__).resolve().parents[2]
INTEGRATIONS = ROOT / "fixtures" / "integrations"


def run(*args: str, input_text: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["simulate", *args], input=input_text, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def event_file(tmp_path: Path, route: str, **overrides: object) -> str:
    path = tmp_path / f"{route}.json"
    path.write_text(json.dumps(synthesize(route, seed=9, **overrides)))
    return str(path)


def test_connect_proxy_refusal_text(tmp_path: Path) -> None:
    code, out, err = run(
        "-i",
        str(INTEGRATIONS / "ws-connect-proxy.yaml"),
        "-e",
        event_file(tmp_path, "connect"),
        "-b",
        str(INTEGRATIONS / "backend" / "connect-proxy-401.yaml"),
    )
    assert (code, err) == (0, "")
    assert out == "api: websocket  route: $connect\nclient: connection refused (HTTP 401)\n"


def test_message_route_report_in_text(tmp_path: Path) -> None:
    event = event_file(
        tmp_path,
        "message",
        route_key="sendmessage",
        body='{"action": "sendmessage", "message": "yo"}',
    )
    code, out, _ = run(
        "-i",
        str(INTEGRATIONS / "ws-message-lambda.yaml"),
        "-e",
        event,
        "-b",
        str(INTEGRATIONS / "backend" / "lambda-ok.yaml"),
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == "request template: sendmessage (selection expression gave 'sendmessage')"
    assert lines[2] == "integration request:"
    assert lines[3].startswith('  | {"connectionId": "') and lines[3].endswith('"text": "yo"}')
    assert "integration response: $default (default; matched value '')" in lines
    assert lines[-1] == 'client: frame {"ok": true, "echo": "hello"}'


def test_rest_lambda_error_report_in_json(tmp_path: Path) -> None:
    code, out, _ = run(
        "-i",
        str(INTEGRATIONS / "rest-lambda.yaml"),
        "-e",
        event_file(tmp_path, "rest", body="{}"),
        "-b",
        str(INTEGRATIONS / "backend" / "lambda-not-found.yaml"),
        "--format",
        "json",
    )
    assert code == 0
    report = json.loads(out)
    assert report["integrationResponse"] == {
        "value": "Item Not Found: 42",
        "key": "404",
        "matched": ["404"],
        "default": False,
    }
    assert report["responseTemplate"]["key"] == "application/json"
    assert report["client"]["kind"] == "http"
    assert report["client"]["status"] == 404
    assert json.loads(report["client"]["body"]) == {"error": "not found"}


def test_no_default_response_gives_500_the_log_line_and_exit_1(tmp_path: Path) -> None:
    integration = tmp_path / "i.yaml"
    integration.write_text(
        "type: HTTP\nintegrationResponses:\n  '200': {selectionPattern: '2\\d\\d'}\n"
    )
    backend = tmp_path / "b.yaml"
    backend.write_text("status: 503\n")
    code, out, err = run(
        "-i", str(integration), "-e", event_file(tmp_path, "rest", body="{}"), "-b", str(backend)
    )
    assert (code, err) == (1, "")
    lines = out.splitlines()
    # no Python None: the line says what happened
    assert "integration response: none (nothing matches '503', no default)" in lines
    assert "None" not in out
    assert (
        "log: Execution failed due to configuration error: No match for output mapping and no "
        "default output mapping configured. Endpoint Response Status Code: 503"
    ) in lines
    assert lines[-3:] == [
        "client: HTTP 500",
        '  body: {"message": "Internal server error"}',
        "finding: no integration response matches the status code '503' and there is no "
        "default response, so the gateway fails the request (ref §5.5 (O))",
    ]


def test_template_error_exits_1(tmp_path: Path) -> None:
    integration = tmp_path / "i.yaml"
    integration.write_text("type: MOCK\nrequestTemplates:\n  application/json: '#if('\n")
    code, out, _ = run("-i", str(integration), "-e", event_file(tmp_path, "rest", body="{}"))
    assert code == 1
    assert "log: Execution failed due to configuration error: " in out
    assert "client: HTTP 500" in out


def test_input_errors_exit_2_with_position(tmp_path: Path) -> None:
    integration = tmp_path / "i.yaml"
    integration.write_text(
        "IntegrationType: AWS\nIntegrationResponses:\n  - IntegrationResponseKey: '2'\n"
    )
    code, out, err = run("-i", str(integration), "-e", event_file(tmp_path, "connect"))
    assert (code, out) == (2, "")
    assert err.startswith(
        f"{integration}:3:29: IntegrationResponses[0].IntegrationResponseKey: key must be "
        "$default or /regex/, found '2'\n"
    )
    assert "Traceback" not in err
    code, _, err = run("-i", str(INTEGRATIONS / "ws-mock.yaml"), "-e", str(tmp_path / "nope.json"))
    assert code == 2 and "cannot read event file" in err
    backend = tmp_path / "b.yaml"
    backend.write_text("status: abc\n")
    code, _, err = run(
        "-i",
        str(INTEGRATIONS / "ws-mock.yaml"),
        "-e",
        event_file(tmp_path, "message"),
        "-b",
        str(backend),
    )
    assert code == 2 and f"{backend}:1:9: status: expected an HTTP status 100-599" in err


def test_unknown_key_in_the_integration_exits_2(tmp_path: Path) -> None:
    # The issue: RequestTemplate (no s) simulated "passthrough (no templates)" and exited 0.
    integration = tmp_path / "i.yaml"
    integration.write_text("RouteKey: $connect\nIntegrationType: MOCK\nRequestTemplate:\n  a: b\n")
    code, out, err = run("-i", str(integration), "-e", event_file(tmp_path, "connect"))
    assert (code, out) == (2, "")
    assert err == (
        f"{integration}:3:1: RequestTemplate: unknown key (did you mean 'RequestTemplates'?); "
        "expected one of api, RouteKey, IntegrationType, IntegrationUri, "
        "TemplateSelectionExpression, RequestTemplates, PassthroughBehavior, IntegrationResponses, "
        "RouteResponseSelectionExpression\nRequestTemplate:\n^\n"
    )


def test_event_that_cannot_reach_the_integration_exits_2(tmp_path: Path) -> None:
    event = event_file(tmp_path, "message", body="{}")
    code, out, err = run("-i", str(INTEGRATIONS / "ws-connect-proxy.yaml"), "-e", event)
    assert (code, out) == (2, "")
    assert err == (
        f"{event}: a WebSocket MESSAGE event on route '$default' cannot reach the integration "
        f"{INTEGRATIONS / 'ws-connect-proxy.yaml'} (RouteKey '$connect'): only CONNECT events run "
        "the integration of route '$connect' (ref §6.1 (D))\n"
    )
    code, _, err = run("-i", str(INTEGRATIONS / "rest-mock.yaml"), "-e", event)
    assert code == 2
    assert "(a REST integration): the API kinds differ" in err
    code, _, err = run("-i", str(INTEGRATIONS / "ws-mock.yaml"), "-e", "-", input_text="{}")
    assert code == 2
    assert err.startswith("<stdin>: a REST event (its requestContext has no eventType")


def test_lambda_request_that_is_not_json_exits_1_with_the_finding_in_json(tmp_path: Path) -> None:
    integration = tmp_path / "i.yaml"
    integration.write_text(
        "type: AWS\nuri: arn:aws:apigateway:r:lambda:path/f\n"
        "requestTemplates:\n  application/json: '{\"q\": $input.json(''$.q'')'\n"
        "integrationResponses: {'200': {}}\n"
    )
    event = event_file(tmp_path, "rest", body='{"q": 1}')
    code, out, _ = run(
        "-i", str(integration), "-e", event, "-b", str(INTEGRATIONS / "backend" / "lambda-ok.yaml")
    )
    assert code == 1
    assert out.splitlines()[-2:] == [
        "finding: the request template 'application/json' produced invalid JSON at 1:8: "
        "expected ',' or '}' after an object member, found end of output",
        "note: AWS words the parse detail differently (Jackson) (ref §5.5 (O))",
    ]
    code, out, _ = run(
        "-i",
        str(integration),
        "-e",
        event,
        "-b",
        str(INTEGRATIONS / "backend" / "lambda-ok.yaml"),
        "--format",
        "json",
    )
    report = json.loads(out)
    assert code == 1
    assert (report["version"], report["client"]["status"]) == (1, 400)
    assert report["findings"] == [
        {
            "code": "invalid-json",
            "message": "the request template 'application/json' produced invalid JSON at 1:8: "
            "expected ',' or '}' after an object member, found end of output",
        }
    ]


def test_mock_without_status_exits_1(tmp_path: Path) -> None:
    integration = tmp_path / "i.yaml"
    integration.write_text(
        "RouteKey: ping\nIntegrationType: MOCK\nRequestTemplates: {$default: '{}'}\n"
        "IntegrationResponses: [{IntegrationResponseKey: $default}]\n"
    )
    event = event_file(tmp_path, "message", route_key="ping", body="{}")
    code, out, _ = run("-i", str(integration), "-e", event)
    assert code == 1
    assert out.splitlines()[-1] == (
        "finding: the MOCK integration request has no integer statusCode, so the gateway fails "
        "the request (ref §5.5 (O))"
    )


def test_readme_example_runs_as_documented() -> None:
    code, out, err = run(
        "--integration",
        str(INTEGRATIONS / "ws-connect-proxy.yaml"),
        "--event",
        str(ROOT / "fixtures" / "events" / "connect.json"),
        "--backend-response",
        str(INTEGRATIONS / "backend" / "connect-proxy-401.yaml"),
    )
    assert (code, out, err) == (
        0,
        "api: websocket  route: $connect\nclient: connection refused (HTTP 401)\n",
        "",
    )


EXAMPLES = [
    ("ws-connect-proxy.yaml", "connect", {}, "connect-proxy-401.yaml", "refused"),
    ("ws-connect-dynamodb.yaml", "connect", {}, "dynamodb-ok.yaml", "accepted"),
    (
        "ws-message-lambda.yaml",
        "message",
        {"route_key": "sendmessage", "body": '{"action": "sendmessage", "message": "hi"}'},
        "lambda-ok.yaml",
        "frame",
    ),
    ("ws-mock.yaml", "message", {"route_key": "ping", "body": "{}"}, None, "frame"),
    ("rest-http.yaml", "rest", {"body": '{"a": 1}'}, "http-ok.yaml", "HTTP 200"),
    ("rest-http.yaml", "rest", {"body": '{"a": 1}'}, "http-502.yaml", "HTTP 502"),
    ("rest-lambda.yaml", "rest", {"body": "{}"}, "lambda-not-found.yaml", "HTTP 404"),
    ("rest-lambda.yaml", "rest", {"body": "{}"}, "lambda-ok.yaml", "HTTP 200"),
    ("rest-mock.yaml", "rest", {"body": "{}"}, None, "HTTP 200"),
]


@pytest.mark.parametrize(("integration", "route", "overrides", "backend", "client"), EXAMPLES)
def test_every_fixture_integration_simulates_without_findings(
    tmp_path: Path,
    integration: str,
    route: str,
    overrides: dict[str, str],
    backend: str | None,
    client: str,
) -> None:
    args = ["-i", str(INTEGRATIONS / integration), "-e", event_file(tmp_path, route, **overrides)]
    if backend is not None:
        args += ["-b", str(INTEGRATIONS / "backend" / backend)]
    code, out, err = run(*args)
    assert (code, err) == (0, "")
    assert client in next(line for line in out.splitlines() if line.startswith("client: "))
    assert "finding:" not in out


def test_every_fixture_integration_is_listed() -> None:
    assert sorted({example[0] for example in EXAMPLES}) == sorted(
        path.name for path in INTEGRATIONS.glob("*.yaml")
    )
