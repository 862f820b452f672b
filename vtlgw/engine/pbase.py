"""The parser's shared parts: token access with Velocity's lookahead timing, error
locations, the grammar's token sets, and :class:`ParsedTemplate`.

The parser is two classes over this base: :mod:`vtlgw.engine.pexpr` (references, expressions,
literals) and :mod:`vtlgw.engine.parser` (statements and directives).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from vtlgw.engine import nodes as n
from vtlgw.engine.lexer import Kind, Token, TokenManager, token_literal
from vtlgw.errors import LimitExceeded, TemplateSyntaxError
from vtlgw.location import LineIndex, SourceLocation

# Velocity 1.7's built-in directives and whether they take a block.
BLOCK_DIRECTIVES: Final = frozenset({"foreach", "macro", "literal", "define"})
LINE_DIRECTIVES: Final = frozenset({"include", "parse", "evaluate", "break", "stop"})
KNOWN_DIRECTIVES: Final = BLOCK_DIRECTIVES | LINE_DIRECTIVES

_TEXT_KINDS: Final = frozenset(
    {
        Kind.TEXT,
        Kind.DOT,
        Kind.RPAREN,
        Kind.LPAREN,
        Kind.INTEGER_LITERAL,
        Kind.FLOATING_POINT_LITERAL,
        Kind.STRING_LITERAL,
        Kind.ESCAPE,
        Kind.LCURLY,
        Kind.RCURLY,
        Kind.EMPTY_INDEX,
    }
)
_COMMENT_KINDS: Final = frozenset(
    {Kind.SINGLE_LINE_COMMENT_START, Kind.MULTI_LINE_COMMENT, Kind.FORMAL_COMMENT}
)
_STATEMENT_START: Final = (
    _TEXT_KINDS
    | _COMMENT_KINDS
    | frozenset(
        {
            Kind.IF_DIRECTIVE,
            Kind.IDENTIFIER,
            Kind.TEXTBLOCK,
            Kind.SET_DIRECTIVE,
            Kind.ESCAPE_DIRECTIVE,
            Kind.DOUBLE_ESCAPE,
            Kind.WORD,
            Kind.BRACKETED_WORD,
        }
    )
)
_PARAMETER_START: Final = frozenset(
    {
        Kind.WHITESPACE,
        Kind.STRING_LITERAL,
        Kind.INTEGER_LITERAL,
        Kind.LBRACKET,
        Kind.LEFT_CURLEY,
        Kind.TRUE,
        Kind.FALSE,
        Kind.IDENTIFIER,
        Kind.LCURLY,
        Kind.FLOATING_POINT_LITERAL,
    }
)
_DIRECTIVE_ARG_START: Final = (_PARAMETER_START - {Kind.WHITESPACE}) | {Kind.WORD}
_BINARY_LEVELS: Final[tuple[dict[Kind, str], ...]] = (
    {Kind.LOGICAL_OR: "||"},
    {Kind.LOGICAL_AND: "&&"},
    {Kind.LOGICAL_EQUALS: "==", Kind.LOGICAL_NOT_EQUALS: "!="},
    {Kind.LOGICAL_LT: "<", Kind.LOGICAL_GT: ">", Kind.LOGICAL_LE: "<=", Kind.LOGICAL_GE: ">="},
    {Kind.PLUS: "+", Kind.MINUS: "-"},
    {Kind.MULTIPLY: "*", Kind.DIVIDE: "/", Kind.MODULUS: "%"},
)
_DESCRIBE: Final = {
    Kind.EOF: "the end of the template",
    Kind.RPAREN: "')'",
    Kind.REFMOD2_RPAREN: "')'",
    Kind.LPAREN: "'('",
    Kind.END: "'#end'",
    Kind.RCURLY: "'}'",
    Kind.RIGHT_CURLEY: "'}'",
    Kind.RBRACKET: "']'",
    Kind.INDEX_RBRACKET: "']'",
    Kind.EQUALS: "'='",
    Kind.IDENTIFIER: "a name",
    Kind.COLON: "':'",
}
_UNICODE_ESCAPE: Final = re.compile(r"\\u([0-9a-fA-F]{4})")
# Each level costs several Python frames in the parser and compiler, so these stay well under
# Python's recursion limit; real templates nest a handful of levels.
MAX_NESTING: Final = 64
MAX_CHAIN: Final = 200


@dataclass(frozen=True, slots=True)
class ParsedTemplate:
    """A parsed template: its name, source, root block and the macros it defines."""

    name: str
    source: str
    root: n.Block
    macros: tuple[n.Macro, ...]
    lines: LineIndex

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in :attr:`source`."""
        return self.lines.line_col(offset)

    def location(self, node: n.Node) -> SourceLocation:
        """Where ``node`` is in the template, from its first character to just after its last."""
        line, column = self.lines.line_col(node.start)
        end_line, end_column = self.lines.line_col(node.end)
        return SourceLocation(self.name, line, column, end_line, end_column)


