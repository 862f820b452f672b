"""Tokens of VTL exactly as Velocity 1.7's JavaCC token manager produces them.

Velocity's whitespace rules (which newlines ``#set`` and ``#end`` swallow, what ``$`` alone
prints, how ``\\$x`` escapes) are not grammar rules: they fall out of its lexer, a state
machine with eleven lexical states, longest-match tokens, ``MORE`` prefixes and "special"
tokens that vanish from the stream but lend their ``#``/``$`` characters to the next token.
This module reproduces that machine state for state, so the parser above it sees the same
token stream as Velocity does. The parser may switch states, as Velocity's does, through
:meth:`TokenManager.switch_to` and :meth:`TokenManager.pop_state`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Final

from vtlgw.errors import TemplateSyntaxError
from vtlgw.location import LineIndex


class State(IntEnum):
    """Velocity 1.7's lexical states."""

    DEFAULT = 0
    REFERENCE = 1
    REFMODIFIER = 2
    REFMOD2 = 3
    REFINDEX = 4
    PRE_DIRECTIVE = 5
    DIRECTIVE = 6
    IN_SINGLE_LINE_COMMENT = 7
    IN_FORMAL_COMMENT = 8
    IN_MULTI_LINE_COMMENT = 9
    IN_TEXTBLOCK = 10


class Kind(IntEnum):
    """Token kinds (names follow Velocity's grammar)."""

    EOF = 0
    INDEX_LBRACKET = 1
    INDEX_RBRACKET = 2
    LBRACKET = 3
    RBRACKET = 4
    COMMA = 5
    DOUBLEDOT = 6
    COLON = 7
    LEFT_CURLEY = 8
    RIGHT_CURLEY = 9
    LPAREN = 10
    RPAREN = 11
    REFMOD2_RPAREN = 12
    ESCAPE_DIRECTIVE = 13
    SET_DIRECTIVE = 14
    DOLLAR = 15
    DOLLARBANG = 16
    TEXTBLOCK_START = 17
    FORMAL_COMMENT_START = 18
    MULTI_LINE_COMMENT_START = 19
    HASH = 20
    SINGLE_LINE_COMMENT_START = 21
    DOUBLE_ESCAPE = 22
    ESCAPE = 23
    TEXT = 24
    SINGLE_LINE_COMMENT = 25
    FORMAL_COMMENT = 26
    MULTI_LINE_COMMENT = 27
    TEXTBLOCK = 28
    COMMENT_SKIP = 29
    TEXTBLOCK_MORE = 30
    WHITESPACE = 31
    STRING_LITERAL = 32
    TRUE = 33
    FALSE = 34
    MINUS = 35
    PLUS = 36
    MULTIPLY = 37
    DIVIDE = 38
    MODULUS = 39
    LOGICAL_AND = 40
    LOGICAL_OR = 41
    LOGICAL_LT = 42
    LOGICAL_LE = 43
    LOGICAL_GT = 44
    LOGICAL_GE = 45
    LOGICAL_EQUALS = 46
    LOGICAL_NOT_EQUALS = 47
    LOGICAL_NOT = 48
    EQUALS = 49
    END = 50
    IF_DIRECTIVE = 51
    ELSEIF_DIRECTIVE = 52
    ELSE_DIRECTIVE = 53
    INTEGER_LITERAL = 54
    FLOATING_POINT_LITERAL = 55
    WORD = 56
    BRACKETED_WORD = 57
    IDENTIFIER = 58
    DOT = 59
    LCURLY = 60
    RCURLY = 61
    REFERENCE_TERMINATOR = 62
    DIRECTIVE_TERMINATOR = 63
    EMPTY_INDEX = 64


# How each kind is treated by the token manager.
_TOKEN, _MORE, _SPECIAL, _SKIP = range(4)

S = State
_ALL_STATES: Final = tuple(State)
_REF_STATES: Final = (S.REFERENCE, S.REFMODIFIER)
_NL: Final = r"(?:\r\n|\n|\r)"
_WORD: Final = r"[a-zA-Z_@][a-zA-Z0-9_@]*"
_BWORD: Final = r"\{[a-zA-Z_][a-zA-Z0-9_@]*\}"
_EXP: Final = r"[eE][+-]?[0-9]+"

