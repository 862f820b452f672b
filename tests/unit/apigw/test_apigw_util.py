"""``$util`` functions, checked against outputs recorded from the Java libraries (ref §3, §11.9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vtlgw.apigw.jsonvalue import JsonSyntaxError, java_double, parse_json
from vtlgw.apigw.util import (
    Util,
    base64_decode,
    base64_encode,
    escape_javascript,
    java_string,
    url_decode,
    url_encode,
)
from vtlgw.engine.jexception import JavaException
from vtlgw.engine.values import MISSING, JsonList

RECORDED = json.loads((Path(__file__).with_name("java_recorded.json")).read_text("utf-8"))


@pytest.mark.parametrize(("text", "expected"), RECORDED["escapeJavaScript"])
def test_escape_javascript_matches_commons_lang(text: str, expected: str) -> None:
    # ref §3.1 (I): commons-lang 2.6 StringEscapeUtils.escapeJavaScript, recorded via the oracle
    assert escape_javascript(text) == expected


def test_escape_javascript_single_quote_is_backslash_quote_ref_3_1_D() -> None:
    assert escape_javascript("it's") == "it\\'s"


def test_escape_javascript_output_is_a_valid_json_string_for_double_quotes_ref_11_9_V() -> None:
    text = 'say "hi" \\ / \n'
    assert json.loads('"' + escape_javascript(text) + '"') == text


@pytest.mark.parametrize(("text", "expected"), RECORDED["urlEncode"])
def test_url_encode_matches_java_urlencoder(text: str, expected: str) -> None:
    # ref §3.2 (V/I): java.net.URLEncoder.encode(s, "UTF-8"), recorded via the oracle
    assert url_encode(text) == expected


def test_url_encode_recorded_on_aws_ref_11_9_V() -> None:
    assert url_encode('{"some": "value"}') == "%7B%22some%22%3A+%22value%22%7D"
    assert url_encode("{}") == "%7B%7D"
    assert url_encode("some raw data") == "some+raw+data"


@pytest.mark.parametrize(("text", "expected"), RECORDED["urlDecode"])
def test_url_decode_matches_java_urldecoder(text: str, expected: str) -> None:
    assert url_decode(text) == expected


@pytest.mark.parametrize(("text", "expected"), RECORDED["urlDecodeErrors"])
def test_url_decode_rejects_bad_escapes_like_java(text: str, expected: str) -> None:
    # JDK 17 URLDecoder.decode(text, "UTF-8"), recorded by record_java.py: its message (or a
    # decoded text: Integer.parseInt takes a leading sign, so "%+1" is U+0001)
    prefix = "ERROR: java.lang.IllegalArgumentException: "
    if not expected.startswith(prefix):
        assert url_decode(text) == expected
        return
    with pytest.raises(ValueError) as caught:
        url_decode(text)
    assert str(caught.value) == expected.removeprefix(prefix)


@pytest.mark.parametrize(("text", "encoded", "base64", "escaped"), RECORDED["loneSurrogates"])
def test_lone_surrogates_like_java(text: str, encoded: str, base64: str, escaped: str) -> None:
    # URLEncoder and getBytes("UTF-8") make an unpaired surrogate '?'; escapeJavaScript
    # writes its UTF-16 unit as \uXXXX
    assert url_encode(text) == encoded
    assert base64_encode(text) == base64
    assert escape_javascript(text) == escaped


@pytest.mark.parametrize(("text", "expected"), RECORDED["base64DecodeNotUtf8"])
def test_base64_decode_of_bytes_that_are_not_utf8_gives_replacement_chars(
    text: str, expected: str
) -> None:
    # Java's new String(bytes, UTF_8) puts U+FFFD for each malformed sequence (recorded)
    assert base64_decode(text) == expected


def test_util_errors_are_java_exceptions_with_the_library_message() -> None:
    with pytest.raises(JavaException) as caught:
        Util().vtl_call("urlDecode", ("%G1",))
    assert caught.value.java_class == "java.lang.IllegalArgumentException"
    assert caught.value.message == (
        'URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: "G1"'
    )
    with pytest.raises(JavaException) as caught:
        Util().vtl_call("base64Decode", ("a",))  # one character is never base64
    assert caught.value.java_class == "java.lang.IllegalArgumentException"
    assert caught.value.message.startswith("invalid base64 text: ")


def test_java_string_of_null_is_empty() -> None:
    # vtlgw's String.valueOf for template values: null prints as nothing (ref §11.1, V)
    assert java_string(None) == ""
    assert java_string(5) == "5"
    assert java_string("s") == "s"


@pytest.mark.parametrize(("text", "expected"), RECORDED["base64Encode"])
def test_base64_encode_is_standard_padded_base64_ref_11_9_V(text: str, expected: str) -> None:
    assert base64_encode(text) == expected
    assert base64_decode(expected) == text


def test_base64_decode_tolerates_missing_padding_and_line_breaks() -> None:
    assert base64_decode("aGVs\nbG8") == "hello"


@pytest.mark.parametrize(("number", "expected"), RECORDED["doubleToString"])
def test_java_double_matches_double_to_string(number: float, expected: str) -> None:
    assert java_double(number) == expected


def test_util_object_null_argument_renders_empty_ref_11_9_V() -> None:
    util = Util()
    for name in ("urlEncode", "urlDecode", "escapeJavaScript", "base64Encode", "parseJson"):
        assert util.vtl_call(name, (None,)) is None


def test_util_object_dispatches_each_documented_function_ref_3_D() -> None:
    util = Util()
    assert util.vtl_call("escapeJavaScript", ("it's",)) == "it\\'s"
    assert util.vtl_call("urlEncode", ("a b",)) == "a+b"
    assert util.vtl_call("urlDecode", ("a+b",)) == "a b"
    assert util.vtl_call("base64Encode", ("hi",)) == "aGk="
    assert util.vtl_call("base64Decode", ("aGk=",)) == "hi"


def test_util_converts_numbers_and_booleans_like_string_valueof() -> None:
    util = Util()
    assert util.vtl_call("urlEncode", (12,)) == "12"
    assert util.vtl_call("escapeJavaScript", (True,)) == "true"
    assert util.vtl_call("base64Encode", (1.5,)) == base64_encode("1.5")


def test_parse_json_gives_the_input_path_object_model_ref_3_D_ref_11_9_V() -> None:
    parsed = Util().vtl_call("parseJson", ('{"message": "hi", "list": [1, {"a": 2.50}]}',))
    assert parsed == {"message": "hi", "list": [1, {"a": 2.5}]}
    assert isinstance(parsed["list"], JsonList)
    assert isinstance(parsed["list"][1], dict)


def test_parse_json_of_invalid_text_is_a_render_error() -> None:
    with pytest.raises(JavaException) as caught:
        Util().vtl_call("parseJson", ("{not json",))
    assert caught.value.java_class == "net.minidev.json.parser.ParseException"
    assert caught.value.message == (
        "Unexpected character: Expecting property name enclosed in double quotes (line 1, column 2)"
    )


def test_json_syntax_errors_say_where_the_text_breaks() -> None:
    with pytest.raises(JsonSyntaxError) as caught:
        parse_json("[1,\n 2,,]")
    assert str(caught.value) == "Expecting value (line 2, column 4)"
    error = caught.value
    assert (error.reason, error.line, error.column) == ("Expecting value", 2, 4)


@pytest.mark.parametrize("name", ["toJson", "qr", "time", "dynamodb", "escapeJson", "getClass"])
def test_appsync_and_other_helpers_do_not_exist_ref_4_O(name: str) -> None:
    assert Util().vtl_call(name, ("x",)) is MISSING
    assert Util().vtl_get(name) is MISSING


def test_wrong_argument_count_is_not_a_method() -> None:
    assert Util().vtl_call("urlEncode", ()) is MISSING
    assert Util().vtl_call("urlEncode", ("a", "b")) is MISSING


def test_util_converts_maps_and_lists_with_java_to_string() -> None:
    util = Util()
    assert util.vtl_call("escapeJavaScript", ({"a": 1, "b": [1, 2]},)) == "{a=1, b=[1, 2]}"
    assert util.vtl_call("urlEncode", (JsonList([1, "x"]),)) == url_encode('[1,"x"]')


TEXT = st.text(st.characters(blacklist_categories=("Cs",)))


@given(TEXT)
def test_url_decode_inverts_url_encode(text: str) -> None:
    encoded = url_encode(text)
    assert set(encoded) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-*_+%"
    )
    assert url_decode(encoded) == text


@given(TEXT)
def test_escape_javascript_with_the_quote_workaround_is_a_json_string_ref_9_1(text: str) -> None:
    # gotcha 1 (§9): after .replaceAll("\\'", "'") the output is valid inside a JSON string
    escaped = escape_javascript(text).replace("\\'", "'")
    assert json.loads('"' + escaped + '"') == text


@given(TEXT)
def test_base64_round_trip(text: str) -> None:
    assert base64_decode(base64_encode(text)) == text
