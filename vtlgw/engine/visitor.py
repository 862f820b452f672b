"""Walk the parsed template tree: :class:`NodeVisitor` calls one method per node class.

A subclass defines ``visit_Foreach``, ``visit_Reference`` and so on for the nodes it cares
about; every other node goes to :meth:`NodeVisitor.generic_visit`, which visits the node's
children in source order. Lint rules are visitors; the compiler is meant to become one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vtlgw.engine.nodes import Node


class NodeVisitor:
    """Dispatches each node to ``visit_<ClassName>``, or to :meth:`generic_visit`."""

    def visit(self, node: Node) -> Any:
        """Visit ``node`` with its own method when the subclass defines one."""
        method: Callable[[Node], Any] | None = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            return self.generic_visit(node)
        return method(node)

    def generic_visit(self, node: Node) -> Any:
        """Visit every child of ``node`` in source order."""
        for child in node.children():
            self.visit(child)
        return None
