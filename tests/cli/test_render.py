"""``vtlgw render``: exact stdout, flavours, exit codes, and errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vtlgw.cli import cli
from vtlgw.errors import EXCERPT_WIDTH, excerpt

ROOT = Path(__file__).resolve().parents[2]
CONNECT_EVENT = str(ROOT / "fixtures/events/connect.json")
RECORDED = json.loads((ROOT / "tests/unit/apigw/templates_recorded.json").read_text("utf-8"))


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["render", *args], input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


def test_readme_command_prints_exactly_the_rendered_text() -> None:
    code, out, err = run(str(ROOT / "templates/connect.vtl"), "--event", CONNECT_EVENT)
    expected = next(
        c["output"] for c in RECORDED if c["template"] == "connect" and c["event"] == "connect"
    )
    assert (code, out, err) == (0, expected, "")


def test_nothing_is_added_to_the_output(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "no newline:$context.stage")
    assert run(template, "--event", CONNECT_EVENT)[1] == "no newline:prod"


def test_template_from_stdin() -> None:
    assert run("-", "--event", CONNECT_EVENT, stdin="$context.eventType")[1] == "CONNECT"


def test_event_from_stdin(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "$context.routeKey")
    event = (ROOT / "fixtures/events/disconnect.json").read_text()
    assert run(template, "--event", "-", stdin=event)[1] == "$disconnect"


def test_stage_var_context_body_and_api_options(tmp_path: Path) -> None:
    template = write(
        tmp_path,
        "t.vtl",
        "$stageVariables.table|$context.identity.sourceIp|$context.requestTimeEpoch|"
        "$input.path('$.action')|[$context.requestOverride]",
    )
    code, out, _ = run(
        template,
        "--event",
        CONNECT_EVENT,
        "--stage-var",
        "table=conn",
        "--context",
        "identity.sourceIp=203.0.113.7",
        "--context",
        "requestTimeEpoch=5",
        "--body",
        '{"action": "join"}',
    )
    assert (code, out) == (0, "conn|203.0.113.7|5|join|[]")
    assert run(template, "--event", CONNECT_EVENT, "--api", "rest")[1].endswith("|[]")


def test_body_file(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "$input.body")
    body = write(tmp_path, "frame.txt", "hello\nworld")
    assert run(template, "--event", CONNECT_EVENT, "--body-file", body)[1] == "hello\nworld"


def test_pretty_checks_json_and_keeps_numbers_as_written(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", '{"a": 10.00, "b": [1, "$context.stage"]}')
    code, out, _ = run(template, "--event", CONNECT_EVENT, "--pretty")
    assert (code, out) == (0, '{\n  "a": 10.00,\n  "b": [\n    1,\n    "prod"\n  ]\n}\n')


def test_pretty_rejects_output_that_is_not_json(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "{\"count\": $input.path('$.missing')}")
    code, out, err = run(template, "--event", CONNECT_EVENT, "--pretty")
    assert code == 1
    assert out == ""
    assert err.startswith(f"{template}: rendered output is not valid JSON: Expecting value")


def test_template_syntax_error_is_located_exit_1(tmp_path: Path) -> None:
    template = write(tmp_path, "bad.vtl", "line one\n#if($x\nmore")
    code, out, err = run(template, "--event", CONNECT_EVENT)
    assert code == 1
    assert out == ""
    first = err.splitlines()[0]
    assert first.startswith(f"{template}:")
    assert first.split(":")[1].isdigit() and first.split(":")[2].isdigit()
    assert "^" in err
    assert "Traceback" not in err


def test_stdin_template_errors_are_named_stdin() -> None:
    code, _, err = run("-", "--event", CONNECT_EVENT, stdin="#foreach(")
    assert code == 1
    assert err.startswith("<stdin>:")


def test_render_error_exit_1(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "$util.urlDecode('%zz')")
    code, _, err = run(template, "--event", CONNECT_EVENT)
    assert code == 1
    assert "URLDecoder" in err
    assert "Traceback" not in err


def test_malformed_event_exit_2_names_file_and_position(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "x")
    event = write(tmp_path, "e.json", '{\n  "requestContext": {\n    "stage": "prod",\n  }\n}')
    code, out, err = run(template, "--event", event)
    assert (code, out) == (2, "")
    assert err.startswith(f"{event}:4:3: event is not valid JSON: Expecting property name")
    assert "Traceback" not in err


def test_event_of_the_wrong_shape_exit_2(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "x")
    event = write(tmp_path, "e.json", '{"headers": {"Host": ["a"]}}')
    code, _, err = run(template, "--event", event)
    assert code == 2
    assert "headers.Host: expected a string, found an array" in err


@pytest.mark.parametrize(
    "args",
    [
        ["missing.vtl", "--event", CONNECT_EVENT],
        ["{template}", "--event", "missing.json"],
        ["{template}", "--event", CONNECT_EVENT, "--body-file", "missing.txt"],
    ],
)
def test_unreadable_files_exit_2(tmp_path: Path, args: list[str]) -> None:
    template = write(tmp_path, "t.vtl", "x")
    code, out, err = run(*(a.replace("{template}", template) for a in args))
    assert (code, out) == (2, "")
    assert "missing" in err
    assert "cannot read" in err


@pytest.mark.parametrize(
    "args",
    [
        ["--stage-var", "novalue"],
        ["--context", "=x"],
        ["--body", "a", "--body-file", "b"],
        ["--api", "http"],
    ],
)
def test_usage_mistakes_exit_2(tmp_path: Path, args: list[str]) -> None:
    template = write(tmp_path, "t.vtl", "x")
    assert run(template, "--event", CONNECT_EVENT, *args)[0] == 2


def test_both_from_stdin_is_a_usage_error() -> None:
    assert run("-", "--event", "-", stdin="{}")[0] == 2


def test_real_process_stdout_is_exact_and_errors_have_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "vtlgw",
            "render",
            str(ROOT / "templates/disconnect.vtl"),
            "--event",
            str(ROOT / "fixtures/events/disconnect.json"),
        ],
        capture_output=True,
        check=False,
    )
    expected = next(c["output"] for c in RECORDED if c["template"] == "disconnect")
    assert (done.returncode, done.stdout.decode("utf-8"), done.stderr) == (0, expected, b"")
    bad = write(tmp_path, "bad.json", "{]")
    failed = subprocess.run(
        [
            sys.executable,
            "-m",
            "vtlgw",
            "render",
            str(ROOT / "templates/disconnect.vtl"),
            "--event",
            bad,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 2
    assert failed.stdout == ""
    assert failed.stderr.startswith(f"{bad}:1:2: event is not valid JSON")
    assert "Traceback" not in failed.stderr


def test_render_does_not_import_what_it_does_not_need() -> None:
    code = (
        "import sys; from vtlgw.cli import main; import vtlgw.cli.render; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('jsonschema', 'yaml', 'airspeed', 'jsonpath_ng')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_errors_inside_gateway_functions_point_at_the_call(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "line one\n  $input.path('$[') x\n")
    code, _, err = run(template, "--event", CONNECT_EVENT)
    assert code == 1
    assert err.startswith(f"{template}:2:")
    assert "InvalidPathException" in err
    assert err.splitlines()[1] == "  $input.path('$[') x"


def test_internal_errors_are_reported_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import vtlgw.apigw.render as module

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "render", broken)
    code, out, err = run("-", "--event", CONNECT_EVENT, stdin="x")
    assert (code, out) == (2, "")
    assert err == (
        "<stdin>: internal error: RuntimeError: boom "
        "(this is a vtlgw bug; --traceback shows where)\n"
    )
    with pytest.raises(RuntimeError, match="boom"):
        run("-", "--event", CONNECT_EVENT, "--traceback", stdin="x")


@pytest.mark.parametrize(
    ("flavor", "expected"), [(None, "[]"), ("apigateway", "[]"), ("velocity", "[$missing]")]
)
def test_flavor_decides_how_an_undefined_reference_renders(
    tmp_path: Path, flavor: str | None, expected: str
) -> None:
    # ref §9.4: API Gateway renders an undefined reference as nothing, Velocity as its source.
    template = write(tmp_path, "t.vtl", "[$missing]")
    args = [] if flavor is None else ["--flavor", flavor]
    assert run(template, "--event", CONNECT_EVENT, *args) == (0, expected, "")


def test_an_error_on_a_very_long_line_shows_a_window_around_the_column(tmp_path: Path) -> None:
    line = "a" * 5000 + "\t$util.urlDecode('%zz')" + "b" * 5000
    template = write(tmp_path, "t.vtl", f"first\n{line}\n")
    code, _, err = run(template, "--event", CONNECT_EVENT)
    assert code == 1
    head, source, caret = err.splitlines()
    column = 5000 + 1 + len("$util.") + 1  # the engine points at the method name
    assert head.startswith(f"{template}:2:{column}: ")
    assert len(source) <= EXCERPT_WIDTH
    assert source.startswith("...a") and source.endswith("b...")
    assert caret.endswith("^") and caret.strip(" \t") == "^"
    assert "\t" in caret  # the tab before the column is kept, so the caret lines up
    assert source[len(caret) - 1] == line[column - 1] == "u"
    assert source[: len(caret) - 1].endswith("aaa\t$util.")


@pytest.mark.parametrize(
    ("line", "column", "shown", "caret"),
    [
        ("ab\tcd", 5, "ab\tcd", "  \t ^"),
        ("x" * 120, 120, "x" * 120, " " * 119 + "^"),
        ("y" * 10 + "x" * 200, 3, "y" * 10 + "x" * 104 + "...", "  ^"),
        ("x" * 200 + "yz", 202, "..." + "x" * 112 + "yz", " " * 116 + "^"),
        ("x" * 100 + "\tT" + "x" * 100, 102, "..." + "x" * 56 + "\tT" + "x" * 56 + "...", ""),
        ("short", 9, "short", "     ^"),
    ],
)
def test_excerpt_windows(line: str, column: int, shown: str, caret: str) -> None:
    got_shown, got_caret = excerpt(line, column).split("\n")
    assert got_shown == shown
    assert len(got_shown) <= EXCERPT_WIDTH
    if caret:
        assert got_caret == caret
    else:  # the tab case: the caret sits under the 'T' after the kept tab
        assert got_caret == " " * (3 + 56) + "\t^"
        assert got_shown[len(got_caret) - 1] == "T"


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
          application/json: |
            {"id": "$input.params('id')",
             "stage": "$context.stage"}
          application/xml: "<id>$input.params('id')</id>\\n#if($x)"
"""
REQUESTS = "paths//items/{id}/get/x-amazon-apigateway-integration/requestTemplates"