# (kind, treatment, states, alternatives); the order is Velocity's grammar order, which breaks
# ties between equally long matches.
_SPEC: Final[tuple[tuple[Kind, int, tuple[State, ...], tuple[str, ...]], ...]] = (
    (Kind.INDEX_LBRACKET, _TOKEN, _REF_STATES, (r"\[",)),
    (Kind.INDEX_RBRACKET, _TOKEN, (S.REFINDEX,), (r"\]",)),
    (Kind.LBRACKET, _TOKEN, (S.DIRECTIVE, S.REFMOD2), (r"\[",)),
    (Kind.RBRACKET, _TOKEN, (S.DIRECTIVE, S.REFMOD2), (r"\]",)),
    (Kind.COMMA, _TOKEN, (S.DIRECTIVE, S.REFMOD2), (r",",)),
    (Kind.DOUBLEDOT, _TOKEN, (S.DIRECTIVE, S.REFMOD2), (r"\.\.",)),
    (Kind.COLON, _TOKEN, (S.DIRECTIVE, S.REFMOD2), (r":",)),
    (Kind.LEFT_CURLEY, _TOKEN, (S.DIRECTIVE, S.REFMOD2), (r"\{",)),
    (Kind.RIGHT_CURLEY, _TOKEN, (S.DIRECTIVE, S.REFMOD2), (r"\}",)),
    (Kind.LPAREN, _TOKEN, (S.DIRECTIVE, S.REFMODIFIER), (r"\(",)),
    (Kind.RPAREN, _TOKEN, (S.DIRECTIVE,), (r"\)(?:[ \t]*" + _NL + ")?",)),
    (Kind.REFMOD2_RPAREN, _TOKEN, (S.REFMOD2,), (r"\)",)),
    (
        Kind.ESCAPE_DIRECTIVE,
        _TOKEN,
        (S.DEFAULT,),
        (r"(?:\\\\)*\\#" + _WORD, r"(?:\\\\)*\\#" + _BWORD),
    ),
    (
        Kind.SET_DIRECTIVE,
        _TOKEN,
        (S.DEFAULT, S.REFERENCE, S.REFMODIFIER, S.REFMOD2),
        (r"[ \t]*(?:#set|#\{set\}) *\(",),
    ),
    (Kind.DOLLAR, _MORE, _ALL_STATES, (r"\\*\$",)),
    (Kind.DOLLARBANG, _MORE, _ALL_STATES, (r"\\*\$\\*[!#]",)),
    (Kind.TEXTBLOCK_START, _MORE, _ALL_STATES, (r"#\[\[",)),
    (Kind.FORMAL_COMMENT_START, _MORE, _ALL_STATES, (r"#\*\*[^#]",)),
    (Kind.MULTI_LINE_COMMENT_START, _MORE, _ALL_STATES, (r"#\*",)),
    (Kind.HASH, _MORE, _ALL_STATES, (r"#",)),
    (
        Kind.SINGLE_LINE_COMMENT_START,
        _TOKEN,
        (S.DEFAULT, S.PRE_DIRECTIVE, S.DIRECTIVE, S.REFERENCE),
        (r"##",),
    ),
    (Kind.DOUBLE_ESCAPE, _TOKEN, (S.DEFAULT,), (r"\\\\",)),
    (Kind.ESCAPE, _TOKEN, (S.DEFAULT,), (r"\\",)),
    (Kind.TEXT, _TOKEN, (S.DEFAULT,), (r"[^$#\\]+",)),
    (Kind.SINGLE_LINE_COMMENT, _TOKEN, (S.IN_SINGLE_LINE_COMMENT,), (_NL,)),
    (Kind.FORMAL_COMMENT, _TOKEN, (S.IN_FORMAL_COMMENT,), (r"\*#",)),
    (Kind.MULTI_LINE_COMMENT, _TOKEN, (S.IN_MULTI_LINE_COMMENT,), (r"\*#",)),
    (Kind.TEXTBLOCK, _TOKEN, (S.IN_TEXTBLOCK,), (r"\]\]#",)),
    (
        Kind.COMMENT_SKIP,
        _SKIP,
        (S.IN_SINGLE_LINE_COMMENT, S.IN_FORMAL_COMMENT, S.IN_MULTI_LINE_COMMENT),
        (r"[\s\S]",),
    ),
    (Kind.TEXTBLOCK_MORE, _MORE, (S.IN_TEXTBLOCK,), (r"[\s\S]",)),
    (Kind.WHITESPACE, _TOKEN, (S.DIRECTIVE, S.REFMOD2, S.REFINDEX), (r"[ \t\n\r]+",)),
    (
        Kind.STRING_LITERAL,
        _TOKEN,
        (S.DIRECTIVE, S.REFMOD2, S.REFINDEX),
        (
            r'"(?:[^"]|""|\\ *\n)*"',
            r"'(?:[^']|''|\\ *\n)*'",
        ),
    ),
    (
        Kind.TRUE,
        _TOKEN,
        (S.REFERENCE, S.DIRECTIVE, S.REFMODIFIER, S.REFMOD2, S.REFINDEX),
        (r"true",),
    ),
    (
        Kind.FALSE,
        _TOKEN,
        (S.REFERENCE, S.DIRECTIVE, S.REFMODIFIER, S.REFMOD2, S.REFINDEX),
        (r"false",),
    ),
    (Kind.MINUS, _TOKEN, (S.DIRECTIVE,), (r"-",)),
    (Kind.PLUS, _TOKEN, (S.DIRECTIVE,), (r"\+",)),
    (Kind.MULTIPLY, _TOKEN, (S.DIRECTIVE,), (r"\*",)),
    (Kind.DIVIDE, _TOKEN, (S.DIRECTIVE,), (r"/",)),
    (Kind.MODULUS, _TOKEN, (S.DIRECTIVE,), (r"%",)),
    (Kind.LOGICAL_AND, _TOKEN, (S.DIRECTIVE,), (r"&&", r"and")),
    (Kind.LOGICAL_OR, _TOKEN, (S.DIRECTIVE,), (r"\|\|", r"or")),
    (Kind.LOGICAL_LT, _TOKEN, (S.DIRECTIVE,), (r"<", r"lt")),
    (Kind.LOGICAL_LE, _TOKEN, (S.DIRECTIVE,), (r"<=", r"le")),
    (Kind.LOGICAL_GT, _TOKEN, (S.DIRECTIVE,), (r">", r"gt")),
    (Kind.LOGICAL_GE, _TOKEN, (S.DIRECTIVE,), (r">=", r"ge")),
    (Kind.LOGICAL_EQUALS, _TOKEN, (S.DIRECTIVE,), (r"==", r"eq")),
    (Kind.LOGICAL_NOT_EQUALS, _TOKEN, (S.DIRECTIVE,), (r"!=", r"ne")),
    (Kind.LOGICAL_NOT, _TOKEN, (S.DIRECTIVE,), (r"!", r"not")),
    (Kind.EQUALS, _TOKEN, (S.DIRECTIVE,), (r"=",)),
    (
        Kind.END,
        _TOKEN,
        (S.PRE_DIRECTIVE,),
        (r"(?:end|\{end\})(?:[ \t]*" + _NL + ")?",),
    ),
    (Kind.IF_DIRECTIVE, _TOKEN, (S.PRE_DIRECTIVE,), (r"if", r"\{if\}")),
    (Kind.ELSEIF_DIRECTIVE, _TOKEN, (S.PRE_DIRECTIVE,), (r"elseif", r"\{elseif\}")),
    (
        Kind.ELSE_DIRECTIVE,
        _TOKEN,
        (S.PRE_DIRECTIVE,),
        (r"(?:else|\{else\})(?:[ \t]*" + _NL + ")?",),
    ),
    (
        Kind.INTEGER_LITERAL,
        _TOKEN,
        (S.PRE_DIRECTIVE, S.DIRECTIVE, S.REFMOD2, S.REFINDEX),
        (r"-?[0-9]+(?:\.\.)?",),
    ),
    (
        Kind.FLOATING_POINT_LITERAL,
        _TOKEN,
        (S.PRE_DIRECTIVE, S.DIRECTIVE, S.REFMOD2, S.REFINDEX),
        (
            r"-?[0-9]+\.[0-9]*(?:" + _EXP + ")?",
            r"-?\.[0-9]+(?:" + _EXP + ")?",
            r"-?[0-9]+" + _EXP,
        ),
    ),
    (Kind.WORD, _TOKEN, (S.PRE_DIRECTIVE, S.DIRECTIVE), (_WORD,)),
    (Kind.BRACKETED_WORD, _TOKEN, (S.PRE_DIRECTIVE, S.DIRECTIVE), (_BWORD,)),
    (
        Kind.IDENTIFIER,
        _TOKEN,
        (S.REFERENCE, S.REFMODIFIER, S.REFMOD2),
        (r"[a-zA-Z_][a-zA-Z0-9_-]*",),
    ),
    (Kind.DOT, _TOKEN, (S.REFERENCE, S.REFMODIFIER, S.REFMOD2), (r"\.[a-zA-Z]",)),
    (Kind.LCURLY, _TOKEN, _REF_STATES, (r"\{",)),
    (Kind.RCURLY, _TOKEN, _REF_STATES, (r"\}",)),
    (Kind.REFERENCE_TERMINATOR, _SPECIAL, _REF_STATES, (r"[\s\S]",)),
    (Kind.DIRECTIVE_TERMINATOR, _SPECIAL, (S.PRE_DIRECTIVE,), (r"[\s\S]",)),
    (Kind.EMPTY_INDEX, _TOKEN, (S.DEFAULT, S.REFERENCE), (r"\$\[", r"\$!\[", r"\$\\!\[", r"\$\.")),
)

