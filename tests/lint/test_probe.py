"""The render check's synthetic event: what it holds, which route, and the bounded render."""

from __future__ import annotations

import json
from typing import Any

import pytest

from vtlgw.engine.parser import parse
from vtlgw.lint.eventplan import EventPlan, build_event, guess_route, plan_event
from vtlgw.lint.jsonshape import analyse
from vtlgw.lint.probe import ProbeResult, render_probe
from vtlgw.lint.source import ApiKind


def _plan(text: str) -> EventPlan:
    root = parse(text, name="t.vtl").root
    return plan_event(root, text, analyse(root, text))


def _event(text: str, route: str) -> dict[str, Any]:
    return build_event(_plan(text), route)[0]


def _probe(
    text: str, api: ApiKind | None = None, route_kind: str | None = None
) -> ProbeResult | None:
    parsed = parse(text, name="t.vtl")
    return render_probe(parsed, analyse(parsed.root, text), api=api, route_kind=route_kind)


def test_the_body_has_a_value_at_every_path_numbers_where_printed_unquoted() -> None:
    text = (
        "#set($n = $input.path('$.order.count'))\n"
        '{"id": "$input.path(\'$.order.id\')", "count": $n, '
        '"raw": $input.json(\'$.order.meta\'), "first": "$input.path(\'$.lines[1].sku\')"}'
    )
    body = json.loads(_event(text, "rest")["body"])
    assert body == {
        "order": {"id": "value1", "count": 1, "meta": 1},
        "lines": [{"sku": "value2"}, {"sku": "value3"}],
    }


def test_loops_make_lists_and_loop_properties_fill_their_elements() -> None:
    text = (
        "#set($root = $input.path('$'))\n"
        "[#foreach($e in $root.items)"
        '{"p": $e.price, "n": "$e.name", "c": $e.tags.size()}'
        "#end]"
    )
    body = json.loads(_event(text, "rest")["body"])
    assert body == {"items": [{"price": 1, "name": "value1", "tags": ["value2"]}]}


def test_parse_json_sources_hold_json_text_of_what_is_read_from_them() -> None:
    text = (
        "#set($err = $util.parseJson($input.path('$.errorMessage')))\n"
        '{"type": "$err.errorType", "id": "$err.trace.requestId"}'
    )
    body = json.loads(_event(text, "rest")["body"])
    assert json.loads(body["errorMessage"]) == {
        "errorType": "value1",
        "trace": {"requestId": "value2"},
    }


def test_parameters_authorizer_and_stage_variables_land_where_the_route_has_them() -> None:
    text = (
        '{"a": "$input.params(\'token\')", "h": "$input.params().header.get(\'X-Trace\')", '
        '"q": "$input.params().querystring.page", "p": "$input.params().path.id", '
        '"u": $context.authorizer.claims.sub, "t": "$stageVariables.table"}'
    )
    rest = _event(text, "rest")
    assert rest["queryStringParameters"] == {"token": "value3", "page": "value1"}
    assert rest["headers"]["X-Trace"] == "value2"
    assert rest["pathParameters"] == {"id": "value4"}
    assert rest["requestContext"]["authorizer"]["claims"] == {"sub": "1"}
    assert rest["stageVariables"] == {"table": "value5"}
    disconnect = _event(text, "disconnect")
    assert disconnect["headers"]["token"] == "value3"
    assert "queryStringParameters" not in disconnect
    message = _event(text, "message")
    assert "headers" not in message and "queryStringParameters" not in message


@pytest.mark.parametrize(
    ("text", "api", "route_kind", "expected"),
    [
        ('{"a": "$context.stage"}', None, "disconnect", "disconnect"),
        ('{"a": "$context.stage"}', "rest", None, "rest"),
        ('{"a": "$context.stage"}', None, None, "rest"),
        ('{"a": "$context.httpMethod"}', None, None, "rest"),
        ('{"a": "$context.httpMethod"}', "websocket", None, "message"),
        ('{"a": "$context.connectionId"}', None, None, "message"),
        ('{"a": "$context.connectionId", "b": "$input.params(\'x\')"}', None, None, "connect"),
        ('{"a": "$context.connectionId", "b": "$input.body"}', None, None, "message"),
        ('{"a": "$context.disconnectReason"}', None, None, "disconnect"),
    ],
)
def test_the_route_is_the_configured_one_else_guessed_from_context(
    text: str, api: ApiKind | None, route_kind: str | None, expected: str
) -> None:
    assert guess_route(_plan(text), api, route_kind) == expected


def test_a_render_for_the_plausible_event() -> None:
    result = _probe('{"stage": "$context.stage", "n": $input.path(\'$.n\')}')
    assert result is not None
    assert (result.route, result.output, result.error) == (
        "rest",
        '{"stage": "prod", "n": 1}',
        None,
    )
    assert result.body == '{"n": 1}' and result.words == ()


def test_the_error_blames_the_reference_that_printed_the_synthetic_word() -> None:
    text = '{\n  "a": "$input.json(\'$.a\')"\n}'
    result = _probe(text)
    assert result is not None and result.output == '{\n  "a": ""value1""\n}'
    blamed = result.blame(result.output.index("value1"))
    assert blamed is not None and text[blamed.start : blamed.end] == "$input.json('$.a')"
    assert result.blame(0) is None


def test_api_gateway_foreach_cap_is_a_render_error_but_the_probe_budget_is_not() -> None:
    capped = _probe('{"a": "#foreach($i in [1..1001])x#end"}')
    assert capped is not None and capped.output is None and capped.error is not None
    assert capped.error.message == (
        "#foreach over $i has 1001 items; API Gateway stops #foreach at 1000 iterations"
    )
    # a million iterations: the probe's step budget gives up and reports nothing
    assert _probe('{"a": "#foreach($i in [1..999])#foreach($j in [1..999])x#end#end"}') is None


def test_a_render_error_is_returned() -> None:
    result = _probe('#set($x = $context.requestId.substring(0, 99)){"a": "$x"}', "websocket")
    assert result is not None and result.error is not None and result.output is None
    assert result.route == "message"
    assert "substring" in result.error.message and "StringIndexOutOfBoundsException" in (
        result.error.message
    )
