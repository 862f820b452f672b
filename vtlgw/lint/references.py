"""Every reference of a template with its role: what the VTL2xx rules walk.

:class:`ReferenceRule` is a :class:`~vtlgw.lint.rule.Rule` that visits each reference the
gateway would evaluate once, and tells the subclass how it is used: read (``use``), written
(``set-target``: ``#set($context.responseOverride.status = 400)``) or named as a new variable
(``definition``: a ``#set($x = ...)`` or ``#foreach`` target, a ``#define`` name;
``parameter``: a macro parameter, defined only inside its macro). A reference that is printed
(a statement in the template or inside an interpolated string) is marked ``printed``. Escaped
references (``\\$x``) are text, and so is everything in ``#literal()`` blocks and in
macro-call arguments (API Gateway prints those as written, ref §11.3); none are visited.

:attr:`ReferenceRule.defined` collects the variables the template defines; it is complete when
the walk ends, so rules that need it decide in :meth:`~vtlgw.lint.rule.Rule.finish`. Order does
not matter: a loop can read a name that a later ``#set`` gives it on the previous iteration,
so a name defined anywhere counts as defined everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from vtlgw.engine import nodes as n
from vtlgw.lint.context import LintContext
from vtlgw.lint.gateway_names import ContextPath, resolve_context
from vtlgw.lint.rule import Rule
from vtlgw.lint.source import ApiKind

Role = Literal["use", "set-target", "definition", "parameter"]


@dataclass(frozen=True)
class Site:
    """How one reference is used where it stands."""

    role: Role
    printed: bool
    #: parameters of the macros around it (and ``bodyContent`` inside a macro body)
    macro_names: frozenset[str] = frozenset()


def evaluated(ref: n.Reference) -> bool:
    """Whether the gateway evaluates ``ref`` (not escaped, not text the lexer kept)."""
    return not ref.escaped and not ref.runt and ref.computable


def prop_names(ref: n.Reference) -> tuple[str, ...]:
    """The leading ``.name`` properties of ``ref``, up to its first call or index."""
    names: list[str] = []
    for part in ref.parts:
        if not isinstance(part, n.Prop):
            break
        names.append(part.name)
    return tuple(names)


def dollar(context: LintContext, ref: n.Reference) -> int:
    """The offset of the ``$`` that starts ``ref``."""
    found = context.source.text.find("$", ref.start, ref.end)
    return ref.start if found < 0 else found


def root_end(context: LintContext, ref: n.Reference) -> int:
    """The offset just after ``ref``'s root name (``$!{name`` ends after ``name``)."""
    start = dollar(context, ref)
    text = context.source.text
    prefix = 1
    if text.startswith("$!", start):
        prefix += 1
    if text.startswith("{", start + prefix):
        prefix += 1
    return min(start + prefix + len(ref.root), ref.end)


class ReferenceRule(Rule):
    """A rule that looks at references: subclasses define :meth:`check`."""

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self._macro_names: frozenset[str] = frozenset()
        #: every variable the template defines (complete once the walk is over)
        self.defined: set[str] = set()

    def check(self, ref: n.Reference, site: Site) -> None:
        """Called once for each evaluated reference."""

    def reference(self, ref: n.Reference, role: Role, *, printed: bool = False) -> None:
        """Check ``ref`` and walk the expressions inside it (call arguments, indexes)."""
        if not evaluated(ref):
            return
        if role == "definition":
            self.defined.add(ref.root)
        self.check(ref, Site(role, printed, self._macro_names))
        for part in ref.parts:
            for child in part.children():
                self.visit(child)

    def visit_Block(self, node: n.Block) -> None:
        for child in node.body:
            if isinstance(child, n.Reference):
                self.reference(child, "use", printed=True)
            else:
                self.visit(child)

    def visit_Reference(self, node: n.Reference) -> None:
        self.reference(node, "use")

    def visit_Set(self, node: n.Set) -> None:
        self.reference(node.target, "set-target" if node.target.parts else "definition")
        self.visit(node.value)

    def visit_Foreach(self, node: n.Foreach) -> None:
        for index, arg in enumerate(node.args):
            if index == 0 and isinstance(arg, n.Reference):
                self.reference(arg, "definition")
            else:
                self.visit(arg)
        if node.body is not None:
            self.visit(node.body)

    def visit_Define(self, node: n.Define) -> None:
        for index, arg in enumerate(node.args):
            if index == 0 and isinstance(arg, n.Reference):
                self.reference(arg, "definition")
            else:
                self.visit(arg)
        if node.body is not None:
            self.visit(node.body)

    def visit_Macro(self, node: n.Macro) -> None:
        params = frozenset(node.params)
        for arg in node.args[1:]:
            if isinstance(arg, n.Reference):
                self.reference(arg, "parameter")
        if node.body is not None:
            outer = self._macro_names
            self._macro_names = outer | params | {"bodyContent"}
            self.visit(node.body)
            self._macro_names = outer

    def visit_MacroCall(self, node: n.MacroCall) -> None:
        if node.body is not None:
            self.visit(node.body)

    def visit_Literal(self, node: n.Literal) -> None:
        return None


class ContextRule(ReferenceRule):
    """A rule about ``$context.*`` names: the API kind, the path, the span to report."""

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self._resolved: dict[tuple[str, ...], ContextPath] = {}

    def resolve(self, names: tuple[str, ...]) -> ContextPath:
        """:func:`~vtlgw.lint.gateway_names.resolve_context`, once per distinct path."""
        found = self._resolved.get(names)
        if found is None:
            found = self._resolved[names] = resolve_context(names)
        return found

    def effective_api(self) -> ApiKind | None:
        """The API kind, or WebSocket when only a route is known."""
        if self.context.api is not None:
            return self.context.api
        return "websocket" if self.context.route_kind is not None else None

    def context_path(self, ref: n.Reference, site: Site) -> tuple[str, ...] | None:
        """The leading property names of a ``$context`` reference (``None``: not one)."""
        if ref.root != "context" or site.role == "definition":
            return None
        return prop_names(ref)

    def report_names(self, ref: n.Reference, upto: int, message: str) -> None:
        """Report ``ref`` from its ``$`` to the end of its ``upto``-th property."""
        self.report_span(dollar(self.context, ref), ref.parts[upto].end, message)
