"""Compile ``#foreach``, ``#define``, macros, ``#stop``, ``#break``, ``#evaluate`` and the rest.

Each flavor decides what a directive does: API Gateway prints macro calls and ``#evaluate``
as written and refuses ``#parse``/``#include``; stock Velocity runs them (except the two that
load files, which have no loader here either).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vtlgw.engine import nodes as n
from vtlgw.engine.loops import Loop, LoopSpec
from vtlgw.engine.runtime import BreakLoop, DefinedBlock, Frame, StopRender, Write
from vtlgw.errors import TemplateRuntimeError, VtlgwError

if TYPE_CHECKING:
    from vtlgw.engine.cbase import Run, Value
    from vtlgw.engine.compiler import Compiler


def compile_directive(comp: Compiler, node: n.Directive) -> Run:
    """The closure for one directive node."""
    opts = comp.options
    if isinstance(node, n.Foreach) and node.body is not None:
        return _foreach(comp, node)
    if isinstance(node, n.Define) and node.body is not None:
        return _define(comp, node)
    if isinstance(node, n.Stop):
        return _raise(StopRender)
    if isinstance(node, n.Break):
        return _break(comp, node)
    if isinstance(node, (n.Parse, n.Include)):
        return _refuse(comp, node)
    if isinstance(node, n.Literal) and node.body is not None:
        text = comp.parsed.source[node.body.start : node.body.end]
        return comp._text(text)
    if isinstance(node, n.Evaluate) and opts.macros == "velocity":
        return _evaluate(comp, node)
    if isinstance(node, n.Macro):
        return comp._text("")
    if isinstance(node, n.MacroCall) and opts.macros == "velocity":
        return _macro_call(comp, node)
    return comp._text(node.literal)


def _raise(signal: type[Exception]) -> Run:
    def run_signal(frame: Frame, write: Write) -> None:
        raise signal()

    return run_signal


def _break(comp: Compiler, node: n.Directive) -> Run:
    if not node.args:
        return _raise(BreakLoop)
    scope_of = comp.expr(node.args[0])

    def run_break(frame: Frame, write: Write) -> None:
        raise BreakLoop(scope_of(frame))

    return run_break


def _refuse(comp: Compiler, node: n.Directive) -> Run:
    err = comp.error(
        TemplateRuntimeError,
        f"#{node.name} cannot load other templates: API Gateway has no template loader",
        node.start,
    )

    def run_refuse(frame: Frame, write: Write) -> None:
        raise err

    return run_refuse


def foreach_spec(comp: Compiler, node: n.Foreach) -> tuple[LoopSpec, Value, n.Block] | None:
    """The fixed parts of a ``#foreach``; None for a malformed header, which Velocity 1.7
    accepts and iterates nothing (the linter flags it)."""
    if len(node.args) != 3 or not isinstance(node.args[0], n.Reference) or node.body is None:
        return None

    def changed() -> VtlgwError:
        return comp.error(
            TemplateRuntimeError,
            "#foreach's list changed while it was being iterated "
            "(Java: ConcurrentModificationException)",
            node.start,
        )

    spec = LoopSpec(
        node.args[0].root, 1 + len(node.body.body), comp.options, comp.limit(node.start), changed
    )
    return spec, comp.expr(node.args[2]), node.body


def _foreach(comp: Compiler, node: n.Foreach) -> Run:
    parts = foreach_spec(comp, node)
    if parts is None:
        return comp._text("")
    spec, seq, block = parts
    body = comp.block(block)

    def run_foreach(frame: Frame, write: Write) -> None:
        loop = Loop.start(spec, seq(frame), frame)
        if loop is None:
            return
        try:
            while loop.step(frame):
                try:
                    body(frame, write)
                except BreakLoop as signal:
                    if loop.owns(signal.scope):
                        break
                    raise
        finally:
            loop.finish(frame)

    return run_foreach


def _define(comp: Compiler, node: n.Directive) -> Run:
    if len(node.args) != 1 or not isinstance(node.args[0], n.Reference):
        raise _usage(comp, node, "#define expects one reference: #define($name)")
    var = node.args[0].root
    assert node.body is not None
    body = comp.block(node.body)
    where = comp.limit(node.start)

    def run_define(frame: Frame, write: Write) -> None:
        frame.vars[var] = DefinedBlock(body, frame, where)

    return run_define


def _usage(comp: Compiler, node: n.Directive, message: str) -> VtlgwError:
    from vtlgw.errors import TemplateSyntaxError

    return comp.error(TemplateSyntaxError, message, node.start)


def _macro_call(comp: Compiler, node: n.MacroCall) -> Run:
    block = node.is_block
    name = node.name[1:] if block else node.name
    args = tuple(comp.expr(arg) for arg in node.args)
    literals = tuple(getattr(arg, "literal", "") for arg in node.args)
    body_content = comp.block(node.body) if block and node.body is not None else None
    literal = node.literal
    opts = comp.options
    limit = comp.limit(node.start)
    macros = comp.macros

    def run_macro(frame: Frame, write: Write) -> None:
        found = macros.get(name)
        if found is None:
            write(literal)
            return
        params, body = found
        if frame.depth >= opts.max_depth:
            raise limit(f"macro #{name} called itself (or others) more than {opts.max_depth} deep")
        frame.steps += 1
        if frame.steps > opts.max_steps:
            raise limit(f"the template took more than {opts.max_steps} evaluation steps")
        caller = frame.args
        bound = {
            param: (arg, caller, lit)
            for param, arg, lit in zip(params, args, literals, strict=False)
        }
        variables = frame.vars
        saved_body = variables.get("bodyContent")
        if body_content is not None:
            variables["bodyContent"] = DefinedBlock(body_content, frame, limit)
        frame.depth += 1
        frame.args = bound
        try:
            body(frame, write)
        except BreakLoop as signal:
            if signal.scope is not None:
                raise
        finally:
            frame.depth -= 1
            frame.args = caller
            if body_content is not None:
                if saved_body is None:
                    variables.pop("bodyContent", None)
                else:
                    variables["bodyContent"] = saved_body

    return run_macro


def _evaluate(comp: Compiler, node: n.Directive) -> Run:
    from vtlgw.engine.compiler import Compiler as _Compiler
    from vtlgw.engine.javatypes import to_string
    from vtlgw.engine.parser import parse

    if len(node.args) != 1:
        raise _usage(comp, node, "#evaluate expects one argument")
    source = comp.expr(node.args[0])
    opts = comp.options
    limit = comp.limit(node.start)

    def run_evaluate(frame: Frame, write: Write) -> None:
        value = source(frame)
        if value is None:
            return
        text = to_string(value) or ""
        if frame.depth >= opts.max_depth:
            raise limit(f"#evaluate nested more than {opts.max_depth} deep")
        frame.steps += 1 + len(text) // 16
        if frame.steps > opts.max_steps:
            raise limit(f"the template took more than {opts.max_steps} evaluation steps")
        try:
            parsed = parse(text, name=f"{comp.name} (#evaluate)")
        except VtlgwError as exc:
            raise comp.error(
                TemplateRuntimeError,
                f"#evaluate could not parse its text: {exc.message}",
                node.start,
            ) from None
        inner = _Compiler(parsed, opts)
        # Macros the evaluated text defines stay in this call: the shared table is read-only
        # while rendering, so one render cannot leak a macro into another.
        inner.macros = dict(comp.macros)
        for macro in parsed.macros:
            inner._register_macro(macro)
        run = inner.compile()
        frame.depth += 1
        try:
            run(frame, write)
        finally:
            frame.depth -= 1

    return run_evaluate


__all__ = ["compile_directive", "foreach_spec"]