_LETTERS: Final = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS: Final = "0123456789"

# The characters each token can start with (None: any character). The lexer only tries the
# patterns that can start with the character at hand, which keeps lexing linear and cheap.
_FIRST: Final[dict[Kind, str | None]] = {
    Kind.INDEX_LBRACKET: "[",
    Kind.INDEX_RBRACKET: "]",
    Kind.LBRACKET: "[",
    Kind.RBRACKET: "]",
    Kind.COMMA: ",",
    Kind.DOUBLEDOT: ".",
    Kind.COLON: ":",
    Kind.LEFT_CURLEY: "{",
    Kind.RIGHT_CURLEY: "}",
    Kind.LPAREN: "(",
    Kind.RPAREN: ")",
    Kind.REFMOD2_RPAREN: ")",
    Kind.ESCAPE_DIRECTIVE: "\\",
    Kind.SET_DIRECTIVE: " \t#",
    Kind.DOLLAR: "\\$",
    Kind.DOLLARBANG: "\\$",
    Kind.TEXTBLOCK_START: "#",
    Kind.FORMAL_COMMENT_START: "#",
    Kind.MULTI_LINE_COMMENT_START: "#",
    Kind.HASH: "#",
    Kind.SINGLE_LINE_COMMENT_START: "#",
    Kind.DOUBLE_ESCAPE: "\\",
    Kind.ESCAPE: "\\",
    Kind.TEXT: None,
    Kind.SINGLE_LINE_COMMENT: "\r\n",
    Kind.FORMAL_COMMENT: "*",
    Kind.MULTI_LINE_COMMENT: "*",
    Kind.TEXTBLOCK: "]",
    Kind.COMMENT_SKIP: None,
    Kind.TEXTBLOCK_MORE: None,
    Kind.WHITESPACE: " \t\n\r",
    Kind.STRING_LITERAL: "\"'",
    Kind.TRUE: "t",
    Kind.FALSE: "f",
    Kind.MINUS: "-",
    Kind.PLUS: "+",
    Kind.MULTIPLY: "*",
    Kind.DIVIDE: "/",
    Kind.MODULUS: "%",
    Kind.LOGICAL_AND: "&a",
    Kind.LOGICAL_OR: "|o",
    Kind.LOGICAL_LT: "<l",
    Kind.LOGICAL_LE: "<l",
    Kind.LOGICAL_GT: ">g",
    Kind.LOGICAL_GE: ">g",
    Kind.LOGICAL_EQUALS: "=e",
    Kind.LOGICAL_NOT_EQUALS: "!n",
    Kind.LOGICAL_NOT: "!n",
    Kind.EQUALS: "=",
    Kind.END: "e{",
    Kind.IF_DIRECTIVE: "i{",
    Kind.ELSEIF_DIRECTIVE: "e{",
    Kind.ELSE_DIRECTIVE: "e{",
    Kind.INTEGER_LITERAL: "-" + _DIGITS,
    Kind.FLOATING_POINT_LITERAL: "-." + _DIGITS,
    Kind.WORD: _LETTERS + "_@",
    Kind.BRACKETED_WORD: "{",
    Kind.IDENTIFIER: _LETTERS + "_",
    Kind.DOT: ".",
    Kind.LCURLY: "{",
    Kind.RCURLY: "}",
    Kind.REFERENCE_TERMINATOR: None,
    Kind.DIRECTIVE_TERMINATOR: None,
    Kind.EMPTY_INDEX: "$",
}

