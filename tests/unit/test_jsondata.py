"""JSON input: positioned syntax errors, bounded nesting, and JSON data only."""

from __future__ import annotations

import pytest

from vtlgw.document import MAX_DEPTH
from vtlgw.errors import InputError
from vtlgw.jsondata import deeper_than, json_data_problem, json_kind, parse_json


def test_parse_json_positions_syntax_errors() -> None:
    with pytest.raises(InputError) as info:
        parse_json('{\n  "a": 1\n  "b": 2\n}', name="s.json", what="schema")
    error = info.value
    assert (error.message, error.line, error.column) == (
        "schema is not valid JSON: Expecting ',' delimiter",
        3,
        3,
    )
    assert error.source_line == '  "b": 2'


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_parse_json_refuses_deep_nesting(depth: int) -> None:
    with pytest.raises(InputError) as info:
        parse_json("[" * depth + "]" * depth, name="e.json", what="event")
    assert info.value.name == "e.json"
    assert info.value.message.startswith(f"event is nested more than {MAX_DEPTH} levels deep")


def test_parse_json_names_where_it_is_too_deep() -> None:
    text = '{"a": [' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "]}"
    with pytest.raises(InputError) as info:
        parse_json(text, name="s.json", what="schema")
    where = "a" + "[0]" * (MAX_DEPTH - 1)  # the list at level 101
    assert info.value.message == (
        f"schema is nested more than {MAX_DEPTH} levels deep (at {where})"
    )


def test_deeper_than_names_the_first_path_too_deep() -> None:
    assert deeper_than({"a": [{"b": []}]}, 4) is None
    assert deeper_than({"a": [{"b": []}]}, 3) == ("a", 0, "b")
    assert deeper_than({"a": [{"b": []}]}, 1) == ("a",)
    assert deeper_than("text", 0) is None


def test_json_data_problem_accepts_json_and_shared_parts() -> None:
    shared = {"k": [1, 2.5, True, None, "s"]}
    assert json_data_problem({"a": shared, "b": [shared]}) is None


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"a": {1: "x"}}, (("a",), "expected string keys, found a number key 1")),
        (
            {"a": [{"b": {1, 2}}]},
            (
                ("a", 0, "b"),
                "expected JSON data (an object, array, string, number, boolean or null), "
                "found a Python set",
            ),
        ),
        ([[[]]] * 1, None),
    ],
)
def test_json_data_problem_names_the_path(data: object, problem: object) -> None:
    assert json_data_problem(data) == problem


def test_json_kind_words() -> None:
    kinds = [json_kind(v) for v in (None, True, 1, 1.5, "s", [], {}, (1,))]
    assert kinds == [
        "null",
        "a boolean",
        "a number",
        "a number",
        "a string",
        "an array",
        "an object",
        "a Python tuple",
    ]
