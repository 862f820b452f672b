"""What the expressions of one ``.tf`` file evaluate to, as far as the file itself says.

:class:`TerraformScope` is the :class:`~vtlgw.iac.hcltemplate.Scope` of a ``.tf`` file: string
literals and templates, numbers and booleans, ``local.NAME`` (followed to its definition in the
same file), names bound by ``%{ for }``, and ``jsonencode(...)`` of a literal value. Anything
else (``var.x``, ``aws_x.y.id``, other functions) is known only at deploy time and stays a
placeholder. :meth:`TerraformScope.json` writes ``jsonencode`` output the way Terraform does:

* object keys sorted (cty visits object attributes in lexicographic order), no spaces;
* numbers as cty writes them (``big.Float.Text('f', -1)``: ``1.50`` is ``1.5``, ``1e3`` is
  ``1000``);
* strings as Go's ``encoding/json`` writes them, HTML-safe: ``<``, ``>``, ``&``, U+2028 and
  U+2029 become ``\\u003c``, ``\\u003e``, ``\\u0026``, ``\\u2028``, ``\\u2029`` (Terraform's
  jsonencode documentation), ``\\b`` and ``\\f`` stay short (Go 1.22 and later), other
  control characters are ``\\u00XX``;
* a value known only at deploy time is written as the JSON string ``"{{var.x}}"``.

Every character keeps a host offset: a string's characters their own, punctuation the offset
of the key, value or bracket it belongs to.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType
from typing import NoReturn

from vtlgw.iac.hclnodes import (
    Call,
    Expr,
    Literal,
    ObjectCons,
    Other,
    Sequence,
    Template,
    Traversal,
    TupleCons,
)
from vtlgw.iac.hclscan import MAX_NESTING, host_error
from vtlgw.iac.hcltemplate import Binding, Env, Piece, render
from vtlgw.location import LineIndex

#: roots of API Gateway's own references: ``${context.x}`` in a .tf file is a Terraform error
VTL_ROOTS = frozenset({"context", "input", "util", "stageVariables"})
#: the largest power of ten a number literal may carry to be written out
MAX_EXPONENT = 1000

_JSON_ESCAPES = MappingProxyType(
    {
        '"': '\\"',
        "\\": "\\\\",
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
        "\b": "\\b",
        "\f": "\\f",
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def passthrough(expr: Expr) -> Expr | None:
    """The expression of ``"${expr}"``, a template that is one interpolation and nothing else
    (Terraform takes its value as it is, not as a string)."""
    if isinstance(expr, Template) and len(expr.parts) == 1:
        part = expr.parts[0]
        if isinstance(part, Sequence) and part.kind == "interp":
            return part.expr
    return None


def source_of(expr: Expr) -> str:
    """The text of a reference, call or other expression as written, spaces folded."""
    if isinstance(expr, Traversal | Call | Other):
        return " ".join(expr.source.split())
    return "..."


def start_of(expr: Expr) -> int:
    """Where ``expr`` begins in the host: the opening quote or ``<<`` of a template."""
    return expr.opened if isinstance(expr, Template) else expr.start


def spread(text: str, start: int, end: int) -> list[int]:
    """Host offsets for ``text`` written in place of the host span ``start``..``end``."""
    last = max(end - start - 1, 0)
    return [start + min(index, last) for index in range(len(text))]


def vtl_hint(source: str) -> str:
    """The advice for a VTL reference written as a Terraform interpolation."""
    return f"to pass ${{{source}}} to API Gateway as VTL, write $${{{source}}}"


class TerraformScope:
    """The expressions of one ``.tf`` file (``locals``: its ``locals`` blocks' values).

    The scope of a ``templatefile()`` file has an ``outer`` scope (the ``.tf`` file that calls
    it) and ``variables``, the call's variable object (``None`` when only deploy time knows
    it): its references are those variables, and nothing else.
    """

    def __init__(
        self,
        host: str,
        text: str,
        locals_: dict[str, Expr],
        *,
        variables: dict[str, Expr] | None = None,
        outer: TerraformScope | None = None,
    ) -> None:
        self._host = host
        self._lines = LineIndex(text)
        self._locals = locals_
        self._variables = variables
        self._outer = outer
        self._depth = 0

    @property
    def host(self) -> str:
        """The ``.tf`` file."""
        return self._host

    def fail(self, message: str, offset: int) -> NoReturn:
        """Raise the :class:`~vtlgw.errors.InputError` ``message`` at ``offset``."""
        raise host_error(message, self._host, self._lines, offset)

    def where(self, offset: int) -> str:
        """``line:column`` of ``offset``."""
        line, column = self._lines.line_col(offset)
        return f"{line}:{column}"

    def deref(self, expr: Expr) -> Expr:
        """``expr``, or what the ``local.NAME`` it is stands for (followed to the end)."""
        seen: set[str] = set()
        while (
            isinstance(expr, Traversal)
            and expr.root == "local"
            and len(expr.steps) == 1
            and expr.steps[0] in self._locals
        ):
            name = expr.steps[0]
            if name in seen:
                self.fail(f"local.{name} refers to itself (Terraform: Cycle)", expr.start)
            if len(seen) >= MAX_NESTING:
                self.fail(f"locals refer to locals more than {MAX_NESTING} times over", expr.start)
            seen.add(name)
            expr = self._locals[name]
        return expr

    def _bound(self, expr: Expr, env: Env) -> tuple[bool, Binding]:
        if isinstance(expr, Traversal) and not expr.steps and expr.root in env:
            return True, env[expr.root]
        return False, None

    def _enter(self, expr: Expr) -> None:
        self._depth += 1
        if self._depth > MAX_NESTING:
            self.fail(
                f"values nest more than {MAX_NESTING} levels deep (through locals)", expr.start
            )

    def string(self, expr: Expr, env: Env) -> Piece | None:
        """The string value of ``expr``, or ``None`` when only deploy time knows it."""
        self._enter(expr)
        try:
            return self._string(expr, env)
        finally:
            self._depth -= 1

    def _string(self, expr: Expr, env: Env) -> Piece | None:
        hit, binding = self._bound(expr, env)
        if hit:
            if binding is None or isinstance(binding, Piece):
                return binding
            return self.string(binding, env)
        if isinstance(expr, Traversal) and self._outer is not None:
            value = self._variable(expr)
            return (
                None
                if value is None
                else self._outer.string(value, {}) or self._outer.unknown(value)
            )
        expr = self.deref(expr)
        inner = passthrough(expr)
        if inner is not None:
            return self.string(inner, env)
        if isinstance(expr, Template):
            return render(expr, self, env)
        if isinstance(expr, Literal):
            if expr.kind == "null":
                return None
            text = expr.value if expr.kind == "bool" else self.number(expr)
            piece = Piece(self._host)
            piece.add(text, spread(text, expr.start, expr.end))
            return piece
        if isinstance(expr, Traversal) and expr.root in VTL_ROOTS:
            self.fail(
                f"${{{expr.source}}} is Terraform interpolation: Terraform reads "
                f"{expr.source} as a reference and fails; {vtl_hint(expr.source)}",
                expr.start,
            )
        if isinstance(expr, Call) and expr.name == "jsonencode" and len(expr.args) == 1:
            return self.json(expr.args[0], env)
        return None

    def interpolate(self, expr: Expr, env: Env) -> Piece | None:
        """The string Terraform puts in place of ``${expr}`` (``None`` when not known)."""
        return self.string(expr, env)

    def items(self, expr: Expr, env: Env) -> list[tuple[Binding, Binding]] | None:
        """(key, value) of each element of a literal list or object ``expr`` (keys sorted)."""
        hit, binding = self._bound(expr, env)
        if hit:
            if binding is None or isinstance(binding, Piece):
                return None
            expr = binding
        if isinstance(expr, Traversal) and self._outer is not None:
            value = self._variable(expr)
            return None if value is None else self._outer.items(value, {})
        expr = self.deref(expr)
        if isinstance(expr, TupleCons):
            return [
                (self._text(str(n), item.start, item.end), item)
                for n, item in enumerate(expr.items)
            ]
        if isinstance(expr, ObjectCons):
            keyed: list[tuple[Piece, Expr]] = []
            for item in expr.items:
                key = self.key(item.name, item.key, env)
                if key is None:
                    return None
                keyed.append((key, item.value))
            keyed.sort(key=lambda pair: pair[0].text)
            return [(key, value) for key, value in keyed]
        return None

    def _variable(self, expr: Traversal) -> Expr | None:
        """What a reference in a ``templatefile()`` file names among the call's variables."""
        variables = self._variables
        if variables is None:
            return None
        if expr.root not in variables:
            given = ", ".join(sorted(variables)) or "none"
            hint = f"; {vtl_hint(expr.source)}" if expr.root in VTL_ROOTS else ""
            self.fail(
                f"templatefile(): {expr.root} is not one of the variables given ({given}); "
                f'Terraform: vars map does not contain key "{expr.root}"{hint}',
                expr.start,
            )
        return None if expr.steps else variables[expr.root]

    def key(self, name: str | None, key: Expr, env: Env) -> Piece | None:
        """The string of an object key (a bare ``name`` is its own text)."""
        if name is not None:
            return self._text(name, key.start, key.end)
        return self.string(key, env)

    def _text(self, text: str, start: int, end: int) -> Piece:
        piece = Piece(self._host)
        piece.add(text, spread(text, start, end))
        return piece

    def unknown(self, expr: Expr) -> Piece:
        """The placeholder ``{{source}}`` of ``expr``, known only at deploy time."""
        piece = Piece(self._host)
        piece.placeholder(source_of(expr), source_of(expr), expr.start, expr.end)
        return piece

    def number(self, literal: Literal) -> str:
        """A number as Terraform writes it (cty: ``big.Float.Text('f', -1)``)."""
        value = Decimal(literal.value)
        if abs(value.adjusted()) > MAX_EXPONENT:
            self.fail(f"the number {literal.value} is too large to write out", literal.start)
        return format(value.normalize(), "f")

    def json(self, expr: Expr, env: Env) -> Piece:
        """The text ``jsonencode(expr)`` gives, with host offsets."""
        out = Piece(self._host)
        self._json(expr, env, out)
        return out

    def _json(self, expr: Expr, env: Env, out: Piece) -> None:
        self._enter(expr)
        try:
            self._json_value(expr, env, out)
        finally:
            self._depth -= 1

    def _json_value(self, expr: Expr, env: Env, out: Piece) -> None:
        hit, binding = self._bound(expr, env)
        if hit:
            if isinstance(binding, Piece):
                self.json_string(binding, out, expr.start, expr.end)
                return
            if binding is None:
                self.json_string(self.unknown(expr), out, expr.start, expr.end)
                return
            expr = binding
        expr = self.deref(expr)
        inner = passthrough(expr)
        if inner is not None:
            self._json(inner, env, out)
        elif isinstance(expr, ObjectCons):
            self._json_object(expr, env, out)
        elif isinstance(expr, TupleCons):
            out.add_at("[", expr.start)
            for index, item in enumerate(expr.items):
                if index:
                    out.add_at(",", item.start)
                self._json(item, env, out)
            out.add_at("]", expr.end - 1)
        elif isinstance(expr, Literal):
            text = self.number(expr) if expr.kind == "number" else expr.value
            out.add(text, spread(text, expr.start, expr.end))
        else:
            piece = self.string(expr, env)
            self.json_string(piece or self.unknown(expr), out, expr.start, expr.end)

    def _json_object(self, expr: ObjectCons, env: Env, out: Piece) -> None:
        entries: list[tuple[Piece, Expr, Expr]] = []
        seen: dict[str, int] = {}
        for item in expr.items:
            key = self.key(item.name, item.key, env)
            key = key or self.unknown(item.key)
            if key.text in seen:
                first = self.where(seen[key.text])
                self.fail(
                    f"jsonencode(): the key {key.text!r} is set twice (first at {first}); "
                    "Terraform keeps only the last",
                    start_of(item.key),
                )
            seen[key.text] = start_of(item.key)
            entries.append((key, item.key, item.value))
        out.add_at("{", expr.start)
        for index, (key, written, value) in enumerate(sorted(entries, key=lambda e: e[0].text)):
            if index:
                out.add_at(",", written.start)
            self.json_string(key, out, written.start, written.end)
            out.add_at(":", value.start)
            self._json(value, env, out)
        out.add_at("}", expr.end - 1)

    def json_string(self, piece: Piece, out: Piece, start: int, end: int) -> None:
        """Append ``piece`` as a JSON string; the quotes sit at ``start`` and ``end - 1``."""
        same = piece.host == out.host
        out.add_at('"', start)
        begin = len(out)
        written: list[str] = []
        moved = [0] * (len(piece) + 1)
        for index, char in enumerate(piece.text):
            moved[index] = len(out) - begin
            escaped = _JSON_ESCAPES.get(char) or (f"\\u{ord(char):04x}" if char < " " else char)
            written.append(escaped)
            out.add_at(escaped, piece.positions[index] if same else start)
        moved[len(piece)] = len(out) - begin
        for sub in piece.subs:
            value = "".join(written[sub.start : sub.end])
            first, last = begin + moved[sub.start], begin + moved[sub.end]
            out.subs.append(replace(sub, value=value, start=first, end=last))
        out.add_at('"', max(end - 1, start))
