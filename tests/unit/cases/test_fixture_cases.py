"""Every example case in fixtures/cases passes (they are shown in the README)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.cases.model import Case, load_cases
from vtlgw.cases.runner import CaseRunner

CASES_DIR = Path(__file__).parents[3] / "fixtures" / "cases"


def _all_cases() -> list[Case]:
    return [case for path in sorted(CASES_DIR.glob("*.vtlcase.yaml")) for case in load_cases(path)]


def _params() -> list[object]:
    return [pytest.param(case, id=f"{Path(case.file).name}:{case.line}") for case in _all_cases()]


@pytest.mark.parametrize("case", _params())
def test_fixture_case_passes(case: Case) -> None:
    result = CaseRunner().run(case)
    assert result.passed, "\n".join(
        f"{f.expectation}: {f.message}\n{f.diff}" for f in result.failures
    )


def test_every_fixture_case_has_a_unique_name() -> None:
    names = [case.name for case in _all_cases()]
    assert len(names) == len(set(names))
