"""Generate Python code for ``#foreach`` loops, as Jinja does for whole templates.

Code outside loops runs once per render, so closures serve it well; a loop body runs once per
item. Each outermost ``#foreach`` therefore becomes one Python function in which text, plain
references (``$a``, ``$a.b.c``), ``#if`` chains and nested loops are written out as Python
statements, so an iteration runs straight-line code instead of calling a closure per node.
Everything else (method calls, ``#set``, macros...) calls the closure the
:class:`~vtlgw.engine.compiler.Compiler` builds for it. Template text never enters the
generated source: every string, name and closure is passed in a constants tuple and read as
``K[i]``, and the function runs with no builtins but the few it names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from vtlgw.engine import nodes as n
from vtlgw.engine.loops import Loop
from vtlgw.engine.runtime import BreakLoop

if TYPE_CHECKING:
    from vtlgw.engine.cbase import Run
    from vtlgw.engine.compiler import Compiler

# CPython refuses more than 20 statically nested blocks (each loop costs three) and 100
# levels of indentation; past these budgets a block is called as a closure instead.
_MAX_BLOCKS: Final = 17
_MAX_INDENT: Final = 60
_MAX_PARTS: Final = 6
# $foreach properties the generated loop answers from its own state.
_SCOPE_PROPS: Final = {
    "count": "{loop}.index + 1",
    "index": "{loop}.index",
    "hasNext": "{loop}.scope.has_next",
    "first": "{loop}.index < 1",
    "last": "not {loop}.scope.has_next",
}


class CodeGen:
    """Writes the Python source of one block and compiles it."""

    def __init__(self, comp: Compiler) -> None:
        self.comp = comp
        self.consts: list[Any] = []
        self.lines: list[str] = []
        self.loops = 0
        self.current_loop: str | None = None

    def const(self, value: Any) -> str:
        self.consts.append(value)
        return f"K[{len(self.consts) - 1}]"

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def block_function(self, block: n.Block) -> Run:
        """Compile a whole block (the template's root) into ``run(frame, write)``."""
        self.emit(0, "def run(frame, write):")
        self.emit(1, "vars = frame.vars")
        self.block(block, 1, 0)
        return self._compile()

    def loop_function(self, node: n.Foreach) -> Run | None:
        """Compile one ``#foreach`` into ``run(frame, write)``; None if it is malformed."""
        self.emit(0, "def run(frame, write):")
        self.emit(1, "vars = frame.vars")
        if not self.foreach(node, 1, 0):
            return None
        return self._compile()

    def _compile(self) -> Run:
        source = "\n".join(self.lines) + "\n"
        namespace: dict[str, Any] = {
            "__builtins__": {},
            "K": tuple(self.consts),
            "Loop": Loop,
            "BreakLoop": BreakLoop,
            "type": type,
            "str": str,
            "int": int,
            "dict": dict,
        }
        code = compile(source, f"<vtlgw template {self.comp.name}>", "exec")
        exec(code, namespace)
        run: Run = namespace["run"]
        return run

    def block(self, block: n.Block, indent: int, blocks: int) -> None:
        start = len(self.lines)
        pending: list[str] = []
        for node in block.body:
            text = self.comp._static_text(node)
            if text is not None:
                pending.append(text)
                continue
            before = "".join(pending)
            pending = []
            if isinstance(node, n.Reference):
                self.reference(node, before, indent)
                continue
            if before:
                self.emit(indent, f"write({self.const(before)})")
            if isinstance(node, n.If) and indent < _MAX_INDENT:
                self.if_statement(node, indent, blocks)
            elif not self.inlined(node, indent, blocks):
                run = self.comp.statement(node, codegen=False)
                self.emit(indent, f"{self.const(run)}(frame, write)")
        if pending:
            self.emit(indent, f"write({self.const(''.join(pending))})")
        if len(self.lines) == start:
            self.emit(indent, "pass")

    def inlined(self, node: n.Node, indent: int, blocks: int) -> bool:
        """Write ``#set`` or a nested ``#foreach`` inline; False when it needs its closure."""
        if isinstance(node, n.Set):
            return self.set_statement(node, indent)
        return (
            isinstance(node, n.Foreach)
            and blocks + 3 <= _MAX_BLOCKS
            and indent < _MAX_INDENT
            and self.foreach(node, indent, blocks)
        )

    def reference(self, ref: n.Reference, before: str, indent: int) -> None:
        comp = self.comp
        simple = (
            not ref.escaped
            and not ref.runt
            and ref.computable
            and ref.root not in comp.params
            and len(ref.parts) <= _MAX_PARTS
            and all(
                not isinstance(p, (n.Prop, n.Call)) or not p.name.startswith("__")
                for p in ref.parts
            )
        )
        if not simple:
            run = comp.render_reference(ref, before=before)
            self.emit(indent, f"{self.const(run)}(frame, write)")
            return
        self.emit(indent, f"v = vars.get({self.const(ref.root)})")
        parts = list(ref.parts)
        first = parts[0] if parts else None
        scope_prop = (
            _SCOPE_PROPS.get(first.name)
            if isinstance(first, n.Prop) and ref.root == "foreach"
            else None
        )
        if scope_prop is not None and self.current_loop is not None and len(parts) == 1:
            # $foreach.count / .index / .hasNext... of the loop being generated, read directly
            # (unless the template rebound $foreach).
            loop = self.current_loop
            slow = self.const(comp.part(parts[0]))
            self.emit(indent, f"if v is {loop}.scope: v = {scope_prop.format(loop=loop)}")
            self.emit(indent, f"elif v is not None: v = {slow}(frame, v)")
            parts = []
        for part in parts:
            getter = self.const(comp.part(part))
            if isinstance(part, n.Prop) and part.name != "class":
                self.emit(indent, f"if type(v) is dict: v = v.get({self.const(part.name)})")
                self.emit(indent, f"elif v is not None: v = {getter}(frame, v)")
            else:
                self.emit(indent, f"if v is not None: v = {getter}(frame, v)")
        prefix = before + ref.esc_prefix + ref.more_prefix
        self.emit(indent, "if type(v) is str:")
        if prefix:
            self.emit(indent + 1, f"write({self.const(prefix)})")
        self.emit(indent + 1, "write(v)")
        self.emit(indent, "elif type(v) is int:")
        if prefix:
            self.emit(indent + 1, f"write({self.const(prefix)})")
        self.emit(indent + 1, "write(str(v))")
        printer = self.const(comp.value_printer(ref, before=before))
        self.emit(indent, f"else: {printer}(frame, write, v)")

    def set_statement(self, node: n.Set, indent: int) -> bool:
        """Inline ``#set($name = expr)``; False when the target needs the general path."""
        target = node.target
        comp = self.comp
        if (
            target.parts
            or target.quiet
            or target.formal
            or target.runt
            or not target.computable
            or target.root in comp.params
        ):
            return False
        value = self.const(comp.expr(node.value))
        name = self.const(target.root)
        self.emit(indent, f"r = {value}(frame)")
        self.emit(indent, f"if r is not None: vars[{name}] = r")
        if not comp.options.set_null_keeps_value:
            self.emit(indent, f"else: vars.pop({name}, None)")
        return True

    def if_statement(self, node: n.If, indent: int, blocks: int) -> None:
        for i, (cond, body) in enumerate(node.branches):
            keyword = "if" if i == 0 else "elif"
            self.emit(indent, f"{keyword} {self.const(self.comp.truth(cond))}(frame):")
            self.block(body, indent + 1, blocks)
        if node.orelse is not None:
            self.emit(indent, "else:")
            self.block(node.orelse, indent + 1, blocks)

    def foreach(self, node: n.Foreach, indent: int, blocks: int) -> bool:
        from vtlgw.engine.directives import foreach_spec

        parts = foreach_spec(self.comp, node)
        if parts is None:
            return False
        spec, seq, body = parts
        self.loops += 1
        loop = f"L{self.loops}"
        self.emit(
            indent, f"{loop} = Loop.start({self.const(spec)}, {self.const(seq)}(frame), frame)"
        )
        self.emit(indent, f"if {loop} is not None:")
        self.emit(indent + 1, "try:")
        self.emit(indent + 2, f"while {loop}.step(frame):")
        self.emit(indent + 3, "try:")
        outer, self.current_loop = self.current_loop, loop
        self.block(body, indent + 4, blocks + 3)
        self.current_loop = outer
        self.emit(indent + 3, "except BreakLoop as signal:")
        self.emit(indent + 4, f"if {loop}.owns(signal.scope): break")
        self.emit(indent + 4, "raise")
        self.emit(indent + 1, "finally:")
        self.emit(indent + 2, f"{loop}.finish(frame)")
        return True
