"""VTL2xx: `$context`, `$input`, `$stageVariables` and the references nothing defines."""

from __future__ import annotations

from vtlgw.lint.rule import Rule

RULES: tuple[type[Rule], ...] = ()
