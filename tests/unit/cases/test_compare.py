"""JSON equality and subset rules used by case expectations."""

from __future__ import annotations

import pytest

from vtlgw.cases.compare import json_equal, json_subset, text_diff


@pytest.mark.parametrize(
    ("expected", "actual", "equal"),
    [
        ({"a": 1}, {"a": 1.0}, True),
        ({"a": True}, {"a": 1}, False),
        ([1, 2], [1, 2], True),
        ([1, 2], [2, 1], False),
        ({"a": 1}, {"a": 1, "b": 2}, False),
        ("1", 1, False),
        (None, None, True),
    ],
)
def test_json_equal(expected: object, actual: object, equal: bool) -> None:
    assert json_equal(expected, actual) is equal


@pytest.mark.parametrize(
    ("expected", "actual", "contained"),
    [
        ({"a": 1}, {"a": 1, "b": 2}, True),
        ({"a": {"x": 1}}, {"a": {"x": 1, "y": 2}}, True),
        ({"a": [{"x": 1}]}, {"a": [{"x": 1, "y": 2}]}, True),
        ({"a": [{"x": 1}]}, {"a": [{"x": 1}, {"x": 2}]}, False),
        ({"a": 1}, {"b": 1}, False),
        ({"a": False}, {"a": 0}, False),
        ({}, [], False),
    ],
)
def test_json_subset(expected: object, actual: object, contained: bool) -> None:
    assert json_subset(expected, actual) is contained


def test_text_diff_marks_changed_lines() -> None:
    diff = text_diff("a\nb", "a\nc")
    assert "-b\n" in diff and "+c\n" in diff
    assert "no newline" not in diff


def test_text_diff_marks_a_missing_final_newline() -> None:
    assert "\\ no newline" in text_diff("a\n", "a")
