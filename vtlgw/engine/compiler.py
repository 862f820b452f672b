"""Compile the node tree into Python closures, once per template.

Each statement becomes ``run(frame, write)`` and each expression ``value(frame)``; rendering
is then a walk over prebuilt closures with no per-render parsing or dispatch on node types.
Every member access goes through :mod:`vtlgw.engine.jmethods` (the Java surface and nothing
else), and every loop, call and string build is charged against the render's limits.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from vtlgw.engine import javatypes as jt
from vtlgw.engine import jmethods as members
from vtlgw.engine import nodes as n
from vtlgw.engine.guards import collection_size, exceeds_size
from vtlgw.engine.jexception import JavaLimit
from vtlgw.engine.jregex import REGEX_TIMEOUT
from vtlgw.engine.parser import ParsedTemplate, parse
from vtlgw.engine.runtime import (
    BreakLoop,
    DefinedBlock,
    ForeachScope,
    Frame,
    Options,
    StopRender,
    Write,
)
from vtlgw.engine.values import MISSING
from vtlgw.errors import (
    LimitExceeded,
    SecurityError,
    TemplateRuntimeError,
    TemplateSyntaxError,
    VtlgwError,
)

Run = Callable[[Frame, Write], None]
Value = Callable[[Frame], Any]
Truth = Callable[[Frame], bool]
Getter = Callable[[Frame, Any], Any]

_to_string = jt.to_string
_equals = jt.equals
_compare = jt.compare
_ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": jt.add,
    "-": jt.sub,
    "*": jt.mul,
    "/": jt.div,
    "%": jt.mod,
}


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


class Compiler:
    """Builds the closures of one parsed template under one set of options."""

    def __init__(self, parsed: ParsedTemplate, options: Options) -> None:
        self.parsed = parsed
        self.options = options
        self.name = parsed.name
        self.macros: dict[str, tuple[list[str], Run]] = {}
        self.params: frozenset[str] = frozenset()  # macro parameters while compiling its body
        self.codegen = options.codegen

    # --- locations ------------------------------------------------------------------

    def _where(self, offset: int) -> tuple[str, int, int, str]:
        line, col = self.parsed.line_col(offset)
        return self.name, line, col, self.parsed.lines.line(line)

    def error(self, cls: type[VtlgwError], message: str, offset: int) -> VtlgwError:
        """An error of ``cls`` located at a source offset."""
        name, line, col, source_line = self._where(offset)
        return cls(message, name=name, line=line, column=col, source_line=source_line)

    def limit(self, offset: int) -> Callable[[str], LimitExceeded]:
        def make(message: str) -> LimitExceeded:
            err = self.error(LimitExceeded, message, offset)
            assert isinstance(err, LimitExceeded)
            return err

        return make

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
        if isinstance(node, n.Directive) and node.name == "macro" and node.body is not None:
            return ""  # definitions print nothing in either flavor
        return None

    @staticmethod
    def _text(text: str) -> Run:
        def run_text(frame: Frame, write: Write) -> None:
            write(text)

        return run_text

    def statement(self, node: n.Node, *, codegen: bool = True) -> Run:
        if isinstance(node, n.Reference):
            return self.render_reference(node)
        if isinstance(node, n.Set):
            return self.set_statement(node)
        if isinstance(node, n.If):
            return self.if_statement(node)
        if isinstance(node, n.Directive):
            if codegen and self.codegen and node.name == "foreach":
                from vtlgw.engine.codegen import CodeGen

                generated = CodeGen(self).loop_function(node)
                if generated is not None:
                    return generated
            return self.directive(node)
        raise AssertionError(f"unexpected node {node!r}")

    # --- references -----------------------------------------------------------------

    def render_reference(self, ref: n.Reference, *, before: str = "") -> Run:
        """Print a reference (after the static text ``before``, fused in for speed)."""
        opts = self.options
        if ref.runt or not ref.computable:
            return self._text(before + (ref.literal if not ref.runt else ref.root))
        resolve = self.resolve(ref)
        esc, more = ref.esc_prefix, ref.more_prefix
        literal = ref.literal
        if ref.escaped:
            on_null = before + (
                esc + literal if opts.escaped_null_as_defined else esc + "\\" + literal
            )
            on_value = before + esc + literal

            def run_escaped(frame: Frame, write: Write) -> None:
                write(on_value if resolve(frame) is not None else on_null)

            return run_escaped
        print_value = self.value_printer(ref, before=before)
        prefix = before + esc + more

        def run_reference(frame: Frame, write: Write) -> None:
            value = resolve(frame)
            if type(value) is str and len(value) <= 4096:
                if prefix:
                    write(prefix)
                write(value)
            else:
                print_value(frame, write, value)

        return run_reference

    def value_printer(
        self, ref: n.Reference, *, before: str = ""
    ) -> Callable[[Frame, Write, Any], None]:
        """Print a reference's value that is not a plain string (null, numbers, maps...)."""
        opts = self.options
        esc, more, literal, root = ref.esc_prefix, ref.more_prefix, ref.literal, ref.root
        by_name = literal == "$" + root and not ref.parts and root in self.params
        null_empty = opts.null_renders_empty
        null_text = before + esc + esc + more + ("" if null_empty else literal)
        prefix = before + esc + more
        max_out = opts.max_output_size
        walk_budget = opts.max_collection_size
        too_big = self.limit(ref.start)
        fail = self._java_failure(ref.start, "printing " + (literal or "$" + root))

        def print_value(frame: Frame, write: Write, value: Any) -> None:
            if value is None:
                if by_name and root in frame.args and not null_empty:
                    write(before + esc + esc + more + frame.args[root][2])
                elif null_text:
                    write(null_text)
                return
            kind = type(value)
            if kind is str:
                text: str | None = value
            elif kind is int:
                text = str(value)
            elif kind is DefinedBlock:
                text = value.render_or_none()
            else:
                if (kind is list or kind is dict or isinstance(value, (list, dict))) and (
                    exceeds_size(value, walk_budget)
                ):
                    raise too_big(
                        f"printing this value would walk more than {walk_budget} elements"
                    )
                try:
                    text = _to_string(value)
                except jt.JavaException as exc:
                    raise fail(exc) from None
            if text is None:
                if null_text:
                    write(null_text)
                return
            if frame.buffer.tell() + len(text) > max_out:
                raise too_big(f"the output grew past {max_out} characters")
            if prefix:
                write(prefix)
            write(text)

        return print_value

    def resolve(self, ref: n.Reference) -> Value:
        """A closure giving the reference's value (``None`` for null or unresolvable)."""
        if ref.runt or not ref.computable:
            return _none
        root = ref.root
        getters = [self.part(part) for part in ref.parts]
        if root in self.params:
            return self._resolve_param(root, tuple(getters))
        if not getters:

            def get_var(frame: Frame) -> Any:
                return frame.vars.get(root)

            return get_var
        if len(getters) == 1 and isinstance(ref.parts[0], n.Prop) and ref.parts[0].name != "class":
            name = ref.parts[0].name
            slow = getters[0]

            def get_prop_fast(frame: Frame) -> Any:
                value = frame.vars.get(root)
                if type(value) is dict:
                    return value.get(name)
                if value is None:
                    return None
                return slow(frame, value)

            return get_prop_fast
        if len(getters) == 1:
            only = getters[0]

            def get_one(frame: Frame) -> Any:
                value = frame.vars.get(root)
                if value is None:
                    return None
                return only(frame, value)

            return get_one
        chain = tuple(getters)

        def get_chain(frame: Frame) -> Any:
            value = frame.vars.get(root)
            for getter in chain:
                if value is None:
                    return None
                value = getter(frame, value)
            return value

        return get_chain

    @staticmethod
    def _resolve_param(root: str, chain: tuple[Getter, ...]) -> Value:
        """A macro parameter: re-evaluate the caller's argument at each use (by name)."""

        def get_param(frame: Frame) -> Any:
            entry = frame.args.get(root)
            if entry is None:
                value = frame.vars.get(root)
            else:
                saved = frame.args
                frame.args = entry[1]
                try:
                    value = entry[0](frame)
                finally:
                    frame.args = saved
            for getter in chain:
                if value is None:
                    return None
                value = getter(frame, value)
            return value

        return get_param

    def part(self, part: n.Prop | n.Call | n.Index) -> Getter:
        if isinstance(part, n.Prop):
            return self._prop(part)
        if isinstance(part, n.Call):
            return self._call(part)
        return self._index(part)

    def _prop(self, part: n.Prop) -> Getter:
        name = part.name
        if _is_dunder(name):
            raise self.error(
                SecurityError,
                f"'{name}' is not a template property: Python internals are out of reach",
                part.start,
            )
        get_property = members.get_property
        fail = self._java_failure(part.start, f".{name}")

        def get_prop(frame: Frame, obj: Any) -> Any:
            if isinstance(obj, dict) and name != "class":
                return obj.get(name)
            try:
                result = get_property(obj, name)
            except jt.JavaException as exc:
                raise fail(exc) from None
            except (RecursionError, MemoryError):
                raise fail(jt.JavaException("java.lang.StackOverflowError", "too deep")) from None
            return None if result is MISSING else result

        return get_prop

    def _call(self, part: n.Call) -> Getter:
        name = part.name
        if _is_dunder(name):
            raise self.error(
                SecurityError,
                f"'{name}' is not a template method: Python internals are out of reach",
                part.start,
            )
        args = tuple(self.expr(arg) for arg in part.args)
        call_method = members.call_method
        fail = self._java_failure(part.start, f".{name}(...)")
        mutator = name in ("add", "addAll", "put", "putAll", "set")
        max_items = self.options.max_collection_size
        walk_budget = self.options.max_collection_size
        guarded = name in _SIZE_GUARDED
        limit = self.options.max_string_size
        too_long = self.limit(part.start)

        if not args:
            values_of: Callable[[Frame], tuple[Any, ...]] = _no_args
        elif len(args) == 1:
            only = args[0]

            def values_of(frame: Frame) -> tuple[Any, ...]:
                return (only(frame),)

        elif len(args) == 2:
            first, second = args

            def values_of(frame: Frame) -> tuple[Any, ...]:
                return (first(frame), second(frame))

        else:

            def values_of(frame: Frame) -> tuple[Any, ...]:
                return tuple([arg(frame) for arg in args])

        def call(frame: Frame, obj: Any) -> Any:
            values = values_of(frame)
            if guarded:
                _check_call_size(obj, name, values, walk_budget, limit, too_long)
            try:
                result = call_method(obj, name, values)
            except JavaLimit as exc:
                raise too_long(f".{name}(...): {exc.message}") from None
            except jt.JavaException as exc:
                raise fail(exc) from None
            except (RecursionError, MemoryError):
                raise too_long(f".{name}(...) needed more stack or memory than allowed") from None
            except TimeoutError:
                raise too_long(
                    f".{name}(...): the regular expression backtracked for over "
                    f"{REGEX_TIMEOUT:g} s (catastrophic backtracking)"
                ) from None
            if result is MISSING:
                return None
            if type(result) is str and len(result) > limit:
                raise too_long(f"a string grew past the {limit}-character limit")
            if mutator and collection_size(obj) > max_items:
                raise too_long(f"a collection grew past {max_items} elements")
            return result

        return call

    def _index(self, part: n.Index) -> Getter:
        index = self.expr(part.index)
        get_index = members.get_index
        fail = self._java_failure(part.start, "[...]")

        def get_item(frame: Frame, obj: Any) -> Any:
            key = index(frame)
            try:
                result = get_index(obj, key)
            except jt.JavaException as exc:
                raise fail(exc) from None
            return None if result is MISSING else result

        return get_item

    def _java_failure(self, offset: int, what: str) -> Callable[[jt.JavaException], VtlgwError]:
        def make(exc: jt.JavaException) -> VtlgwError:
            return self.error(
                TemplateRuntimeError, f"{what} threw {exc.java_class}: {exc.message}", offset
            )

        return make

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
        if isinstance(last, n.Index):
            key_of = self.expr(last.index)
            set_index = members.set_index

            def set_item(frame: Frame, write: Write) -> None:
                result = value(frame)
                if result is None and keep:
                    return
                obj = parent(frame)
                if obj is None:
                    return
                try:
                    set_index(obj, key_of(frame), result)
                except jt.JavaException as exc:
                    raise fail(exc) from None

            return set_item
        name = last.name
        if _is_dunder(name):
            raise self.error(SecurityError, f"'{name}' cannot be assigned", last.start)
        set_property = members.set_property

        def set_prop(frame: Frame, write: Write) -> None:
            result = value(frame)
            if result is None and keep:
                return
            obj = parent(frame)
            if obj is None:
                return
            if isinstance(obj, dict):
                obj[name] = result  # Map.put with the key as written (no setter applies)
                return
            try:
                set_property(obj, name, result)
            except jt.JavaException as exc:
                raise fail(exc) from None

        return set_prop

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

    def _register_macro(self, node: n.Directive) -> None:
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

    # --- expressions ----------------------------------------------------------------

    def expr(self, node: n.Node) -> Value:
        if isinstance(node, n.Reference):
            return self.resolve(node)
        if isinstance(node, n.StringLit):
            return self.string(node)
        if isinstance(node, (n.IntLit, n.FloatLit, n.BoolLit)):
            const = node.value
            return lambda frame: const
        if isinstance(node, n.Word):
            word = node.value
            return lambda frame: word
        if isinstance(node, n.ListLit):
            items = tuple(self.expr(item) for item in node.items)
            return lambda frame: [item(frame) for item in items]
        if isinstance(node, n.MapLit):
            pairs = tuple((self.expr(k), self.expr(v)) for k, v in node.pairs)
            return lambda frame: {k(frame): v(frame) for k, v in pairs}
        if isinstance(node, n.RangeLit):
            return self.range(node)
        if isinstance(node, n.Not):
            truth = self.truth(node.operand)
            return lambda frame: not truth(frame)
        if isinstance(node, n.Binary):
            if node.op in _ARITH:
                return self.arithmetic(node)
            truth = self.truth(node)
            return truth
        raise AssertionError(f"unexpected expression {node!r}")

    def arithmetic(self, node: n.Binary) -> Value:
        left, right = self.expr(node.left), self.expr(node.right)
        op = _ARITH[node.op]
        limit = self.options.max_string_size
        too_long = self.limit(node.start)

        max_bits = self.options.max_integer_bits
        budget = self.options.max_output_size
        fail = self._java_failure(node.start, f"'{node.op}'")
        # '+' with a String and a null: Velocity 1.7 concatenates the null side's source text
        # (ASTAddNode.handleSpecial); API Gateway renders nulls empty.
        concat = node.op == "+"
        null_text = (
            ("", "")
            if self.options.null_renders_empty
            else (self._literal_of(node.left), self._literal_of(node.right))
        )

        def compute(frame: Frame) -> Any:
            a, b = left(frame), right(frame)
            if (type(a) is str or type(b) is str) and (
                exceeds_size(a, budget) or exceeds_size(b, budget)
            ):
                raise too_long(f"printing a value here would exceed {budget} elements")
            if concat and (a is None or b is None) and (type(a) is str or type(b) is str):
                a = null_text[0] if a is None else a
                b = null_text[1] if b is None else b
            try:
                result = op(a, b)
            except jt.JavaException as exc:
                raise fail(exc) from None
            kind = type(result)
            if kind is str and len(result) > limit:
                raise too_long(f"a string grew past the {limit}-character limit")
            if kind is int and result.bit_length() > max_bits:
                raise too_long(f"an integer grew past {max_bits} bits")
            return result

        return compute

    def _literal_of(self, node: n.Node) -> str:
        """How Velocity writes a node back as text (a reference's literal, else its source)."""
        if isinstance(node, n.Reference):
            return node.literal
        return self.parsed.source[node.start : node.end].strip()

    def range(self, node: n.RangeLit) -> Value:
        low, high = self.expr(node.low), self.expr(node.high)
        max_size = self.options.max_range_size
        too_big = self.limit(node.start)

        def make_range(frame: Frame) -> Any:
            a, b = low(frame), high(frame)
            bounds = []
            for bound in (a, b):
                if type(bound) is int:
                    bounds.append(bound)
                elif type(bound) is float:
                    bounds.append(int(bound))
                else:
                    return None
            lo, hi = bounds
            size = abs(hi - lo) + 1
            if size > max_size:
                raise too_big(
                    f"the range [{lo}..{hi}] has {size} items, over the limit of {max_size}"
                )
            step = 1 if hi >= lo else -1
            return list(range(lo, hi + step, step))

        return make_range

    def string(self, node: n.StringLit) -> Value:
        if node.parts is None:
            const = node.value
            return lambda frame: const
        strip = node.strip_last
        limit = self.options.max_string_size
        too_long = self.limit(node.start)
        simple = all(isinstance(p, (n.Text, n.Comment, n.Reference)) for p in node.parts.body)
        if simple:
            pieces: list[Callable[[Frame], str]] = []
            for part in node.parts.body:
                if isinstance(part, (n.Text, n.Comment)):
                    pieces.append(_constant_text(part.text))
                elif isinstance(part, n.Reference):
                    pieces.append(self._reference_text(part))
            chunks = tuple(pieces)

            def interpolate(frame: Frame) -> Any:
                result = "".join([chunk(frame) for chunk in chunks])
                if strip and result:
                    result = result[:-1]
                if len(result) > limit:
                    raise too_long(f"a string grew past the {limit}-character limit")
                return result

            return interpolate
        body = self.block(node.parts)

        def render_string(frame: Frame) -> Any:
            buf = io.StringIO()
            body(frame, buf.write)
            result = buf.getvalue()
            if strip and result:
                result = result[:-1]
            if len(result) > limit:
                raise too_long(f"a string grew past the {limit}-character limit")
            return result

        return render_string

    def _reference_text(self, ref: n.Reference) -> Callable[[Frame], str]:
        run = self.render_reference(ref)

        def text_of(frame: Frame) -> str:
            parts: list[str] = []
            run(frame, parts.append)
            return "".join(parts)

        return text_of

    # --- conditions -----------------------------------------------------------------

    def truth(self, node: n.Node) -> Truth:
        opts = self.options
        if isinstance(node, n.Reference):
            resolve = self.resolve(node)
            null_truth = opts.null_is_true

            def ref_truth(frame: Frame) -> bool:
                value = resolve(frame)
                if value is None:
                    return null_truth
                if value is True or value is False:
                    return value
                return True

            return ref_truth
        if isinstance(node, n.BoolLit):
            const = node.value
            return lambda frame: const
        if isinstance(node, n.Not):
            inner = self.truth(node.operand)
            return lambda frame: not inner(frame)
        if isinstance(node, n.Binary):
            op = node.op
            if op == "&&":
                a, b = self.truth(node.left), self.truth(node.right)
                return lambda frame: a(frame) and b(frame)
            if op == "||":
                a, b = self.truth(node.left), self.truth(node.right)
                return lambda frame: a(frame) or b(frame)
            if op in ("==", "!="):
                return self._equality(node)
            if op in ("<", ">", "<=", ">="):
                return self._relation(node)
            value = self.arithmetic(node)
            return lambda frame: value(frame) is not None and False
        return lambda frame: False

    def _equality(self, node: n.Binary) -> Truth:
        left, right = self.expr(node.left), self.expr(node.right)
        negate = node.op == "!="
        null_as_empty = self.options.null_equals_empty

        budget = self.options.max_collection_size
        too_big = self.limit(node.start)

        def eq(frame: Frame) -> bool:
            a, b = left(frame), right(frame)
            if (
                isinstance(a, (list, dict))
                and isinstance(b, (list, dict))
                and (exceeds_size(a, budget) or exceeds_size(b, budget))
            ):
                raise too_big(f"comparing these values would walk more than {budget} elements")
            if null_as_empty:
                if a is None:
                    a = ""
                if b is None:
                    b = ""
            return _equals(a, b) != negate

        return eq

    def _relation(self, node: n.Binary) -> Truth:
        left, right = self.expr(node.left), self.expr(node.right)
        op = node.op

        def rel(frame: Frame) -> bool:
            cmp = _compare(left(frame), right(frame))
            if cmp is None:
                return False
            if op == "<":
                return cmp < 0
            if op == ">":
                return cmp > 0
            if op == "<=":
                return cmp <= 0
            return cmp >= 0

        return rel


