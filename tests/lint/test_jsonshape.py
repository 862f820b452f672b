"""The static JSON model: where each printed reference lands, and whether output is JSON."""

from __future__ import annotations

import pytest

from vtlgw.engine.parser import parse
from vtlgw.lint.jsonshape import JsonShape, Printed, analyse, output_is_json, reference_key


def _shape(text: str) -> JsonShape:
    return analyse(parse(text, name="t.vtl").root, text)


def _where(text: str) -> list[tuple[str, bool | None, bool]]:
    """Each printed reference as (its text, in_string, value_start)."""
    return [
        (text[p.node.start : p.node.end], p.in_string, p.value_start) for p in _shape(text).printed
    ]


def _one(text: str, spelled: str) -> Printed:
    found = [p for p in _shape(text).printed if text[p.node.start : p.node.end] == spelled]
    assert len(found) == 1
    return found[0]


def test_member_values_keys_and_strings() -> None:
    text = '{"a": "$x", "b": $y, "$k": 1, "c": "pre $z post"}'
    assert _where(text) == [
        ("$x", True, False),
        ("$y", False, True),
        ("$k", True, False),
        ("$z", True, False),
    ]


def test_escaped_quotes_do_not_end_the_string() -> None:
    assert _where('{"a": "say \\"$x\\" now", "b": $y}') == [
        ("$x", True, False),
        ("$y", False, True),
    ]


def test_array_elements_start_values_but_object_keys_do_not() -> None:
    assert _where("[$a, $b]") == [("$a", False, True), ("$b", False, True)]
    assert _where('{"a": 1, $b}') == [("$b", False, False)]
    assert _where('{"a": [1, {"b": 2}, $c]}') == [("$c", False, True)]


def test_if_branches_continue_the_text_before_them() -> None:
    text = '{"a": #if($c)"$x"#else$y#end, "b": $z}'
    assert _where(text) == [("$x", True, False), ("$y", False, True), ("$z", False, True)]


def test_branches_that_disagree_leave_the_position_unknown_until_a_line_break() -> None:
    text = '{"a": "#if($c)"#end$x\n"b": "$y"}'
    assert _where(text) == [("$x", None, False), ("$y", True, False)]


def test_a_line_break_ends_a_string_valid_json_cannot_hold_one() -> None:
    assert _where('{"a": "abc\n"b": "$x"}') == [("$x", True, False)]


def test_foreach_body_continues_the_text_and_records_the_loop() -> None:
    text = '[#foreach($i in $list)"$i"#if($foreach.hasNext),#end#end, $after]'
    printed = _shape(text).printed
    assert [(p.node.root, p.in_string) for p in printed] == [("i", True), ("after", False)]
    target = printed[0].loops[0].target
    assert target is not None and target.root == "i"
    assert printed[1].loops == ()


def test_define_bodies_are_scanned_from_an_unknown_state() -> None:
    assert _where('#define($d)"$x"#end{"a": $d}') == [("$x", None, False), ("$d", False, True)]


def test_stop_and_include_leave_what_follows_unknown() -> None:
    assert _where('{"a": "$x"#stop}"$y"') == [("$x", True, False), ("$y", None, False)]
    assert _where("{\"a\": #parse('x.vtl') $y}") == [("$y", None, False)]


def test_macro_calls_and_comments_print_as_api_gateway_prints_them() -> None:
    assert _where('{"a": "#foo() $x", ## note "\n "b": $y}') == [
        ("$x", True, False),
        ("$y", False, True),
    ]


def test_guards_hold_every_reference_the_enclosing_if_tests() -> None:
    text = (
        '#if("$!input.path(\'$.n\')" != "")"n": $input.path("$.n")#elseif($other)$a#{else}$b#end$c'
    )
    guards = [sorted(reference_key(g, text) for g in p.guards) for p in _shape(text).printed]
    assert guards == [["$input.path('$.n')", "$other"]] * 3 + [[]]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ('$!{input.path("$.n")}', "$input.path('$.n')"),
        ("${a.b}", "$a.b"),
        ("$a['k']", '$!a["k"]'),
    ],
)
def test_reference_key_ignores_quotes_and_quiet_or_formal_spelling(one: str, other: str) -> None:
    first = _shape(one).printed[0].node
    second = _shape(other).printed[0].node
    assert reference_key(first, one) == reference_key(second, other)


def test_first_printed_character_skips_comments_directives_and_whitespace() -> None:
    assert _shape('## note\n#set($a = 1)\n   {"a": 1}').first == "{"
    assert _shape('#if($x)\n[1]#else{"a": 1}#end').first == "["
    assert _shape("$input.json('$')").first == "$"
    assert _shape("#set($a = 1)").first == ""
    assert _shape("Action=SendMessage&Body=$x").first == "A"


@pytest.mark.parametrize(
    ("text", "content_type", "expected"),
    [
        ('{"a": 1}', None, True),
        ('{"a": 1}', "application/x-www-form-urlencoded", True),
        ("[1, 2]", None, True),
        ("Action=SendMessage&Body=$input.body", "application/json", False),
        ("<a>$x</a>", None, False),
        ("$input.json('$')", None, False),
        ("$input.json('$')", "application/json", True),
        ("$input.json('$')", "application/vnd.api+json; charset=utf-8", True),
        ("$input.json('$')", "text/plain", False),
        ("", "application/json", True),
    ],
)
def test_output_is_json_from_the_text_then_the_content_type(
    text: str, content_type: str | None, expected: bool
) -> None:
    assert output_is_json(_shape(text), content_type) is expected
