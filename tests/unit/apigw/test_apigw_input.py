"""``$input``: body, json, path and params as the gateway provides them (ref §2, §11.6-11.8)."""

from __future__ import annotations

import pytest

from vtlgw.apigw.input import Input, Params
from vtlgw.apigw.options import GatewayOptions
from vtlgw.engine.jexception import JavaException
from vtlgw.engine.values import MISSING, JsonList


def make(body: str | None, **options: object) -> Input:
    params = Params(
        path={"id": "42"},
        querystring={"id": "q", "page": "2", "name": "test 3"},
        header={"Authorization": "Bearer t", "id": "h", "X-Custom": "c"},
    )
    return Input(body, params, options=GatewayOptions(**options))  # type: ignore[arg-type]


@pytest.mark.parametrize("body", [None, ""])
def test_empty_body_is_braces_ref_11_6_V(body: str | None) -> None:
    assert make(body).vtl_get("body") == "{}"
    assert make(body).vtl_call("json", ("$",)) == "{}"


def test_body_is_verbatim_with_client_spacing_ref_11_6_V() -> None:
    text = '{ "a" :  1 ,\n "b": [1,2] }'
    assert make(text).vtl_get("body") == text
    assert make(text).vtl_call("getBody", ()) == text


def test_only_documented_members_exist() -> None:
    request = make("{}")
    assert request.vtl_get("params") is MISSING
    assert request.vtl_get("__class__") is MISSING
    assert request.vtl_call("keySet", ()) is MISSING
    assert request.vtl_call("json", ()) is MISSING


def test_path_prints_maps_and_lists_as_recorded_ref_2_1_V() -> None:
    request = make('{"json": {"foo": [{"nested": "bar"}], "n": 10.00, "i": 7, "t": true}}')
    found = request.vtl_call("path", ("$.json",))
    assert found == {"foo": [{"nested": "bar"}], "n": 10.0, "i": 7, "t": True}
    assert type(found) is dict
    assert isinstance(found["foo"], JsonList)
    assert isinstance(found["n"], float)


def test_path_of_an_array_is_a_json_list_ref_2_1_V() -> None:
    found = make('[{"foo": "bar"}]').vtl_call("path", ("$",))
    assert isinstance(found, JsonList)
    assert found[0] == {"foo": "bar"}


@pytest.mark.parametrize("path", ["$.missing", "$.json.nested", "$.nothing"])
def test_path_without_match_or_json_null_is_null_ref_11_7_V(path: str) -> None:
    assert make('{"json": 1, "nothing": null}').vtl_call("path", (path,)) is None


def test_path_results_are_fresh_copies() -> None:
    request = make('{"m": {"a": 1}}')
    first = request.vtl_call("path", ("$.m",))
    first["a"] = 99
    assert request.vtl_call("path", ("$.m",)) == {"a": 1}


def test_json_serialises_compactly_and_quotes_strings_ref_2_D() -> None:
    request = make('{"name": "bob", "n": 1.50, "obj": {"a": [1, "x", null]}, "s": "q\\"/"}')
    assert request.vtl_call("json", ("$.name",)) == '"bob"'
    assert request.vtl_call("json", ("$.n",)) == "1.5"
    assert request.vtl_call("json", ("$.obj",)) == '{"a":[1,"x",null]}'
    # json-smart's default style (as JSONArray.toString, ref §2.1 I) escapes '/' too
    assert request.vtl_call("json", ("$.s",)) == '"q\\"\\/"'
    assert request.vtl_call("json", ("$..a",)) == '[[1,"x",null]]'


def test_json_of_missing_path_is_an_empty_json_string_by_default_ref_2_3_O() -> None:
    # ref §2.3 (O, medium): the AWS console gave "" for a path with no match
    assert make('{"a": 1}').vtl_call("json", ("$.b",)) == '""'
    assert make('{"a": 1}', json_missing="empty").vtl_call("json", ("$.b",)) is None
    assert make('{"a": 1}', json_missing="null").vtl_call("json", ("$.b",)) == "null"


