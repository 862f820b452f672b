"""VTL210-VTL214, VTL230, VTL231 and VTL302: hazards in templates whose output is JSON.

Named ``test_jsonout_rules`` because ``tests/unit/validate/test_jsonout.py`` already holds the
basename ``test_jsonout`` (pytest's default import mode needs unique basenames).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vtlgw.lint.linter import Linter
from vtlgw.lint.selection import Selection
from vtlgw.lint.source import ApiKind, LintSource

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data" / "jsonout"
MINE = ("VTL210", "VTL211", "VTL212", "VTL213", "VTL214", "VTL230", "VTL231", "VTL302")
MINE_BY_DEFAULT = ("VTL210", "VTL211", "VTL212", "VTL213", "VTL230", "VTL302")
REPAIR = '.replaceAll("\\\\\'","\'")'


def lint(
    text: str,
    select: tuple[str, ...] = MINE,
    *,
    api: ApiKind | None = None,
    route: str | None = None,
    content_type: str | None = None,
) -> list[tuple[str, str, str]]:
    source = LintSource(text, "t.vtl", api=api, route=route, content_type=content_type)
    findings = Linter(Selection(select=select)).lint(source)
    return [(f.code, f"{f.location.line}:{f.location.column}", f.message) for f in findings]


def codes(text: str, select: tuple[str, ...] = MINE, **where: Any) -> list[tuple[str, str]]:
    return [(code, at) for code, at, _ in lint(text, select, **where)]


# --- VTL210 input-json-in-quotes ---------------------------------------------------------


def test_input_json_inside_quotes() -> None:
    assert lint('{\n  "name": "$input.json(\'$.name\')"\n}', ("VTL210",)) == [
        (
            "VTL210",
            "2:12",
            "$input.json('$.name') prints JSON (a string with its own quotes), so inside a "
            "JSON string it breaks the output (ref §2, §9.2); drop the surrounding quotes, or "
            "use $input.path(...) inside them for a string value",
        )
    ]
    text = '{"a": "id: ${input.json("$.id")}", "$!input.json(\'$.k\')": 1}'
    assert codes(text, ("VTL210",)) == [("VTL210", "1:12"), ("VTL210", "1:37")]


@pytest.mark.parametrize(
    "text",
    [
        "{\"name\": $input.json('$.name')}",
        '{"data": "$util.escapeJavaScript($input.json(\'$\'))' + REPAIR + '"}',
        '{"data": "$util.base64Encode($input.json(\'$.Data\'))"}',
        "<a href=\"$input.json('$.x')\"/>",
    ],
)
def test_input_json_unquoted_or_transformed_is_fine(text: str) -> None:
    assert lint(text, ("VTL210",)) == []


# --- VTL211 java-map-in-json -------------------------------------------------------------


def test_params_map_in_a_string_and_unquoted() -> None:
    assert lint('{"params": "$input.params()",\n "h": $input.params().header}', ("VTL211",)) == [
        (
            "VTL211",
            "1:13",
            "$input.params() prints a Java map ({key=value, ...}), not JSON, and inside a JSON "
            'string it breaks on any " or \\ in a value (ref §2.1, §9.2); build a JSON object '
            "with #foreach over its keySet(), escaping each value",
        ),
        (
            "VTL211",
            "2:7",
            "$input.params().header prints a Java map ({key=value, ...}), not JSON, and it does "
            "not parse as JSON (ref §2.1, §9.2); build a JSON object with #foreach over its "
            "keySet(), escaping each value",
        ),
    ]


def test_whole_body_path_and_maps_held_in_variables() -> None:
    text = (
        "#set($p = $input.params())#set($q = $p.querystring)#set($b = $input.path('$'))\n"
        '{"q": "$q", "p": $p, "b": $b}'
    )
    found = lint(text, ("VTL211",))
    assert [(code, at) for code, at, _ in found] == [
        ("VTL211", "2:8"),
        ("VTL211", "2:18"),
        ("VTL211", "2:27"),
    ]
    assert found[2][2] == (
        "$b prints a Java map ({key=value, ...}), not JSON, and it does not parse as JSON "
        "(ref §2.1, §9.2); print $input.json('$') (unquoted) for the body as JSON"
    )


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "$input.path(\'$.name\')", "id": "$input.params(\'id\')"}',
        '{"host": "$input.params().header.get(\'Host\')"}',
        '#set($p = $input.params())\n{"n": $p.querystring.size()}',
        "{\"body\": $input.json('$')}",
        "Action=Send&Params=$util.urlEncode($input.params())",
    ],
)
def test_values_taken_from_maps_are_fine(text: str) -> None:
    assert lint(text, ("VTL211",)) == []


# --- VTL212 body-in-json-string ----------------------------------------------------------


def test_body_in_a_json_string() -> None:
    assert lint('{\n  "frame": "$input.body"\n}', ("VTL212",)) == [
        (
            "VTL212",
            "2:13",
            '$input.body is the raw request body: inside a JSON string any " or line break in '
            'it breaks the JSON (ref §9.3); write "$util.escapeJavaScript($input.body)'
            + REPAIR
            + '" instead',
        )
    ]
    assert codes('{"a": "got: $!{input.body}!"}', ("VTL212",)) == [("VTL212", "1:13")]


@pytest.mark.parametrize(
    "text",
    [
        '{"frame": "$util.escapeJavaScript($input.body)' + REPAIR + '"}',
        '{"body": $input.body}',
        '{"b64": "$util.base64Encode($input.body)"}',
        "Action=SendMessage&MessageBody=$input.body",
    ],
)
def test_body_escaped_or_unquoted_is_fine(text: str) -> None:
    assert lint(text, ("VTL212",)) == []


# --- VTL302 escape-javascript-in-json-string -----------------------------------------------


def test_escape_javascript_without_the_repair() -> None:
    text = (
        "#set($v = $util.escapeJavaScript($input.path('$.v')))\n"
        '{"a": "$util.escapeJavaScript($input.path(\'$.a\'))", "v": "$v"}'
    )
    assert lint(text, ("VTL302",)) == [
        (
            "VTL302",
            "2:8",
            "$util.escapeJavaScript($input.path('$.a')) turns ' into \\', which is not a JSON "
            f"escape (ref §3.1, §9.1); append {REPAIR}",
        ),
        (
            "VTL302",
            "2:59",
            "$v (it holds $util.escapeJavaScript(...) set without the repair) turns ' into "
            f"\\', which is not a JSON escape (ref §3.1, §9.1); append {REPAIR}",
        ),
    ]


def test_a_transform_that_is_not_the_repair_still_leaves_the_escape() -> None:
    text = '{"a": "$util.escapeJavaScript($x).replaceAll("\\n", " ")"}'
    assert codes(text, ("VTL302",)) == [("VTL302", "1:8")]


@pytest.mark.parametrize(
    "text",
    [
        '{"a": "$util.escapeJavaScript($x)' + REPAIR + '"}',
        '{"a": "$util.escapeJavaScript($x).replace("\\\'", "\'")"}',
        "#set($v = $util.escapeJavaScript($x)" + REPAIR + ')\n{"v": "$v"}',
        '{"id": "$util.escapeJavaScript($context.requestId)"}',
        "Action=Send&Body=$util.escapeJavaScript($input.body)",
        '{"a": $util.escapeJavaScript($x)}',
    ],
)
def test_repaired_or_quote_free_escapes_are_fine(text: str) -> None:
    assert lint(text, ("VTL302",)) == []


# --- VTL213 unquoted-nullable-value ------------------------------------------------------


def test_unquoted_values_that_render_empty_when_absent() -> None:
    text = (
        "{\n"
        "  \"count\": $input.path('$.count'),\n"
        "  \"limit\": $input.params('limit'),\n"
        '  "role": $context.authorizer.role,\n'
        '  "max": $stageVariables.max,\n'
        "  \"ids\": [$input.path('$.a'), $input.path('$.b')]\n"
        "}"
    )
    found = lint(text, ("VTL213",))
    assert [(code, at) for code, at, _ in found] == [
        ("VTL213", "2:12"),
        ("VTL213", "3:12"),
        ("VTL213", "4:11"),
        ("VTL213", "5:10"),
        ("VTL213", "6:11"),
        ("VTL213", "6:31"),
    ]
    assert found[0][2] == (
        "$input.path('$.count') is an unquoted JSON value that renders nothing when the value "
        'is absent, leaving invalid JSON such as "n": , (ref §9.4, §11.1); quote it for a '
        'string, or guard it: #if("$!{input.path(\'$.count\')}" != "")...#{else}null#end'
    )


def test_a_variable_holding_a_nullable_value() -> None:
    assert codes("#set($n = $input.path('$.n'))\n{\"n\": $!n}", ("VTL213",)) == [("VTL213", "2:7")]


@pytest.mark.parametrize(
    "text",
    [
        '{"n": "$input.path(\'$.n\')"}',
        "{\"n\": $input.json('$.n')}",
        '{"t": $context.requestTimeEpoch}',
        "#if($input.path('$.n') != \"\")\n{\"n\": $input.path('$.n')}\n#end",
        '#set($n = $input.path(\'$.n\'))\n{"n": #if("$!n" == "")null#{else}$n#end}',
        '#set($n = $input.path(\'$.n\'))#if($n == "")#set($n = 0)#end\n{"n": $n}',
        "{\"n\": $input.path('$')}",
        "Count=$input.path('$.n')",
        "[#foreach($id in $input.path('$.ids'))$id#if($foreach.hasNext),#end#end]",
    ],
)
def test_quoted_guarded_or_always_present_values_are_fine(text: str) -> None:
    assert lint(text, ("VTL213",)) == []


# --- VTL214 unquoted-object-property (opt-in) --------------------------------------------


def test_loop_and_object_properties_are_opt_in() -> None:
    text = (
        "#set($root = $input.path('$'))\n"
        '{"page": $root.page, "items": [#foreach($e in $root.items)'
        '{"p": $e.price, "n": "$e.name"}#if($foreach.hasNext),#end#end]}'
    )
    default = Linter().lint(LintSource(text, "t.vtl"))
    assert [f.code for f in default if f.code == "VTL214"] == []
    found = lint(text, ("VTL214",))
    assert [(code, at) for code, at, _ in found] == [("VTL214", "2:10"), ("VTL214", "2:65")]
    assert found[1][2] == (
        "$e.price is an unquoted JSON value that renders nothing for an object without it, "
        "leaving invalid JSON (ref §9.4, §11.1); quote it for a string, or guard it: "
        '#if("$!{e.price}" != "")...#{else}null#end'
    )


def test_a_property_of_a_parsed_json_object() -> None:
    text = "#set($o = $util.parseJson($input.path('$.msg')))\n{\"code\": $o.code}"
    assert codes(text, ("VTL214",)) == [("VTL214", "2:10")]


def test_a_literal_list_loop_variable_property_counts_too() -> None:
    text = '[#foreach($e in [{"a": 1}]){"a": $e.a}#end]'
    assert codes(text, ("VTL214",)) == [("VTL214", "1:34")]


# --- VTL230 render-invalid-json ----------------------------------------------------------


def test_render_check_blames_the_reference_that_printed_the_bad_text() -> None:
    text = '{\n  "id": "$input.json(\'$.id\')",\n  "stage": "$context.stage"\n}'
    assert lint(text, ("VTL230",), api="rest") == [
        (
            "VTL230",
            "2:10",
            "rendered for a synthetic rest event that has every value the template reads, the "
            "output is not valid JSON: expected ',' or '}' after an object member, found 'v' "
            'at output 2:11 (\'"id": ""value1"",\'); it comes from $input.json(\'$.id\') here',
        )
    ]


def test_render_check_traces_a_value_missing_on_the_route() -> None:
    text = '{\n  "connectedAt": $context.connectedAt,\n  "stage": "$context.stage"\n}'
    assert lint(text, ("VTL230",), api="rest") == [
        (
            "VTL230",
            "2:18",
            "rendered for a synthetic rest event that has every value the template reads, the "
            "output is not valid JSON: expected a JSON value, found ',' at output 2:18 "
            "('\"connectedAt\": ,'); this reference probably rendered empty (null or "
            "undefined), leaving no JSON value; quote it or give it a default",
        )
    ]
    assert lint(text, ("VTL230",), api="websocket", route="$connect") == []


def test_render_check_without_a_traceable_spot_reports_at_the_start() -> None:
    assert lint('{"a": 1,}', ("VTL230",)) == [
        (
            "VTL230",
            "1:1",
            "rendered for a synthetic rest event that has every value the template reads, the "
            "output is not valid JSON: expected a member name in double quotes, found '}' at "
            "output 1:9 ('{\"a\": 1,}')",
        )
    ]


def test_render_check_blames_the_body_printed_into_a_string() -> None:
    text = '{\n  "n": "$input.path(\'$.n\')",\n  "raw": "$input.body"\n}'
    assert codes(text, ("VTL230",)) == [("VTL230", "3:11")]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Action=SendMessage&MessageBody=$input.body", {}),
        ('#if($input.path(\'$.kind\') == "a"){"a": 1}#end', {}),
        ('{"n": $input.path(\'$.n\'), "s": "$input.path(\'$.s\')"}', {}),
        ('{"msg": $context.error.messageString}', {}),
        ('{"a": "#foreach($i in [1..999])#foreach($j in [1..999])x#end#end"}', {}),
        ("$input.json('$')", {"content_type": "application/json"}),
    ],
)
def test_render_check_is_quiet_on_correct_unjudged_or_non_json_output(
    text: str, where: dict[str, Any]
) -> None:
    assert lint(text, ("VTL230",), **where) == []


def test_render_check_judges_output_that_starts_with_a_reference_by_content_type() -> None:
    text = "$input.json('$.a')\n,"
    assert codes(text, ("VTL230",), content_type="application/json") == [("VTL230", "1:1")]
    assert codes(text, ("VTL230",)) == []


# --- VTL231 render-error (opt-in) ------------------------------------------------------------


def test_render_error_is_opt_in_and_reported_where_it_happened() -> None:
    text = '#set($id = $context.requestId.substring(0, 99))\n{"id": "$id"}'
    assert [f.code for f in Linter().lint(LintSource(text, "t.vtl"))] == []
    found = lint(text, ("VTL231",), api="websocket", route="$default")
    assert [(code, at) for code, at, _ in found] == [("VTL231", "1:31")]
    assert found[0][2].startswith(
        "rendering for a synthetic message event that has every value the template reads fails: "
    )
    assert "StringIndexOutOfBoundsException" in found[0][2]


def test_api_gateway_foreach_cap_is_a_render_error() -> None:
    text = '{"a": "#foreach($i in [1..1001])x#end"}'
    assert lint(text, ("VTL231",)) == [
        (
            "VTL231",
            "1:8",
            "rendering for a synthetic rest event that has every value the template reads "
            "fails: #foreach over $i has 1001 items; API Gateway stops #foreach at 1000 "
            "iterations (ref §5.5)",
        )
    ]


# --- real templates ---------------------------------------------------------------------

_ROUTES: dict[str, tuple[ApiKind | None, str | None]] = {
    "connect.vtl": ("websocket", "$connect"),
    "default.vtl": ("websocket", "$default"),
    "disconnect.vtl": ("websocket", "$disconnect"),
    "dynamodb-putitem-connect.vtl": ("websocket", "$connect"),
    "sqs-sendmessage.vtl": ("websocket", "$default"),
    "rest-lambda.vtl": ("rest", None),
    "connect-putitem.vtl": ("websocket", "$connect"),
}
_BUNDLED = sorted(
    [*(ROOT / "templates").glob("*.vtl"), *(ROOT / "fixtures/integrations/templates").iterdir()]
)


@pytest.mark.parametrize("path", _BUNDLED, ids=lambda path: path.name)
def test_bundled_templates_are_clean_configured_or_not(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    api, route = _ROUTES.get(path.name, (None, None))
    assert lint(text, api=api, route=route) == []
    assert lint(text) == []


@pytest.mark.parametrize("path", sorted((DATA / "good").glob("*.vtl")), ids=lambda p: p.name)
def test_realistic_correct_templates_are_clean_under_the_default_rules(path: Path) -> None:
    assert lint(path.read_text(encoding="utf-8"), (*MINE_BY_DEFAULT, "VTL231")) == []


_BAD = {
    "connect-params-dump.vtl": [("VTL211", "4:14")],
    "sfn-unrepaired.vtl": [("VTL302", "2:13")],
    "lambda-count.vtl": [
        ("VTL213", "4:12"),
        ("VTL212", "5:12"),
        ("VTL230", "5:12"),
        ("VTL214", "6:12"),
    ],
}


@pytest.mark.parametrize("name", sorted(_BAD))
def test_realistic_broken_templates(name: str) -> None:
    text = (DATA / "bad" / name).read_text(encoding="utf-8")
    where: dict[str, Any] = {"api": "websocket", "route": "$connect"} if "connect" in name else {}
    assert codes(text, **where) == _BAD[name]


def test_a_guard_through_a_variable_counts() -> None:
    text = (
        "#set($n = $input.path('$.n'))\n"
        '{#if($input.path(\'$.n\') != "")"n": $n#end}\n'
        '{#if("$!n" != "")"m": $input.path(\'$.n\')#end}'
    )
    assert lint(text, ("VTL213",)) == []
