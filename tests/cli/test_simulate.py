"""``vtlgw simulate``: the report in text and JSON, exit codes, and input errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from vtlgw.cli import cli
from vtlgw.events import synthesize

ROOT = Path(__file__).resolve().parents[2]
INTEGRATIONS = ROOT / "fixtures" / "integrations"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["simulate", *args], catch_exceptions=False)
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
    event = event_file(tmp_path, "message", body='{"action": "sendmessage", "message": "yo"}')
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


def test_no_default_response_gives_500_and_the_log_line(tmp_path: Path) -> None:
    integration = tmp_path / "i.yaml"
    integration.write_text(
        "type: HTTP\nintegrationResponses:\n  '200': {selectionPattern: '2\\d\\d'}\n"
    )
    backend = tmp_path / "b.yaml"
    backend.write_text("status: 503\n")
    code, out, _ = run(
        "-i", str(integration), "-e", event_file(tmp_path, "rest", body="{}"), "-b", str(backend)
    )
    assert code == 0
    assert (
        "log: Execution failed due to configuration error: No match for output mapping and no "
        "default output mapping configured. Endpoint Response Status Code: 503"
    ) in out.splitlines()
    assert "client: HTTP 500" in out


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
    assert err.startswith(f"{integration}:3:5: IntegrationResponses[0]: key must be $default")
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
