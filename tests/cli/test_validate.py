"""``vtlgw validate``: valid output, JSON errors traced to the template, schemas, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vtlgw.cli import cli
from vtlgw.events import synthesize

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "fixtures" / "schemas" / "validation"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


def event(tmp_path: Path, body: str = '{"action": "join", "n": 3}') -> str:
    return write(tmp_path, "event.json", json.dumps(synthesize("message", seed=5, body=body)))


def test_valid_output_exits_0(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", '{"action": "$input.path(\'$.action\')", "room": "r"}')
    code, out, err = run(
        template, "--event", event(tmp_path), "--schema", str(SCHEMAS / "message-draft7.json")
    )
    assert (code, out, err) == (0, f"{template}: valid\n", "")


def test_unquoted_empty_reference_is_traced_to_its_line(tmp_path: Path) -> None:
    # ref §9.4 and §11.1 (V): null renders as nothing, leaving `"count": ,`.
    template = write(
        tmp_path,
        "t.vtl",
        "{\n  \"n\": $input.path('$.n'),\n  \"count\": $input.path('$.missing'),\n}",
    )
    code, out, _ = run(template, "--event", event(tmp_path))
    assert code == 1
    assert out.splitlines() == [
        f"{template}:3:12: invalid-json: output is not valid JSON: expected a JSON value, "
        "found ',' (output 3:12)",
        "  \"count\": $input.path('$.missing'),",
        "           ^",
        "  this reference probably rendered empty (null or undefined), leaving no JSON value; "
        "quote it or give it a default",
        f"{template}: invalid (1 finding)",
    ]


# Template lines 1-3 render nothing, so the output's line 4 comes from template line 7.
COUNT = """#set($a = 1)
#set($b = 2)
#set($c = 3)
{
  "a": $a,
  "b": $b,
  "count": $input.path('$.missing'),
  "c": $c
}
"""


def test_the_first_position_is_the_templates_when_output_lines_differ(tmp_path: Path) -> None:
    template = write(tmp_path, "count.vtl", COUNT)
    code, out, _ = run(template, "--event", event(tmp_path))
    assert code == 1
    assert out.splitlines()[:3] == [
        f"{template}:7:12: invalid-json: output is not valid JSON: expected a JSON value, "
        "found ',' (output 4:12)",
        "  \"count\": $input.path('$.missing'),",
        "           ^",
    ]


def test_json_format_names_template_and_output_positions_apart(tmp_path: Path) -> None:
    template = write(tmp_path, "count.vtl", COUNT)
    code, out, _ = run(template, "--event", event(tmp_path), "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert (document["version"], document["valid"]) == (1, False)
    (output,) = document["outputs"]
    assert output["output"] == '{\n  "a": 1,\n  "b": 2,\n  "count": ,\n  "c": 3\n}\n'
    assert output["findings"] == [
        {
            "code": "invalid-json",
            "message": "output is not valid JSON: expected a JSON value, found ','",
            "pointer": None,
            "offset": 33,
            "line": 4,
            "column": 12,
            "templateLine": 7,
            "templateColumn": 12,
            "outputOffset": 33,
            "outputLine": 4,
            "outputColumn": 12,
            "rule": None,
            "schemaPath": None,
            "template": {
                "line": 7,
                "column": 12,
                "snippet": "$input.path('$.missing')",
                "reason": "this reference probably rendered empty (null or undefined), leaving "
                "no JSON value; quote it or give it a default",
            },
        }
    ]


def test_an_error_that_cannot_be_traced_claims_no_template_position(tmp_path: Path) -> None:
    # the trailing comma on output line 5 comes from a #foreach body, which trace cannot map
    template = write(
        tmp_path,
        "f.vtl",
        '#set($n = 2)\n{\n  "items": [\n#foreach($i in [1, $n])\n    {"id": $i},\n#end\n  ]\n}',
    )
    code, out, _ = run(template, "--event", event(tmp_path))
    assert (code, out) == (
        1,
        f"{template}: invalid-json: output is not valid JSON: expected a JSON value, found ']' "
        f"(output line 5, column 3)\n{template}: invalid (1 finding)\n",
    )
    code, out, _ = run(template, "--event", event(tmp_path), "--format", "json")
    (finding,) = json.loads(out)["outputs"][0]["findings"]
    assert (finding["templateLine"], finding["templateColumn"], finding["template"]) == (
        None,
        None,
        None,
    )
    assert (finding["outputLine"], finding["outputColumn"], finding["outputOffset"]) == (5, 3, 47)


def test_duplicate_keys_print_the_output_position_as_a_label(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", '#set($x = 1)\n{"a": 1, "a": $x}')
    code, out, _ = run(template, "-e", event(tmp_path))
    assert (code, out) == (
        1,
        f"{template}: duplicate-key at /a: duplicate key '/a' (first at 1:2); parsers keep only "
        f"one of the values (output line 1, column 10)\n{template}: invalid (1 finding)\n",
    )


def test_duplicate_keys_and_schema_violations_in_json_format(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", '{"action": "x", "action": "$input.path(\'$.action\')"}')
    code, out, _ = run(
        template,
        "-e",
        event(tmp_path),
        "-s",
        str(SCHEMAS / "message-draft7.json"),
        "--format",
        "json",
    )
    assert code == 1
    report = json.loads(out)
    assert report["version"] == 1 and report["valid"] is False
    (output,) = report["outputs"]
    assert output["output"] == '{"action": "x", "action": "join"}'
    assert [(f["code"], f["pointer"], f["rule"]) for f in output["findings"]] == [
        ("duplicate-key", "/action", None),
        ("schema-violation", "", "required"),
    ]
    assert output["findings"][1]["schemaPath"] == "#/then/required"


def test_text_content_type_skips_json_checks(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "plain $input.path('$.action')")
    code, out, _ = run(template, "-e", event(tmp_path), "--content-type", "text/plain")
    assert (code, out) == (0, f"{template}: valid\n")


def test_a_render_error_prints_its_template_position_once(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "#set($a = 1)\n  $util.urlDecode('%zz') x")
    code, out, err = run(template, "-e", event(tmp_path))
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"{template}:2:9: render-error: ")
    assert lines[0].count(template) == 1
    assert "URLDecoder" in lines[0]
    assert lines[1:] == [
        "  $util.urlDecode('%zz') x",
        "        ^",
        f"{template}: invalid (1 finding)",
    ]
    code, out, _ = run(template, "-e", event(tmp_path), "--format", "json")
    (finding,) = json.loads(out)["outputs"][0]["findings"]
    assert finding["message"] == lines[0].split(": render-error: ", 1)[1]
    assert (finding["templateLine"], finding["templateColumn"]) == (2, 9)
    assert (finding["outputLine"], finding["outputColumn"], finding["outputOffset"]) == (
        None,
        None,
        None,
    )
    assert (finding["line"], finding["column"]) == (2, 9)  # as in version 1
    assert finding["template"] == {
        "line": 2,
        "column": 9,
        "snippet": "$util.urlDecode('%zz') x",
        "reason": "",
    }


def test_render_error_exits_1(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "#foreach($x in [1])")
    code, out, err = run(template, "-e", event(tmp_path))
    assert (code, err) == (1, "")
    assert out.startswith(f"{template}:1:20: render-error: expected '#end' closing #foreach")


@pytest.mark.parametrize(
    ("content_type", "checked"),
    [
        ("application/json", True),
        ("application/vnd.api+json", True),
        ("Application/JSON; charset=utf-8", True),
        ("application/problem+json;charset=utf-8", True),
        ("text/plain", False),
        ("application/x-ndjson", False),
        ("application/jsonlines", False),
    ],
)
def test_json_content_types_check_the_output(
    tmp_path: Path, content_type: str, checked: bool
) -> None:
    template = write(tmp_path, "t.vtl", "{\"a\": $input.path('$.missing')}")
    code, out, _ = run(template, "-e", event(tmp_path), "--content-type", content_type)
    if checked:
        assert code == 1
        assert out.startswith(f"{template}:1:7: invalid-json: output is not valid JSON: ")
    else:
        assert (code, out) == (0, f"{template}: valid\n")


def test_input_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "{}")
    code, _, err = run(template, "-e", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read event file" in err and "Traceback" not in err
    bad_schema = write(tmp_path, "s.json", '{"type": 12}')
    code, _, err = run(template, "-e", event(tmp_path), "-s", bad_schema)
    assert code == 2 and "invalid 2020-12 schema at /type" in err
    code, _, err = run(str(tmp_path / "nope.vtl"), "-e", event(tmp_path))
    assert code == 2 and "cannot read template" in err
    network = write(tmp_path, "n.json", '{"$ref": "https://example.com/s.json"}')
    code, _, err = run(template, "-e", event(tmp_path), "-s", network)
    assert code == 2 and "never fetches schemas over the network" in err


def test_usage_error_exits_2() -> None:
    result = CliRunner().invoke(cli, ["validate"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "Missing argument 'TEMPLATE'" in result.output


# --- templates in IaC files (HOST#KEY/PATH) -------------------------------------------------

REST_EVENT = str(ROOT / "fixtures/events/rest.json")
API = """\
openapi: 3.0.1
info: {title: items}
paths:
  /items/{id}:
    get:
      x-amazon-apigateway-integration:
        type: aws
        requestTemplates:
          application/json: "{\\"id\\": \\"$input.params('id')\\"}"
          application/xml: "<id>$input.params('id')</id>\\n#if($x)"
        responses:
          default:
            statusCode: "200"
            responseTemplates:
              application/json: '{"item": $input.path(''$.missing'')}'
              text/plain: 'item $input.path(''$.missing'')'
