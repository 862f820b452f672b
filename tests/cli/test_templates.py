"""``vtlgw templates``: every embedded template with its position, what it is and its selector."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vtlgw.cli import cli
from vtlgw.iac.selector import resolve_one

ROOT = Path(__file__).resolve().parents[2]
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
            {"id": "$input.params('id')"}
        responses:
          default:
            statusCode: "200"
            responseTemplates:
              application/json: '{"item": $input.json(''$'')}'
"""
INTEGRATION = "paths//items/{id}/get/x-amazon-apigateway-integration"
REQUEST = f"{INTEGRATION}/requestTemplates/application/json"
RESPONSE = f"{INTEGRATION}/responses/default/responseTemplates/application/json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["templates", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return str(path)


def test_the_text_listing_gives_position_kind_and_a_quoted_selector(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    assert run(api) == (
        0,
        f"{api}:10:13: request template, rest, method GET /items/{{id}}, "
        "content type application/json\n"
        f"  '{api}#{REQUEST}'\n"
        f"{api}:15:34: response template, rest, method GET /items/{{id}}, "
        "content type application/json\n"
        f"  '{api}#{RESPONSE}'\n"
        "2 templates in 1 file\n",
        "",
    )


def test_the_json_listing_has_every_field(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    code, out, err = run(api, "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["version"] == 1
    assert [t["selector"] for t in document["templates"]] == [
        f"{api}#{REQUEST}",
        f"{api}#{RESPONSE}",
    ]
    assert document["templates"][1] == {
        "selector": f"{api}#{RESPONSE}",
        "host": api,
        "path": api,
        "line": 15,
        "column": 34,
        "key_path": [
            "paths",
            "/items/{id}",
            "get",
            "x-amazon-apigateway-integration",
            "responses",
            "default",
            "responseTemplates",
            "application/json",
        ],
        "api": "rest",
        "kind": "response",
        "content_type": "application/json",
        "route": None,
        "method": "GET /items/{id}",
        "resource": None,
        "deploy_time": False,
        "substitutions": [],
        "text": "{\"item\": $input.json('$')}",
    }


def test_a_selector_lists_the_one_template_it_names(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    code, out, _ = run(f"{api}#responses")
    assert (code, out.splitlines()[-1]) == (0, "1 template in 1 file")
    assert f"'{api}#{RESPONSE}'" in out


def test_a_folder_walk_skips_files_that_are_not_iac(tmp_path: Path) -> None:
    write(tmp_path, "package.json", '{"name": "app"}')
    write(tmp_path, "config.yaml", "debug: true\n")
    write(tmp_path, "node_modules/x/api.yaml", API)
    api = write(tmp_path, "infra/api.yaml", API)
    code, out, err = run(str(tmp_path))
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith(f"{api}:10:13: request template")
    assert out.endswith("\n2 templates in 1 file\n")


def test_a_file_named_directly_must_be_iac_and_the_rest_is_still_listed(tmp_path: Path) -> None:
    config = write(tmp_path, "config.yaml", "debug: true\n")
    api = write(tmp_path, "api.yaml", API)
    code, out, err = run(config, api)
    assert code == 2
    assert err == (
        f"{config}: not a CloudFormation, OpenAPI, serverless or Terraform file; expected a .tf "
        "file, or a YAML or JSON file with top-level AWSTemplateFormatVersion or Resources "
        "(CloudFormation, SAM, cdk.out), openapi or swagger (OpenAPI), or service and provider "
        "(serverless.yml)\n"
    )
    assert out.endswith("\n2 templates in 1 file\n")


def test_a_broken_host_found_in_a_folder_is_an_input_error_at_its_position(
    tmp_path: Path,
) -> None:
    broken = write(tmp_path, "broken.yaml", "openapi: 3.0.1\npaths: [\n")
    api = write(tmp_path, "api.yaml", API)
    code, out, err = run(str(tmp_path))
    assert code == 2
    assert err.startswith(f"{broken}:")
    assert "Traceback" not in err
    assert f"'{api}#{REQUEST}'" in out


def test_a_selector_matching_nothing_exits_2(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    code, out, err = run(f"{api}#post")
    assert (code, out) == (2, "No templates found.\n")
    assert err == (
        f"{api}: no template matches 'post'; the templates in it: '{api}#{REQUEST}', "
        f"'{api}#{RESPONSE}'\n"
    )


def test_nothing_found_is_said_and_is_not_an_error(tmp_path: Path) -> None:
    write(tmp_path, "package.json", "{}")
    assert run(str(tmp_path)) == (0, "No templates found.\n", "")
    assert run(str(tmp_path), "--format", "json") == (
        0,
        '{\n  "version": 1,\n  "templates": []\n}\n',
        "",
    )


def test_a_template_listed_twice_is_listed_once(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    code, out, _ = run(api, f"{api}#responses", str(tmp_path))
    assert (code, out.splitlines()[-1]) == (0, "2 templates in 1 file")


def test_long_substituted_values_are_cut_to_one_line(tmp_path: Path) -> None:
    write(tmp_path, "templates/item.vtl", "#set($x = 1)\n" + "x" * 100 + "\n")
    host = write(
        tmp_path,
        "serverless.yml",
        "service: items\nprovider: {name: aws}\nfunctions:\n  get:\n    handler: h\n"
        "    events:\n      - http:\n          path: items\n          method: get\n"
        "          integration: lambda\n          request:\n            template:\n"
        "              application/json: ${file(templates/item.vtl)}\n",
    )
    code, out, err = run(host)
    assert (code, err) == (0, "")
    assert (
        '  substitutes ${file(templates/item.vtl)} -> "#set($x = 1)\\nxxxxxxxxxxxxxxxxxxxxxxxx..."'
        " (114 characters)\n"
    ) in out


def test_every_selector_listed_for_the_fixtures_names_its_template() -> None:
    code, out, err = run(str(ROOT / "fixtures" / "iac"), "--format", "json")
    assert (code, err) == (0, "")
    listed = json.loads(out)["templates"]
    assert len(listed) >= 10
    assert any(entry["host"] != entry["path"] for entry in listed)  # a Terraform file()
    for entry in listed:
        template = resolve_one(entry["selector"])
        assert (template.host, list(template.key_path)) == (entry["path"], entry["key_path"])
        assert entry["selector"] == f"{entry['host']}#{'/'.join(map(str, entry['key_path']))}"


@pytest.mark.parametrize("args", [["--format", "xml"]])
def test_a_bad_format_is_a_usage_error(args: list[str]) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert "Invalid value for '--format'" in err


def test_a_template_kept_in_its_own_file_is_selected_through_the_tf_file(tmp_path: Path) -> None:
    write(tmp_path, "templates/send.vtl", '{"message": "$input.body"}\n')
    tf = write(
        tmp_path,
        "main.tf",
        'resource "aws_apigatewayv2_integration" "send" {\n'
        '  api_id           = "x"\n'
        '  integration_type = "AWS"\n'
        "  request_templates = {\n"
        '    "$default" = file("${path.module}/templates/send.vtl")\n'
        "  }\n"
        "}\n",
    )
    vtl = str(tmp_path / "templates" / "send.vtl")
    selector = f"{tf}#aws_apigatewayv2_integration.send/request_templates/$default"
    code, out, err = run(tf)
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith(f"{vtl}:1:1: request template")
    assert out.splitlines()[0].endswith(f" (named in {tf})")
    assert out.splitlines()[1:] == [f"  '{selector}'", "1 template in 1 file"]
    (entry,) = json.loads(run(tf, "--format", "json")[1])["templates"]
    assert (entry["selector"], entry["host"], entry["path"]) == (selector, tf, vtl)
    assert resolve_one(f"{tf}#send").host == vtl
