"""Comparisons for case expectations: JSON equality and subsets, and readable diffs.

JSON values compare by type as JSON does: ``true`` is not ``1`` and ``1`` equals ``1.0``.
A subset matches when every key of an expected object is present in the actual object with a
matching value, recursively; arrays must have the same length and match element by element.
"""

from __future__ import annotations

import difflib
import json
from typing import Any


def json_equal(expected: Any, actual: Any) -> bool:
    """Deep equality with JSON typing (booleans are not numbers)."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and expected.keys() == actual.keys()
            and all(json_equal(v, actual[k]) for k, v in expected.items())
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(expected) == len(actual)
            and all(json_equal(e, a) for e, a in zip(expected, actual, strict=True))
        )
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return expected == actual
    return type(expected) is type(actual) and bool(expected == actual)


def json_subset(expected: Any, actual: Any) -> bool:
    """True when ``actual`` contains everything ``expected`` states."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            key in actual and json_subset(value, actual[key]) for key, value in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(expected) == len(actual)
            and all(json_subset(e, a) for e, a in zip(expected, actual, strict=True))
        )
    return json_equal(expected, actual)


def pretty(value: Any) -> str:
    """Indented JSON text for diffs (key order kept)."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def text_diff(expected: str, actual: str) -> str:
    """A unified diff from ``expected`` to ``actual`` (a missing final newline is marked)."""
    if not expected.endswith("\n") and not actual.endswith("\n"):
        expected, actual = expected + "\n", actual + "\n"
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile="expected",
        tofile="actual",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ no newline\n" for line in lines)
