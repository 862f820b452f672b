"""A Terraform template rendered the way Terraform renders it, as far as the file says.

:func:`render` turns a :class:`~vtlgw.iac.hclnodes.Template` into a :class:`Piece`: the text
API Gateway receives, the host offset of each of its characters, and the substitutions made.
It follows HCL's ``parseTemplateParts`` and ``flushHeredocTemplateParts``
(``hclsyntax/parser_template.go``), in that order:

1. strip markers: ``${~`` / ``%{~`` trim the spaces at the end of the literal piece just
   before, ``~}`` those at the start of the literal piece just after;
2. an indented heredoc (``<<-``): the smallest count of leading spaces over the lines whose
   first piece is literal text is removed from each of those lines. A line of spaces only is
   not counted and not trimmed; a line that starts with ``${`` or ``%{`` counts as zero;
3. interpolations and directives are evaluated.

What only Terraform knows becomes visible: an interpolation the :class:`Scope` cannot resolve is
the placeholder ``{{var.table}}`` (a :class:`~vtlgw.iac.model.Substitution` with ``known``
False). ``%{ if }`` with a condition other than ``true`` or ``false`` keeps its first branch,
and ``%{ for }`` over anything but a literal list or object keeps its body once, its names
unknown; both are recorded as unknown substitutions holding the text kept
(docs/decisions/0002-hcl.md says why).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import NoReturn, Protocol

from vtlgw.iac.hclnodes import SPACE, Expr, Literal, Sequence, Template, Text
from vtlgw.iac.model import Substitution

#: the longest text a template may render to, in characters
MAX_RENDERED_CHARS = 2_000_000
#: the most ``%{ for }`` iterations one template may run
MAX_ITERATIONS = 100_000


class Piece:
    """Text built from host files: each character's host offset, and the substitutions made.

    ``host`` is the file the offsets point into; a piece from another file added to this one
    is placed at one offset of this file.
    """

    __slots__ = ("_chars", "host", "positions", "subs")

    def __init__(self, host: str) -> None:
        self.host = host
        self._chars: list[str] = []
        self.positions: list[int] = []
        self.subs: list[Substitution] = []

    def __len__(self) -> int:
        return len(self.positions)

    @property
    def text(self) -> str:
        """The text built so far."""
        return "".join(self._chars)

    @property
    def known(self) -> bool:
        """True when nothing in the text waits for deploy time."""
        return all(sub.known for sub in self.subs)

    def add(self, text: str, positions: list[int] | tuple[int, ...] | range) -> None:
        """Append ``text``, whose character ``i`` sits at host offset ``positions[i]``."""
        self._chars.append(text)
        self.positions.extend(positions)

    def add_at(self, text: str, at: int) -> None:
        """Append ``text``, every character of it placed at host offset ``at``."""
        self._chars.append(text)
        self.positions.extend([at] * len(text))

    def append(self, other: Piece, at: int) -> None:
        """Append ``other`` and its substitutions (placed at ``at`` if from another file)."""
        begin = len(self)
        if other.host == self.host:
            self.add(other.text, other.positions)
        else:
            self.add_at(other.text, at)
        self.subs.extend(replace(s, start=s.start + begin, end=s.end + begin) for s in other.subs)

    def placeholder(self, source: str, name: str, start: int, end: int) -> None:
        """Append ``{{name}}`` for ``source`` (host offsets ``start``..``end``), unknown."""
        value = "{{" + name + "}}"
        last = max(end - start - 1, 0)
        begin = len(self)
        self.add(value, [start + min(index, last) for index in range(len(value))])
        self.subs.append(Substitution(source, value, False, begin, len(self)))

    def substitute(self, source: str, value: Piece, at: int) -> None:
        """Append the value Terraform puts where ``source`` is (host offset ``at``)."""
        begin = len(self)
        if value.host == self.host:
            self.add(value.text, value.positions)
        else:
            self.add_at(value.text, at)
        self.subs.append(Substitution(source, value.text, value.known, begin, len(self)))

    def mark(self) -> tuple[int, int]:
        """Where the text ends now, for :meth:`record`."""
        return len(self), len(self._chars)

    def record(self, source: str, mark: tuple[int, int]) -> None:
        """Record the text added since ``mark`` as kept for ``source`` without knowing it."""
        added = "".join(self._chars[mark[1] :])
        self.subs.append(Substitution(source, added, False, mark[0], len(self)))


Binding = Piece | Expr | None
Env = Mapping[str, Binding]


class Scope(Protocol):
    """What a template's expressions mean: the reader of the file supplies it."""

    @property
    def host(self) -> str:
        """The file the template is in."""
        ...

    def interpolate(self, expr: Expr, env: Env) -> Piece | None:
        """The string Terraform puts in place of ``${expr}``, or ``None`` when not known."""
        ...

    def items(self, expr: Expr, env: Env) -> list[tuple[Binding, Binding]] | None:
        """(key, value) of each element ``%{ for }`` visits, or ``None`` when not known."""
        ...

    def fail(self, message: str, offset: int) -> NoReturn:
        """Raise an error at host offset ``offset`` of :attr:`host`."""
        ...

    def where(self, offset: int) -> str:
        """``line:column`` of host offset ``offset``, for messages."""
        ...


