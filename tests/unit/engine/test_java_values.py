"""Java value behaviour that the recorded tables do not cover: chars, views, iteration,
assignment, indexing, regex translation, json-smart printing and the sandbox boundary.

Expected values come from velocity17 probes recorded in ``data/java_probes.json`` (the
template that showed each fact is quoted next to the assertion).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vtlgw.engine.javatypes import (
    JavaException,
    add,
    class_name,
    compare,
    equals,
    java_hash,
    mul,
    to_string,
)
from vtlgw.engine.jformat import java_format
from vtlgw.engine.jmethods import (
    call_method,
    get_index,
    get_property,
    iterate,
    set_index,
    set_property,
)
from vtlgw.engine.jobjects import JavaChar, JavaClass
from vtlgw.engine.jregex import compile_java, replace_all, split
from vtlgw.engine.values import MISSING, JsonList, VtlObject

PROBES = {
    case["template"]: case["expected"]
    for case in json.loads((Path(__file__).parent / "data" / "java_probes.json").read_text())
}


BOUNDARY_TEMPLATES = {
    row[0]: row[2]
    for row in json.loads(
        (Path(__file__).parent / "data" / "java_boundaries.json").read_text("utf-8")
    )["templates"]
}


def without_message(java_class: str, template: str) -> str:
    """``""``, after checking that Velocity printed ``java_class`` with no message for
    ``template`` (recorded in data/java_boundaries.json)."""
    recorded = BOUNDARY_TEMPLATES[template]
    assert recorded == f"ERROR: {java_class}" or f"threw exception {java_class} at " in recorded
    return ""


def probe(template: str) -> str:
    """The recorded velocity17 output of a probe template (fails loudly if not recorded)."""
    recorded: str = PROBES[template]
    return recorded


# --- the sandbox boundary ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["__class__", "__dict__", "_x", "__len__", "upper", "format"])
@pytest.mark.parametrize("value", ["abc", 1, 2.5, True, [1], JavaChar("a")])
def test_python_internals_are_never_members(value: object, name: str) -> None:
    assert get_property(value, name) is MISSING
    assert call_method(value, name, ()) is MISSING


def test_class_object_answers_only_name_and_simple_name() -> None:
    cls = get_property({"a": 1}, "class")
    assert isinstance(cls, JavaClass)
    # probe: "$m.class.name $m.class $m.class.simpleName ..." -> java.util.LinkedHashMap ...
    assert get_property(cls, "name") == "java.util.LinkedHashMap"
    assert call_method(cls, "getSimpleName", ()) == "LinkedHashMap"
    assert to_string(cls) == "class java.util.LinkedHashMap"
    # Real Java reaches Runtime through forName; ours must lead nowhere.
    for member in ("classLoader", "methods", "class", "superclass", "package"):
        assert get_property(cls, member) is MISSING
    assert call_method(cls, "forName", ("java.lang.Runtime",)) is MISSING
    assert call_method(cls, "getClass", ()) is MISSING


def test_host_objects_answer_for_themselves_and_get_a_class() -> None:
    class Host(VtlObject):
        java_class_name = "com.example.Host"

        def vtl_get(self, name: str) -> object:
            return "v" if name == "x" else MISSING

    host = Host()
    assert get_property(host, "x") == "v"
    assert get_property(host, "__class__") is MISSING
    assert get_property(get_property(host, "class"), "name") == "com.example.Host"


# --- printing ---------------------------------------------------------------------------


def test_maps_lists_and_self_references_print_like_java() -> None:
    assert probe("#set($m.self = $m)$m #set($l = [1])$l.add($l) $l") == (
        "{a=1, self=(this Map)}true [1, (this Collection)]"
    )
    mapping: dict[str, object] = {"a": 1}
    mapping["self"] = mapping
    items: list[object] = [1]
    items.append(items)
    assert to_string(mapping) == "{a=1, self=(this Map)}"
    assert to_string(items) == "[1, (this Collection)]"
    assert to_string({"a": None, "b": [None, {"c": "d"}]}) == "{a=null, b=[null, {c=d}]}"


def test_json_list_prints_compact_json_even_inside_a_map() -> None:  # ref §11.5 (V)
    nested = {"foo": JsonList([{"nested": "bar"}])}
    assert to_string(nested) == '{foo=[{"nested":"bar"}]}'
    assert to_string(JsonList([])) == "[]"
    assert to_string(JsonList([1, 2.5, None, True, 'a/"b"\n'])) == (
        '[1,2.5,null,true,"a\\/\\"b\\"\\n"]'
    )
    # json-smart's JsonWriter: infinities become null, NaN stays NaN, a null key is bare,
    # and Escape4Web writes U+0000-001F, U+007F-009F and U+2000-20FF as uppercase \uXXXX.
    inf = float("inf")
    assert to_string(JsonList([inf, float("nan"), {None: 1}, "\u2028\x7f"])) == (
        '[null,NaN,{null:1},"\\u2028\\u007F"]'
    )


def test_map_views_print_and_name_their_class_like_linked_hash_map() -> None:
    mapping = {"a": 1, "b": [1, 2]}
    # probe: "$m.keySet() $m.values() $m.entrySet() ...class.name"
    expected = probe(
        "$m.keySet() $m.values() $m.entrySet() $m.keySet().class.name "
        "$m.values().class.name $m.entrySet().class.name"
    )
    views = [call_method(mapping, name, ()) for name in ("keySet", "values", "entrySet")]
    mine = " ".join([to_string(v) or "" for v in views] + [class_name(v) for v in views])
    assert mine == expected


# --- chars ------------------------------------------------------------------------------


def test_char_from_char_at_behaves_like_java_lang_character() -> None:
    char = call_method("abc", "charAt", (0,))
    assert class_name(char) == "java.lang.Character"
    assert to_string(char) == "a"
    assert equals(char, "a")  # different classes: toString comparison
    assert equals(char, call_method("abc", "charAt", (0,)))
    assert not equals(char, 97)
    assert compare(char, "b") is None  # 1.7 only orders numbers
    assert java_hash(char) == 97
    # probe: "$s.indexOf($ch) $s.contains($ch) ..." -> a Character never widens to int
    assert call_method("abcb", "indexOf", (JavaChar("c"),)) is MISSING
    assert call_method("abcb", "contains", (JavaChar("c"),)) is MISSING
    assert call_method("abcb", "replace", (JavaChar("b"), JavaChar("a"))) == "aaca"


def test_char_compare_to_a_string_throws_class_cast() -> None:
    with pytest.raises(JavaException) as caught:
        call_method(JavaChar("a"), "compareTo", ("b",))
    assert caught.value.java_class == "java.lang.ClassCastException"
    assert "class java.lang.String cannot be cast to class java.lang.Character" in (
        caught.value.message
    )


# --- strings: UTF-16 and regex ----------------------------------------------------------


def test_string_indexes_count_utf16_units() -> None:
    text = "ßİ😀x"
    calls = [
        ("toUpperCase", ()),
        ("toLowerCase", ()),
        ("length", ()),
        ("charAt", (1,)),
        ("substring", (1,)),
        ("indexOf", ("x",)),
    ]
    mine = " ".join(to_string(call_method(text, name, args)) or "" for name, args in calls)
    assert mine == probe(
        "$s.toUpperCase() $s.toLowerCase() $s.length() $s.charAt(1) $s.substring(1) $s.indexOf('x')"
    )


@pytest.mark.parametrize(
    ("pattern", "text", "replacement", "expected"),
    [
        ("\\w", "é1 ab", ".", "é. .."),  # Java \w is ASCII unless (?U)
        ("(?U)\\w", "é1", ".", ".."),
        (".", "a\rb", "x", "x\rx"),  # '.' stops at every Java line terminator
        ("[a-c&&[^b]]", "abcb1", "#", "#b#b1"),  # intersection
        ("[[:alpha:]]", "Ab:!", "P", "AbP!"),  # a nested class, not POSIX brackets
        ("\\p{Punct}", "Ab:!", "p", "Abpp"),
        ("a(?i)b", "abaBAb", "_", "__Ab"),  # mid-pattern flags scope to the rest
        ("\\Qa.b\\E", "a.bacb", "X", "Xacb"),
        ("(?<n>b)", "abcb", "${n}!", "ab!cb!"),
        ("(b)", "abcb1", "$11", "ab1cb11"),  # $11 is group 1 then '1' when 11 groups don't exist
    ],
)
def test_java_regex_translation(pattern: str, text: str, replacement: str, expected: str) -> None:
    assert replace_all(text, pattern, replacement) == expected


@pytest.mark.parametrize(
    ("replacement", "java_class", "message"),
    [
        ("$2", "java.lang.IndexOutOfBoundsException", "No group 2"),
        (
            "$",
            "java.lang.IllegalArgumentException",
            "Illegal group reference: group index is missing",
        ),
        ("\\", "java.lang.IllegalArgumentException", "character to be escaped is missing"),
        ("${zz}", "java.lang.IllegalArgumentException", "No group with name {zz}"),
    ],
)
def test_bad_replacements_throw_what_java_throws(
    replacement: str, java_class: str, message: str
) -> None:
    with pytest.raises(JavaException) as caught:
        call_method("abcb", "replaceAll", ("b", replacement))
    assert (caught.value.java_class, caught.value.message) == (java_class, message)


def test_bad_patterns_are_pattern_syntax_exceptions() -> None:
    with pytest.raises(JavaException) as caught:
        compile_java("(")
    assert caught.value.java_class == "java.util.regex.PatternSyntaxException"
    # java_oracle.json, "abcb".replaceAll("(", "x"): "... PatternSyntaxException: Unclosed group
    # near index 1 ( at ..." (the oracle prints the message's line break as a space)
    assert caught.value.message == "Unclosed group near index 1\n("


def test_split_keeps_java_rules() -> None:
    assert split("a,b,,c,,", ",") == ["a", "b", "", "c"]
    assert split("a,b,,c,,", ",", -1) == ["a", "b", "", "c", "", ""]
    assert split("", ",") == [""]
    assert split(",a,b", ",") == ["", "a", "b"]
    assert split("abcbb a  b", "b*") == ["a", "", "c", "", " ", "a", " ", " "]


# --- collections, assignment, indexing, iteration --------------------------------------


def test_void_methods_render_empty_and_put_returns_the_previous_value() -> None:  # ref §11.11 (V)
    items = [10, 20, 30]
    assert call_method(items, "add", (1, "x")) == ""
    assert items == [10, "x", 20, 30]
    mapping = {"a": 1}
    assert call_method(mapping, "put", ("b", 2)) is None
    assert call_method(mapping, "put", ("a", 5)) == 1
    assert call_method(items, "set", (0, "y")) == 10


def test_element_tests_use_java_equals() -> None:
    assert call_method([10, 20], "contains", (20.0,)) is False
    assert call_method({"a": 1}, "containsValue", (1.0,)) is False
    assert call_method({"1": "one"}, "get", (1,)) is None
    assert call_method({True: "t"}, "get", (1,)) is None


def test_key_set_writes_through_and_refuses_add() -> None:
    mapping = {"a": 1, "b": 2}
    keys = call_method(mapping, "keySet", ())
    assert call_method(keys, "remove", ("a",)) is True
    assert mapping == {"b": 2}
    with pytest.raises(JavaException) as caught:
        call_method(keys, "add", ("q",))
    assert caught.value.java_class == "java.lang.UnsupportedOperationException"
    assert caught.value.message == without_message(
        "java.lang.UnsupportedOperationException", "#set($k = $m.keySet())$k.add('q')"
    )


def test_entries_read_and_write_through() -> None:
    mapping = {"a": 1, "b": 2}
    entries = list(iterate(call_method(mapping, "entrySet", ())) or [])
    assert [to_string(e) for e in entries] == ["a=1", "b=2"]
    assert get_property(entries[0], "key") == "a"
    assert call_method(entries[0], "setValue", (9,)) == 1
    assert set_property(entries[1], "value", 8)
    assert mapping == {"a": 9, "b": 8}


def test_properties_follow_velocity_order() -> None:
    assert get_property({"a": 1}, "a") == 1
    assert get_property({"a": 1}, "empty") is None  # Map.get wins over isEmpty()
    assert get_property([], "empty") is True
    assert get_property("", "Empty") is True
    assert get_property("abc", "length") is MISSING


def test_indexing_counts_negative_indexes_from_the_end() -> None:
    assert get_index([1, 2], -1) == 2
    assert get_index({"a": 1}, "a") == 1
    assert get_index("abc", 0) is MISSING
    with pytest.raises(JavaException) as caught:
        get_index([1, 2], 5)
    assert caught.value.message == "Index 5 out of bounds for length 2"


def test_assignment_targets() -> None:
    items = [1, 2]
    assert set_index(items, -1, 3) and items == [1, 3]
    assert not set_index(items, "a", 9)
    mapping: dict[str, object] = {}
    assert set_property(mapping, "x", 5) and mapping == {"x": 5}
    assert not set_property("str", "x", 5)
    with pytest.raises(JavaException) as caught:
        set_index(items, 5, 9)
    assert (caught.value.java_class, caught.value.message) == (
        "java.lang.IndexOutOfBoundsException",
        "Index 5 out of bounds for length 2",  # java_boundaries.json: "$l.set(5, 9)"
    )


def test_foreach_over_a_growing_list_throws_concurrent_modification() -> None:
    items = [1, 2]
    walked = []
    with pytest.raises(JavaException) as caught:
        for item in iterate(items) or []:
            walked.append(item)
            items.append(3)
    assert caught.value.java_class == "java.util.ConcurrentModificationException"
    assert caught.value.message == without_message(
        "java.util.ConcurrentModificationException", "#foreach($i in $l)$l.add(3)#end"
    )
    assert walked == [1]


def test_foreach_targets() -> None:
    assert list(iterate({"a": 1, "b": [1, 2]}) or []) == [1, [1, 2]]
    assert iterate("abc") is None
    assert iterate(5) is None
    iterator = call_method(["a", "b"], "iterator", ())
    assert list(iterate(iterator) or []) == ["a", "b"]
    assert list(iterate(iterator) or []) == []  # an iterator is consumed


# --- operators not covered by the arithmetic table -------------------------------------


def test_plus_concatenates_with_a_string_operand() -> None:
    assert add("a", 1) == "a1"
    assert add(1.5, "a") == "1.5a"
    assert add("a", [1, 2]) == "a[1, 2]"
    assert add("a", None) is None  # Velocity uses the operand's literal: the compiler's job
    assert add(True, 1) is None


# --- boxed types: statics through instances, Float --------------------------------------


def test_static_parsers_through_instances() -> None:
    # probe: "$i.parseInt('+7') $i.parseInt('-0') $i.valueOf('12') $i.valueOf(3) ..."
    calls = [
        (1, "parseInt", ("+7",)),
        (1, "parseInt", ("-0",)),
        (1, "valueOf", ("12",)),
        (1, "valueOf", (3,)),
        (1, "toHexString", (-1,)),
        (1, "toString", (5,)),
        (3000000000, "parseLong", ("12",)),
        (3000000000, "toHexString", (-1,)),
    ]
    mine = " ".join(to_string(call_method(obj, name, args)) or "" for obj, name, args in calls)
    expected = probe(
        "$i.parseInt('+7') $i.parseInt('-0') $i.valueOf('12') $i.valueOf(3) $i.toHexString(-1) "
        "$i.toString(5) $big.parseLong('12') $big.toHexString(-1) $i.parseLong('5')"
    )
    assert expected == mine + " $i.parseLong('5')"
    assert call_method(1, "parseLong", ("5",)) is MISSING  # Integer declares no parseLong


@pytest.mark.parametrize(
    ("text", "message"),
    [(" 1", 'For input string: " 1"'), ("99999999999", 'For input string: "99999999999"')],
)
def test_parse_int_rejects_what_java_rejects(text: str, message: str) -> None:
    with pytest.raises(JavaException) as caught:
        call_method(1, "parseInt", (text,))
    assert (caught.value.java_class, caught.value.message) == (
        "java.lang.NumberFormatException",
        message,
    )


def test_parse_double_accepts_java_literals_only() -> None:
    values = [" 1e3 ", "1f", "0x1p3", "-Infinity", ".5", "5."]
    mine = " ".join(to_string(call_method(1.0, "parseDouble", (v,))) or "" for v in values)
    assert mine + " 2.0 2.0" == probe(
        "$d.parseDouble(' 1e3 ') $d.parseDouble('1f') $d.parseDouble('0x1p3') "
        "$d.parseDouble('-Infinity') $d.parseDouble('.5') $d.parseDouble('5.') "
        "$d.valueOf('2') $d.valueOf(2)"
    )
    for bad, message in (("nan", 'For input string: "nan"'), ("", "empty String")):
        with pytest.raises(JavaException) as caught:
            call_method(1.0, "parseDouble", (bad,))
        assert caught.value.message == message


def test_float_values_print_and_compute_as_java_float() -> None:
    single = call_method(0.1, "floatValue", ())
    assert (to_string(single), class_name(single)) == ("0.1", "java.lang.Float")
    plus_one = add(single, 1)
    assert (to_string(plus_one), class_name(plus_one)) == ("1.1", "java.lang.Float")
    times = mul(single, 0.1)
    twice = add(single, single)
    mine = (
        f"{to_string(plus_one)} {class_name(plus_one)}{to_string(times)} {class_name(times)}"
        f"{to_string(twice)} {'T' if equals(single, 0.1) else 'F'} "
    )
    assert probe(
        "#set($f = $d.floatValue())#set($x = $f + 1)$x $x.class.name #set($x = $f * $d)$x "
        "$x.class.name #set($x = $f + $f)$x #if($f == $d)T#{else}F#end #if($f < $d)L#end "
        "$f.hashCode() $f.equals($f) $f.class.name #set($x = $f / 3)$x #set($x = $f % 0.03)$x"
    ).startswith(mine)
    assert not equals(single, 0.1)
    assert java_hash(single) == 1036831949


def test_strip_and_is_blank_use_java_whitespace() -> None:
    # probe: '[$s.strip()] [$s.trim()] $s.isBlank() [$t.strip()] $t.isBlank() ...'
    no_break, em_tab = "\u00a0a\u00a0", "\u2003\t"
    mine = (
        f"[{call_method(no_break, 'strip', ())}] [{call_method(no_break, 'trim', ())}] "
        f"{to_string(call_method(no_break, 'isBlank', ()))} [{call_method(em_tab, 'strip', ())}] "
        f"{to_string(call_method(em_tab, 'isBlank', ()))}"
    )
    assert probe(
        "[$s.strip()] [$s.trim()] $s.isBlank() [$t.strip()] $t.isBlank() $u.toUpperCase() "
        "$g.toLowerCase()"
    ).startswith(mine)


def test_removing_from_a_map_while_walking_its_key_set_throws() -> None:
    mapping = {"a": 1, "b": 2, "c": 3}
    walked = []
    with pytest.raises(JavaException) as caught:
        for key in iterate(call_method(mapping, "keySet", ())) or []:
            walked.append(key)
            call_method(mapping, "remove", ("b",))
    # probe: "#foreach($k in $m.keySet())...$m.remove('b')..." -> ConcurrentModificationException
    assert caught.value.java_class == "java.util.ConcurrentModificationException"
    assert caught.value.message == without_message(
        "java.util.ConcurrentModificationException",
        "#foreach($k in $m.keySet())$m.remove('b')#end",
    )
    assert walked == ["a"]


def test_host_objects_iterate_only_through_vtl_iter() -> None:
    class Plain(VtlObject):
        pass

    class Walkable(VtlObject):
        def vtl_iter(self) -> list[str]:
            return ["x", "y"]

    assert iterate(Plain()) is None
    assert list(iterate(Walkable()) or []) == ["x", "y"]


def test_sub_lists_are_live_windows() -> None:
    items = [1, 2, 3, 4, 5]
    window = call_method(items, "subList", (1, 4))
    steps = [
        to_string(window),
        class_name(window),
        to_string(call_method(window, "add", ("x",))),
        to_string(items),
        to_string(call_method(window, "size", ())),
    ]
    inner = call_method(window, "subList", (0, 2))
    steps += [
        to_string(call_method(inner, "remove", (0,))),
        to_string(items),
        to_string(window),
        to_string(inner),
        to_string(call_method(window, "equals", ([3, 4, "x"],))),
        to_string(call_method(window, "hashCode", ())),
        to_string(get_index(window, -1)),
    ]
    template = (
        "#set($s = $l.subList(1, 4))$s $s.class.name $s.add('x') $l $s.size() "
        "#set($t = $s.subList(0, 2))$t.remove(0) $l $s $t $s.equals([3, 4, 'x']) "
        "$s.hashCode() $s[-1] $s.get(0) $s.indexOf(4) #foreach($x in $s)$x,#end"
    )
    # "$s.size() #set(...)$t.remove(0)" prints the two results with no space between.
    words = [step or "" for step in steps]
    mine = " ".join(words[:4]) + f" {words[4]}{words[5]} " + " ".join(words[6:])
    assert probe(template).startswith(mine + " ")
    items.append(9)  # a change behind the window's back
    with pytest.raises(JavaException) as caught:
        call_method(window, "size", ())
    assert caught.value.java_class == "java.util.ConcurrentModificationException"
    assert caught.value.message == without_message(
        "java.util.ConcurrentModificationException",
        "#set($s = $l.subList(0, 1))$l.add(9)$s.size()",
    )


def test_format_varargs_indexes_and_java_rounding() -> None:
    # probes: "$s.format($f, ...)" with these specifiers (data/java_probes.json)
    assert java_format("%2$s %1$s", ("a", "b")) == "b a"
    assert java_format("%.2f", (1.005,)) == "1.01"  # half-up on Java's digits
    assert java_format("%,.2f", (1234567.891,)) == "1,234,567.89"
    assert java_format("%08.2f", (-3.14159,)) == "-0003.14"
    assert call_method("x", "join", ("-", "a", "b")) == "a-b"  # varargs packed by Velocity
    with pytest.raises(JavaException) as caught:
        java_format("%s %s", ("a",))
    assert caught.value.java_class == "java.util.MissingFormatArgumentException"
    assert caught.value.message == "Format specifier '%s'"


def test_repeat_stops_at_vtlgw_s_memory_bound() -> None:
    # vtlgw's own bound (16 Mi characters; the JVM's is its heap): at the bound it repeats,
    # past it the call fails as Java does when it runs out of memory
    assert len(call_method("ab", "repeat", (2**23,))) == 2**24
    with pytest.raises(JavaException) as caught:
        call_method("ab", "repeat", (2**23 + 1,))
    assert (caught.value.java_class, caught.value.message) == (
        "java.lang.OutOfMemoryError",
        "Repeating a string too many times",
    )
