"""Compile expressions and conditions: literals, ranges, interpolated strings, Java
arithmetic with Velocity 1.7's string concatenation, and ``#if`` truthiness per flavor.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from vtlgw.engine import javatypes as jt
from vtlgw.engine import nodes as n
from vtlgw.engine.cbase import CompilerBase, Truth, Value
from vtlgw.engine.guards import exceeds_size
from vtlgw.engine.runtime import Frame

_equals = jt.equals
_compare = jt.compare
_ARITH: Mapping[str, Callable[[Any, Any], Any]] = MappingProxyType(
    {
        "+": jt.add,
        "-": jt.sub,
        "*": jt.mul,
        "/": jt.div,
        "%": jt.mod,
    }
)


class ExpressionCompiler(CompilerBase):
    """Expressions and conditions."""

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


def _constant_text(text: str) -> Callable[[Frame], str]:
    def constant(frame: Frame) -> str:
        return text

    return constant
