"""The plain Velocity 1.7 corpus under the ``apigateway`` flavor: same output, or a documented
deviation.

Every case of ``../cases/*.json`` was recorded from real Velocity 1.7. ``vtlgw.Engine()`` must
reproduce the recording, unless ``deviations.json`` lists the case with the deviation options
that explain the difference. For a listed case, switching exactly those options back to their
``velocity`` values must reproduce the recording, and the plain ``apigateway`` engine must not
(so the file cannot go stale silently). Each option is traced to the reference section that
documents it. ``build_apigateway_deviations.py`` regenerates the file.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from conformance_data import ERROR_CLASSES, load_cases

import vtlgw
from vtlgw.errors import VtlgwError

DEVIATIONS_FILE = Path(__file__).resolve().parent / "deviations.json"
DEVIATIONS: dict[str, list[str]] = json.loads(DEVIATIONS_FILE.read_text(encoding="utf-8"))
CASES = load_cases()
CASES_BY_ID = MappingProxyType({case["id"]: case for case in CASES})

# Where apigateway-vtl.md documents each deviation option of the apigateway flavor.
OPTION_SECTIONS: MappingProxyType[str, str] = MappingProxyType(
    {
        "null_renders_empty": "§5.3 (V), §11.1 (V)",
        "null_equals_empty": "§5.3 (V), §11.2 (V)",
        "null_is_true": "§11.2 (V)",
        "escaped_null_as_defined": "§11.10 (V)",
        "macros": "§11.3 (V)",
        "foreach_cap": "§5.4 (D)",
        "max_template_size": "§5.4 (D)",
    }
)
VELOCITY_VALUES = MappingProxyType(dataclasses.asdict(vtlgw.Options.for_flavor("velocity")))
APIGATEWAY_VALUES = MappingProxyType(dataclasses.asdict(vtlgw.Options.for_flavor("apigateway")))

# Cases the engine gets wrong in both flavors, so no deviation explains them. Each is reported
# to the engine's owner; strict, so the entry must go once the engine is fixed.
KNOWN_ENGINE_BUGS: MappingProxyType[str, str] = MappingProxyType({})


def outcome(engine: vtlgw.Engine, case: dict[str, Any]) -> str:
    """What ``engine`` does with the case: its output, or ``error: <vtlgw error class>``."""
    try:
        return engine.render(case["template"], copy.deepcopy(case["context"]))
    except VtlgwError as error:
        return f"error: {type(error).__name__}"


def recorded(case: dict[str, Any]) -> str:
    """The case's Velocity 1.7 outcome in :func:`outcome`'s terms."""
    if "error" in case:
        return f"error: {ERROR_CLASSES[case['error']].__name__}"
    expected: str = case["expected"]
    return expected


def reverted(options: list[str]) -> vtlgw.Engine:
    """An apigateway engine with ``options`` switched back to their velocity values."""
    return vtlgw.Engine(**{option: VELOCITY_VALUES[option] for option in options})


def _plain_params() -> list[Any]:
    params = []
    for case in CASES:
        if case["id"] in DEVIATIONS:
            continue
        bug = KNOWN_ENGINE_BUGS.get(case["id"])
        marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@pytest.fixture(scope="module")
def apigateway() -> vtlgw.Engine:
    """The default engine: the apigateway flavor."""
    return vtlgw.Engine()


@pytest.mark.parametrize("case", _plain_params())
def test_undeviating_case_matches_velocity(apigateway: vtlgw.Engine, case: dict[str, Any]) -> None:
    """(a) A case not in the file renders exactly as Velocity 1.7 recorded it."""
    assert outcome(apigateway, case) == recorded(case), case["note"]


@pytest.mark.parametrize("case_id", sorted(DEVIATIONS))
def test_deviation_is_explained_by_its_options(apigateway: vtlgw.Engine, case_id: str) -> None:
    """(b) The listed options, switched back, reproduce Velocity; none fewer does."""
    case, options = CASES_BY_ID[case_id], DEVIATIONS[case_id]
    assert outcome(reverted(options), case) == recorded(case), case["note"]
    assert outcome(apigateway, case) != recorded(case), f"{case_id} no longer deviates"
    for dropped in options:
        fewer = [option for option in options if option != dropped]
        if fewer:
            assert outcome(reverted(fewer), case) != recorded(case), f"{dropped} is not needed"


def test_every_option_traces_to_the_reference() -> None:
    """(c) Each option in the file is a deviation option with a reference section."""
    used = {option for options in DEVIATIONS.values() for option in options}
    assert used <= set(OPTION_SECTIONS)
    differing = {
        name
        for name, value in APIGATEWAY_VALUES.items()
        if name != "flavor" and VELOCITY_VALUES[name] != value
    }
    assert set(OPTION_SECTIONS) == differing


def test_file_is_well_formed() -> None:
    """Ids name corpus cases; option lists are non-empty, sorted and free of duplicates."""
    assert set(DEVIATIONS) <= set(CASES_BY_ID)
    assert not set(DEVIATIONS) & set(KNOWN_ENGINE_BUGS)
    for case_id, options in DEVIATIONS.items():
        assert options and options == sorted(set(options)), case_id
