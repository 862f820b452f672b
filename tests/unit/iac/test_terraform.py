"""The Terraform reader: templates found where they are, rendered as Terraform renders them.

Fixtures are fixtures/iac/terraform/*; the planted-defect copies in data/terraform/ misspell one
$context variable per template, and each finding must land on that variable in the host file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.errors import InputError
from vtlgw.iac.hclparse import MAX_NESTING
from vtlgw.iac.model import EmbeddedTemplate, Substitution
from vtlgw.iac.terraform import read_terraform
from vtlgw.lint.linter import Linter

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = "fixtures/iac/terraform"
DATA = "tests/unit/iac/data/terraform"
WRAP = 'resource "aws_apigatewayv2_integration" "x" {{\n  request_templates = {{\n{}\n  }}\n}}\n'


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _read(path: str) -> dict[str, EmbeddedTemplate]:
    found = read_terraform(path, Path(path).read_text("utf-8"))
    return {template.key_path_text: template for template in found}


def _one(entry: str, name: str = "main.tf") -> EmbeddedTemplate:
    (template,) = read_terraform(name, WRAP.format(entry))
    return template


def _error(text: str, name: str = "main.tf") -> InputError:
    with pytest.raises(InputError) as info:
        read_terraform(name, text)
    return info.value


def _findings(template: EmbeddedTemplate) -> list[tuple[str, str, int, int]]:
    source = template.lint_source()
    return [
        (f.code, f.location.name, f.location.line, f.location.column) for f in Linter().lint(source)
    ]


def test_the_websocket_fixture_gives_each_template_its_route_and_kind() -> None:
    found = _read(f"{FIXTURES}/websocket.tf")
    seen = {
        key: (t.host, t.position(), t.kind, t.api, t.route, t.content_type)
        for key, t in found.items()
    }
    ws = f"{FIXTURES}/websocket.tf"
    assert seen == {
        "aws_apigatewayv2_integration.connect/request_templates/$default": (
            ws,
            (39, 7),
            "request",
            "websocket",
            "$connect",
            "$default",
        ),
        "aws_apigatewayv2_integration.disconnect/request_templates/$default": (
            ws,
            (67, 19),
            "request",
            "websocket",
            "$disconnect",
            "$default",
        ),
        "aws_apigatewayv2_integration.send/request_templates/$default": (
            f"{FIXTURES}/templates/send.vtl",
            (1, 1),
            "request",
            "websocket",
            "sendMessage",
            "$default",
        ),
        "aws_apigatewayv2_integration_response.send/response_templates/$default": (
            ws,
            (102, 29),
            "response",
            "websocket",
            "sendMessage",
            "$default",
        ),
    }


def test_an_indented_heredoc_loses_the_indentation_its_lines_share() -> None:
    connect = _read(f"{FIXTURES}/websocket.tf")[
        "aws_apigatewayv2_integration.connect/request_templates/$default"
    ]
    assert connect.text.splitlines()[:4] == [
        "#set($now = $context.requestTimeEpoch)",
        "{",
        '  "TableName": "{{var.table_name}}",',
        '  "Item": {',
    ]
    assert '"stage": {"S": "${context.stage}"}' in connect.text
    assert connect.substitutions == (
        Substitution("${var.table_name}", "{{var.table_name}}", False, 57, 75),
    )
    assert connect.deploy_time


def test_quoted_escapes_and_jsonencode_give_the_text_terraform_sends() -> None:
    found = _read(f"{FIXTURES}/websocket.tf")
    quoted = found["aws_apigatewayv2_integration.disconnect/request_templates/$default"]
    assert quoted.text == (
        '{"TableName": "{{var.table_name}}", "Key": {"connectionId": '
        '{"S": "$context.connectionId"}}}'
    )
    encoded = found["aws_apigatewayv2_integration_response.send/response_templates/$default"]
    assert encoded.text == '{"action":"sent","requestId":"$context.requestId","stage":"prod"}'
    assert encoded.substitutions == ()


def test_the_rest_fixture_gives_method_and_path_address_and_template_files() -> None:
    found = _read(f"{FIXTURES}/rest.tf")
    seen = {
        key: (t.host, t.position(), t.kind, t.api, t.method, t.resource) for key, t in found.items()
    }
    rest = f"{FIXTURES}/rest.tf"
    put = f"{FIXTURES}/templates/put_item.tftpl"
    assert seen == {
        "aws_api_gateway_integration.get_item/request_templates/application/json": (
            rest,
            (48, 1),
            "request",
            "rest",
            "GET /items/{id}",
            "aws_api_gateway_integration.get_item",
        ),
        "aws_api_gateway_integration_response.get_item/response_templates/application/json": (
            rest,
            (65, 7),
            "response",
            "rest",
            "GET /items/{id}",
            "aws_api_gateway_integration_response.get_item",
        ),
        "aws_api_gateway_integration.put_item/request_templates/application/json": (
            put,
            (1, 1),
            "request",
            "rest",
            "POST /items",
            "aws_api_gateway_integration.put_item",
        ),
    }
    put_item = found["aws_api_gateway_integration.put_item/request_templates/application/json"]
    assert put_item.host_text == Path(put).read_text("utf-8")
    assert '"TableName": "{{var.table_name}}"' in put_item.text
    assert '"id": {"S": "${context.requestId}"}' in put_item.text
    assert [(s.source, s.value, s.known) for s in put_item.substitutions] == [
        ("${table}", "{{var.table_name}}", False),
        ("${region}", "eu-west-1", True),
    ]


@pytest.mark.parametrize("name", ["websocket.tf", "rest.tf"])
def test_the_fixtures_lint_clean_and_map_every_literal_character(name: str) -> None:
    for key, template in _read(f"{FIXTURES}/{name}").items():
        assert _findings(template) == []
        if key.startswith("aws_apigatewayv2_integration_response.send/"):
            continue  # jsonencode() writes its own punctuation
        replaced = [range(s.start, s.end) for s in template.substitutions]
        for index, char in enumerate(template.text):
            if any(index in span for span in replaced):
                continue
            host = template.host_text[template.host_offset(index)]
            assert host == char or (host == "\\" and template.host.endswith(".tf")), index


@pytest.mark.parametrize(
    ("name", "key", "where"),
    [
        (
            "websocket.tf",
            "aws_apigatewayv2_integration.connect/request_templates/$default",
            ("websocket.tf", 46, 34),
        ),
        (
            "websocket.tf",
            "aws_apigatewayv2_integration.disconnect/request_templates/$default",
            ("websocket.tf", 70, 96),
        ),
        (
            "websocket.tf",
            "aws_apigatewayv2_integration.send/request_templates/$default",
            ("templates/send.vtl", 3, 20),
        ),
        (
            "websocket.tf",
            "aws_apigatewayv2_integration_response.send/response_templates/$default",
            ("websocket.tf", 108, 21),
        ),
        (
            "rest.tf",
            "aws_api_gateway_integration.get_item/request_templates/application/json",
            ("rest.tf", 52, 47),
        ),
        (
            "rest.tf",
            "aws_api_gateway_integration_response.get_item/response_templates/application/json",
            ("rest.tf", 72, 19),
        ),
        (
            "rest.tf",
            "aws_api_gateway_integration.put_item/request_templates/application/json",
            ("templates/put_item.tftpl", 7, 56),
        ),
    ],
    ids=[
        "indented-heredoc",
        "quoted",
        "file",
        "jsonencode",
        "heredoc-escape",
        "heredoc-trimmed",
        "templatefile",
    ],
)
def test_a_planted_defect_is_found_at_its_host_position(
    name: str, key: str, where: tuple[str, int, int]
) -> None:
    template = _read(f"{DATA}/{name}")[key]
    assert _findings(template) == [("VTL201", f"{DATA}/{where[0]}", where[1], where[2])]


def test_a_location_spans_the_host_text_of_the_template_characters() -> None:
    template = _one('    "$default" = "{\\"a\\": \\"$input.body\\"}"')
    start = template.text.index("$input.body")
    where = template.location(start, start + len("$input.body"))
    assert (where.line, where.column, where.end_line, where.end_column) == (3, 29, 3, 40)
    assert template.host_text.splitlines()[2][28:39] == "$input.body"


@pytest.mark.parametrize(
    ("entry", "text"),
    [
        ('    "$default" = <<-E\n\t\ta\n\t\t  b\n    E', "a\n  b\n"),
        ('    "$default" = <<-E\n    a\n  \n    b\nE', "a\n  \nb\n"),
        ('    "$default" = <<-E\n    a\n${var.x}\nE', "    a\n{{var.x}}\n"),
        ('    "$default" = <<E\n  a\n   E  ', "  a\n"),
        ('    "$default" = <<-E\n    %{ if true ~}\n    a\n    %{ endif ~}\nE', "    a\n"),
        ('    "$default" = <<E\nE', ""),
        ('    "$default" = "a ${~ "b" ~} c"', "abc"),
        (
            '    "$default" = "\\u00e9\\U0001F600\\t$$${x} %%{y} 100%"',
            "é\U0001f600\t$${x} %{y} 100%",
        ),
        ('    "$default" = "%{ if false }A%{ else }B%{ endif }"', "B"),
        ('    "$default" = "%{ for s in ["a", "b"] }${s};%{ endfor }"', "a;b;"),
        ('    "$default" = "%{ for k, v in {y = 2, x = 1} }${k}=${v} %{ endfor }"', "x=1 y=2 "),
    ],
    ids=[
        "tabs",
        "blank-line",
        "interpolation-at-line-start",
        "indented-marker",
        "strip-then-flush",
        "empty",
        "strip-markers",
        "escapes",
        "if-false",
        "for-list",
        "for-object",
    ],
)
def test_terraform_template_rules(entry: str, text: str) -> None:
    assert _one(entry).text == text


def test_a_condition_only_deploy_time_knows_keeps_its_first_branch_and_says_so() -> None:
    template = _one('    "$default" = "x%{ if var.debug }A${var.y}%{ else }B%{ endif }"')
    assert template.text == "xA{{var.y}}"
    assert template.substitutions == (
        Substitution("${var.y}", "{{var.y}}", False, 2, 11),
        Substitution("%{ if var.debug }", "A{{var.y}}", False, 1, 11),
    )
    loop = _one('    "$default" = "%{ for r in var.routes }[${r}]%{ endfor }"')
    assert loop.text == "[{{r}}]"
    assert loop.substitutions[-1] == Substitution(
        "%{ for r in var.routes }", "[{{r}}]", False, 0, 7
    )


def test_jsonencode_sorts_keys_and_escapes_as_terraform_does() -> None:
    template = _one(
        '    "$default" = jsonencode({\n'
        '      b = 1.50, a = [true, null, 1e3, -2], c = "<&>\\n\\u2028"\n'
        '      d = var.x, "e f" = { z = "$input.body" }\n'
        "    })"
    )
    assert template.text == (
        '{"a":[true,null,1000,-2],"b":1.5,"c":"\\u003c\\u0026\\u003e\\n\\u2028",'
        '"d":"{{var.x}}","e f":{"z":"$input.body"}}'
    )
    assert template.substitutions == (Substitution("var.x", "{{var.x}}", False, 71, 80),)
    start = template.text.index("$input.body")
    assert template.location(start, start).column == 33


def test_a_local_and_a_deploy_time_value_are_followed_or_shown() -> None:
    text = "locals {\n  tpl = <<EOF\n$context.requestId\nEOF\n}\n" + WRAP.format(
        '    "$default" = local.tpl\n    "text/plain" = var.tpl'
    )
    local, unknown = read_terraform("main.tf", text)
    assert (local.text, local.position(), local.deploy_time) == (
        "$context.requestId\n",
        (3, 1),
        False,
    )
    assert (unknown.text, unknown.position(), unknown.deploy_time) == ("{{var.tpl}}", (9, 20), True)


def test_routes_follow_the_target_and_stay_unknown_when_routes_disagree() -> None:
    route = (
        'resource "aws_apigatewayv2_route" "{0}" {{\n  route_key = "{1}"\n'
        '  target = "integrations/${{aws_apigatewayv2_integration.x.id}}"\n}}\n'
    )
    same = WRAP.format('    "$default" = "{}"') + route.format("a", "k") + route.format("b", "k")
    assert read_terraform("main.tf", same)[0].route == "k"
    apart = WRAP.format('    "$default" = "{}"') + route.format("a", "k") + route.format("b", "j")
    assert read_terraform("main.tf", apart)[0].route is None


def test_template_files_resolve_inside_the_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("t.vtl").write_text('#set($a = 1)\n{"n": "${name}"}\n', "utf-8")
    text = WRAP.format('    "$default" = "${file("t.vtl")}"\n    "a/b" = templatefile("t.vtl", {})')
    with pytest.raises(InputError) as info:
        read_terraform("main.tf", text)
    error = info.value
    assert (error.name, error.line, error.column) == ("t.vtl", 2, 10)
    assert error.message == (
        "templatefile(): name is not one of the variables given (none); Terraform: vars map "
        'does not contain key "name"'
    )
    (plain,) = read_terraform("main.tf", WRAP.format('    "$default" = "${file("t.vtl")}"'))
    assert (plain.host, plain.text, plain.position()) == (
        "t.vtl",
        Path("t.vtl").read_text("utf-8"),
        (1, 1),
    )


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            WRAP.format('    "$default" = <<EOF\n{}'),
            (3, 18),
            "this heredoc is never closed: expected a line holding only EOF",
        ),
        (
            "locals {\n  t = <<EOF\nx\nEOF",
            (4, 1),
            "the closing EOF must end with a line break, or Terraform reads this heredoc as "
            "never closed",
        ),
        (
            'resource "a" "b" {\n  x = 1\n',
            (1, 18),
            "this block is never closed: expected } before the end of the file",
        ),
        ("locals {\n}\n}\n", (3, 1), "unexpected }: no block is open here"),
        (
            'locals {\n  t = "a\\$b"\n}\n',
            (2, 9),
            '\\$ is not an escape Terraform knows; expected \\n, \\r, \\t, \\", \\\\, \\uNNNN or '
            "\\UNNNNNNNN (\\\\ for a backslash)",
        ),
        (
            'locals {\n  t = "\\u00e"\n}\n',
            (2, 8),
            "expected 4 hexadecimal digits after \\u, found '\\\\u00e'",
        ),
        (
            'locals {\n  t = "abc\n}\n',
            (2, 7),
            "this string is not closed on its line: a quoted string cannot hold a line break "
            '(Terraform: "Invalid multi-line string"); write \\n, or use a heredoc',
        ),
        (
            'locals {\n  t = "${var.x"\n}\n',
            (2, 15),
            "expected } to close the ${ at 2:8, found '\"'",
        ),
        (
            'locals {\n  t = "%{ iff x }"\n}\n',
            (2, 11),
            "expected if, else, endif, for or endfor after %{, found 'iff'",
        ),
        ("locals {\n  t = {\n    a = 1\n", (2, 7), "this { is never closed: expected }"),
        (
            "locals {\n  t = 1 2\n}\n",
            (2, 9),
            "expected a line break after the value of t, found '2'",
        ),
        ("locals {\n  t = 1\n  t = 2\n}\n", (3, 3), "t is already set in this block (at 2:3)"),
        (
            'resource "a" {\n}\n',
            (1, 1),
            "a resource block takes two labels, a type and a name; found 1",
        ),
        (
            'resource "a" "b" {\n}\nresource "a" "b" {\n}\n',
            (3, 1),
            "resource a.b is defined twice (first at 1:1)",
        ),
        (
            WRAP.format('    "$default" = "${context.requestId}"'),
            (3, 21),
            "${context.requestId} is Terraform interpolation: Terraform reads "
            "context.requestId as a reference and fails; to pass ${context.requestId} to "
            "API Gateway as VTL, write $${context.requestId}",
        ),
        (
            WRAP.format('    "a" = "x"\n    "a" = "y"'),
            (4, 5),
            "request_templates sets 'a' twice (first at 3:5); Terraform keeps only the last",
        ),
        (
            WRAP.format('    "a" = "%{ if var.x }y"'),
            (3, 12),
            "this %{ if } is never closed: expected %{ endif }",
        ),
        (
            WRAP.format('    "a" = "%{ if var.x }y%{ endfor }"'),
            (3, 26),
            "expected %{ endif } for the %{ if } at 3:12, found %{ endfor }",
        ),
        (
            WRAP.format('    "a" = jsonencode({ k = 1, "k" = 2 })'),
            (3, 31),
            "jsonencode(): the key 'k' is set twice (first at 3:24); Terraform keeps only the last",
        ),
        (
            WRAP.format('    "a" = file("missing.vtl")'),
            (3, 11),
            "file('missing.vtl'): cannot read template file: No such file or directory",
        ),
        (
            WRAP.format('    "a" = file("/etc/hostname")'),
            (3, 11),
            "file('/etc/hostname'): '/etc/hostname' is outside the folder of the file that "
            "names it and the working directory; vtlgw reads only files inside the project",
        ),
    ],
    ids=[
        "unterminated-heredoc",
        "marker-at-eof",
        "unclosed-block",
        "stray-brace",
        "bad-escape",
        "short-unicode",
        "multi-line-string",
        "unclosed-interpolation",
        "bad-directive",
        "unclosed-object",
        "two-values",
        "attribute-twice",
        "one-label",
        "resource-twice",
        "vtl-as-interpolation",
        "key-twice",
        "if-unclosed",
        "if-endfor",
        "json-key-twice",
        "missing-file",
        "file-outside",
    ],
)
def test_errors_in_the_host_file_point_at_it(
    text: str, where: tuple[int, int], message: str
) -> None:
    error = _error(text)
    assert (error.name, error.line, error.column, error.message) == ("main.tf", *where, message)
    assert error.source_line == text.splitlines()[where[0] - 1]


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 50_000])
def test_nesting_is_bounded_without_running_out_of_stack(depth: int) -> None:
    error = _error("locals {\n  t = " + "[" * depth + "]" * depth + "\n}\n")
    assert (error.line, error.message) == (2, f"nested more than {MAX_NESTING} levels deep")


def test_a_file_without_templates_gives_none() -> None:
    assert (
        read_terraform("main.tf", 'variable "x" {\n  default = "y" # a comment\n}\n/* more */\n')
        == []
    )


def test_a_tf_json_file_reads_each_string_as_a_terraform_template() -> None:
    found = _read(f"{FIXTURES}/websocket.tf.json")
    connect = found["aws_apigatewayv2_integration.connect/request_templates/$default"]
    assert (connect.position(), connect.route) == ((18, 24), "$connect")
    assert connect.text.splitlines()[1] == '  "TableName": "{{var.table_name}}",'
    assert '"stage": {"S": "${context.stage}"}' in connect.text
    send = found["aws_apigatewayv2_integration.send/request_templates/$default"]
    assert (send.host, send.route) == (f"{FIXTURES}/templates/send.vtl", "sendMessage")
    defect = _read(f"{DATA}/websocket.tf.json")[
        "aws_apigatewayv2_integration.connect/request_templates/$default"
    ]
    assert _findings(defect) == [("VTL201", f"{DATA}/websocket.tf.json", 18, 115)]


def test_a_tf_json_template_error_points_through_the_json_escapes() -> None:
    text = (
        '{"resource": {"aws_apigatewayv2_integration": {"x": {"request_templates": '
        '{"a": "\\u0024{var.x\\""}}}}}'
    )
    error = _error(text, "main.tf.json")
    assert (error.name, error.line, error.column) == ("main.tf.json", 1, 94)
    assert error.message == "expected } to close the ${ at 1:82, found '\"'"


def test_a_websocket_template_names_its_resource_address() -> None:
    found = _read(f"{FIXTURES}/websocket.tf")
    assert [t.resource for t in found.values()] == [
        "aws_apigatewayv2_integration.connect",
        "aws_apigatewayv2_integration.disconnect",
        "aws_apigatewayv2_integration.send",
        "aws_apigatewayv2_integration_response.send",
    ]


def test_a_long_chain_of_locals_is_refused_without_running_out_of_stack() -> None:
    chain = "".join(f'  l{n} = "${{local.l{n + 1}}}x"\n' for n in range(5_000))
    error = _error(f"locals {{\n{chain}  l5000 = 1\n}}\n" + WRAP.format('    "a" = local.l0'))
    assert (error.line, error.column) == (MAX_NESTING + 2, 12)
    assert error.message == f"values nest more than {MAX_NESTING} levels deep (through locals)"