def test_a_selector_renders_the_embedded_template(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    expected = '{"id": "",\n "stage": "prod"}\n'
    for selector in (
        "#application/json",
        "#requestTemplates/json",
        f"#{REQUESTS}/application/json",
    ):
        assert run(api + selector, "--event", REST_EVENT) == (0, expected, "")


def test_a_host_holding_one_template_needs_no_selector(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API.replace(API.splitlines()[-1], ""))
    assert run(api, "--event", REST_EVENT)[:2] == (0, '{"id": "",\n "stage": "prod"}\n')


def test_a_host_holding_several_templates_lists_them(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    assert run(api, "--event", REST_EVENT) == (
        2,
        "",
        f"{api}: the file holds 2 templates; name one with HOST#KEY/PATH: "
        f"'{api}#{REQUESTS}/application/json', '{api}#{REQUESTS}/application/xml'\n",
    )


def test_an_error_in_an_embedded_template_prints_at_the_host_position(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    line = API.splitlines()[11]
    column = line.rindex('"') + 1  # the end of the template: its closing quote
    opened = line.index("#if") + 1  # after the \n escape, in host columns
    assert run(api + "#xml", "--event", REST_EVENT) == (
        1,
        "",
        f"{api}:12:{column}: expected '#end' closing #if, found the end of the template (the "
        f"#if opened at 12:{opened} is still open) [{REQUESTS}/application/xml]\n"
        f"{line}\n" + " " * (column - 1) + "^\n",
    )


def test_a_selector_naming_nothing_is_an_input_error(tmp_path: Path) -> None:
    api = write(tmp_path, "api.yaml", API)
    code, out, err = run(api + "#post", "--event", REST_EVENT)
    assert (code, out) == (2, "")
    assert err.startswith(f"{api}: no template matches 'post'; the templates in it: ")
    code, out, err = run(api + "#", "--event", REST_EVENT)
    assert (code, err) == (
        2,
        f"{api}: expected a key path after '#', found ''; in a shell, quote the selector in "
        "single quotes: '$default' unquoted expands to ''\n",
    )


def test_a_yaml_file_that_is_not_iac_is_not_rendered_as_a_template(tmp_path: Path) -> None:
    config = write(tmp_path, "config.yaml", "debug: true\n")
    code, out, err = run(config, "--event", REST_EVENT)
    assert (code, out) == (2, "")
    assert err.startswith(f"{config}: not a CloudFormation, OpenAPI, serverless or Terraform file")


def test_the_api_kind_defaults_to_the_iac_files(tmp_path: Path) -> None:
    from vtlgw.cli.common import RenderInputs

    api = write(tmp_path, "api.yaml", API)
    inputs = RenderInputs(CONNECT_EVENT, (), (), None, None, None)
    source, _, options = inputs.read(api + "#json")
    assert (source.name, options.api) == (api, "rest")  # a WebSocket event, an OpenAPI template
    source, _, options = RenderInputs(CONNECT_EVENT, (), (), None, None, "websocket").read(
        api + "#json"
    )
    assert options.api == "websocket"
    source, _, options = inputs.read(str(ROOT / "templates/connect.vtl"))
    assert (source.embedded, options.api) == (None, None)


def test_deploy_time_placeholders_are_noted_on_stderr_only(tmp_path: Path) -> None:
    host = write(
        tmp_path,
        "serverless.yml",
        "service: items\nprovider: {name: aws}\nfunctions:\n  get:\n    handler: h\n"
        "    events:\n      - http:\n          path: items\n          method: get\n"
        "          integration: lambda\n          request:\n            template:\n"
        '              application/json: \'{"table": "items-${sls:stage}"}\'\n',
    )
    assert run(host, "--event", REST_EVENT) == (
        0,
        '{"table": "items-{{sls:stage}}"}',
        f"{host}: note: the template holds placeholders for values known only at deploy time: "
        "{{sls:stage}} [functions/get/events/0/http/request/template/application/json]\n",
    )