def _noop(frame: Frame, write: Write) -> None:
    return None


def _none(frame: Frame) -> Any:
    return None


def _no_args(frame: Frame) -> tuple[Any, ...]:
    return ()


# Methods whose cost or result size follows from their arguments, checked before they run.
_SIZE_GUARDED = frozenset(
    {
        "replace",
        "replaceAll",
        "replaceFirst",
        "concat",
        "repeat",
        "equals",
        "hashCode",
        "contains",
        "containsKey",
        "containsValue",
        "indexOf",
        "lastIndexOf",
        "remove",
        "toString",
    }
)


def _check_call_size(
    obj: Any,
    name: str,
    args: tuple[Any, ...],
    walk_budget: int,
    max_string: int,
    too_long: Callable[[str], LimitExceeded],
) -> None:
    """Refuse a call whose result would outgrow the string limit, or that would walk a
    structure larger than the budget (hashing or comparing lists shared with themselves)."""
    if type(obj) is str and args and all(type(a) is str for a in args):
        size = len(obj)
        if name == "replace" and len(args) == 2:
            target, repl = args
            count = obj.count(target) if target else size + 1
            size = size + count * (len(repl) - len(target))
        elif name in ("replaceAll", "replaceFirst") and len(args) == 2 and "$" not in args[1]:
            matches = 1 if name == "replaceFirst" else size + 1
            size = size + matches * len(args[1])
        elif name == "concat":
            size = size + len(args[0])
        if size > max_string:
            raise too_long(
                f".{name}(...) would grow a string past the {max_string}-character limit"
            )
        return
    if name == "repeat" and type(obj) is str and args and type(args[0]) is int:
        if len(obj) * args[0] > max_string:
            raise too_long(
                f".repeat(...) would grow a string past the {max_string}-character limit"
            )
        return
    for value in (obj, *args):
        if isinstance(value, (list, dict)) and exceeds_size(value, walk_budget):
            raise too_long(f".{name}(...) would walk more than {walk_budget} elements")


def _constant_text(text: str) -> Callable[[Frame], str]:
    def constant(frame: Frame) -> str:
        return text

    return constant


def compile_text(
    text: str, name: str, options: Options
) -> tuple[ParsedTemplate, Run, dict[str, Any]]:
    """Parse and compile template text; returns the tree, the root closure and the macros."""
    parsed = parse(text, name=name)
    compiler = Compiler(parsed, options)
    run = compiler.compile()
    return parsed, run, dict(compiler.macros)


__all__ = ["BreakLoop", "Compiler", "ForeachScope", "StopRender", "compile_text"]
