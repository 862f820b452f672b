"""The JSONPath dialect of ``$input.path``/``$input.json`` (ref §2.2: Jayway semantics, D/I)."""

from __future__ import annotations

from typing import Any

import pytest

from vtlgw.apigw.jsonpath import JsonPathError, compile_path, evaluate
from vtlgw.apigw.jsonvalue import parse_json
from vtlgw.engine.values import MISSING, JsonList

STORE = parse_json(
    """{"store": {"book": [
         {"category": "ref", "author": "Nigel", "price": 8.95},
         {"category": "fiction", "author": "Evelyn", "price": 12.99, "isbn": "x"},
         {"category": "fiction", "author": "Herman", "price": 8.99, "isbn": "y"}],
       "bicycle": {"color": "red", "price": 19.95}},
       "a.b": 1, "k:v": 2, "empty": [], "nothing": null}"""
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("$.store.bicycle.color", "red"),
        ("$['store']['bicycle']['color']", "red"),
        ('$["store"].bicycle["color"]', "red"),
        ("$.store.book[0].author", "Nigel"),
        ("$.store.book[-1].author", "Herman"),
        ("$['a.b']", 1),
        ("$['k:v']", 2),
        ("store.bicycle.color", "red"),
        ("$.store.book.length()", 3),
        ("$['store']['bicycle']['color','price']", {"color": "red", "price": 19.95}),
        ("$.nothing", None),
        ("$.empty", []),
    ],
)
def test_definite_paths_give_one_value_ref_2_2(path: str, expected: Any) -> None:
    assert evaluate(path, STORE) == expected


@pytest.mark.parametrize("path", ["$", "", "  $  "])
def test_root_is_the_whole_document(path: str) -> None:
    assert evaluate(path, STORE) is STORE


@pytest.mark.parametrize(
    "path", ["$.missing", "$.store.book[7]", "$.store.bicycle.color.x", "$.a.b", "$.empty[0]"]
)
def test_definite_path_without_a_match_is_missing_ref_11_7_V(path: str) -> None:
    assert evaluate(path, STORE) is MISSING


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("$.store.book[*].author", ["Nigel", "Evelyn", "Herman"]),
        ("$..author", ["Nigel", "Evelyn", "Herman"]),
        ("$.store..price", [8.95, 12.99, 8.99, 19.95]),
        ("$.store.book[0,2].author", ["Nigel", "Herman"]),
        ("$.store.book[:2].author", ["Nigel", "Evelyn"]),
        ("$.store.book[1:].author", ["Evelyn", "Herman"]),
        ("$.store.book[-2:].author", ["Evelyn", "Herman"]),
        ("$.store.book[?(@.isbn)].author", ["Evelyn", "Herman"]),
        ("$.store.book[?(!@.isbn)].author", ["Nigel"]),
        ("$.store.book[?(@.price < 10)].author", ["Nigel", "Herman"]),
        ("$.store.book[?(@.price >= 12.99)].author", ["Evelyn"]),
        ("$.store.book[?(@.category == 'fiction' && @.price > 10)].author", ["Evelyn"]),
        ("$.store.book[?(@.category == 'ref' || @.isbn == 'y')].author", ["Nigel", "Herman"]),
        ("$.store.book[?(@.category != 'ref')].author", ["Evelyn", "Herman"]),
        ("$.store.book[?(@.author =~ /.*n$/)].author", ["Evelyn", "Herman"]),
        ("$.store.book[?(@.author =~ /h.*/i)].author", ["Herman"]),
        ("$.store.book[?(@.category in ['ref', 'x'])].author", ["Nigel"]),
        ("$.store.book[?(@.category nin ['ref'])].author", ["Evelyn", "Herman"]),
        ("$.store.book[?(@.price > $.store.bicycle.price)].author", []),
        ("$.store.book[?(@.price == 8.95)].author", ["Nigel"]),
        ("$.store.book[?(@.price == '8.95')].author", []),
        ("$.store.book[*].missing", []),
        ("$..[0].author", ["Nigel"]),
    ],
)
def test_indefinite_paths_give_a_json_list_ref_2_2_I(path: str, expected: list[Any]) -> None:
    found = evaluate(path, STORE)
    assert isinstance(found, JsonList)
    assert found == expected


def test_wildcard_on_a_map_gives_its_values_in_order() -> None:
    assert evaluate("$.store.bicycle.*", STORE) == ["red", 19.95]


def test_deep_scan_visits_parents_before_children() -> None:
    doc = parse_json('{"id": 1, "a": {"id": 2, "b": [{"id": 3}]}, "c": {"id": 4}}')
    assert evaluate("$..id", doc) == [1, 2, 3, 4]


def test_compiled_path_is_reusable_and_reports_definiteness() -> None:
    compiled = compile_path("$.store.book[0]")
    assert compiled.definite
    assert not compile_path("$.store.book[*]").definite
    assert compiled.evaluate(STORE) == compiled.evaluate(STORE)


@pytest.mark.parametrize(
    "path", ["$.", "$[", "$.store[?(@.x == )]", "$.store.book[1:2:3]", "$[abc]", "$.foo()", "$['x"]
)
def test_invalid_paths_raise_with_offset(path: str) -> None:
    with pytest.raises(JsonPathError) as info:
        compile_path(path)
    assert path in str(info.value)


def test_filter_on_an_object_tests_the_object_itself() -> None:
    assert evaluate("$.store.bicycle[?(@.color == 'red')]", STORE) == [
        {"color": "red", "price": 19.95}
    ]
    assert evaluate("$.store.bicycle[?(@.color == 'blue')]", STORE) == []


def test_filter_after_deep_scan_finds_each_object_once() -> None:
    found = evaluate("$..[?(@.price < 10)]", STORE)
    assert [item["author"] for item in found] == ["Nigel", "Herman"]
    assert evaluate("$..book[?(@.isbn)].isbn", STORE) == ["x", "y"]
