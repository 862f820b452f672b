"""VTL21x-VTL23x: hazards in templates whose output is meant to be JSON."""

from __future__ import annotations

from vtlgw.lint.rule import Rule

RULES: tuple[type[Rule], ...] = ()
