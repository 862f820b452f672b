"""The Java value layer against outputs recorded from Apache Velocity 1.7 (JDK 17).

``data/java_oracle.json`` is written by ``data/record_java_oracle.py``: every row holds the
inputs and what the real engine rendered for them, so these tests need no JVM.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import vtlgw
from vtlgw.engine.javatypes import (
    JavaException,
    add,
    class_name,
    compare,
    div,
    equals,
    mod,
    mul,
    sub,
    to_string,
)
from vtlgw.engine.jdouble import double_to_string
from vtlgw.engine.jformat import java_format
from vtlgw.engine.jmethods import call_method, get_property
from vtlgw.engine.jobjects import StringArray
from vtlgw.engine.jregex import matches, replace_all, split
from vtlgw.engine.values import MISSING

DATA = json.loads((Path(__file__).parent / "data" / "java_oracle.json").read_text())
OPERATORS = {"+": add, "-": sub, "*": mul, "/": div, "%": mod}
LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1


def _ids(rows: list[list[Any]]) -> list[str]:
    return [json.dumps(row[:-1], ensure_ascii=False)[:80] for row in rows]


def _all_pass(rows: list[list[Any]], check: Callable[..., None]) -> None:
    """Run ``check`` on every recorded row; report the rows that differ (at most 20)."""
    failures = []
    for row in rows:
        try:
            check(*copy.deepcopy(row))
        except AssertionError as error:
            failures.append(f"{json.dumps(row, ensure_ascii=False)[:160]}: {error}")
    assert not failures, f"{len(failures)} of {len(rows)} differ:\n" + "\n".join(failures[:20])


def _check_double(value: float, expected: str) -> None:
    assert double_to_string(value) == expected


def test_double_to_string_matches_jdk17() -> None:
    # Documented gap: Java misestimates the exponent of a few tiny subnormals.
    _all_pass([row for row in DATA["doubles"] if not 0 < abs(row[0]) < 1e-313], _check_double)


def _class_is_model_limit(result: object, java: str) -> bool:
    """The value model picks Integer/Long/BigInteger by magnitude; Java keeps the wider class
    of its operands (Long - Long = Long 1). Only that class name may differ."""
    return type(result) is int and java in {"java.lang.Long", "java.math.BigInteger"}


def test_arithmetic_matches_velocity() -> None:
    _all_pass(DATA["arithmetic"], _check_arithmetic)


def _check_arithmetic(op: str, a: Any, b: Any, expected: str) -> None:
    try:
        result = OPERATORS[op](a, b)
    except JavaException as error:
        assert expected.startswith(f"ERROR: {error.java_class}: {error.message}")
        return
    if result is None:
        assert expected == "$x|$x.class.name"
        return
    text, java_class = expected.split("|")
    assert to_string(result) == text
    if class_name(result) != java_class:
        assert _class_is_model_limit(result, java_class), (class_name(result), java_class)


def test_eq_and_ordering_match_velocity() -> None:
    _all_pass(DATA["comparison"], _check_comparison)


def _check_comparison(a: Any, b: Any, expected: str) -> None:
    order = compare(a, b)
    mine = ("T" if equals(a, b) else "F") + (
        "" if order is None or order == 0 else ("L" if order < 0 else "G")
    )
    assert mine == expected


def _literal(receiver: str, method: str, count: int) -> str:
    names = ", ".join(f"$a{i}" for i in range(count))
    return f"$r.{method}({names})"


@pytest.mark.parametrize(
    ("receiver", "method", "args", "expected"), DATA["methods"], ids=_ids(DATA["methods"])
)
def test_java_methods_match_velocity(
    receiver: Any, method: str, args: list[Any], expected: str
) -> None:
    _check_method(receiver, method, args, expected)


# data/java_boundaries.json (record_java_oracle.py boundaries): the edges the groups above miss,
# each a slip that survived mutation testing (docs/mutation.md).
BOUNDARIES = json.loads((Path(__file__).parent / "data" / "java_boundaries.json").read_text())


@pytest.mark.parametrize(
    ("receiver", "method", "args", "expected"),
    BOUNDARIES["methods"],
    ids=_ids(BOUNDARIES["methods"]),
)
def test_method_argument_boundaries_match_velocity(
    receiver: Any, method: str, args: list[Any], expected: str
) -> None:
    # lastIndexOf(s, from) finds a match that starts exactly at `from`; indexOf(s, from),
    # startsWith(p, offset), substring, charAt and codePointAt at the string's length;
    # floatValue() overflow; long and double parameters at the Long range's ends
    _check_method(receiver, method, args, expected)


def test_long_and_double_compare_as_doubles_like_velocity() -> None:
    # MathUtils compares a Long with a Double in the double base: 2^53 + 1 == 2.0^53
    _all_pass(BOUNDARIES["comparison"], _check_comparison)


def test_big_decimal_division_rounds_half_down_like_velocity() -> None:
    # a BigInteger meeting a Double divides as BigDecimal, ROUND_HALF_DOWN at the dividend's
    # scale: 99999999999999999999 / 2.0 is 49999999999999999999, a tie rounded toward zero
    _all_pass(BOUNDARIES["arithmetic"], _check_arithmetic)


_VELOCITY_THREW = re.compile(r"threw exception ([\w.$]+)(?:: (.*?))? at vtl\[")


@pytest.mark.parametrize(
    ("template", "context", "expected"),
    BOUNDARIES["strings"],
    ids=[row[0][:60] for row in BOUNDARIES["strings"]],
)
def test_string_method_edges_render_as_velocity(
    template: str, context: dict[str, Any], expected: str
) -> None:
    # valueOf(char[]) and null, join and format with nulls and varargs, equals with a
    # Character, case-insensitive comparison with odd case mappings, NPE messages
    engine = vtlgw.Engine("velocity")
    thrown = _VELOCITY_THREW.search(expected)
    if thrown is None:
        assert engine.render(template, copy.deepcopy(context)) == expected
        return
    with pytest.raises(vtlgw.TemplateRuntimeError) as caught:
        engine.render(template, copy.deepcopy(context))
    java_class, message = thrown.groups()
    assert f"threw {java_class}" in caught.value.message
    assert caught.value.message.endswith(f"threw {java_class}: {message}" if message else "")


def _check_method(receiver: Any, method: str, args: list[Any], expected: str) -> None:
    receiver = copy.deepcopy(receiver)
    try:
        result = call_method(receiver, method, tuple(copy.deepcopy(args)))
    except JavaException as error:
        assert expected.startswith("ERROR: ")
        assert f"threw exception {error.java_class}" in expected
        if error.java_class != "java.util.regex.PatternSyntaxException":
            assert f"threw exception {error.java_class}: {error.message} at" in expected or (
                not error.message and f"threw exception {error.java_class} at" in expected
            )
        return
    if type(result) is StringArray:
        assert "".join(f"[{item}]" for item in result.items) == expected
    elif result is MISSING or result is None:
        assert expected == _literal("r", method, len(args))
    else:
        assert to_string(result) == expected


@pytest.mark.parametrize(
    ("receiver", "name", "expected"), DATA["properties"], ids=_ids(DATA["properties"])
)
def test_properties_match_velocity(receiver: Any, name: str, expected: str) -> None:
    result = get_property(receiver, name)
    if result is MISSING or result is None:
        assert expected == f"$r.{name}"
    else:
        assert to_string(result) == expected


REGEX = json.loads((Path(__file__).parent / "data" / "java_regex.json").read_text())
# Not translatable to Python's re: \G, Unicode blocks (\p{InGreek}) and scripts (\p{IsLatin}).
UNSUPPORTED = ("\\G", "\\p{In", "\\p{IsLatin}")


def test_java_regex_matches_java() -> None:
    _all_pass([row for row in REGEX if not row[2].startswith(UNSUPPORTED)], _check_regex)


def _check_regex(kind: str, subject: str, pattern: str, expected: str) -> None:
    try:
        if kind == "replaceAll":
            got = replace_all(subject, pattern, "<$0>")
        elif kind == "split":
            got = "".join(f"[{piece}]" for piece in split(subject, pattern))
        else:
            got = "true" if matches(subject, pattern) else "false"
    except JavaException as error:
        assert expected.startswith("ERROR: ")
        assert f"threw exception {error.java_class}" in expected
        return
    assert got == expected


STRINGS = json.loads((Path(__file__).parent / "data" / "java_strings.json").read_text())
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _as_printed(text: str) -> str:
    """The oracle writes UTF-8: a lone surrogate half (Java can split a pair) prints as '?'."""
    return _LONE_SURROGATE.sub("?", text)


def test_random_string_calls_match_java() -> None:
    _all_pass(STRINGS, _check_string_call)


def _check_string_call(receiver: str, method: str, args: list[Any], expected: str) -> None:
    try:
        result = call_method(receiver, method, tuple(args))
    except JavaException as error:
        assert f"threw exception {error.java_class}: {error.message} at" in expected
        return
    if type(result) is StringArray:
        got = "".join(f"[{item}]" for item in result.items)
    elif result is MISSING or result is None:
        got = _literal("r", method, len(args))
    else:
        got = to_string(result) or ""
    assert _as_printed(got) == expected


COLLECTIONS = json.loads((Path(__file__).parent / "data" / "java_collections.json").read_text())


def test_random_collection_calls_match_java() -> None:
    _all_pass(COLLECTIONS, _check_collection_call)


def _check_collection_call(receiver: Any, method: str, args: list[Any], expected: str) -> None:
    receiver = copy.deepcopy(receiver)
    try:
        result = call_method(receiver, method, tuple(copy.deepcopy(args)))
    except JavaException as error:
        assert f"threw exception {error.java_class}" in expected
        if error.message:
            assert f"threw exception {error.java_class}: {error.message} at" in expected
        return
    if result is MISSING or result is None:
        head = _literal("r", method, len(args))
    else:
        head = to_string(result) or ""
    assert f"{head}|{to_string(receiver)}" == expected


FORMATS = json.loads((Path(__file__).parent / "data" / "java_format.json").read_text())


def _check_format(spec: str, value: Any, expected: str) -> None:
    try:
        got = java_format(spec, (value,)) + "|"
    except JavaException as error:
        assert f"threw exception {error.java_class}: {error.message} at" in expected
        return
    assert got == expected


def test_string_format_matches_java() -> None:
    _all_pass(FORMATS, _check_format)
