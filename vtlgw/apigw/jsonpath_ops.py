"""Filter-expression pieces of the JSONPath dialect: operators, literals, comparisons.

Comparisons follow Jayway JsonPath: numbers compare numerically, strings with strings,
a value of another type is never equal (``8.95 == '8.95'`` is false), ``=~`` is a whole-string
regular-expression match, ``in``/``nin`` test membership in a list literal, and a member
that is missing makes every comparison false (it is not compared at all).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

from vtlgw.engine.values import MISSING

OPERATOR = re.compile(r"==|!=|<=|>=|=~|<|>|(?:nin|in)(?=[\s\[])")
LITERAL = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def literal_value(text: str) -> Any:
    """The value of a number, ``true``, ``false`` or ``null`` literal."""
    if text in ("true", "false"):
        return text == "true"
    if text == "null":
        return None
    return float(text) if any(c in text for c in ".eE") else int(text)


def either(
    left: Callable[[Any, Any], bool], right: Callable[[Any, Any], bool]
) -> Callable[[Any, Any], bool]:
    """``left || right``."""
    return lambda item, root: left(item, root) or right(item, root)


def both(
    left: Callable[[Any, Any], bool], right: Callable[[Any, Any], bool]
) -> Callable[[Any, Any], bool]:
    """``left && right``."""
    return lambda item, root: left(item, root) and right(item, root)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _equal(left: Any, right: Any) -> bool:
    if left is MISSING or right is MISSING:
        return False
    if _is_number(left) and _is_number(right):
        return bool(left == right)
    if type(left) is not type(right) and not (
        isinstance(left, (dict, list)) and isinstance(right, (dict, list))
    ):
        return False
    return bool(left == right)


def _ordered(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def compare(left: Any, right: Any) -> bool:
        if _is_number(left) and _is_number(right):
            return test(left, right)
        if isinstance(left, str) and isinstance(right, str):
            return test(left, right)
        return False

    return compare


def _matches(left: Any, right: Any) -> bool:
    return isinstance(left, str) and isinstance(right, re.Pattern) and bool(right.fullmatch(left))


def _within(left: Any, right: Any) -> bool:
    return isinstance(right, list) and any(_equal(left, item) for item in right)


COMPARATORS: MappingProxyType[str, Callable[[Any, Any], bool]] = MappingProxyType(
    {
        "==": _equal,
        "!=": lambda left, right: left is not MISSING and not _equal(left, right),
        "<": _ordered(lambda a, b: a < b),
        "<=": _ordered(lambda a, b: a <= b),
        ">": _ordered(lambda a, b: a > b),
        ">=": _ordered(lambda a, b: a >= b),
        "=~": _matches,
        "in": _within,
        "nin": lambda left, right: left is not MISSING and not _within(left, right),
    }
)