_Candidate = tuple[Kind, int, tuple["re.Pattern[str]", ...]]


def _build_tables() -> tuple[tuple[_Candidate, ...], ...]:
    tables: list[list[_Candidate]] = [[] for _ in State]
    for kind, treatment, states, alternatives in _SPEC:
        compiled = tuple(re.compile(alt) for alt in alternatives)
        for state in states:
            tables[state].append((kind, treatment, compiled))
    return tuple(tuple(t) for t in tables)


_TABLES: Final = _build_tables()


def _candidates(state: State, char: str) -> tuple[_Candidate, ...]:
    """The patterns of ``state`` that can start with ``char``, in priority order."""
    return tuple(
        cand
        for cand in _TABLES[state]
        if _FIRST[cand[0]] is None or char in (_FIRST[cand[0]] or "")
    )


# Precomputed for ASCII; other characters can only start "any character" patterns.
_DISPATCH: Final = tuple(
    tuple(_candidates(state, chr(code)) for code in range(128)) for state in State
)
_OTHER: Final = tuple(_candidates(state, "\x80") for state in State)


@dataclass(slots=True)
class Token:
    """One token: its kind, its image (text, possibly adjusted as Velocity adjusts it), and
    where it starts and ends in the source (offsets), plus the special tokens before it."""

    kind: Kind
    image: str
    start: int
    end: int
    specials: list[Token] = field(default_factory=list)


