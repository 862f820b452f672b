"""Values in reports and messages are shown as written, never as Python reprs."""

from __future__ import annotations

import pytest

from vtlgw.simulate.quoting import quote, shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("abc", "'abc'"),
        ("it's", "'it's'"),  # repr would switch to double quotes
        ("/2\\d\\d/", "'/2\\d\\d/'"),  # repr would double the backslashes
        ("a\nb\tc\r", "'a\\nb\\tc\\r'"),
        ("\x00\x7f\u2028", "'\\u0000\\u007f\\u2028'"),
        ("é", "'é'"),
        ("", "''"),
    ],
)
def test_quote(text: str, expected: str) -> None:
    assert quote(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (1.5, "1.5"),
        ([1], "a list"),
        ({"a": 1}, "a mapping"),
        ("x", "'x'"),
    ],
)
def test_shown(value: object, expected: str) -> None:
    assert shown(value) == expected
