"""VTL22x: members of ``$input`` that do not exist (ref §2)."""

from __future__ import annotations

from typing import ClassVar

from vtlgw.engine import nodes as n
from vtlgw.lint.finding import Severity
from vtlgw.lint.rule import Rule
from vtlgw.suggest import did_you_mean

#: what ``$input`` has: ``body`` is read as a property, the others are called (ref §2)
_PROPERTIES = ("body",)
_METHODS = ("json", "path", "params")


class UnknownInputMember(Rule):
    """``$input.X`` where ``$input`` has no such member, or a method read as a property."""

    code = "VTL220"
    name = "unknown-input-member"
    summary = "$input has no such member: only body, json(...), path(...) and params(...)"
    explanation = (
        "`$input` has the property `body` and the methods `json(path)`, `path(path)`, "
        "`params()` and `params(name)` (reference §2). Anything else, a typo such as "
        "`$input.parms('id')` or a method read without parentheses such as `$input.params`, "
        "finds nothing and renders as an empty string (§11.1), so the value silently goes "
        "missing."
    )
    bad = '{"id": "$input.parms(\'id\')"}\n'
    good = '{"id": "$input.params(\'id\')"}\n'
    severity: ClassVar[Severity] = "error"

    def visit_Reference(self, node: n.Reference) -> None:
        if node.root == "input" and node.parts and not node.escaped:
            self._check(node.parts[0])
        self.generic_visit(node)

    def _check(self, part: n.Prop | n.Call | n.Index) -> None:
        if isinstance(part, n.Index):
            return
        name = part.name
        if isinstance(part, n.Call):
            if name in _METHODS:
                return
            if name in _PROPERTIES:
                message = f"$input.{name} is a property, not a method: write $input.{name}"
            else:
                hint = did_you_mean(name, _METHODS)
                message = f"$input has no method {name}(){hint}; it renders as an empty string"
        else:
            if name in _PROPERTIES:
                return
            if name in _METHODS:
                message = (
                    f"$input.{name} is a method: call it, $input.{name}(...); as a property "
                    "it renders as an empty string"
                )
            else:
                hint = did_you_mean(name, (*_PROPERTIES, *_METHODS))
                message = f"$input has no property {name}{hint}; it renders as an empty string"
        self.report_span(part.start, part.end, f"{message} (ref §2, §11.1)")


RULES: tuple[type[Rule], ...] = (UnknownInputMember,)
