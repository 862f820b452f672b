"""JSON host files: the same values as json.loads, each string character at its host offset."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from vtlgw.document import MAX_DEPTH
from vtlgw.errors import InputError
from vtlgw.iac.jsonhost import MAX_JSON_CHARS, load_json_host
from vtlgw.iac.tree import HostList, HostMapping, HostString

ESCAPED = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def examples(count: int) -> settings:
    """``count`` examples, no deadline, no database, no explain phase (it warns)."""
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
        phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink),
    )


def decode_at(host: str, at: int) -> str:
    """The character the escape at ``host[at]`` (a backslash) stands for."""
    code = host[at + 1]
    if code != "u":
        return ESCAPED[code]
    unit = int(host[at + 2 : at + 6], 16)
    if 0xD800 <= unit < 0xDC00 and host.startswith("\\u", at + 6):
        low = int(host[at + 8 : at + 12], 16)
        if 0xDC00 <= low < 0xE000:
            return chr(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
    return chr(unit)


def assert_origins(host: str, value: Any) -> None:
    """Every string (key or value) maps each character to the host text it was read from."""
    if isinstance(value, HostMapping):
        assert host[value.start] == "{"
        for key, item in value.items():
            assert_origins(host, key)
            assert_origins(host, item)
    elif isinstance(value, HostList):
        assert host[value.start] == "["
        for item in value:
            assert_origins(host, item)
    elif isinstance(value, str):
        assert isinstance(value, HostString)
        assert host[value.start - 1] == '"'
        previous = value.start - 1
        for index, char in enumerate(value):
            at = value.offsets(index)
            assert at > previous
            previous = at
            written = host[at]
            assert written == char or (written == "\\" and decode_at(host, at) == char), index
        assert host[value.offsets(len(value))] == '"'


FINITE = st.floats(allow_nan=False, allow_infinity=False)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | FINITE | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@examples(100)
@given(JSON_VALUES, st.booleans(), st.sampled_from([None, 0, 1, 2, "\t"]))
def test_values_equal_json_loads_and_every_character_maps_to_its_host_offset(
    value: Any, ascii_only: bool, indent: int | str | None
) -> None:
    host = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    tree = load_json_host(host, name="t.json")
    assert tree == json.loads(host)
    assert_origins(host, tree)


def test_escapes_map_to_their_backslash_and_a_surrogate_pair_is_one_character() -> None:
    host = '{"k": "a\\n\\"b\\u00e9\\ud83d\\ude00\\/z"}'
    value = load_json_host(host, name="t.json")["k"]
    assert value == 'a\n"bé😀/z'
    assert [value.offsets(i) for i in range(len(value) + 1)] == [7, 8, 10, 12, 13, 19, 31, 33, 34]


def test_a_lone_surrogate_is_kept_as_json_loads_keeps_it() -> None:
    host = '["\\ud83d x"]'
    assert load_json_host(host, name="t.json") == json.loads(host) == ["\ud83d x"]


def test_objects_and_arrays_start_at_their_bracket_and_strings_after_the_quote() -> None:
    host = ' {"a": [1, {"b": "c"}], "d": true}'
    tree = load_json_host(host, name="t.json")
    assert tree.start == 1 and tree["a"].start == 7 and tree["a"][1].start == 11
    assert [key.start for key in tree] == [3, 25]
    assert tree["a"][1]["b"].start == 18


@pytest.mark.parametrize(
    ("host", "where", "message"),
    [
        ('{"a": 1,}', (1, 9), "not valid JSON: expected an object key in double quotes, found '}'"),
        ('{"a" 1}', (1, 6), "not valid JSON: expected ':' after an object key, found '1'"),
        ('{"a": "xy', (1, 7), "not valid JSON: the string that starts here is never closed"),
        (
            '{"a": "x\\qy"}',
            (1, 10),
            'not valid JSON: expected an escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or '
            "\\uXXXX), found 'q'",
        ),
        (
            '["\\u12G4"]',
            (1, 7),
            "not valid JSON: expected 4 hexadecimal digits after \\u, found 'G'",
        ),
        (
            '{"a": "x\ty"}',
            (1, 9),
            "not valid JSON: expected a character or an escape in a string, found '\\t'",
        ),
        (
            '{"a": NaN}',
            (1, 7),
            "not valid JSON: expected a value (an object, array, string, number, true, false or "
            "null), found 'N'",
        ),
        ('{\n "a": 1,\n "a": 2\n}', (3, 2), "duplicate key 'a' (first at line 2)"),
        (
            '{"a": 1} x',
            (1, 10),
            "not valid JSON: expected the end of the file after the value, found 'x'",
        ),
        (
            "  ",
            (1, 3),
            "not valid JSON: expected a value (an object, array, string, number, true, false or "
            "null), found the end of the file",
        ),
        ("[1 2]", (1, 4), "not valid JSON: expected ',' or ']' after an array item, found '2'"),
        (
            '{"a": 1 "b"}',
            (1, 9),
            "not valid JSON: expected ',' or '}' after an object member, found '\"'",
        ),
        ("[01]", (1, 3), "not valid JSON: expected ',' or ']' after an array item, found '1'"),
        ("[-]", (1, 2), "not valid JSON: expected a number, found '-'"),
        (
            "[" + "1" * 5000 + "]",
            (1, 2),
            "not valid JSON: a number of 5,000 digits is longer than Python reads",
        ),
        ("[" * 101 + "]" * 101, (1, 101), f"nested more than {MAX_DEPTH} levels deep"),
    ],
)
def test_syntax_errors_are_input_errors_at_the_host_position(
    host: str, where: tuple[int, int], message: str
) -> None:
    with pytest.raises(InputError) as caught:
        load_json_host(host, name="t.json")
    error = caught.value
    assert (error.name, error.line, error.column, error.message) == ("t.json", *where, message)


def test_a_file_too_long_is_refused_before_reading() -> None:
    with pytest.raises(InputError) as caught:
        load_json_host(" " * (MAX_JSON_CHARS + 1), name="t.json")
    assert caught.value.message == f"the file is longer than {MAX_JSON_CHARS:,} characters"


def test_deep_but_allowed_nesting_reads_without_recursion() -> None:
    host = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    tree = load_json_host(host, name="t.json")
    for _ in range(MAX_DEPTH - 1):
        tree = tree[0]
    assert tree == []
