"""VTL5xx: style, unused variables and suppression comments."""

from __future__ import annotations

from vtlgw.lint.rule import Rule

RULES: tuple[type[Rule], ...] = ()
