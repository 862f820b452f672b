"""Events to template variables: $context, $input, $stageVariables (ref §1, §4, §7, §11.12)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vtlgw.apigw.context import (
    REST_IDENTITY_KEYS,
    REST_KEYS,
    ContextGroup,
    HeaderGroup,
    authorizer_string,
    deep_merge,
    rest_context,
    websocket_context,
)
from vtlgw.apigw.input import Input
from vtlgw.apigw.options import GatewayOptions, RenderOptions
from vtlgw.apigw.util import Util
from vtlgw.apigw.variables import build_variables, detect_api
from vtlgw.engine.values import MISSING

EVENTS = Path(__file__).resolve().parents[3] / "fixtures" / "events"


def event(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text("utf-8"))
    return loaded


def test_variables_are_the_four_gateway_names() -> None:
    variables = build_variables(event("connect"))
    assert set(variables) == {"context", "input", "util", "stageVariables"}
    assert isinstance(variables["input"], Input)
    assert isinstance(variables["util"], Util)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("connect", "websocket"),
        ("message-custom", "websocket"),
        ("message-default", "websocket"),
        ("disconnect", "websocket"),
        ("rest", "rest"),
    ],
)
def test_api_kind_is_detected_from_request_context(name: str, kind: str) -> None:
    assert detect_api(event(name)) == kind


def test_api_option_overrides_detection() -> None:
    variables = build_variables(event("rest"), RenderOptions(api="websocket"))
    assert "requestOverride" not in variables["context"]  # type: ignore[operator]


@pytest.mark.parametrize("name", ["connect", "message-custom", "disconnect"])
def test_websocket_context_has_every_recorded_variable_ref_1_1(name: str) -> None:
    source = event(name)["requestContext"]
    context: dict[str, Any] = build_variables(event(name))["context"]  # type: ignore[assignment]
    for key in (
        "connectionId",
        "connectedAt",
        "domainName",
        "eventType",
        "routeKey",
        "requestId",
        "extendedRequestId",
        "apiId",
        "stage",
        "requestTime",
        "requestTimeEpoch",
    ):
        assert context[key] == source[key]
    assert context["identity"]["sourceIp"] == source["identity"]["sourceIp"]
    assert list(context) == list(source)


def test_websocket_message_id_only_on_message_routes_ref_1_1_D() -> None:
    assert "messageId" in build_variables(event("message-custom"))["context"]  # type: ignore[operator]
    assert "messageId" not in build_variables(event("connect"))["context"]  # type: ignore[operator]


def test_websocket_epoch_values_stay_numbers_ref_1_1_V() -> None:
    context: dict[str, Any] = build_variables(event("connect"))["context"]  # type: ignore[assignment]
    assert context["connectedAt"] == 1731324924553
    assert context["requestTimeEpoch"] - context["connectedAt"] == 8


def test_old_events_with_explicit_nulls_leave_the_variable_absent_ref_7_1_O() -> None:
    source = event("connect")
    source["requestContext"]["messageId"] = None
    source["requestContext"]["disconnectStatusCode"] = None
    context = build_variables(source)["context"]
    assert "messageId" not in context  # type: ignore[operator]
    assert "disconnectStatusCode" not in context  # type: ignore[operator]


def test_undocumented_websocket_keys_can_be_dropped_ref_1_1_U() -> None:
    context = websocket_context(event("disconnect")["requestContext"], undocumented=False)
    assert "disconnectReason" not in context
    assert "messageDirection" not in context
    kept = build_variables(event("disconnect"))["context"]
    assert kept["disconnectStatusCode"] == 1005  # type: ignore[index]


def test_authorizer_values_become_strings_ref_1_1_D() -> None:
    context: dict[str, Any] = build_variables(event("connect-authorizer"))["context"]  # type: ignore[assignment]
    authorizer = context["authorizer"]
    assert authorizer == {
        "principalId": "user-123",
        "integrationLatency": "42",
        "tenant": "acme",
        "admin": "true",
        "quota": "5",
    }
    assert isinstance(authorizer, ContextGroup)


def test_authorizer_lists_become_json_text_and_maps_stay_groups_ref_1_1_D() -> None:
    # AWS stringifies authorizer context values (§1.1, D) and accepts no arrays or objects
    # there, so a list only reaches $context.authorizer from a hand-written event: vtlgw gives
    # the JSON text the authorizer would have had to send (I), never Java's `[admin, dev]`;
    # a map stays a navigable group that prints empty (Cognito `claims`, §1.2 D)
    authorizer = authorizer_string(
        {
            "roles": ["admin", "dev"],
            "mixed": [1, 2.5, True, None, {"k": "v"}],
            "pair": ("a", 1),
            "claims": {"groups": ["g1"], "gone": None, "sub": 7},
            "gone": None,
            "off": False,
            "ratio": 1.0,
        }
    )
    assert authorizer == {
        "roles": '["admin","dev"]',
        "mixed": '[1,2.5,true,null,{"k":"v"}]',
        "pair": '["a",1]',
        "claims": {"groups": '["g1"]', "sub": "7"},
        "off": "false",
        "ratio": "1.0",
    }
    assert isinstance(authorizer, ContextGroup)
    assert isinstance(authorizer["claims"], ContextGroup)


def test_authorizer_of_an_event_that_is_not_a_map_is_empty_ref_11_12_V() -> None:
    source = event("rest")
    source["requestContext"]["authorizer"] = "user-1"
    context: dict[str, Any] = build_variables(source)["context"]  # type: ignore[assignment]
    assert context["authorizer"] == {}
    assert isinstance(context["authorizer"], ContextGroup)
    ws = websocket_context({"authorizer": ["x"], "identity": {"sourceIp": "1", "n": None}})
    assert ws == {"authorizer": {}, "identity": {"sourceIp": "1"}}
    assert isinstance(ws["identity"], ContextGroup)


def test_rest_context_key_order_is_as_recorded_ref_11_12_V() -> None:
    context: dict[str, Any] = build_variables(event("rest"))["context"]  # type: ignore[assignment]
    assert tuple(context) == REST_KEYS
    assert tuple(context["identity"]) == REST_IDENTITY_KEYS
    assert list(context["requestOverride"]) == ["path", "header", "querystring"]
    assert list(context["responseOverride"]) == ["header"]


def test_rest_identity_nulls_are_empty_strings_ref_11_12_V() -> None:
    identity = build_variables(event("rest"))["context"]["identity"]  # type: ignore[index]
    assert identity["caller"] == ""
    assert identity["sourceIp"] == "203.0.113.9"
    assert identity["userAgent"] == "curl/8.5.0"
    assert "apiKey" not in identity


def test_rest_request_id_is_the_uuid_and_differs_from_extended_ref_1_2_D() -> None:
    context: dict[str, Any] = build_variables(event("rest"))["context"]  # type: ignore[assignment]
    assert context["requestId"] == "c2fc2e4d-8082-4375-a923-e7c4fddbf51a"
    assert context["extendedRequestId"] == "QmOw7G1BIAMFYJQ="


def test_nested_groups_print_empty_ref_11_12_V() -> None:
    context: dict[str, Any] = build_variables(event("rest"))["context"]  # type: ignore[assignment]
    for key in ("identity", "requestOverride", "responseOverride"):
        assert isinstance(context[key], ContextGroup)
        assert context[key].vtl_str() == ""


def test_rest_without_authorizer_has_no_authorizer_keys_ref_11_12_V() -> None:
    context = build_variables(event("rest"))["context"]
    assert "authorizer" not in context  # type: ignore[operator]


def test_rest_cognito_claims_stay_navigable_but_print_empty_ref_1_2_D() -> None:
    source = event("rest")
    source["requestContext"]["authorizer"] = {"claims": {"sub": "abc", "cognito:username": "ana"}}
    claims = build_variables(source)["context"]["authorizer"]["claims"]  # type: ignore[index]
    assert claims["cognito:username"] == "ana"
    assert claims.vtl_str() == ""


def test_context_overrides_are_deep_merged() -> None:
    variables = build_variables(
        event("connect"),
        RenderOptions(
            context={"stage": "dev", "identity": {"userAgent": "ua"}, "authorizer": {"n": 1}}
        ),
    )
    context: dict[str, Any] = variables["context"]  # type: ignore[assignment]
    assert context["stage"] == "dev"
    assert context["identity"] == {"sourceIp": "192.0.2.1", "userAgent": "ua"}
    assert context["authorizer"] == {"n": "1"}


def test_deep_merge_replaces_scalars_and_creates_groups() -> None:
    target: dict[str, Any] = {"a": 1, "b": {"c": 2}}
    deep_merge(target, {"a": {"x": 1}, "b": {"d": 3}})
    assert target == {"a": {"x": 1}, "b": {"c": 2, "d": 3}}
    assert isinstance(target["a"], ContextGroup)


def test_stage_variables_from_event_and_options_ref_4_D() -> None:
    variables = build_variables(
        event("connect-authorizer"), RenderOptions(stage_variables={"table": "t2", "n": 3})
    )
    assert variables["stageVariables"] == {
        "table": "t2",
        "queueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/chat-prod",
        "n": "3",
    }
    assert build_variables(event("connect"))["stageVariables"] == {}


def test_connect_params_are_the_upgrade_headers_and_query_ref_2_4() -> None:
    request: Input = build_variables(event("connect-authorizer"))["input"]  # type: ignore[assignment]
    params = request.params()
    assert params["path"] == {}
    assert params["querystring"] == {"room": "general", "name": "Ana Lee"}
    assert params["header"]["Sec-WebSocket-Protocol"] == "chat.v1"
    assert request.param("Authorization") == "Bearer eyJhbGciOiJIUzI1NiJ9.e30.signature"


def test_websocket_params_path_can_be_dropped_ref_2_4_U() -> None:
    options = RenderOptions.of(websocket_params_path=False)
    request: Input = build_variables(event("connect"), options)["input"]  # type: ignore[assignment]
    assert list(request.params()) == ["querystring", "header"]


def test_message_route_has_empty_params_and_the_raw_frame_ref_2_4_I() -> None:
    request: Input = build_variables(event("message-custom"))["input"]  # type: ignore[assignment]
    assert request.params() == {"path": {}, "querystring": {}, "header": {}}
    assert request.body == '{"action": "chat", "message": "Hello from client"}'


@pytest.mark.parametrize("name", ["connect", "disconnect"])
def test_connect_and_disconnect_bodies_are_braces_ref_2_U(name: str) -> None:
    request: Input = build_variables(event(name))["input"]  # type: ignore[assignment]
    assert request.body == "{}"


def test_disconnect_params_are_the_synthetic_headers_ref_2_4_V() -> None:
    request: Input = build_variables(event("disconnect"))["input"]  # type: ignore[assignment]
    assert list(request.params()["header"]) == ["Host", "x-api-key", "X-Forwarded-For", "x-restapi"]


def test_hop_by_hop_headers_are_hidden_authorization_visible_ref_11_8_V() -> None:
    source = event("rest")
    source["headers"].update(
        {
            "Connection": "keep-alive",
            "content-length": "12",
            "Upgrade": "h2c",
            "TE": "trailers",
            "Authorization": "Basic x",
        }
    )
    request: Input = build_variables(source)["input"]  # type: ignore[assignment]
    header = request.params()["header"]
    for hidden in ("Connection", "content-length", "Upgrade", "TE"):
        assert hidden not in header
    assert header["Authorization"] == "Basic x"


def test_rest_params_path_query_header_ref_11_8_V() -> None:
    request: Input = build_variables(event("rest"))["input"]  # type: ignore[assignment]
    assert request.param("orderId") == "o-1001"
    assert request.param("note") == "gift wrap"
    assert request.param("Host") == "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"


def test_multi_value_only_query_takes_the_last_value_ref_2_3_U() -> None:
    source = {"multiValueQueryStringParameters": {"a": ["1", "2"]}, "requestContext": {}}
    request: Input = build_variables(source)["input"]  # type: ignore[assignment]
    assert request.param("a") == "2"


def test_body_option_replaces_the_event_body() -> None:
    options = RenderOptions(body='{"x": 1}')
    request: Input = build_variables(event("message-custom"), options)["input"]  # type: ignore[assignment]
    assert request.path("$.x") == 1


def test_base64_bodies_that_are_not_utf8_decode_as_java_strings_do() -> None:
    # java_recorded.json "base64DecodeNotUtf8": new String(bytes, UTF_8) puts U+FFFD
    source = {"body": "YWL/Yw==", "isBase64Encoded": True}
    request: Input = build_variables(source)["input"]  # type: ignore[assignment]
    assert request.body == "ab\ufffdc"


def test_base64_bodies_are_decoded_unless_raw_is_asked() -> None:
    source = {"body": "eyJhIjogMX0=", "isBase64Encoded": True}
    decoded: Input = build_variables(source)["input"]  # type: ignore[assignment]
    assert decoded.body == '{"a": 1}'
    raw: Input = build_variables(source, RenderOptions.of(base64_body="raw"))["input"]  # type: ignore[assignment]
    assert raw.body == "eyJhIjogMX0="


def test_unknown_options_are_rejected_at_the_call() -> None:
    with pytest.raises(TypeError, match="unknown render option 'colour'"):
        RenderOptions.of(colour="blue")
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        RenderOptions(colour="blue")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="api must be 'websocket' or 'rest', not 'http'"):
        RenderOptions(api="http")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="invalid_body must be 'empty' or 'error', not 'x'"):
        RenderOptions.of(invalid_body="x")
    with pytest.raises(TypeError, match="stage_variables must be a mapping, not list"):
        RenderOptions(stage_variables=[])  # type: ignore[arg-type]


def test_render_options_are_frozen_copies() -> None:
    given = {"env": "dev"}
    options = RenderOptions(stage_variables=given)
    given["env"] = "prod"
    assert options.stage_variables == {"env": "dev"}
    with pytest.raises(TypeError, match="'mappingproxy' object does not support item assignment"):
        options.stage_variables["env"] = "x"  # type: ignore[index]


def test_context_group_answers_as_a_java_map() -> None:
    group = ContextGroup(sourceIp="192.0.2.1")
    assert group.vtl_get("sourceIp") == "192.0.2.1"
    assert group.vtl_get("missing") is None
    assert group.vtl_call("containsKey", ("sourceIp",)) is True
    assert group.vtl_call("size", ()) == 1
    assert group.vtl_call("toString", ()) == ""
    assert group.vtl_call("nope", ()) is MISSING
    assert group.java_class_name == "java.util.LinkedHashMap"


def test_setter_names_need_a_name_and_one_value() -> None:
    group = ContextGroup(a=1)
    assert group.vtl_call("set", ("x",)) is MISSING  # "set" alone names no key
    assert group.vtl_call("setA", ()) is MISSING
    assert group.vtl_call("setA", (1, 2)) is MISSING
    assert group.vtl_call("putA", ("x",)) is MISSING
    assert group == {"a": 1}
    assert group.vtl_call("setAb", ("y",)) is None  # put's previous value: none
    assert group.vtl_call("setA", (5,)) == 1  # the shortest setter name, an existing key
    assert group == {"a": 5, "ab": "y"}


def test_setter_names_keep_the_key_spelling() -> None:
    group = ContextGroup(Status="x")
    group.vtl_call("setStatus", (1,))
    group.vtl_call("setBody", (2,))
    assert group == {"Status": 1, "body": 2}
    header = HeaderGroup()
    header.vtl_call("setX-Trace", ("t",))
    assert header == {"X-Trace": "t"}


@pytest.mark.parametrize(
    ("request_context", "kind"),
    [
        ({"eventType": "MESSAGE"}, "websocket"),
        ({"connectionId": "abc="}, "websocket"),
        ({"eventType": "CONNECT", "connectionId": "abc="}, "websocket"),
        ({"httpMethod": "GET"}, "rest"),
        ({}, "rest"),
        ("not a map", "rest"),
    ],
)
def test_either_websocket_key_is_enough_to_detect_websocket_ref_7(
    request_context: Any, kind: str
) -> None:
    # §7.1-7.3: every recorded WebSocket requestContext has eventType and connectionId
    assert detect_api({"requestContext": request_context}) == kind


def test_multi_value_headers_fill_in_and_single_values_win_ref_2_3_U() -> None:
    source = {
        "multiValueHeaders": {"X-A": ["1", "2"], "X-B": ["b"], "X-Empty": [], "X-N": "x"},
        "headers": {"X-B": "single", "X-C": "c", "X-Null": None},
        "multiValueQueryStringParameters": {"q": ["1", "2"]},
        "requestContext": {},
    }
    request: Input = build_variables(source)["input"]  # type: ignore[assignment]
    assert request.params()["header"] == {"X-A": "2", "X-B": "single", "X-C": "c"}
    assert request.params()["querystring"] == {"q": "2"}


def test_rest_path_parameters_stay_with_the_websocket_option_off_ref_2_4_U() -> None:
    options = RenderOptions.of(websocket_params_path=False)
    request: Input = build_variables(event("rest"), options)["input"]  # type: ignore[assignment]
    assert list(request.params()) == ["path", "querystring", "header"]
    assert request.param("orderId") == "o-1001"


def test_gateway_options_reach_input_and_context_ref_1_1_U_ref_2_3_U() -> None:
    options = RenderOptions.of(json_missing="null", undocumented_context=False)
    variables = build_variables(event("disconnect"), options)
    request: Input = variables["input"]  # type: ignore[assignment]
    assert request.json("$.nope") == "null"
    assert "messageDirection" not in variables["context"]  # type: ignore[operator]
    kept = websocket_context(event("disconnect")["requestContext"])  # the default keeps them
    assert kept["messageDirection"] == "IN"


def test_null_values_drop_out_without_ending_the_context_ref_7_1_O() -> None:
    context = websocket_context({"messageId": None, "stage": "prod", "identity": None})
    assert context == {"stage": "prod"}


def test_nested_websocket_groups_are_groups_all_the_way_down_ref_11_12_V() -> None:
    context = websocket_context(
        {"identity": {"clientCert": {"validity": {"notAfter": "x"}, "gone": None}}}
    )
    cert = context["identity"]["clientCert"]
    assert cert == {"validity": {"notAfter": "x"}}
    assert isinstance(cert, ContextGroup)
    assert isinstance(cert["validity"], ContextGroup)


def test_rest_context_fills_every_recorded_key_ref_11_12_V() -> None:
    context = rest_context({"stage": "prod", "requestTimeEpoch": 5})
    assert tuple(context) == REST_KEYS
    assert context["stage"] == "prod"
    assert context["requestTimeEpoch"] == 5
    plain = [k for k in REST_KEYS if k not in ("identity", "requestOverride", "responseOverride")]
    assert all(context[k] == "" for k in plain if k not in ("stage", "requestTimeEpoch"))
    overrides = context["requestOverride"]
    assert all(isinstance(overrides[k], ContextGroup) for k in ("path", "querystring"))
    assert isinstance(overrides["header"], HeaderGroup)
    assert isinstance(context["responseOverride"]["header"], HeaderGroup)


def test_rest_identity_keeps_extra_keys_after_the_recorded_twelve_ref_1_2_D() -> None:
    context = rest_context(
        {
            "identity": {
                "sourceIp": "203.0.113.9",
                "apiKey": "k-1",
                "caller": None,
                "clientCert": {"subjectDN": "CN=a", "validity": {"notBefore": "b"}},
                "extra": None,
            }
        }
    )
    identity = context["identity"]
    assert tuple(identity) == (*REST_IDENTITY_KEYS, "apiKey", "clientCert")
    assert identity["apiKey"] == "k-1"
    assert identity["caller"] == ""
    assert identity["clientCert"] == {"subjectDN": "CN=a", "validity": {"notBefore": "b"}}
    assert isinstance(identity["clientCert"]["validity"], ContextGroup)


def test_rest_authorizer_values_become_strings_and_other_keys_follow_ref_1_2_D() -> None:
    context = rest_context(
        {
            "authorizer": {"principalId": "u-1", "n": 5, "ok": True},
            "wafResponseCode": "WAF_ALLOW",
            "error": {"messageString": '"Forbidden"', "none": None},
            "gone": None,
        }
    )
    assert tuple(context)[len(REST_KEYS) :] == ("authorizer", "wafResponseCode", "error")
    assert context["authorizer"] == {"principalId": "u-1", "n": "5", "ok": "true"}
    assert context["wafResponseCode"] == "WAF_ALLOW"
    assert context["error"] == {"messageString": '"Forbidden"'}
    assert isinstance(context["error"], ContextGroup)


def test_render_options_accept_each_api_and_report_bad_fields() -> None:
    assert RenderOptions(api="rest").api == "rest"
    assert RenderOptions(api="websocket").api == "websocket"
    with pytest.raises(TypeError, match=r"^body must be a string or None, not int$"):
        RenderOptions(body=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^gateway must be a GatewayOptions$"):
        RenderOptions(gateway={})  # type: ignore[arg-type]


def test_unknown_option_message_lists_the_known_names() -> None:
    known = (
        "api, base64_body, body, context, invalid_body, json_missing, params_ignore_case,"
        " stage_variables, undocumented_context, websocket_params_path"
    )
    with pytest.raises(TypeError) as caught:
        RenderOptions.of(gateway=GatewayOptions())
    assert str(caught.value) == f"unknown render option 'gateway'; expected one of {known}"


def test_replace_makes_a_checked_copy() -> None:
    options = RenderOptions(stage_variables={"a": "1"})
    changed = options.replace(api="rest")
    assert (changed.api, options.api) == ("rest", None)
    assert changed.stage_variables == {"a": "1"}
    with pytest.raises(ValueError, match="api must be 'websocket' or 'rest', not 'x'"):
        options.replace(api="x")
