"""Double.toString internals: the fast path must agree with the exact digit generator."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from vtlgw.engine.jdouble import _generated_digits, _shortest_if_same, double_to_string


@settings(max_examples=3000, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=1e-300))
def test_shortcut_digits_equal_generated_digits(value: float) -> None:
    shortcut = _shortest_if_same(value)
    if shortcut is not None:
        assert shortcut == _generated_digits(value, False)


@settings(max_examples=500, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_output_round_trips_and_keeps_the_sign(value: float) -> None:
    text = double_to_string(value)
    assert float(text) == value
    assert math.copysign(1.0, float(text)) == math.copysign(1.0, value)


def test_boundary_value_takes_the_exact_path() -> None:
    # 1e23 lies exactly half an ulp from its double: Java's open interval excludes it.
    assert _shortest_if_same(1e23) is None
    assert double_to_string(1e23) == "9.999999999999999E22"