def _describe(tok: Token) -> str:
    if tok.kind in (Kind.EOF,):
        return _DESCRIBE[Kind.EOF]
    image = token_literal(tok).strip() or tok.image
    if len(image) > 30:
        image = image[:27] + "..."
    return repr(image)


class ParserBase:
    """Token access and errors for one template (or one interpolated string literal)."""

    def __init__(
        self,
        text: str,
        *,
        name: str = "<template>",
        offsets: Callable[[int], int] | None = None,
        outer: TokenManager | None = None,
    ) -> None:
        self.tm = TokenManager(text, name=name)
        self.name = name
        # where an offset of ``text`` sits in the outer template (for a string literal's
        # unescaped content); None for the template itself
        self.offsets = offsets
        self.outer = outer or self.tm
        self.toks: list[Token] = []
        self.i = 0
        self.macro_names: set[str] = set()
        self.macros: list[n.Macro] = []
        self.depth = 0
        self.open_blocks: list[tuple[str, int]] = []

    # --- token access -----------------------------------------------------------------

    def peek(self, k: int = 1) -> Token:
        need = self.i + k
        toks = self.toks
        while len(toks) < need:
            try:
                toks.append(self.tm.next_token())
            except TemplateSyntaxError as exc:
                raise self._relocate(exc) from None
        return toks[need - 1]

    def next(self) -> Token:
        tok = self.peek()
        self.i += 1
        return tok

    def accept(self, kind: Kind) -> Token | None:
        if self.peek().kind == kind:
            return self.next()
        return None

    def expect(self, kind: Kind, what: str | None = None) -> Token:
        tok = self.peek()
        if tok.kind != kind:
            wanted = what or _DESCRIBE.get(kind, kind.name.lower())
            raise self.error(f"expected {wanted}, found {_describe(tok)}", tok)
        return self.next()

    # --- errors and positions -------------------------------------------------------

    def pos(self, offset: int) -> int:
        offsets = self.offsets
        return offset if offsets is None else offsets(offset)

    def _relocate(self, exc: TemplateSyntaxError) -> TemplateSyntaxError:
        if self.outer is self.tm:
            return exc
        return self.error_at(exc.message, 0)

    def error_at(self, message: str, offset: int) -> TemplateSyntaxError:
        err = self.outer.error(message, self.pos(offset))
        if self.open_blocks and "still open" not in message:
            what, start = self.open_blocks[-1]
            line, col = self.outer.line_col(self.pos(start))
            err = TemplateSyntaxError(
                f"{message} (the {what} opened at {line}:{col} is still open)",
                name=err.name,
                line=err.line,
                column=err.column,
                source_line=err.source_line,
                opened_at=SourceLocation.point(err.name, line, col),
            )
        return err

    def error(self, message: str, tok: Token) -> TemplateSyntaxError:
        return self.error_at(message, tok.start)

    def _too_deep(self, tok: Token, what: str) -> LimitExceeded:
        line, col = self.outer.line_col(self.pos(tok.start))
        return LimitExceeded(
            f"the template is too deeply nested here: {what}",
            name=self.name,
            line=line,
            column=col,
            source_line=self.outer.source_line(line),
        )

    def _enter(self, tok: Token) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise self._too_deep(tok, f"blocks and expressions nest deeper than {MAX_NESTING}")
