"""The parsed template: a small tree of dataclasses, each node with its source span.

The compiler turns this tree into Python closures; the linter (and anything else that needs
to reason about a template without running it) walks the same tree. ``start`` and ``end`` are
character offsets into the template text; :class:`vtlgw.engine.parser.ParsedTemplate` turns
them into 1-based lines and columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(slots=True)
class Node:
    """Base of every node: where it starts and ends in the source."""

    start: int
    end: int

    def children(self) -> Iterator[Node]:
        """Direct child nodes, in source order."""
        return iter(())


# --- expressions --------------------------------------------------------------------


@dataclass(slots=True)
class StringLit(Node):
    """A string literal. ``parts`` is set when a double-quoted literal holds ``$`` or ``#``
    and is rendered as a small template each time it is evaluated."""

    value: str
    parts: Block | None = None
    strip_last: bool = False

    def children(self) -> Iterator[Node]:
        if self.parts is not None:
            yield self.parts


@dataclass(slots=True)
class IntLit(Node):
    value: int


@dataclass(slots=True)
class FloatLit(Node):
    value: float


@dataclass(slots=True)
class BoolLit(Node):
    value: bool


@dataclass(slots=True)
class Word(Node):
    """A bare word argument of a directive (``in`` of ``#foreach``, a macro's name)."""

    value: str


@dataclass(slots=True)
class ListLit(Node):
    items: list[Expr]

    def children(self) -> Iterator[Node]:
        yield from self.items


@dataclass(slots=True)
class MapLit(Node):
    pairs: list[tuple[Expr, Expr]]

    def children(self) -> Iterator[Node]:
        for key, value in self.pairs:
            yield key
            yield value


@dataclass(slots=True)
class RangeLit(Node):
    low: Expr
    high: Expr

    def children(self) -> Iterator[Node]:
        yield self.low
        yield self.high


@dataclass(slots=True)
class Binary(Node):
    """``left op right``; ``op`` is one of ``|| && == != < > <= >= + - * / %``."""

    op: str
    left: Expr
    right: Expr

    def children(self) -> Iterator[Node]:
        yield self.left
        yield self.right


@dataclass(slots=True)
class Not(Node):
    operand: Expr

    def children(self) -> Iterator[Node]:
        yield self.operand


@dataclass(slots=True)
class Prop(Node):
    """``.name`` in a reference."""

    name: str


@dataclass(slots=True)
class Call(Node):
    """``.name(args)`` in a reference."""

    name: str
    args: list[Expr]

    def children(self) -> Iterator[Node]:
        yield from self.args


@dataclass(slots=True)
class Index(Node):
    """``[expr]`` in a reference."""

    index: Expr

    def children(self) -> Iterator[Node]:
        yield self.index


@dataclass(slots=True)
class Reference(Node):
    """``$root.part[...]...`` with Velocity's escape and prefix bookkeeping.

    ``literal`` is what stock Velocity prints when the value is null (``$x``, ``$!{x}`` ...);
    ``runt`` marks text the lexer took for a reference but that has no ``$``.
    """

    root: str
    parts: list[Prop | Call | Index]
    literal: str
    quiet: bool = False
    formal: bool = False
    escaped: bool = False
    esc_prefix: str = ""
    more_prefix: str = ""
    runt: bool = False
    computable: bool = True

    def children(self) -> Iterator[Node]:
        yield from self.parts


Expr = (
    StringLit
    | IntLit
    | FloatLit
    | BoolLit
    | Word
    | ListLit
    | MapLit
    | RangeLit
    | Binary
    | Not
    | Reference
)


# --- statements ---------------------------------------------------------------------


@dataclass(slots=True)
class Block(Node):
    body: list[Node] = field(default_factory=list)

    def children(self) -> Iterator[Node]:
        yield from self.body


@dataclass(slots=True)
class Text(Node):
    """Text printed as it is (also escaped directives, escapes and text blocks)."""

    text: str


@dataclass(slots=True)
class Comment(Node):
    """A ``##`` or ``#* *#`` comment; ``text`` is what it prints (nearly always nothing)."""

    text: str
    body: str = ""


@dataclass(slots=True)
class Set(Node):
    target: Reference
    value: Expr

    def children(self) -> Iterator[Node]:
        yield self.target
        yield self.value


@dataclass(slots=True)
class If(Node):
    """``#if``/``#elseif`` branches in order, then the optional ``#else`` block."""

    branches: list[tuple[Expr, Block]]
    orelse: Block | None

    def children(self) -> Iterator[Node]:
        for cond, block in self.branches:
            yield cond
            yield block
        if self.orelse is not None:
            yield self.orelse


@dataclass(slots=True)
class Directive(Node):
    """Any other ``#name(...)``: ``#foreach``, ``#define``, ``#macro``, ``#stop``, ``#break``,
    ``#evaluate``, ``#parse``, ``#include``, ``#literal``, and macro calls (``known`` False).

    ``literal`` is the directive's own text, which Velocity prints for an unknown directive.
    ``body`` is the block of a block directive.
    """

    name: str
    args: list[Expr]
    body: Block | None
    literal: str
    known: bool
    has_parens: bool

    def children(self) -> Iterator[Node]:
        yield from self.args
        if self.body is not None:
            yield self.body


Statement = Text | Comment | Reference | Set | If | Directive


def walk(node: Node) -> Iterator[Node]:
    """Every node below and including ``node``, depth first, in source order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(list(current.children())))
