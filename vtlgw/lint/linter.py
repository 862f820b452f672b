"""Lint one template: parse it once, run the selected rules, apply noqa comments.

:class:`Linter` holds the rule selection; :meth:`Linter.lint` takes a
:class:`~vtlgw.lint.source.LintSource` and returns its findings sorted by position. A template
that declares its API kind or route in a ``#* vtlgw: api=... route=... *#`` comment is linted
as such: the declaration wins over the configuration and the command line (a declared
``api=rest`` drops a configured route; a declared route alone means ``api=websocket``). A
malformed ``vtlgw:`` comment raises :class:`~vtlgw.errors.InputError` at its position.

Unused suppressions are reported as VTL502 when that rule is selected. A noqa comment that
lists VTL502 itself (or a prefix of it) is never reported as unused, and neither is any other
noqa comment it covers (on its line, or anywhere for a ``file-noqa``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from vtlgw.lint.context import LintContext
from vtlgw.lint.finding import LintFinding
from vtlgw.lint.noqa import Declaration, Suppression, Suppressions, find_directives
from vtlgw.lint.registry import ALL_RULES
from vtlgw.lint.rule import Rule
from vtlgw.lint.selection import Selection
from vtlgw.lint.source import LintSource
from vtlgw.location import LineIndex

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
        directives = find_directives(
            source.text, LineIndex(source.text), source.name, host=source.host
        )
        source = _declared(source, directives.declaration)
        context = LintContext(source)
        enabled = self.enabled(selection)
        findings: list[LintFinding] = []
        for rule in enabled:
            if context.parsed is None and rule.needs_tree:
                continue
            findings.extend(rule(context).run())
        suppressions = directives.suppressions
        kept = [
            f
            for f in findings
            if f.code == UNUSED_NOQA
            or not suppressions.suppresses(f.code, context.lines.line_col(f.offset)[0])
        ]
        unused_rule = next((r for r in enabled if r.code == UNUSED_NOQA), None)
        if unused_rule is not None:
            known = tuple({rule.code for rule in (*ALL_RULES, *self.rules)})
            for item, codes in suppressions.unused():
                if _exempt(item, suppressions):
                    continue
                start, end = item.start, item.end
                kept.append(
                    LintFinding(
                        code=UNUSED_NOQA,
                        rule=unused_rule.name,
                        message=_unused_message(item, codes, known),
                        location=context.location(start, end),
                        severity=unused_rule.severity,
                        host_path=context.host_path,
                        offset=start,
                    )
                )
        return sorted(kept, key=LintFinding.sort_key)


def _declared(source: LintSource, declaration: Declaration) -> LintSource:
    if declaration.api is None:
        return source
    if declaration.route is not None:
        route: str | None = declaration.route
    elif declaration.api == "websocket" and source.api in (None, "websocket"):
        route = source.route  # the configured route still applies to a WebSocket template
    else:
        route = None
    return dataclasses.replace(
        source,
        api=declaration.api,  # type: ignore[arg-type]
        route=route,
    )


def _lists_unused_noqa(item: Suppression) -> bool:
    return item.codes is not None and any(UNUSED_NOQA.startswith(c) for c in item.codes)


def _exempt(item: Suppression, suppressions: Suppressions) -> bool:
    return any(
        _lists_unused_noqa(other) and (other.whole_file or other.line == item.line)
        for other in suppressions.items
    )


def _unused_message(item: Suppression, codes: tuple[str, ...], known: tuple[str, ...]) -> str:
    shown = ", ".join(
        code if any(k.startswith(code) for k in known) else f"{code} (no such rule)"
        for code in codes
    )
    if item.whole_file:
        what = f"codes {shown}" if codes else "anything"
        return (
            f"this file-noqa comment does not suppress {what} anywhere in the template; "
            "remove it" + (" (or the codes it no longer needs)" if codes else "")
        )
    if not codes:
        return "this noqa comment does not suppress anything on its line; remove it"
    return (
        f"this noqa comment does not suppress codes {shown} on its line; remove it (or the "
        "codes it no longer needs)"
    )