@dataclass
class _Lit:
    text: str
    positions: list[int]

    def lstrip(self, count: int | None = None) -> None:
        cut = len(self.text) - len(self.text.lstrip(SPACE)) if count is None else count
        self.text, self.positions = self.text[cut:], self.positions[cut:]

    def rstrip(self) -> None:
        kept = len(self.text.rstrip(SPACE))
        self.text, self.positions = self.text[:kept], self.positions[:kept]


@dataclass
class _Block:
    opener: Sequence
    body: list[_Node] = field(default_factory=list)
    otherwise: list[_Node] | None = None


_Node = _Lit | Sequence | _Block


def render(template: Template, scope: Scope, env: Env | None = None) -> Piece:
    """The text ``template`` renders to in ``scope`` (``env``: names bound by ``%{ for }`` or
    by ``templatefile()``'s variables)."""
    tokens = _strip(template.parts)
    if template.flush:
        _flush(tokens)
    out = Piece(scope.host)
    _Emitter(scope).emit(_nest(tokens, scope), out, env or {})
    return out


def _strip(parts: tuple[Text | Sequence, ...]) -> list[_Lit | Sequence]:
    tokens: list[_Lit | Sequence] = []
    trim_next = False
    for part in parts:
        if isinstance(part, Text):
            literal = _Lit(part.text, list(part.positions))
            if trim_next:
                literal.lstrip()
            tokens.append(literal)
            trim_next = False
            continue
        if part.strip_left and tokens and isinstance(tokens[-1], _Lit):
            tokens[-1].rstrip()
        tokens.append(part)
        trim_next = part.strip_right
    return tokens


def _flush(tokens: list[_Lit | Sequence]) -> None:
    """Remove the common indentation of the lines of a ``<<-`` heredoc, as HCL counts it."""
    unlimited = len(tokens) + sum(len(t.text) for t in tokens if isinstance(t, _Lit)) + 1
    fewest = unlimited
    adjust: list[_Lit] = []
    line_start = True
    for token in tokens:
        if line_start:
            line_start = False
            spaces = 0
            if isinstance(token, _Lit):
                rest = token.text.lstrip(SPACE)
                if not rest and token.text.endswith("\n"):
                    spaces = unlimited
                else:
                    spaces = len(token.text) - len(rest)
                    adjust.append(token)
            fewest = min(fewest, spaces)
        if isinstance(token, _Lit) and token.text.endswith("\n"):
            line_start = True
    if fewest < unlimited:
        for token in adjust:
            token.lstrip(fewest)


