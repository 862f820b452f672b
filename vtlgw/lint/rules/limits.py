"""VTL4xx: the gateway's size and iteration limits."""

from __future__ import annotations

from vtlgw.lint.rule import Rule

RULES: tuple[type[Rule], ...] = ()
