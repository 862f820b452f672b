"""``vtlgw lint`` on IaC files: every embedded template linted, findings at host positions."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from vtlgw.cli import cli

API = """\
openapi: 3.0.1
info: {title: items}
paths:
  /items:
    get:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
            {"statusCode": 200}
            #parse("common.vtl")
        responses:
          default:
            statusCode: "200"
            responseTemplates:
              application/json: '{"connection": "$context.connectionId"}'
"""
INTEGRATION = "paths//items/get/x-amazon-apigateway-integration"
REQUEST = f"{INTEGRATION}/requestTemplates/application/json"
RESPONSE = f"{INTEGRATION}/responses/default/responseTemplates/application/json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["lint", "--isolated", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, "utf-8")
    return str(path)


def _column(line: int, text: str) -> int:
    return API.splitlines()[line - 1].index(text) + 1


def test_every_template_in_a_host_is_linted_at_host_positions(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    code, out, err = run(api)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{api}:11:13: VTL104 #parse cannot load another template on API Gateway (ref §5.1) "
        f"[{REQUEST}]",
        f"{api}:16:{_column(16, '$context')}: VTL202 $context.connectionId exists only on "
        f"WebSocket APIs (ref §1.1); on a REST API it renders as an empty string [{RESPONSE}]",
        "Found 2 findings.",
    ]


def test_the_api_kind_comes_from_the_iac_file(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    _, out, _ = run(f"{api}#responseTemplates")
    (finding, summary) = out.splitlines()
    assert finding.startswith(f"{api}:16:{_column(16, '$context')}: VTL202 ")
    assert finding.endswith(f" [{RESPONSE}]")
    assert summary == "Found 1 finding."
    _, out, _ = run("--api", "websocket", f"{api}#responseTemplates")
    assert out == "All checks passed!\n"  # the command line's kind wins


def test_a_selector_lints_one_template(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    code, out, _ = run(f"{api}#requestTemplates")
    assert (code, out.splitlines()[-1]) == (1, "Found 1 finding.")
    assert out.startswith(f"{api}:11:13: VTL104 ")


def test_json_output_names_the_key_path(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    code, out, _ = run("--format", "json", f"{api}#requestTemplates")
    (finding,) = json.loads(out)
    assert code == 1
    assert (finding["path"], finding["line"], finding["column"]) == (api, 11, 13)
    assert finding["host_path"] == REQUEST


def test_a_host_without_templates_is_an_input_error_unless_skipped(tmp_path: Path) -> None:
    stack = write(tmp_path, "stack.yaml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n")
    config = write(tmp_path, "config.yaml", "debug: true\n")
    code, out, err = run(stack)
    assert (code, out) == (
        2,
        "Found 0 findings; 1 input could not be linted (reported on stderr).\n",
    )
    assert err == (
        f"{stack}: no mapping templates in this file; expected request or response templates "
        "(lint .vtl files by name, or add --skip-files-without-templates)\n"
    )
    code, _, err = run(config)
    assert code == 2
    assert err.startswith(f"{config}: not a CloudFormation, OpenAPI, serverless or Terraform")
    assert run("--skip-files-without-templates", stack, config) == (0, "All checks passed!\n", "")


def test_a_broken_host_is_an_input_error_even_when_skipping(tmp_path: Path) -> None:
    broken = write(tmp_path, "api.yaml", "openapi: 3.0.1\npaths: [\n")
    code, _, err = run("--skip-files-without-templates", broken)
    assert code == 2
    assert err.startswith(f"{broken}:")
    assert "Traceback" not in err


def test_templates_and_hosts_lint_together(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    template = write(tmp_path, "t.vtl", '#parse("x.vtl")\n')
    code, out, _ = run(template, f"{api}#requestTemplates")
    assert code == 1
    assert out.splitlines()[-1] == "Found 2 findings."
    assert f"{template}:1:1: VTL104 " in out
