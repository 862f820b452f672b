"""Property tests: the strict reader agrees with the json module on what JSON is."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from vtlgw.validate.jsonout import check_json

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


def _python_strict(text: str) -> Any:
    def refuse(constant: str) -> Any:
        raise ValueError(constant)

    return json.loads(text, parse_constant=refuse)


@given(JSON_VALUES, st.sampled_from([None, 2]))
def test_serialised_values_parse_back(value: Any, indent: int | None) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    result = check_json(text)
    assert result.well_formed
    assert result.findings == ()
    assert result.value == value or (isinstance(value, float) and math.isclose(result.value, value))


@given(st.text(alphabet='{}[]",:0123456789.eE-+ truefalsn\\\n\tu', max_size=30))
def test_well_formed_exactly_when_the_json_module_accepts(text: str) -> None:
    try:
        _python_strict(text)
        accepted = True
    except ValueError:
        accepted = False
    assert check_json(text).well_formed is accepted