"""
INTEGRATION = "paths//items/{id}/get/x-amazon-apigateway-integration"


def test_a_traced_finding_prints_at_the_host_line_with_the_key_path(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    line = API.splitlines()[14]
    column = line.index("$input") + 1
    key_path = f"{INTEGRATION}/responses/default/responseTemplates/application/json"
    assert run(api + "#responseTemplates/application/json", "--event", REST_EVENT) == (
        1,
        f"{api}:15:{column}: invalid-json: output is not valid JSON: expected a JSON value, "
        f"found '}}' [{key_path}] (output 1:10)\n"
        f"{line}\n" + " " * (column - 1) + "^\n"
        "  this reference probably rendered empty (null or undefined), leaving no JSON value; "
        "quote it or give it a default\n"
        f"{api}: invalid (1 finding)\n",
        "",
    )


def test_json_output_gives_host_positions(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    code, out, _ = run(
        api + "#responseTemplates/application/json", "-e", REST_EVENT, "--format", "json"
    )
    (finding,) = json.loads(out)["outputs"][0]["findings"]
    line = API.splitlines()[14]
    assert code == 1
    assert (finding["templateLine"], finding["templateColumn"]) == (15, line.index("$input") + 1)
    assert (finding["outputLine"], finding["outputColumn"]) == (1, 10)
    assert json.loads(out)["outputs"][0]["name"] == api


def test_a_render_error_prints_at_the_host_position(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    line = API.splitlines()[9]
    column = line.rindex('"') + 1
    opened = line.index("#if") + 1
    code, out, err = run(api + "#xml", "--event", REST_EVENT)
    assert (code, err) == (1, "")
    assert out == (
        f"{api}:10:{column}: render-error: expected '#end' closing #if, found the end of the "
        f"template (the #if opened at 10:{opened} is still open) "
        f"[{INTEGRATION}/requestTemplates/application/xml]\n"
        f"{line}\n" + " " * (column - 1) + "^\n"
        f"{api}: invalid (1 finding)\n"
    )


def test_a_response_template_is_checked_as_its_own_content_type(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    assert run(api + "#text/plain", "--event", REST_EVENT) == (0, f"{api}: valid\n", "")
    code, out, _ = run(api + "#text/plain", "-e", REST_EVENT, "--content-type", "application/json")
    assert code == 1 and "invalid-json" in out
    assert run(api + "#requestTemplates/json", "--event", REST_EVENT)[0] == 0


def test_a_host_selector_that_names_nothing_exits_2(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    code, out, err = run(api + "#Missing", "--event", REST_EVENT)
    assert (code, out) == (2, "")
    assert err.startswith(f"{api}: no template matches 'Missing'; the templates in it: '{api}#")
