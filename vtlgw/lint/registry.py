"""Every rule, in code order: the one list the linter, ``vtlgw rules`` and the docs read.

Rules are listed explicitly (no discovery by walking folders): a rule exists when its module's
``RULES`` names it. Codes are unique and never reused once retired.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from vtlgw.lint.rule import Rule
from vtlgw.lint.rules import context, inputs, jsonout, limits, style, syntax, util

ALL_RULES: tuple[type[Rule], ...] = tuple(
    sorted(
        (
            *syntax.RULES,
            *context.RULES,
            *inputs.RULES,
            *jsonout.RULES,
            *util.RULES,
            *limits.RULES,
            *style.RULES,
        ),
        key=lambda rule: rule.code,
    )
)
RULES_BY_CODE: Mapping[str, type[Rule]] = MappingProxyType({r.code: r for r in ALL_RULES})
