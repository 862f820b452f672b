"""The parts of a Terraform (HCL native syntax) file that the Terraform reader looks at.

:mod:`vtlgw.iac.hclparse` turns a ``.tf`` file into a :class:`Body` of :class:`Attribute` and
:class:`Block` items. Expressions are kept only as far as a mapping template needs them:

* :class:`Template`: a quoted string or a heredoc, as :class:`Text` runs (escapes already
  decoded, each character with its host offset) and :class:`Sequence` items (``${...}``
  interpolations and ``%{...}`` directives, with their strip markers);
* :class:`Literal` numbers, ``true``, ``false`` and ``null``;
* :class:`ObjectCons` (``{ key = value }``), :class:`TupleCons` (``[a, b]``) and
  :class:`Call` (``file(...)``, ``jsonencode(...)``);
* :class:`Traversal`: a reference such as ``var.table`` or ``aws_x.y.id``;
* :class:`Other`: any other expression (operators, conditionals, ``for`` expressions,
  splats), kept only as its source text.

Every ``start`` and ``end`` is a character offset into the host text, ``end`` exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal as TypingLiteral

SequenceKind = TypingLiteral["interp", "if", "else", "endif", "for", "endfor"]

#: the characters Go's ``unicode.IsSpace`` calls spaces: what Terraform trims around a heredoc's
#: closing marker, beside a strip marker (``~``) and from the lines of a ``<<-`` heredoc
SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)


@dataclass(frozen=True, slots=True)
class Text:
    """Literal template text: ``text[i]`` came from host offset ``positions[i]``."""

    text: str
    positions: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Sequence:
    """A ``${...}`` interpolation or a ``%{...}`` directive inside a template.

    ``strip_left`` is the ``~`` after the opening brace, ``strip_right`` the ``~`` before the
    closing one. ``expr`` is the interpolated expression, the ``if`` condition or the ``for``
    collection; ``names`` the ``for`` directive's key and value variable names.
    """

    kind: SequenceKind
    start: int
    end: int
    source: str
    strip_left: bool = False
    strip_right: bool = False
    expr: Expr | None = None
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Template:
    """A quoted string, a heredoc, or a whole template file.

    ``start`` and ``end`` bound the content (inside the quotes, or from the line after the
    heredoc's opening marker to the start of its closing marker's line); ``opened`` is where
    the opening quote or ``<<`` is. ``flush`` marks an indented heredoc (``<<-``).
    """

    parts: tuple[Text | Sequence, ...]
    start: int
    end: int
    opened: int
    heredoc: bool = False
    flush: bool = False


@dataclass(frozen=True, slots=True)
class Literal:
    """A number (``value`` its source text, ``-`` included), ``true``, ``false`` or ``null``."""

    kind: TypingLiteral["number", "bool", "null"]
    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Traversal:
    """A reference: ``root`` then attribute names and ``[index]`` steps as written."""

    root: str
    steps: tuple[str, ...]
    source: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Item:
    """One ``key = value`` of an object constructor; ``name`` is set for a bare name key."""

    key: Expr
    name: str | None
    value: Expr


@dataclass(frozen=True, slots=True)
class ObjectCons:
    """``{ key = value, ... }``; ``end`` is just after the closing brace."""

    items: tuple[Item, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TupleCons:
    """``[a, b, ...]``."""

    items: tuple[Expr, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Call:
    """A function call ``name(args...)``."""

    name: str
    args: tuple[Expr, ...]
    source: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Other:
    """Any other expression, kept as its source text."""

    source: str
    start: int
    end: int


Expr = Template | Literal | Traversal | ObjectCons | TupleCons | Call | Other


@dataclass(frozen=True, slots=True)
class Attribute:
    """``name = value`` in a body; ``start`` is where the name is."""

    name: str
    value: Expr
    start: int


@dataclass(frozen=True, slots=True)
class Block:
    """``type "label" ... { body }``; ``start`` is where the type is, ``opened`` the brace."""

    type: str
    labels: tuple[str, ...]
    body: Body
    start: int
    opened: int


@dataclass(frozen=True, slots=True)
class Body:
    """The attributes and blocks of a file or of a block, in file order."""

    items: tuple[Attribute | Block, ...]

    def attribute(self, name: str) -> Attribute | None:
        """The attribute ``name`` of this body, if it is set."""
        for item in self.items:
            if isinstance(item, Attribute) and item.name == name:
                return item
        return None

    def blocks(self, type_: str) -> tuple[Block, ...]:
        """The blocks of type ``type_``, in file order."""
        return tuple(item for item in self.items if isinstance(item, Block) and item.type == type_)


def literal_text(expr: Expr | None) -> str | None:
    """The string of a template with no interpolation or directive (``None`` otherwise)."""
    if isinstance(expr, Template) and all(isinstance(part, Text) for part in expr.parts):
        return "".join(part.text for part in expr.parts if isinstance(part, Text))
    return None
