"""Compile the node tree into Python closures, once per template.

Each statement becomes ``run(frame, write)`` and each expression ``value(frame)``; rendering
is then a walk over prebuilt closures (and, with ``codegen``, generated Python code from
:mod:`vtlgw.engine.codegen`) with no per-render parsing or dispatch on node types. References
are compiled in :mod:`vtlgw.engine.references`, expressions in
:mod:`vtlgw.engine.expressions`; this module holds statements and directives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vtlgw.engine import javatypes as jt
from vtlgw.engine import jmethods as members
from vtlgw.engine import nodes as n
from vtlgw.engine.cbase import Run, Value
from vtlgw.engine.expressions import ExpressionCompiler
from vtlgw.engine.references import ReferenceCompiler, _is_dunder
from vtlgw.engine.runtime import BreakLoop, ForeachScope, Frame, StopRender, Write
from vtlgw.errors import SecurityError, TemplateSyntaxError


class Compiler(ExpressionCompiler, ReferenceCompiler):
    """Builds the closures of one parsed template under one set of options."""

    # --- blocks and statements ------------------------------------------------------

    def compile(self) -> Run:
        """Compile the whole template; macros are registered first, as Velocity does."""
        if self.options.macros == "velocity":
            for macro in self.parsed.macros:
                self._register_macro(macro)
        if self.codegen:
            from vtlgw.engine.codegen import CodeGen

            return CodeGen(self).block_function(self.parsed.root)
        return self.block(self.parsed.root)

    def block(self, block: n.Block) -> Run:
        """The closure running a block (loops inside it become generated code)."""
        runs: list[Run] = []
        pending: list[str] = []
        for node in block.body:
            text = self._static_text(node)
            if text is not None:
                pending.append(text)
                continue
            before = "".join(pending)
            pending = []
            if isinstance(node, n.Reference):
                runs.append(self.render_reference(node, before=before))
                continue
            if before:
                runs.append(self._text(before))
            runs.append(self.statement(node))
        if pending:
            runs.append(self._text("".join(pending)))
        if not runs:
            return _noop
        if len(runs) == 1:
            return runs[0]
        steps = tuple(runs)

        def run_block(frame: Frame, write: Write) -> None:
            for step in steps:
                step(frame, write)

        return run_block

    def _static_text(self, node: n.Node) -> str | None:
        if isinstance(node, n.Text):
            return node.text
        if isinstance(node, n.Comment):
            return node.text
        if isinstance(node, n.Macro) and node.body is not None:
            return ""  # definitions print nothing in either flavor
        return None

    def statement(self, node: n.Node, *, codegen: bool = True) -> Run:
        if isinstance(node, n.Reference):
            return self.render_reference(node)
        if isinstance(node, n.Set):
            return self.set_statement(node)
        if isinstance(node, n.If):
            return self.if_statement(node)
        if isinstance(node, n.Directive):
            if codegen and self.codegen and isinstance(node, n.Foreach):
                from vtlgw.engine.codegen import CodeGen

                generated = CodeGen(self).loop_function(node)
                if generated is not None:
                    return generated
            return self.directive(node)
        raise AssertionError(f"unexpected node {node!r}")

    # --- #set -------------------------------------------------------------------------

    def set_statement(self, node: n.Set) -> Run:
        target = node.target
        value = self.expr(node.value)
        keep = self.options.set_null_keeps_value
        root = target.root
        if target.runt or not target.computable:
            raise self.error(
                TemplateSyntaxError, "#set needs a reference on its left side", target.start
            )
        if not target.parts:
            # Velocity names the variable after the token text: #set($!a = 1) sets "!a"
            if target.formal:
                root = "!{" if target.quiet else "{"
            elif target.quiet:
                root = "!" + root
            if root in self.params:
                return self._set_param(root, value, keep)

            def set_var(frame: Frame, write: Write) -> None:
                result = value(frame)
                if result is None:
                    if not keep:
                        frame.vars.pop(root, None)
                    return
                frame.vars[root] = result

            return set_var
        parent = self.resolve(
            n.Reference(target.start, target.end, root, target.parts[:-1], target.literal)
        )
        last = target.parts[-1]
        fail = self._java_failure(last.start, "#set")
        store: Callable[[Frame, Any, Any], Any]
        if isinstance(last, n.Index):
            key_of = self.expr(last.index)
            set_index = members.set_index

            def store(frame: Frame, obj: Any, result: Any) -> Any:
                return set_index(obj, key_of(frame), result)

        else:
            name = last.name
            if _is_dunder(name):
                raise self.error(SecurityError, f"'{name}' cannot be assigned", last.start)
            set_property = members.set_property

            def store(frame: Frame, obj: Any, result: Any) -> Any:
                if isinstance(obj, dict):
                    obj[name] = result  # Map.put with the key as written (no setter applies)
                    return True
                return set_property(obj, name, result)

        def set_member(frame: Frame, write: Write) -> None:
            result = value(frame)
            if result is None and keep:
                return
            obj = parent(frame)
            if obj is None:
                return
            try:
                store(frame, obj, result)
            except jt.JavaException as exc:
                raise fail(exc) from None

        return set_member

    @staticmethod
    def _set_param(root: str, value: Value, keep: bool) -> Run:
        def set_param(frame: Frame, write: Write) -> None:
            result = value(frame)
            if result is None and keep:
                return
            entry = frame.args.get(root)
            if entry is None:
                if result is None:
                    frame.vars.pop(root, None)
                else:
                    frame.vars[root] = result
                return
            # Velocity keeps the assignment local to the macro call.
            frame.args[root] = (lambda f: result, entry[1], entry[2])

        return set_param

    # --- #if ------------------------------------------------------------------------------

    def if_statement(self, node: n.If) -> Run:
        branches = tuple((self.truth(cond), self.block(block)) for cond, block in node.branches)
        orelse = self.block(node.orelse) if node.orelse is not None else None
        if len(branches) == 1:
            cond, body = branches[0]

            def run_if(frame: Frame, write: Write) -> None:
                if cond(frame):
                    body(frame, write)
                elif orelse is not None:
                    orelse(frame, write)

            return run_if

        def run_if_chain(frame: Frame, write: Write) -> None:
            for cond, body in branches:
                if cond(frame):
                    body(frame, write)
                    return
            if orelse is not None:
                orelse(frame, write)

        return run_if_chain

    # --- directives -----------------------------------------------------------------

    def directive(self, node: n.Directive) -> Run:
        from vtlgw.engine import directives

        return directives.compile_directive(self, node)

    def _register_macro(self, node: n.Macro) -> None:
        assert node.body is not None
        first = node.args[0]
        assert isinstance(first, n.Word)
        if first.value in self.macros:
            return  # Velocity keeps the first definition
        params = []
        for arg in node.args[1:]:
            if isinstance(arg, n.Reference):
                params.append(arg.root)
            elif isinstance(arg, n.Word):
                params.append(arg.value.lstrip("$"))
        outer = self.params
        self.params = frozenset(params)
        try:
            self.macros[first.value] = (params, self.block(node.body))
        finally:
            self.params = outer


def _noop(frame: Frame, write: Write) -> None:
    return None


__all__ = ["BreakLoop", "Compiler", "ForeachScope", "StopRender"]