def test_non_json_body_renders_empty_or_errors_by_option_ref_2_3_U() -> None:
    assert make("not json").vtl_call("path", ("$.a",)) is None
    # ref §2.3 (O): the console gave "" for $input.json on a body that is not JSON
    assert make("not json").vtl_call("json", ("$",)) == '""'
    assert make("not json").vtl_get("body") == "not json"
    with pytest.raises(JavaException, match="not valid JSON"):
        make("not json", invalid_body="error").vtl_call("path", ("$",))


def test_invalid_path_is_a_render_error() -> None:
    # Jayway's exception class for a bad path (§2.2: Jayway JsonPath), with our message
    with pytest.raises(JavaException) as caught:
        make("{}").vtl_call("path", ("$[",))
    assert caught.value.java_class == "com.jayway.jsonpath.InvalidPathException"
    assert caught.value.message == "invalid JSONPath '$[' at offset 2: expected ']'"


def test_non_json_body_error_names_the_class_and_the_reason_ref_2_3_U() -> None:
    with pytest.raises(JavaException) as caught:
        make("not json", invalid_body="error").vtl_call("json", ("$",))
    assert caught.value.java_class == "com.jayway.jsonpath.InvalidJsonException"
    assert caught.value.message == "the request body is not valid JSON"


def test_indefinite_path_gives_a_json_list_of_fresh_values_ref_2_2_I() -> None:
    request = make('{"a": [{"b": 1}, {"b": [2, {"c": 3}]}, {"x": 0}]}')
    found = request.vtl_call("path", ("$.a[*].b",))
    assert found == [1, [2, {"c": 3}]]
    assert isinstance(found, JsonList)
    assert isinstance(found[1], JsonList)
    assert type(found[1][1]) is dict
    found[1].append(9)
    assert request.vtl_call("path", ("$.a[*].b",)) == [1, [2, {"c": 3}]]
    assert request.vtl_call("path", ("$.a[*].nope",)) == []
    assert request.vtl_call("json", ("$.a[*].b",)) == '[1,[2,{"c":3}]]'


def test_params_map_has_path_querystring_header_ref_2_D() -> None:
    params = make("{}").vtl_call("params", ())
    assert list(params) == ["path", "querystring", "header"]
    assert params["path"] == {"id": "42"}
    assert params["header"]["Authorization"] == "Bearer t"


def test_params_lookup_order_is_path_query_header_ref_11_8_V() -> None:
    request = make("{}")
    assert request.vtl_call("params", ("id",)) == "42"
    assert request.vtl_call("params", ("page",)) == "2"
    assert request.vtl_call("params", ("X-Custom",)) == "c"
    assert request.vtl_call("params", ("name",)) == "test 3"


def test_null_path_means_the_whole_body_ref_2_D() -> None:
    request = make('{"a": [1]}')
    assert request.vtl_call("path", (None,)) == {"a": [1]}
    assert request.vtl_call("json", (None,)) == '{"a":[1]}'


def test_absent_param_is_null_ref_11_8_V() -> None:
    assert make("{}").vtl_call("params", ("absent",)) is None
    assert make("{}").vtl_call("params", (None,)) is None


def test_header_lookup_is_case_sensitive_unless_configured_ref_2_3_U() -> None:
    assert make("{}").vtl_call("params", ("x-custom",)) is None
    assert make("{}", params_ignore_case=True).vtl_call("params", ("x-custom",)) == "c"


def test_params_maps_are_fresh_per_call() -> None:
    request = make("{}")
    request.vtl_call("params", ())["header"]["injected"] = "x"
    assert "injected" not in request.vtl_call("params", ())["header"]


def test_params_without_path_entry_when_disabled_ref_2_4_U() -> None:
    request = Input("{}", Params(), include_path=False)
    assert list(request.vtl_call("params", ())) == ["querystring", "header"]
