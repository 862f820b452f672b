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
    ("path", "offset", "message"),
    [
        ("$.", 2, "expected a member name"),
        ("$[", 2, "expected ']'"),
        ("$.book[0", 7, "expected ']'"),
        ("$.store[?(@.x == )]", 17, "expected a filter operand"),
        ("$.store.book[1:2:3]", 13, "expected an index, slice, '*', name or filter, got '1:2:3'"),
        ("$[abc]", 2, "expected an index, slice, '*', name or filter, got 'abc'"),
        ("$.foo()", 5, "unknown function foo()"),
        ("$['x", 4, "unterminated string"),
        ("$['a', b]", 7, "expected a quoted name"),
        ("$[?(@.a == 1]", 12, "expected ')'"),
        ("$[?(@.a in [1 2])]", 14, "expected ',' or ']'"),
        ("$[?(@.a =~ /abc)]", 11, "unterminated regular expression"),
        ("$[?(@.a =~ /a\\/)]", 11, "unterminated regular expression"),
        ("$[?(@.a =~ /(/)]", 14, "bad regular expression: missing ), unterminated subpattern"),
        ("$['a\\", 5, "unterminated string"),  # a backslash that escapes nothing
        ("$['x\\'", 6, "unterminated string"),  # an escaped quote does not close
    ],
)
def test_invalid_paths_raise_with_offset(path: str, offset: int, message: str) -> None:
    with pytest.raises(JsonPathError) as info:
        compile_path(path)
    assert str(info.value).startswith(f"invalid JSONPath {path!r} at offset {offset}: {message}")
    assert (info.value.path, info.value.position) == (path, offset)


def test_filter_on_an_object_tests_the_object_itself() -> None:
    assert evaluate("$.store.bicycle[?(@.color == 'red')]", STORE) == [
        {"color": "red", "price": 19.95}
    ]
    assert evaluate("$.store.bicycle[?(@.color == 'blue')]", STORE) == []


# Filter semantics are Jayway's (ref §2.2, D: AWS points to Jayway JsonPath): its
# RegexpEvaluator tests ``Matcher.matches()`` (the whole string) and LessThanEqualsEvaluator
# ``compareTo(...) <= 0`` (json-path/JsonPath, internal/filter/EvaluatorFactory.java).
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("$.store.book[?(@.author =~ /Her/)].author", []),  # a prefix is not a match
        ("$.store.book[?(@.author =~ /erman/)].author", []),  # nor a suffix
        ("$.store.book[?(@.author =~ /Herman/)].author", ["Herman"]),
        ("$.store.book[?(@.price <= 8.99)].author", ["Nigel", "Herman"]),  # equal is in
        ("$.store.book[?(@.price >= 8.99)].author", ["Evelyn", "Herman"]),
        ("$.store.book[?(@.price < 8.99)].author", ["Nigel"]),  # equal is out
        ("$.store.book[?(@.price > 8.99)].author", ["Evelyn"]),
        ("$.store.book[?(@.author <= 'Herman')].author", ["Evelyn", "Herman"]),
        ("$.store.book[?(@.author >= 'Herman')].author", ["Nigel", "Herman"]),
        ("$.store.book[?(@.price <= '8.99')].author", []),  # a number never orders a string
    ],
)
def test_regex_matches_whole_strings_and_ordering_includes_equal_ref_2_2(
    path: str, expected: list[Any]
) -> None:
    assert evaluate(path, STORE) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # `$` inside a filter is the document root on either side of && and ||, under !, after
        # a deep scan, and whether the filter tests an array's items or an object itself
        ("$.store.book[?(@.price < $.store.bicycle.price)].author", ["Nigel", "Evelyn", "Herman"]),
        (
            "$.store.book[?(@.price < $.store.bicycle.price || @.x)].author",
            ["Nigel", "Evelyn", "Herman"],
        ),
        (
            "$.store.book[?(@.x || @.price < $.store.bicycle.price)].author",
            ["Nigel", "Evelyn", "Herman"],
        ),
        ("$.store.book[?(@.price < $.store.bicycle.price && @.isbn)].author", ["Evelyn", "Herman"]),
        ("$.store.book[?(@.isbn && @.price < $.store.bicycle.price)].author", ["Evelyn", "Herman"]),
        ("$.store.book[?(!(@.price < $.store.bicycle.price))].author", []),
        ("$..[?(@.price < $.store.bicycle.price)].author", ["Nigel", "Evelyn", "Herman"]),
        ("$.store.bicycle[?(@.price == $.store.bicycle.price)].color", ["red"]),
    ],
)
def test_root_inside_filters_is_the_document_ref_2_2(path: str, expected: list[Any]) -> None:
    assert evaluate(path, STORE) == expected