def _nest(tokens: list[_Lit | Sequence], scope: Scope) -> list[_Node]:
    root: list[_Node] = []
    current = root
    open_: list[tuple[_Block, list[_Node]]] = []
    for token in tokens:
        if isinstance(token, _Lit) or token.kind == "interp":
            current.append(token)
        elif token.kind in ("if", "for"):
            block = _Block(token)
            current.append(block)
            open_.append((block, current))
            current = block.body
        else:
            block = _closing(token, open_, scope)
            if token.kind == "else":
                block.otherwise = []
                current = block.otherwise
            else:
                current = open_.pop()[1]
    if open_:
        opener = open_[-1][0].opener
        scope.fail(
            f"this %{{ {opener.kind} }} is never closed: expected %{{ end{opener.kind} }}",
            opener.start,
        )
    return root


def _closing(token: Sequence, open_: list[tuple[_Block, list[_Node]]], scope: Scope) -> _Block:
    """The open block that ``%{ else }``, ``%{ endif }`` or ``%{ endfor }`` belongs to."""
    wanted = "for" if token.kind == "endfor" else "if"
    if not open_:
        scope.fail(f"this %{{ {token.kind} }} has no %{{ {wanted} }} to close", token.start)
    block = open_[-1][0]
    if block.opener.kind != wanted or (token.kind == "else" and block.otherwise is not None):
        expected = "endif" if block.opener.kind == "if" else "endfor"
        opened = f"%{{ {block.opener.kind} }} at {scope.where(block.opener.start)}"
        scope.fail(
            f"expected %{{ {expected} }} for the {opened}, found %{{ {token.kind} }}", token.start
        )
    return block


class _Emitter:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.iterations = 0

    def emit(self, nodes: list[_Node], out: Piece, env: Env) -> None:
        for node in nodes:
            if isinstance(node, _Lit):
                out.add(node.text, node.positions)
            elif isinstance(node, Sequence):
                self._interpolate(node, out, env)
            elif node.opener.kind == "if":
                self._if(node, out, env)
            else:
                self._for(node, out, env)
            if len(out) > MAX_RENDERED_CHARS:
                self.scope.fail(
                    f"this template renders to more than {MAX_RENDERED_CHARS:,} characters",
                    node.opener.start if isinstance(node, _Block) else out.positions[-1],
                )

    def _interpolate(self, node: Sequence, out: Piece, env: Env) -> None:
        assert node.expr is not None
        value = self.scope.interpolate(node.expr, env)
        if value is None:
            out.placeholder(node.source, placeholder_name(node), node.start, node.end)
        else:
            out.substitute(node.source, value, node.start)

    def _if(self, node: _Block, out: Piece, env: Env) -> None:
        condition = node.opener.expr
        if isinstance(condition, Literal) and condition.kind == "bool":
            self.emit(node.body if condition.value == "true" else node.otherwise or [], out, env)
            return
        mark = out.mark()
        self.emit(node.body, out, env)
        out.record(node.opener.source, mark)

    def _for(self, node: _Block, out: Piece, env: Env) -> None:
        opener = node.opener
        assert opener.expr is not None
        names = opener.names
        elements = self.scope.items(opener.expr, env)
        if elements is None:
            mark = out.mark()
            self.emit(node.body, out, {**env, **dict.fromkeys(names)})
            out.record(opener.source, mark)
            return
        for key, value in elements:
            self.iterations += 1
            if self.iterations > MAX_ITERATIONS:
                self.scope.fail(f"%{{ for }} runs more than {MAX_ITERATIONS:,} times", opener.start)
            bound = {names[0]: value} if len(names) == 1 else {names[0]: key, names[1]: value}
            self.emit(node.body, out, {**env, **bound})


def placeholder_name(sequence: Sequence) -> str:
    """``var.table`` for ``${ var.table }``: the expression as written, spaces folded."""
    return " ".join(sequence.source[2:-1].strip("~").split())
