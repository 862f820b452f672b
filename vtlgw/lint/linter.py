"""Lint one template: parse it once, run the selected rules, apply noqa comments.

:class:`Linter` holds the rule selection; :meth:`Linter.lint` takes a
:class:`~vtlgw.lint.source.LintSource` and returns its findings sorted by position. A template
that declares its API kind or route in a ``#* vtlgw: api=... route=... *#`` comment is linted
as such (the declaration wins over configuration). Unused suppressions are reported as
VTL502 when that rule is selected.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from vtlgw.errors import InputError
from vtlgw.lint.context import LintContext
from vtlgw.lint.finding import LintFinding
from vtlgw.lint.noqa import declared_settings, find_suppressions
from vtlgw.lint.registry import ALL_RULES
from vtlgw.lint.rule import Rule
from vtlgw.lint.selection import Selection
from vtlgw.lint.source import LintSource

UNUSED_NOQA = "VTL502"


class Linter:
    """Runs a selection of rules over templates."""

    def __init__(
        self, selection: Selection | None = None, *, rules: Sequence[type[Rule]] = ALL_RULES
    ) -> None:
        self.selection = selection or Selection()
        self.rules = tuple(rules)

    def enabled(self, selection: Selection | None = None) -> tuple[type[Rule], ...]:
        """The rules that run under ``selection`` (default: this linter's)."""
        chosen = selection or self.selection
        return tuple(r for r in self.rules if chosen.enabled(r.code, default=r.default))

    def lint(self, source: LintSource, *, selection: Selection | None = None) -> list[LintFinding]:
        """Every finding of the enabled rules in ``source``, noqa comments applied."""
        source = _with_declarations(source)
        context = LintContext(source)
        findings: list[LintFinding] = []
        enabled = self.enabled(selection)
        for rule in enabled:
            if context.parsed is None and rule.needs_tree:
                continue
            findings.extend(rule(context).run())
        suppressions = find_suppressions(source.text, context.lines)
        kept = [
            f
            for f in findings
            if f.code == UNUSED_NOQA
            or not suppressions.suppresses(f.code, context.lines.line_col(f.offset)[0])
        ]
        if any(rule.code == UNUSED_NOQA for rule in enabled):
            for item, codes in suppressions.unused():
                what = f"codes {', '.join(codes)}" if codes else "anything"
                kept.append(
                    LintFinding(
                        code=UNUSED_NOQA,
                        rule="unused-noqa",
                        message=f"this noqa comment does not suppress {what} on its line; "
                        "remove it (or the codes it no longer needs)",
                        location=context.location(item.start, item.end),
                        severity="warning",
                        host_path=context.host_path,
                        offset=item.start,
                    )
                )
        return sorted(kept, key=LintFinding.sort_key)


def _with_declarations(source: LintSource) -> LintSource:
    declared = declared_settings(source.text)
    if not declared:
        return source
    api = declared.get("api", source.api)
    if api not in (None, "websocket", "rest"):
        raise InputError(
            f"the template declares api={api!r}; expected api=websocket or api=rest",
            name=source.name,
        )
    route = declared.get("route", source.route)
    if route is not None and api == "rest":
        raise InputError("a route applies to WebSocket templates only", name=source.name)
    return dataclasses.replace(
        source,
        api=api,  # type: ignore[arg-type]
        route=route,
    )
