"""Strict JSON checks of rendered output: positions, messages and duplicate keys."""

from __future__ import annotations

import json

import pytest

from vtlgw.validate.jsonout import check_json
from vtlgw.validate.result import DUPLICATE_KEY, INVALID_JSON


@pytest.mark.parametrize(
    "text",
    ['{"a": 1, "b": [true, false, null], "c": {"d": -1.5e3}}', "[]", '"x"', "0", " {} \n"],
)
def test_valid_documents_parse_like_the_json_module(text: str) -> None:
    result = check_json(text)
    assert result.well_formed
    assert result.findings == ()
    assert result.value == json.loads(text)


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ('{\n  "count": ,\n}', 2, 12, "expected a JSON value, found ','"),
        ("[1, 2,]", 1, 7, "found ']'"),
        ("NaN", 1, 1, "found 'N'"),
        ("{'a': 1}", 1, 2, "member name in double quotes"),
        ('{"a": 1} trailing', 1, 10, "end of output after the JSON value"),
        ("", 1, 1, "found end of output"),
        ('{"a": "x\ny"}', 1, 9, "a newline inside a string must be escaped"),
        ('{"a": "it\\\'s"}', 1, 10, "invalid escape sequence"),
        ("01", 1, 2, "end of output"),
        ('{"a" 1}', 1, 6, "':' after the member name"),
        ('{"a": 1 "b": 2}', 1, 9, "',' or '}'"),
    ],
)
def test_invalid_json_reports_output_position(
    text: str, line: int, column: int, fragment: str
) -> None:
    result = check_json(text)
    assert not result.well_formed
    (finding,) = result.findings
    assert finding.code == INVALID_JSON
    assert (finding.line, finding.column) == (line, column)
    assert fragment in finding.message


def test_raw_control_character_in_string_is_rejected() -> None:
    # ref §9.7 (O): Jackson rejects CR inside strings with "Illegal unquoted character".
    result = check_json('{"a": "x\ry"}')
    assert "control character U+000D inside a string" in result.findings[0].message


def test_duplicate_keys_are_reported_with_pointer_and_both_positions() -> None:
    text = '{\n  "a": 1,\n  "n": {"x/y": 1, "x/y": 2},\n  "a": 3\n}'
    result = check_json(text)
    assert result.well_formed
    assert result.value == {"a": 3, "n": {"x/y": 2}}
    assert [(f.code, f.pointer, f.line, f.column) for f in result.findings] == [
        (DUPLICATE_KEY, "/n/x~1y", 3, 19),
        (DUPLICATE_KEY, "/a", 4, 3),
    ]
    assert "first at 2:3" in next(f for f in result.findings if f.pointer == "/a").message


def test_duplicate_inside_array_element_has_index_in_pointer() -> None:
    result = check_json('[{"k": 1}, {"k": 1, "k": 2}]')
    assert [f.pointer for f in result.findings] == ["/1/k"]


def test_duplicate_keeps_last_value_in_original_order() -> None:
    assert list(check_json('{"a": 1, "b": 2, "a": 3}').value.items()) == [("b", 2), ("a", 3)]


def test_unicode_escapes_decode() -> None:
    assert check_json('"\\u00e9\\n\\/"').value == "é\n/"


def test_syntax_error_has_offset() -> None:
    result = check_json('{"a": tru}')
    assert not result.well_formed
    assert result.findings[0].offset == 6


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    result = check_json("[" * 5000 + "]" * 5000)
    assert not result.well_formed
    assert "nested too deeply" in result.findings[0].message
