"""VTL3xx: `$util` functions and Java methods."""

from __future__ import annotations

from vtlgw.lint.rule import Rule

RULES: tuple[type[Rule], ...] = ()