@dataclass(slots=True)
class _Saved:
    state: State
    lparen: int
    rparen: int


class TokenManager:
    """Velocity 1.7's token manager over one source text.

    Tokens come one at a time from :meth:`next_token`; the parser pulls them lazily so that
    its own state switches land between the same two tokens as in Velocity.
    """

    def __init__(self, text: str, *, name: str = "<template>", line_offset: int = 0) -> None:
        self.text = text
        self.name = name
        self.pos = 0
        self.state = State.DEFAULT
        self.stack: list[_Saved] = []
        self.lparen = 0
        self.rparen = 0
        self.in_comment = False
        self.in_set = False
        self.in_directive = False
        self.in_reference = False
        self._pending_specials: list[Token] = []
        self.lines = LineIndex(text)

    # --- state stack, as Velocity's TOKEN_MGR_DECLS -------------------------------------

    def push_state(self) -> None:
        """Save the current state and paren counts (Velocity's ``stateStackPush``)."""
        self.stack.append(_Saved(self.state, self.lparen, self.rparen))
        self.lparen = 0

    def pop_state(self) -> bool:
        """Restore the saved state (Velocity's ``stateStackPop``); DEFAULT when empty."""
        if not self.stack:
            self.lparen = 0
            self.state = State.DEFAULT
            return False
        saved = self.stack.pop()
        self.lparen = saved.lparen
        self.rparen = saved.rparen
        self.state = saved.state
        return True

    def switch_to(self, state: State) -> None:
        """Switch state without touching the stack (Velocity's ``SwitchTo``)."""
        self.state = state

    def _rparen_handler(self) -> None:
        closed = self.in_comment
        while not closed:
            if self.lparen > 0:
                if self.lparen == self.rparen + 1:
                    self.pop_state()
                else:
                    self.rparen += 1
                closed = True
            elif not self.pop_state():
                break

    # --- positions ------------------------------------------------------------------

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a source offset."""
        return self.lines.line_col(offset)

    def source_line(self, line: int) -> str:
        """The text of a 1-based source line, without its line break."""
        return self.lines.line(line)

    def error(self, message: str, offset: int) -> TemplateSyntaxError:
        """A syntax error located at a source offset."""
        line, col = self.line_col(offset)
        return TemplateSyntaxError(
            message, name=self.name, line=line, column=col, source_line=self.source_line(line)
        )

    # --- the token loop -------------------------------------------------------------

    def next_token(self) -> Token:
        """The next token (``Kind.EOF`` at the end), as Velocity's ``getNextToken``."""
        text = self.text
        n = len(text)
        while True:  # EOFLoop: one iteration per token, skipped or special
            begin = self.pos
            if begin >= n:
                tok = Token(Kind.EOF, "", n, n, self._pending_specials)
                self._pending_specials = []
                return tok
            while True:  # MoreLoop: MORE matches extend the same token
                best_kind, best_len, best_treatment = self._longest_match(self.pos)
                if best_kind is None:
                    raise self.error(self._no_token_message(), self.pos)
                match_end = self.pos + best_len
                if best_treatment == _MORE:
                    self.pos = match_end
                    self._more_action(best_kind)
                    if self.pos >= n:
                        raise self.error(
                            f"the template ends inside {text[begin : self.pos]!r}: "
                            "a '$' or '#' at the very end must be escaped or removed",
                            begin,
                        )
                    continue
                image = text[begin:match_end]
                self.pos = match_end
                if best_treatment == _TOKEN:
                    tok = Token(best_kind, image, begin, match_end, self._pending_specials)
                    self._pending_specials = []
                    self._token_action(tok)
                    return tok
                if best_treatment == _SPECIAL:
                    special = Token(best_kind, image, begin, match_end)
                    self._pending_specials.append(special)
                    self._special_action(special)
                # SKIP: nothing is kept
                break

    def _no_token_message(self) -> str:
        """Say what was found where no token fits, and what could have come instead."""
        char = self.text[self.pos]
        state = self.state
        if char in "\"'" and state in (State.DIRECTIVE, State.REFMOD2, State.REFINDEX):
            return f"unterminated string: expected a closing {char} before the end of the template"
        if char == "." and state == State.DIRECTIVE:
            return "unexpected '.': expected a name (a property or method) after the '.'"
        expected = {
            State.DIRECTIVE: "expected a value, an operator or ')'",
            State.REFMOD2: "expected a method argument, ',' or ')'",
            State.REFINDEX: "expected an index value or ']'",
        }.get(state, "expected template text")
        return f"unexpected character {char!r}: {expected}"

    def _longest_match(self, pos: int) -> tuple[Kind | None, int, int]:
        best_kind: Kind | None = None
        best_len = 0
        best_treatment = _TOKEN
        text = self.text
        code = ord(text[pos])
        candidates = _DISPATCH[self.state][code] if code < 128 else _OTHER[self.state]
        for kind, treatment, patterns in candidates:
            for pattern in patterns:
                m = pattern.match(text, pos)
                if m is not None:
                    length = m.end() - pos
                    if length > best_len:
                        best_kind, best_len, best_treatment = kind, length, treatment
        return best_kind, best_len, best_treatment

    def _more_action(self, kind: Kind) -> None:
        if kind == Kind.TEXTBLOCK_MORE or self.in_comment:
            return
        if kind in (Kind.DOLLAR, Kind.DOLLARBANG):
            if self.state == State.REFERENCE:
                self.in_reference = False
                self.pop_state()
            self.in_reference = True
            self.push_state()
            self.state = State.REFERENCE
        elif kind == Kind.TEXTBLOCK_START:
            self.in_comment = True
            self.push_state()
            self.state = State.IN_TEXTBLOCK
        elif kind == Kind.FORMAL_COMMENT_START:
            self.pos -= 1
            self.in_comment = True
            self.push_state()
            self.state = State.IN_FORMAL_COMMENT
        elif kind == Kind.MULTI_LINE_COMMENT_START:
            self.in_comment = True
            self.push_state()
            self.state = State.IN_MULTI_LINE_COMMENT
        elif kind == Kind.HASH:
            if self.state in (State.REFERENCE, State.REFMODIFIER):
                self.in_reference = False
                self.pop_state()
            self.in_directive = True
            self.push_state()
            self.state = State.PRE_DIRECTIVE

    def _special_action(self, tok: Token) -> None:
        # Both terminators give their character back and drop one state.
        self.pos -= 1
        if tok.kind == Kind.REFERENCE_TERMINATOR:
            self.in_reference = False
        else:
            self.in_directive = False
        self.pop_state()

    def _token_action(self, tok: Token) -> None:
        kind = tok.kind
        state = self.state
        if kind == Kind.INDEX_LBRACKET:
            self.push_state()
            self.state = State.REFINDEX
        elif kind == Kind.INDEX_RBRACKET or kind == Kind.RCURLY:
            self.pop_state()
        elif kind == Kind.LPAREN:
            if not self.in_comment:
                self.lparen += 1
            if state == State.REFMODIFIER:
                self.state = State.REFMOD2
        elif kind == Kind.RPAREN:
            self._rparen_handler()
        elif kind == Kind.REFMOD2_RPAREN:
            self.state = State.REFERENCE
        elif kind == Kind.SET_DIRECTIVE:
            if not self.in_comment:
                self.in_directive = True
                self.push_state()
                self.in_set = True
                self.state = State.DIRECTIVE
                self.lparen += 1
        elif kind == Kind.SINGLE_LINE_COMMENT_START:
            if not self.in_comment:
                if state == State.REFERENCE:
                    self.in_reference = False
                    self.pop_state()
                self.in_comment = True
                self.push_state()
                self.state = State.IN_SINGLE_LINE_COMMENT
        elif kind in (
            Kind.SINGLE_LINE_COMMENT,
            Kind.FORMAL_COMMENT,
            Kind.MULTI_LINE_COMMENT,
            Kind.TEXTBLOCK,
        ):
            self.in_comment = False
            self.pop_state()
        elif kind == Kind.STRING_LITERAL:
            if state == State.DIRECTIVE and not self.in_set and self.lparen == 0:
                self.pop_state()
        elif kind in (Kind.END, Kind.ELSE_DIRECTIVE):
            self.in_directive = False
            self.pop_state()
        elif kind in (Kind.IF_DIRECTIVE, Kind.ELSEIF_DIRECTIVE):
            self.state = State.DIRECTIVE
        elif kind == Kind.INTEGER_LITERAL:
            if tok.image.endswith(".."):
                self.pos -= 2
                tok.end -= 2
                tok.image = tok.image[:-2]
            if (
                self.lparen == 0
                and not self.in_set
                and state not in (State.REFMOD2, State.REFINDEX)
            ):
                self.pop_state()
        elif kind == Kind.FLOATING_POINT_LITERAL:
            if self.lparen == 0 and not self.in_set and state != State.REFMOD2:
                self.pop_state()
        elif kind == Kind.DOT:
            self.pos -= 1
            tok.end -= 1
            tok.image = tok.image[:-1]
            self.state = State.REFMODIFIER


def token_literal(tok: Token) -> str:
    """What Velocity prints for a token used as text: the ``#``/``$`` characters of the
    special tokens before it, then its image (Velocity's ``NodeUtils.tokenLiteral``)."""
    if tok.kind == Kind.MULTI_LINE_COMMENT:
        return ""
    if not tok.specials or tok.specials[-1].image.startswith("##"):
        return tok.image
    return special_text(tok) + tok.image


def special_text(tok: Token) -> str:
    """The ``#``, ``$`` and backslash-before-``$`` characters of a token's special tokens."""
    parts: list[str] = []
    for special in tok.specials:
        image = special.image
        i = 0
        n = len(image)
        while i < n:
            ch = image[i]
            if ch in "#$":
                parts.append(ch)
            if ch == "\\":
                j = i
                term = False
                while j < n:
                    cc = image[j]
                    j += 1
                    if cc == "\\":
                        continue
                    if cc == "$":
                        term = True
                    break
                if term:
                    parts.append(image[i:j])
                    i = j + 1  # Velocity's loop also steps over the character after the '$'
                    continue
            i += 1
    return "".join(parts)
