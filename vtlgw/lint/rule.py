"""The rule base class: one class per rule, its metadata as class attributes, a tree visitor.

A rule has a ``code`` (``VTL`` and three digits: 1xx syntax and directives the gateway does not
run, 2xx ``$input``/``$context`` and JSON output, 3xx ``$util`` and Java methods, 4xx limits,
5xx style), a kebab-case ``name``, a one-line ``summary``, an ``explanation`` with the reason
and the reference section, and a ``bad`` and a ``good`` example that ``docs/rules.md`` shows
and the rule's tests lint. ``default`` rules run unless deselected; the others are opt-in
(``--select``), for rules that are right but noisy on correct templates. A rule walks the parsed
tree as a :class:`~vtlgw.engine.visitor.NodeVisitor` and calls :meth:`Rule.report`.
"""

from __future__ import annotations

from typing import ClassVar

from vtlgw.engine import nodes as n
from vtlgw.engine.visitor import NodeVisitor
from vtlgw.lint.context import LintContext
from vtlgw.lint.finding import LintFinding, Severity
from vtlgw.lint.source import ApiKind


class Rule(NodeVisitor):
    """Base of every rule; subclasses set the metadata and define ``visit_<Node>`` methods."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    explanation: ClassVar[str]
    bad: ClassVar[str]
    good: ClassVar[str]
    severity: ClassVar[Severity] = "warning"
    default: ClassVar[bool] = True
    #: False for rules that look only at the raw text (they run even when it does not parse).
    needs_tree: ClassVar[bool] = True
    #: Where the ``bad``/``good`` examples run, for rules that depend on the API kind or route.
    example_api: ClassVar[ApiKind | None] = None
    example_route: ClassVar[str | None] = None

    @classmethod
    def example(cls, text: str) -> str:
        """The template an example (``bad`` or ``good``) stands for, as the tests lint it.

        The docs show the example as written; a rule whose bad case cannot be printed (a
        template over 300 KB) expands it here.
        """
        return text

    def __init__(self, context: LintContext) -> None:
        self.context = context
        self.findings: list[LintFinding] = []

    def run(self) -> list[LintFinding]:
        """Check the template and return the findings."""
        if self.context.parsed is not None:
            self.visit(self.context.parsed.root)
        self.finish()
        return self.findings

    def finish(self) -> None:
        """Called after the walk; rules that decide at the end report here."""

    def report(self, node: n.Node, message: str) -> None:
        """A finding spanning ``node``."""
        self.report_span(node.start, node.end, message)

    def report_span(self, start: int, end: int, message: str) -> None:
        """A finding spanning the template characters ``start`` to ``end``."""
        self.findings.append(
            LintFinding(
                code=self.code,
                rule=self.name,
                message=message,
                location=self.context.location(start, end),
                severity=self.severity,
                host_path=self.context.host_path,
                offset=start,
            )
        )