ITEMS = parse_json(
    '{"items": [{"n": 12345678901234567891, "f": true, "z": null, "e": 100, "s": "a\\nb"},'
    ' {"n": 1, "f": false, "e": 1.5}], "a\'b": 3}'
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("$.items[?(@.n == 12345678901234567891)].e", [100]),  # integers stay exact
        ("$.items[?(@.f == true)].e", [100]),
        ("$.items[?(@.f == false)].e", [1.5]),
        ("$.items[?(@.f == 'true')].e", []),  # a boolean is not its text
        ("$.items[?(@.z == null)].e", [100]),
        ("$.items[?(@.e == 1e2)].n", [12345678901234567891]),
        ("$.items[?(@.e == 1E2)].n", [12345678901234567891]),
        ("$.items[?(@.e == 15e-1)].n", [1]),
        ("$.items[?(@.e == '100')].n", []),
        ("$.items[?(@.e == 100.0)].n", [12345678901234567891]),  # numbers compare by value
        ("$.items[?(@.f == 1)].e", []),  # a boolean is not a number
        ("$.items[?(@.missing == 1)].e", []),  # a missing member equals nothing
        ("$.items[?(@.missing != 1)].e", []),  # and differs from nothing
        ("$.items[?(@.n in [1, true])].e", [1.5]),
        ("$.items[?(@.s =~ /a.b/)].e", []),  # '.' stops at a newline...
        ("$.items[?(@.s =~ /a.b/s)].e", [100]),  # ...unless the s flag is given
        ("$.items[?(@.s =~ /^b$/m)].e", []),  # m: ^/$ at lines, still the whole string
        ("$.items[?(@.s =~ /a.*b/ms)].e", [100]),
        ("$.items[?(@.s =~ /A . B/xsi)].e", [100]),
        ("$.items[?(@.s =~ /a\\/?.b/s)].e", [100]),  # an escaped '/' does not end the regex
    ],
)
def test_filter_literals_and_regex_flags_ref_2_2(path: str, expected: list[Any]) -> None:
    assert evaluate(path, ITEMS) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("$.items[0]['e']", 100),  # the index bracket ends at its own ']'
        ("$.items[ 1 ].e", 1.5),
        ("$['a\\'b']", 3),  # a backslash escapes the quote inside a quoted name
        ('$["a\'b"]', 3),
    ],
)
def test_brackets_spaces_and_escaped_quotes(path: str, expected: Any) -> None:
    assert evaluate(path, ITEMS) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("['a.b']", 1),  # a path may start with a bracket
        ("$.['a.b']", 1),  # or put one after a dot
        ("$.store.*.color", ["red"]),  # a wildcard step in the middle
        ("$.store.book[?($.store.bicycle)].author", ["Nigel", "Evelyn", "Herman"]),
        ("$.store.book[?($.nope)].author", []),  # existence of a root path
        ("$.store.book[?($.store.bicycle.price > @.price)].author", ["Nigel", "Evelyn", "Herman"]),
        ("$.store.book[?(8.99 == @.price)].author", ["Herman"]),  # the item on the right
        ("$.store.book[?(@.isbn.length() == 1)].author", ["Evelyn", "Herman"]),
        ("$.store.book[?(@.isbn.length()==1)].author", ["Evelyn", "Herman"]),
        ('$.store.book[?(@.category == "fiction")].author', ["Evelyn", "Herman"]),
        ("$.store.book[?(@.category in ['ref','x'])].author", ["Nigel"]),
        ("$.store.book[?(@['isbn'])].author", ["Evelyn", "Herman"]),
        ("$.store[?(@..isbn)].bicycle.color", ["red"]),  # a deep scan inside a filter
        ("$.store.book[?(@.x||@.isbn)].author", ["Evelyn", "Herman"]),  # no spaces
        ("$.store.book[?(@.isbn&&@.price<9)].author", ["Herman"]),
        ("$.store.book[ 1 : ].author", ["Evelyn", "Herman"]),  # spaces inside a slice
        ("$.store.book[?(@.author =~ /H.*/ && @.category =~ /f.*/)].author", ["Herman"]),
        ("$.store.book[?(@.author =~ /N\\/?igel/ && @.category =~ /r.*/)].author", ["Nigel"]),
    ],
)
def test_step_forms_inside_and_outside_filters_ref_2_2(path: str, expected: Any) -> None:
    assert evaluate(path, STORE) == expected


def test_member_names_outside_filters_end_only_at_dot_bracket_paren_or_space() -> None:
    # Jayway reads a property name up to '.', '[', '(' or a space (ref §2.2); '=', ',' and
    # '~' end a name only inside a filter expression
    assert evaluate("$.x=y", {"x=y": 1}) == 1
    assert evaluate("$.a,b~c", {"a,b~c": 2}) == 2
    with pytest.raises(JsonPathError) as info:
        compile_path("$.a b")
    assert str(info.value) == "invalid JSONPath '$.a b' at offset 3: expected '.' or '['"


def test_index_brackets_and_regexes_end_at_their_own_delimiter() -> None:
    assert evaluate("$['a]b'][0]", {"a]b": [5]}) == 5  # a ']' inside a quoted name
    assert evaluate("$.l[?(@ =~ /a\\//)]", {"l": ["a/", "b"]}) == ["a/"]  # \/ then /


def test_compiled_path_keeps_the_text_as_given() -> None:
    assert compile_path(" $.a ").text == " $.a "
    assert compile_path("$").text == "$"
    assert compile_path("a.b").text == "a.b"


def test_filter_after_deep_scan_finds_each_object_once() -> None:
    found = evaluate("$..[?(@.price < 10)]", STORE)
    assert [item["author"] for item in found] == ["Nigel", "Herman"]
    assert evaluate("$..book[?(@.isbn)].isbn", STORE) == ["x", "y"]
