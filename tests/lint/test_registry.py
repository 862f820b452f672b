"""The rule catalogue: codes, names and docs are well-formed, and every example is honest.

Each rule's ``bad`` example must trigger that rule and its ``good`` example must lint clean
under every default rule, so the examples in ``docs/rules.md`` are tested, not decoration.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vtlgw.lint.docs import rules_markdown
from vtlgw.lint.linter import Linter
from vtlgw.lint.registry import ALL_RULES, RULES_BY_CODE
from vtlgw.lint.rule import Rule
from vtlgw.lint.selection import Selection
from vtlgw.lint.source import LintSource

ROOT = Path(__file__).resolve().parents[2]


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in ALL_RULES]
    names = [rule.name for rule in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"VTL[1-5][0-9]{2}", code) for code in codes)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)
    assert codes == sorted(codes)
    assert set(RULES_BY_CODE) == set(codes)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_metadata_is_complete(rule: type[Rule]) -> None:
    assert rule.summary and "\n" not in rule.summary and not rule.summary.endswith(".")
    assert len(rule.explanation) > 40
    assert rule.bad.strip() and rule.good.strip() and rule.bad != rule.good
    assert rule.severity in ("error", "warning")


def _source(rule: type[Rule], text: str) -> LintSource:
    return LintSource(
        rule.example(text), f"{rule.code}.vtl", api=rule.example_api, route=rule.example_route
    )


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_bad_example_triggers_the_rule(rule: type[Rule]) -> None:
    findings = Linter(Selection(select=(rule.code,))).lint(_source(rule, rule.bad))
    assert [f.code for f in findings if f.code == rule.code], f"{rule.code} missed its example"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_good_example_is_clean_under_the_default_rules_and_its_own(rule: type[Rule]) -> None:
    selection = Selection(extend_select=(rule.code,))
    findings = Linter(selection).lint(_source(rule, rule.good))
    assert [(f.code, f.message) for f in findings] == []


def test_docs_rules_md_is_up_to_date() -> None:
    expected = rules_markdown(ALL_RULES)
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, (
        "docs/rules.md is stale: vtlgw rules --format markdown > docs/rules.md"
    )
