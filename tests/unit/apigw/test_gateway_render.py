"""Rendering through the engine: shipped templates, and the V-tagged facts of §2, §3 and §11."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from vtlgw.apigw.render import render, render_event
from vtlgw.apigw.util import url_encode

ROOT = Path(__file__).resolve().parents[3]
RECORDED = json.loads(Path(__file__).with_name("templates_recorded.json").read_text("utf-8"))


def fixture(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((ROOT / "fixtures/events" / f"{name}.json").read_text())
    return loaded


def template(name: str) -> str:
    return (ROOT / "templates" / f"{name}.vtl").read_text("utf-8")


def rest(body: str | None = None, **fields: Any) -> dict[str, Any]:
    event = fixture("rest")
    event["body"] = body
    event.update(fields)
    return event


@pytest.mark.parametrize(
    "case", RECORDED, ids=[f"{case['template']}-{case['event']}" for case in RECORDED]
)
def test_shipped_template_renders_as_velocity_17_does(case: dict[str, str]) -> None:
    # expected outputs recorded from Apache Velocity 1.7 (tests/unit/apigw/record_templates.py)
    output = render(template(case["template"]), fixture(case["event"]))
    assert output == case["output"]


@pytest.mark.parametrize("case", RECORDED, ids=[f"{c['template']}-{c['event']}" for c in RECORDED])
def test_shipped_template_output_matches_its_schema(case: dict[str, str]) -> None:
    schema = json.loads((ROOT / "fixtures/schemas" / f"{case['template']}.schema.json").read_text())
    jsonschema.validate(
        json.loads(render(template(case["template"]), fixture(case["event"]))), schema
    )


def test_sqs_template_is_one_form_encoded_line() -> None:
    event = fixture("message-custom")
    output = render(template("sqs-sendmessage"), event)
    assert output == (
        "Action=SendMessage&MessageBody="
        + url_encode(event["body"])
        + "&MessageAttribute.1.Name=connectionId&MessageAttribute.1.Value.DataType=String"
        + "&MessageAttribute.1.Value.StringValue=BFaT_fALIAMCKug%3D"
        + "&MessageAttribute.2.Name=routeKey&MessageAttribute.2.Value.DataType=String"
        + "&MessageAttribute.2.Value.StringValue=chat"
    )


def test_event_may_be_a_path_or_json_text() -> None:
    path = ROOT / "fixtures/events/connect.json"
    assert render("$context.connectionId", path) == "BFHPhfCWIAMCKlQ="
    assert render("$context.connectionId", str(path)) == "BFHPhfCWIAMCKlQ="
    assert render("$context.stage", path.read_text()) == "prod"


def test_one_engine_renders_many_events() -> None:
    from vtlgw import Engine

    engine = Engine()
    compiled = engine.compile(template("default"), name="default.vtl")
    outputs = {
        render_event(compiled, fixture(name)) for name in ("message-custom", "message-default")
    }
    assert len(outputs) == 2
    assert render(template("default"), fixture("message-custom"), engine=engine) in outputs


def test_options_reach_the_model() -> None:
    out = render(
        "$stageVariables.table|$context.stage|$input.body|$context.identity.sourceIp",
        fixture("connect"),
        stage_variables={"table": "t"},
        context={"stage": "dev", "identity": {"sourceIp": "203.0.113.1"}},
        body="frame",
    )
    assert out == "t|dev|frame|203.0.113.1"


# --- ref §11.1 (V): undefined and null render as empty ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "$stageVariables.missing",
        "$input.params('absent')",
        "$input.body.x",
        "$context.nope",
        "$context.authorizer.principalId",
        "$method.request.path.id",
        "$request.body.action",
        "$integration.response.body",
        "$util.toJson($input.body)",
    ],
)
def test_missing_things_render_empty_ref_11_1_V(text: str) -> None:
    assert render(f"[{text}]", fixture("connect")) == "[]"


def test_stage_variable_spellings_ref_4_D() -> None:
    text = "$stageVariables.table $stageVariables['table'] ${stageVariables['table']}"
    assert render(text, fixture("connect-authorizer")) == " ".join(["connections-prod"] * 3)


# --- ref §2.1 / §11.5 (V): how $input.path results print ----------------------------------


@pytest.mark.parametrize(
    ("body", "text", "expected"),
    [
        ('{"json": {"foo": "bar"}}', "$input.path('$.json')", "{foo=bar}"),
        (
            '{"json": {"bigger": "dict", "to": "test", "with": "separators"}}',
            "$input.path('$.json')",
            "{bigger=dict, to=test, with=separators}",
        ),
        ('{"json": [{"foo": "bar"}]}', "$input.path('$.json')", '[{"foo":"bar"}]'),
        (
            '{"json": {"foo": [{"nested": "bar"}]}}',
            "$input.path('$.json')",
            '{foo=[{"nested":"bar"}]}',
        ),
        (
            '{"json": {"list": [{"foo": "bar"}]}}',
            "$input.path('$.json').toString()",
            '{list=[{"foo":"bar"}]}',
        ),
        ('{"json": {"nested": {"foo": "bar"}}}', "$input.path('$.json').nested", "{foo=bar}"),
        ('{"json": [{"foo": "bar"}]}', "$input.path('$.json')[0]", "{foo=bar}"),
        ('{"json": [[{"foo": "bar"}]]}', "$input.path('$.json')[0]", '[{"foo":"bar"}]'),
        ('{"json": 1}', "$input.path('$.missing')", ""),
        ('{"json": 1}', "$input.path('$.missing').nested", ""),
        ('{"json": []}', "$input.path('$.json')", "[]"),
        ('{"json": []}', "$input.path('$.json').nested", ""),
        ('{"json": null}', "$input.path('$.json')", ""),
        ('{"json": {}}', "$input.path('$.json')", "{}"),
    ],
)
def test_input_path_printing_ref_2_1_V(body: str, text: str, expected: str) -> None:
    assert render(text, rest(body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [('{"json": 1}', "yes yes"), ('{"json": null}', "yes yes"), ('{"missing": []}', "yes yes")],
)
def test_no_match_equals_null_and_empty_ref_11_7_V(body: str, expected: str) -> None:
    text = (
        "#set($r = $input.path('$.json'))#if($r == $null)yes#{else}no#end "
        "#if($r == '')yes#{else}no#end"
    )
    if body == '{"json": 1}':
        text = text.replace("$.json", "$.absent")
    assert render(text, rest(body)) == expected


def test_empty_list_is_neither_null_nor_empty_string_ref_2_1_V() -> None:
    text = "#set($r = $input.path('$.json'))#if($r == $null)a#end#if($r == '')b#end."
    assert render(text, rest('{"json": []}')) == "."


def test_input_path_size_on_maps_and_lists_ref_2_1_D() -> None:
    body = '{"things": {"a": 1, "b": 2, "c": 3}, "pets": [1, 2]}'
    text = "$input.path('$.things').size() $input.path('$.pets').size()"
    assert render(text, rest(body)) == "3 2"


# --- ref §11.6 (V): $input.body ---------------------------------------------------------------


@pytest.mark.parametrize("body", [None, ""])
def test_empty_body_renders_braces_ref_11_6_V(body: str | None) -> None:
    assert render("$input.body", rest(body)) == "{}"


def test_body_is_verbatim_ref_11_6_V() -> None:
    body = '{ "a" :  1 }\n'
    assert render("$input.body", rest(body)) == body
    assert render("[$input.body.a]", rest(body)) == "[]"


def test_input_json_ref_2_D() -> None:
    body = '{"name": "bob", "n": 10.00, "o": {"a": [1, 2]}}'
    text = "$input.json('$.name') $input.json('$.n') $input.json('$.o') $input.json('$')"
    assert render(text, rest(body)) == (
        '"bob" 10.0 {"a":[1,2]} {"name":"bob","n":10.0,"o":{"a":[1,2]}}'
    )


# --- ref §11.8 (V): $input.params ------------------------------------------------------------


def test_params_lookup_and_decoding_ref_11_8_V() -> None:
    event = rest(queryStringParameters={"id": "test 3"}, pathParameters={"petId": "7"})
    text = "$input.params('id')|$input.params().path.petId|$input.params('petId')"
    assert render(text, event) == "test 3|7|7"


def test_params_map_prints_as_java_map_ref_2_D() -> None:
    event = {
        "requestContext": {},
        "headers": {"A": "1"},
        "queryStringParameters": {"q": "x"},
        "pathParameters": {"p": "v"},
    }
    assert render("$input.params()", event) == "{path={p=v}, querystring={q=x}, header={A=1}}"


def test_connect_params_map_ref_2_4() -> None:
    out = render("$input.params().querystring $input.params().path", fixture("connect"))
    assert out == "{token=abc} {}"


# --- ref §11.9 (V) and §3: $util through the engine ---------------------------------------


def test_util_through_the_engine_ref_11_9_V() -> None:
    text = (
        "$util.urlEncode($input.body)|$util.base64Encode('hi')|"
        '$util.escapeJavaScript(\'say "x"\')|$util.parseJson(\'{"message": "m"}\').message|'
        "[$util.urlEncode($input.path('$.missing'))]"
    )
    assert render(text, rest('{"some": "value"}')) == (
        '%7B%22some%22%3A+%22value%22%7D|aGk=|say \\"x\\"|m|[]'
    )


def test_escape_javascript_quote_workaround_ref_3_1() -> None:
    text = """$util.escapeJavaScript($input.path('$.t')).replaceAll("\\\\'","'")"""
    assert render(text, rest('{"t": "it\'s"}')) == "it's"


def test_parse_json_navigates_nested_values_ref_3_D() -> None:
    text = "#set($e = $util.parseJson($input.path('$.errorMessage')))$e.key2.arr[1]"
    body = json.dumps({"errorMessage": json.dumps({"key2": {"arr": [1, "two"]}})})
    assert render(text, rest(body)) == "two"


# --- ref §11.12 (V): $context as a map ---------------------------------------------------


def test_rest_context_key_set_order_ref_11_12_V() -> None:
    text = "#foreach($k in $context.keySet())$k #end"
    assert render(text, fixture("rest")).split() == [
        "resourceId",
        "resourcePath",
        "httpMethod",
        "extendedRequestId",
        "requestTime",
        "path",
        "accountId",
        "protocol",
        "requestOverride",
        "stage",
        "domainPrefix",
        "requestTimeEpoch",
        "requestId",
        "identity",
        "domainName",
        "deploymentId",
        "responseOverride",
        "apiId",
    ]


def test_rest_identity_key_set_order_ref_11_12_V() -> None:
    text = "#foreach($k in $context.identity.keySet())$k #end"
    assert render(text, fixture("rest")).split() == [
        "cognitoIdentityPoolId",
        "accountId",
        "cognitoIdentityId",
        "caller",
        "sourceIp",
        "principalOrgId",
        "accessKey",
        "cognitoAuthenticationType",
        "cognitoAuthenticationProvider",
        "userArn",
        "userAgent",
        "user",
    ]


@pytest.mark.parametrize("group", ["identity", "requestOverride", "responseOverride"])
def test_nested_context_group_prints_empty_ref_11_12_V(group: str) -> None:
    assert render(f"[$context.get('{group}')]", fixture("rest")) == "[]"


def test_override_groups_and_empty_authorizer_ref_11_12_V() -> None:
    text = (
        "#foreach($k in $context.requestOverride.keySet())$k,#end "
        "#foreach($k in $context.responseOverride.keySet())$k,#end "
        "[#foreach($k in $context.authorizer.keySet())$k#end]"
    )
    assert render(text, fixture("rest")) == "path,header,querystring, header, []"


def test_authorizer_values_are_strings_ref_1_1_D() -> None:
    text = "#if($context.authorizer.quota == '5')s#end $context.authorizer.admin"
    assert render(text, fixture("connect-authorizer")) == "s true"


def test_epoch_arithmetic_on_context_numbers_ref_1_1_V() -> None:
    text = "#set($s = $context.connectedAt / 1000)$s"
    assert render(text, fixture("connect")) == "1731324924"


def test_request_overrides_can_be_set_and_read_back_ref_11_13_V() -> None:
    text = (
        "#set($context.requestOverride.header.X-Trace = 'abc')"
        "#set($context.requestOverride.path.body = 'stash')"
        "$context.requestOverride.header.X-Trace $context.requestOverride.path.body"
    )
    assert render(text, fixture("rest")) == "abc stash"


@pytest.mark.parametrize(
    ("name", "route", "overrides"),
    [
        ("connect", "connect", {"query": {"q": 'it\'s "x"/é'}}),
        ("connect", "connect", {"headers": {"Authorization": "Bearer a'b"}}),
        ("disconnect", "disconnect", {"principal_id": "u'1"}),
        ("default", "message", {"body": "not json: 'quotes' \"dq\" \\ \n\t é 😀"}),
        ("dynamodb-putitem-connect", "connect", {"principal_id": "o'neil"}),
        ("rest-lambda", "rest", {"query": {"a": "x'y"}, "user_agent": "ua 'q'"}),
    ],
)
@pytest.mark.parametrize("seed", range(5))
def test_templates_give_schema_valid_json_for_synthetic_events(
    name: str, route: str, overrides: dict[str, Any], seed: int
) -> None:
    from vtlgw.events import synthesize

    output = render(template(name), synthesize(route, seed=seed, **overrides))
    schema = json.loads((ROOT / "fixtures/schemas" / f"{name}.schema.json").read_text())
    jsonschema.validate(json.loads(output), schema)


def test_render_errors_name_the_template() -> None:
    import vtlgw

    with pytest.raises(vtlgw.TemplateRuntimeError) as caught:
        render("$context.stage.substring(9)", fixture("connect"))
    assert str(caught.value.location()) == "<template>:1:16"
    with pytest.raises(vtlgw.TemplateRuntimeError) as caught:
        render("x\n$context.stage.substring(9)", fixture("connect"), name="routes/c.vtl")
    assert str(caught.value.location()) == "routes/c.vtl:2:16"
    assert caught.value.message == (
        ".substring(...) threw java.lang.StringIndexOutOfBoundsException: begin 9, end 4, length 4"
    )


def test_render_options_come_as_options_or_keywords_not_both() -> None:
    from vtlgw.apigw.options import RenderOptions

    options = RenderOptions(stage_variables={"t": "x"})
    assert render("$stageVariables.t", fixture("connect"), options=options) == "x"
    assert render("$stageVariables.t", fixture("connect"), stage_variables={"t": "y"}) == "y"
    with pytest.raises(TypeError) as caught:
        render("x", fixture("connect"), options=options, api="rest")
    assert str(caught.value) == "give render options as options= or as keywords, not both"
