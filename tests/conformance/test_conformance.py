"""Render every recorded plain-VTL case with vtlgw and compare with Apache Velocity 1.7.

Each case in ``cases/*.json`` was recorded from the real Velocity 1.7 oracle by
``build_cases.py``. vtlgw's ``velocity`` flavor must reproduce the output byte for byte, or
raise the vtlgw error that corresponds to Velocity's failure (see ``corpus.ERROR_CLASSES``).
"""

from __future__ import annotations

import copy
import importlib
from typing import Any

import pytest
from conformance_data import ERROR_CLASSES, load_cases

from vtlgw.errors import VtlgwError

CASES = load_cases()


@pytest.fixture(scope="module")
def engine_class() -> Any:
    """``vtlgw.Engine``; every case fails here until the engine is importable."""
    return importlib.import_module("vtlgw").Engine


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_matches_velocity(engine_class: Any, case: dict[str, Any]) -> None:
    """One recorded case: same output as Velocity 1.7, or the matching vtlgw error."""
    engine = engine_class(flavor="velocity")
    context = copy.deepcopy(case["context"])
    if "error" in case:
        expected_error = ERROR_CLASSES[case["error"]]
        with pytest.raises(VtlgwError) as raised:
            engine.render(case["template"], context)
        assert isinstance(raised.value, expected_error), (
            f"{case['note']}: Velocity failed with {case['error_message']!r}; vtlgw raised "
            f"{type(raised.value).__name__}, expected {expected_error.__name__}"
        )
    else:
        rendered = engine.render(case["template"], context)
        assert rendered == case["expected"], case["note"]
