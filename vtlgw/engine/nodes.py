"""The parsed template: a small tree of dataclasses, each node with its source span.

The compiler turns this tree into Python closures; the linter (and anything else that needs
to reason about a template without running it) walks the same tree, usually with a
:class:`vtlgw.engine.visitor.NodeVisitor`. Every directive has its own class (``Foreach``,
``If``/``ElseIf``, ``Set``, ``Define``, ``Macro``, ``MacroCall``, ``Include``, ``Parse``,
``Evaluate``, ``Stop``, ``Break``, ``Literal``). ``start`` and ``end`` are character offsets into
the template text (``end`` exclusive); :meth:`vtlgw.engine.parser.ParsedTemplate.location` turns
them into a :class:`vtlgw.location.SourceLocation`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar


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
class ElseIf(Node):
    """One ``#elseif(test)`` branch of an :class:`If`."""

    test: Expr
    body: Block

    def children(self) -> Iterator[Node]:
        yield self.test
        yield self.body


@dataclass(slots=True)
class If(Node):
    """``#if(test)``, then any ``#elseif`` branches in order, then the optional ``#else``."""

    test: Expr
    body: Block
    elseifs: list[ElseIf]
    orelse: Block | None

    @property
    def branches(self) -> list[tuple[Expr, Block]]:
        """Every ``(test, block)`` pair in order: the ``#if`` one, then each ``#elseif``."""
        return [(self.test, self.body)] + [(branch.test, branch.body) for branch in self.elseifs]

    def children(self) -> Iterator[Node]:
        yield self.test
        yield self.body
        yield from self.elseifs
        if self.orelse is not None:
            yield self.orelse


@dataclass(slots=True)
class Directive(Node):
    """Base of every other ``#name(...)``; each directive has its own subclass below.

    ``literal`` is the directive's own text, which API Gateway prints for the directives it
    does not run (macro calls, ``#evaluate``). ``body`` is the block of a block directive
    (``None`` for line directives and for a block directive written without parentheses, which
    Velocity prints as text). ``known`` is False only for macro calls.
    """

    name: str
    args: list[Expr]
    body: Block | None
    literal: str
    has_parens: bool

    known: ClassVar[bool] = True

    def children(self) -> Iterator[Node]:
        yield from self.args
        if self.body is not None:
            yield self.body


@dataclass(slots=True)
class Foreach(Directive):
    """``#foreach($item in $items) ... #end``."""

    @property
    def target(self) -> Reference | None:
        """The loop variable (``None`` for a malformed header, which iterates nothing)."""
        first = self.args[0] if len(self.args) == 3 else None
        return first if isinstance(first, Reference) else None

    @property
    def iterable(self) -> Expr | None:
        """What is iterated (``None`` for a malformed header)."""
        return self.args[2] if len(self.args) == 3 else None


@dataclass(slots=True)
class Define(Directive):
    """``#define($name) ... #end``: a block rendered where ``$name`` is printed."""


@dataclass(slots=True)
class Macro(Directive):
    """``#macro(name $param ...) ... #end``."""

    @property
    def macro_name(self) -> str:
        """The macro's name (the parser guarantees a bare word first argument)."""
        first = self.args[0]
        return first.value if isinstance(first, Word) else ""

    @property
    def params(self) -> list[str]:
        """The parameter names, without ``$``."""
        return [arg.root for arg in self.args[1:] if isinstance(arg, Reference)]


@dataclass(slots=True)
class MacroCall(Directive):
    """``#name(args)`` for a name that is no Velocity directive, or ``#@name(args) ... #end``."""

    known: ClassVar[bool] = False

    @property
    def is_block(self) -> bool:
        """A block macro call (``#@name``), whose body the macro sees as ``$bodyContent``."""
        return self.name.startswith("@")


@dataclass(slots=True)
class Include(Directive):
    """``#include("file")``."""


@dataclass(slots=True)
class Parse(Directive):
    """``#parse("file")``."""


@dataclass(slots=True)
class Evaluate(Directive):
    """``#evaluate($text)``: render a string as a template."""


@dataclass(slots=True)
class Stop(Directive):
    """``#stop``: end the render here."""


@dataclass(slots=True)
class Break(Directive):
    """``#break`` (optionally with the scope to leave, ``#break($foreach)``)."""


@dataclass(slots=True)
class Literal(Directive):
    """``#literal() ... #end``: the block printed unparsed."""


#: The class of each Velocity directive by name; any other name is a :class:`MacroCall`.
DIRECTIVE_CLASSES: Mapping[str, type[Directive]] = MappingProxyType(
    {
        "foreach": Foreach,
        "define": Define,
        "macro": Macro,
        "include": Include,
        "parse": Parse,
        "evaluate": Evaluate,
        "stop": Stop,
        "break": Break,
        "literal": Literal,
    }
)


Statement = Text | Comment | Reference | Set | If | Directive


def walk(node: Node) -> Iterator[Node]:
    """Every node below and including ``node``, depth first, in source order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(list(current.children())))
