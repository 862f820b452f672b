"""Turn template text into the node tree, following Velocity 1.7's grammar production by
production.

The parser pulls tokens lazily from :class:`~vtlgw.engine.lexer.TokenManager` and makes the
same lexer-state switches Velocity's parser makes (after a directive name, on ``#set``'s
closing parenthesis), at the same points in the token stream, so both see the same tokens.
Errors say what was found, what was expected, and which block is still open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from vtlgw.engine import nodes as n
from vtlgw.engine.lexer import Kind, State, Token, TokenManager, token_literal
from vtlgw.errors import LimitExceeded, TemplateSyntaxError
from vtlgw.location import LineIndex

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
    macros: tuple[n.Directive, ...]
    lines: LineIndex

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in :attr:`source`."""
        return self.lines.line_col(offset)


def _describe(tok: Token) -> str:
    if tok.kind in (Kind.EOF,):
        return _DESCRIBE[Kind.EOF]
    image = token_literal(tok).strip() or tok.image
    if len(image) > 30:
        image = image[:27] + "..."
    return repr(image)


class Parser:
    """Recursive-descent parser over one template (or one interpolated string literal)."""

    def __init__(
        self,
        text: str,
        *,
        name: str = "<template>",
        base: int = 0,
        outer: TokenManager | None = None,
    ) -> None:
        self.tm = TokenManager(text, name=name)
        self.name = name
        self.base = base  # offset of ``text`` inside the outer template (string literals)
        self.outer = outer or self.tm
        self.toks: list[Token] = []
        self.i = 0
        self.macro_names: set[str] = set()
        self.macros: list[n.Directive] = []
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
        return self.base + offset

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

    # --- template and statements ----------------------------------------------------

    def parse(self) -> ParsedTemplate:
        """Parse the whole text."""
        try:
            root = self.block_until_end(top=True)
        except RecursionError:
            tok = self.toks[self.i - 1] if self.i else self.peek()
            raise self._too_deep(tok, "Python's recursion limit was reached") from None
        return ParsedTemplate(self.name, self.tm.text, root, tuple(self.macros), self.tm.lines)

    def block_until_end(self, *, top: bool = False) -> n.Block:
        start = self.peek().start
        body: list[n.Node] = []
        while self.peek().kind in _STATEMENT_START:
            node = self.statement()
            if node is not None:
                body.append(node)
        if top and self.peek().kind != Kind.EOF:
            tok = self.peek()
            if tok.kind in (Kind.END, Kind.ELSE_DIRECTIVE, Kind.ELSEIF_DIRECTIVE):
                raise self.error(
                    f"{_describe(tok)} has no matching #if, #foreach or other block", tok
                )
            raise self.error(f"unexpected {_describe(tok)}", tok)
        end = self.toks[self.i - 1].end if self.i else start
        return n.Block(self.pos(start), self.pos(max(end, start)), body)

    def statement(self) -> n.Node | None:
        tok = self.peek()
        kind = tok.kind
        if kind == Kind.IF_DIRECTIVE:
            return self.if_statement()
        if kind == Kind.IDENTIFIER or (
            kind == Kind.LCURLY and self.peek(2).kind == Kind.IDENTIFIER
        ):
            if kind == Kind.IDENTIFIER:
                self.peek(2)  # Velocity's LOOKAHEAD(2) fetches one token more
            return self.reference()
        if kind in _COMMENT_KINDS:
            return self.comment()
        if kind == Kind.TEXTBLOCK:
            self.next()
            image = tok.image
            return n.Text(self.pos(tok.start), self.pos(tok.end), image[3:-3])
        if kind == Kind.SET_DIRECTIVE:
            return self.set_directive()
        if kind == Kind.ESCAPE_DIRECTIVE:
            self.next()
            return n.Text(
                self.pos(tok.start), self.pos(tok.end), self._escaped_directive(tok.image)
            )
        if kind == Kind.DOUBLE_ESCAPE:
            return self.escape()
        if kind in (Kind.WORD, Kind.BRACKETED_WORD):
            return self.directive()
        self.next()
        return n.Text(self.pos(tok.start), self.pos(tok.end), token_literal(tok))

    def comment(self) -> n.Comment:
        tok = self.next()
        end = tok.end
        if tok.kind == Kind.SINGLE_LINE_COMMENT_START:
            nl = self.accept(Kind.SINGLE_LINE_COMMENT)
            if nl is not None:
                end = nl.end
        image = tok.image
        loc1 = image.find("##")
        loc2 = image.find("#*")
        if loc1 == -1 and loc2 == -1:
            printed = ""
        else:
            cut = loc2 if loc1 == -1 or (loc2 != -1 and loc2 < loc1) else loc1
            printed = image[:cut]
        body = self.tm.text[tok.start : end]
        return n.Comment(self.pos(tok.start), self.pos(end), printed, body)

    def _escaped_directive(self, image: str) -> str:
        last = image.rfind("\\")
        directive = image[last + 1 :]
        tag = directive[1:]
        if tag.startswith("{"):
            tag = tag[1:-1]
        if (
            tag in KNOWN_DIRECTIVES
            or tag in self.macro_names
            or tag in ("if", "end", "set", "else", "elseif")
        ):
            return image[: last // 2] + directive
        return image

    def escape(self) -> n.Text:
        first = self.peek()
        count = 0
        while self.peek().kind == Kind.DOUBLE_ESCAPE:
            self.next()
            count += 1
        following = self.peek()
        control = following.kind in (
            Kind.IF_DIRECTIVE,
            Kind.ELSE_DIRECTIVE,
            Kind.ELSEIF_DIRECTIVE,
            Kind.END,
        )
        tag = following.image[1:]
        if tag in KNOWN_DIRECTIVES or tag in self.macro_names:
            control = True
        text = ("\\" if control else "\\\\") * count
        return n.Text(self.pos(first.start), self.pos(self.toks[self.i - 1].end), text)

    # --- #set, #if ---------------------------------------------------------------------

    def set_directive(self) -> n.Set:
        tok = self.next()
        self.accept(Kind.WHITESPACE)
        if self.peek().kind not in (Kind.IDENTIFIER, Kind.LCURLY):
            raise self.error(
                f"#set needs a reference to assign to, found {_describe(self.peek())}",
                self.peek(),
            )
        target = self.reference()
        self.accept(Kind.WHITESPACE)
        self.expect(Kind.EQUALS, "'=' after the reference in #set")
        value = self.expression()
        close = self.expect(Kind.RPAREN, "')' closing #set")
        self.tm.in_set = False
        return n.Set(self.pos(tok.start), self.pos(close.end), target, value)

    def if_statement(self) -> n.If:
        tok = self.next()
        self._enter(tok)
        self.open_blocks.append(("#if", tok.start))
        branches: list[tuple[n.Expr, n.Block]] = []
        cond = self._condition("#if")
        branches.append((cond, self.block_until_end()))
        orelse: n.Block | None = None
        while self.peek().kind == Kind.ELSEIF_DIRECTIVE:
            self.next()
            cond = self._condition("#elseif")
            branches.append((cond, self.block_until_end()))
        if self.peek().kind == Kind.ELSE_DIRECTIVE:
            self.next()
            orelse = self.block_until_end()
        end = self.expect(Kind.END, "'#end' closing #if")
        self.open_blocks.pop()
        self.depth -= 1
        return n.If(self.pos(tok.start), self.pos(end.end), branches, orelse)

    def _condition(self, what: str) -> n.Expr:
        self.accept(Kind.WHITESPACE)
        self.expect(Kind.LPAREN, f"'(' after {what}")
        cond = self.expression()
        self.expect(Kind.RPAREN, f"')' closing the {what} condition")
        return cond

    # --- other directives -------------------------------------------------------------

    def _is_left_parenthesis(self) -> bool:
        text = self.tm.text
        i = self.tm.pos
        while i < len(text):
            ch = text[i]
            if ch == "(":
                return True
            if ch not in " \n\r\t":
                return False
            i += 1
        return False

    def directive(self) -> n.Directive:
        tok = self.next()
        first_index = self.i - 1
        name = tok.image[2:-1] if tok.kind == Kind.BRACKETED_WORD else tok.image[1:]
        is_macro = name == "macro"
        known = name in KNOWN_DIRECTIVES
        block = name in BLOCK_DIRECTIVES or name.startswith("@")
        self.tm.switch_to(State.DIRECTIVE)
        args: list[n.Expr] = []
        if not self._is_left_parenthesis():
            if is_macro:
                raise self.error("#macro needs parentheses with at least the macro's name", tok)
            self.tm.pop_state()
            self.tm.in_directive = False
            literal = tok.image
            return n.Directive(
                self.pos(tok.start), self.pos(tok.end), name, args, None, literal, known, False
            )
        self._enter(tok)
        self.accept(Kind.WHITESPACE)
        self.expect(Kind.LPAREN, f"'(' after #{name}")
        position = 0
        while self._directive_arg_follows():
            self.accept(Kind.WHITESPACE)
            if self.accept(Kind.COMMA):
                self.accept(Kind.WHITESPACE)
            arg_tok = self.peek()
            arg = self.directive_arg()
            if isinstance(arg, n.Word):
                if (
                    not (is_macro and position == 0)
                    and known
                    and not (name == "foreach" and position == 1)
                ):
                    raise self.error(
                        f"argument {position + 1} of #{name} cannot be the bare word {arg.value!r}",
                        arg_tok,
                    )
            elif is_macro and position == 0:
                raise self.error(
                    "the first argument of #macro must be the macro's name, without quotes or '$'",
                    arg_tok,
                )
            args.append(arg)
            position += 1
        self.accept(Kind.WHITESPACE)
        close = self.expect(Kind.RPAREN, f"')' closing the arguments of #{name}")
        if not block:
            self.depth -= 1
            literal = "".join(t.image for t in self.toks[first_index : self.i])
            return n.Directive(
                self.pos(tok.start), self.pos(close.end), name, args, None, literal, known, True
            )
        self.open_blocks.append((f"#{name}", tok.start))
        body = self.block_until_end()
        end = self.expect(Kind.END, f"'#end' closing #{name}")
        self.open_blocks.pop()
        self.depth -= 1
        literal = "".join(t.image for t in self.toks[first_index : self.i])
        node = n.Directive(
            self.pos(tok.start), self.pos(end.end), name, args, body, literal, known, True
        )
        if is_macro:
            if not args or not isinstance(args[0], n.Word):
                raise self.error("#macro needs the macro's name as its first argument", tok)
            self.macro_names.add(args[0].value)
            self.macros.append(node)
        return node

    def _directive_arg_follows(self) -> bool:
        k = 1
        if self.peek(k).kind == Kind.WHITESPACE:
            k += 1
        if self.peek(k).kind == Kind.COMMA:
            k += 1
            if self.peek(k).kind == Kind.WHITESPACE:
                k += 1
        # Velocity's LOOKAHEAD(2) only looks two tokens ahead; a longer prefix is accepted on
        # the strength of its first two tokens.
        return k > 2 or self.peek(k).kind in _DIRECTIVE_ARG_START

    def directive_arg(self) -> n.Expr:
        tok = self.peek()
        kind = tok.kind
        if kind in (Kind.IDENTIFIER, Kind.LCURLY):
            return self.reference()
        if kind == Kind.WORD:
            self.next()
            return n.Word(self.pos(tok.start), self.pos(tok.end), tok.image)
        if kind == Kind.LBRACKET and self._range_follows():
            return self.integer_range()
        return self.literal_value(tok, "a directive argument")

    # --- references ---------------------------------------------------------------------

    def reference(self) -> n.Reference:
        first = self.next()
        first_index = self.i - 1
        formal = first.kind == Kind.LCURLY
        ident = self.expect(Kind.IDENTIFIER) if formal else first
        parts: list[n.Prop | n.Call | n.Index] = []
        self._indexes(parts)
        while self.peek().kind == Kind.DOT and self.peek(2).kind == Kind.IDENTIFIER:
            self.next()
            name_tok = self.next()
            if self.peek().kind == Kind.LPAREN and self.peek(2).kind in (
                _PARAMETER_START | {Kind.REFMOD2_RPAREN}
            ):
                self.next()
                args: list[n.Expr] = []
                if self.peek().kind in _PARAMETER_START:
                    args.append(self.parameter())
                    while self.accept(Kind.COMMA):
                        args.append(self.parameter())
                close = self.expect(
                    Kind.REFMOD2_RPAREN, f"')' closing the call of {name_tok.image}"
                )
                parts.append(
                    n.Call(self.pos(name_tok.start), self.pos(close.end), name_tok.image, args)
                )
            else:
                parts.append(
                    n.Prop(self.pos(name_tok.start), self.pos(name_tok.end), name_tok.image)
                )
            self._indexes(parts)
        if formal:
            self.expect(Kind.RCURLY, "'}' closing the ${...} reference")
        last = self.toks[self.i - 1]
        return self._make_reference(first, ident, formal, parts, first_index, last)

    def _indexes(self, parts: list[n.Prop | n.Call | n.Index]) -> None:
        while self.peek().kind == Kind.INDEX_LBRACKET:
            open_tok = self.next()
            self.accept(Kind.WHITESPACE)
            tok = self.peek()
            if tok.kind in (Kind.IDENTIFIER, Kind.LCURLY):
                index: n.Expr = self.reference()
            elif tok.kind in (
                Kind.STRING_LITERAL,
                Kind.INTEGER_LITERAL,
                Kind.TRUE,
                Kind.FALSE,
            ):
                index = self.literal_value(tok, "an index")
            else:
                raise self.error(
                    "expected an index (a number, a string or a reference), "
                    f"found {_describe(tok)}",
                    tok,
                )
            self.accept(Kind.WHITESPACE)
            close = self.expect(Kind.INDEX_RBRACKET, "']' closing the index")
            parts.append(n.Index(self.pos(open_tok.start), self.pos(close.end), index))

    def _make_reference(
        self,
        first: Token,
        ident: Token,
        formal: bool,
        parts: list[n.Prop | n.Call | n.Index],
        first_index: int,
        last: Token,
    ) -> n.Reference:
        image = first.image
        start, end = self.pos(first.start), self.pos(last.end)
        rest = "".join(token_literal(t) for t in self.toks[first_index + 1 : self.i])
        slashbang = image.find("\\!")
        if slashbang != -1:
            i = image.find("$")
            while i < len(image) and image[i] != "\\":
                i += 1
            begin = i
            count = 0
            while i < len(image) and image[i] == "\\":
                count += 1
                i += 1
            text = image[:begin] + image[begin : begin + count - 1] + image[begin + count :]
            return n.Reference(start, end, text, parts, text + rest, computable=False)
        escaped = False
        esc_prefix = ""
        if image.startswith("\\"):
            i = len(image) - len(image.lstrip("\\"))
            escaped = i % 2 == 1
            esc_prefix = "\\" * (i // 2)
            image = image[i:]
        more_prefix = ""
        loc = image.rfind("$")
        if loc > 0:
            more_prefix = image[:loc]
            image = image[loc:]
        specials = token_literal(Token(first.kind, image, 0, 0, first.specials))
        literal = specials + rest
        if image.startswith("$!"):
            root = ident.image if image.startswith("$!{") else image[2:]
            return n.Reference(
                start,
                end,
                root,
                parts,
                literal if escaped else "",
                quiet=True,
                formal=formal,
                escaped=escaped,
                esc_prefix=esc_prefix,
                more_prefix=more_prefix,
            )
        if image == "${":
            root = ident.image
        elif image.startswith("$"):
            root = image[1:]
        else:
            return n.Reference(start, end, image, parts, image, runt=True)
        return n.Reference(
            start,
            end,
            root,
            parts,
            literal,
            formal=formal,
            escaped=escaped,
            esc_prefix=esc_prefix,
            more_prefix=more_prefix,
        )

    # --- expressions --------------------------------------------------------------------

    def expression(self, level: int = 0) -> n.Expr:
        if level == len(_BINARY_LEVELS):
            return self.unary()
        ops = _BINARY_LEVELS[level]
        left = self.expression(level + 1)
        chain = 0
        while self.peek().kind in ops:
            op_tok = self.next()
            chain += 1
            if chain > MAX_CHAIN:
                raise self._too_deep(op_tok, f"more than {MAX_CHAIN} operators in a row")
            right = self.expression(level + 1)
            left = n.Binary(left.start, right.end, ops[op_tok.kind], left, right)
        return left

    def unary(self) -> n.Expr:
        tok = self.peek()
        if tok.kind == Kind.LOGICAL_NOT or (
            tok.kind == Kind.WHITESPACE and self.peek(2).kind == Kind.LOGICAL_NOT
        ):
            self._enter(tok)
            self.accept(Kind.WHITESPACE)
            self.next()
            operand = self.unary()
            self.depth -= 1
            return n.Not(self.pos(tok.start), operand.end, operand)
        return self.primary()

    def primary(self) -> n.Expr:
        self.accept(Kind.WHITESPACE)
        tok = self.peek()
        kind = tok.kind
        if kind in (Kind.IDENTIFIER, Kind.LCURLY):
            result: n.Expr = self.reference()
        elif kind == Kind.LPAREN:
            self._enter(tok)
            self.next()
            result = self.expression()
            self.expect(Kind.RPAREN, "')' closing the parenthesis")
            self.depth -= 1
        elif kind == Kind.LBRACKET and self._range_follows():
            result = self.integer_range()
        else:
            result = self.literal_value(tok, "a value")
        self.accept(Kind.WHITESPACE)
        return result

    def parameter(self) -> n.Expr:
        self.accept(Kind.WHITESPACE)
        tok = self.peek()
        if tok.kind in (Kind.IDENTIFIER, Kind.LCURLY):
            result: n.Expr = self.reference()
        elif tok.kind == Kind.LBRACKET and self._range_follows():
            result = self.integer_range()
        else:
            result = self.literal_value(tok, "an argument")
        self.accept(Kind.WHITESPACE)
        return result

    def literal_value(self, tok: Token, what: str) -> n.Expr:
        kind = tok.kind
        start = self.pos(tok.start)
        if kind == Kind.STRING_LITERAL:
            self.next()
            return self.string_literal(tok)
        if kind == Kind.INTEGER_LITERAL:
            self.next()
            return n.IntLit(start, self.pos(tok.end), int(tok.image))
        if kind == Kind.FLOATING_POINT_LITERAL:
            self.next()
            return n.FloatLit(start, self.pos(tok.end), float(tok.image))
        if kind in (Kind.TRUE, Kind.FALSE):
            self.next()
            return n.BoolLit(start, self.pos(tok.end), kind == Kind.TRUE)
        if kind == Kind.LBRACKET:
            return self.list_literal()
        if kind == Kind.LEFT_CURLEY:
            return self.map_literal()
        raise self.error(f"expected {what}, found {_describe(tok)}", tok)

    def _range_follows(self) -> bool:
        saved = self.i
        try:
            self.next()
            self.accept(Kind.WHITESPACE)
            tok = self.peek()
            if tok.kind in (Kind.IDENTIFIER, Kind.LCURLY):
                self.reference()
            elif tok.kind == Kind.INTEGER_LITERAL:
                self.next()
            else:
                return False
            self.accept(Kind.WHITESPACE)
            return self.peek().kind == Kind.DOUBLEDOT
        except TemplateSyntaxError:
            return False
        finally:
            self.i = saved

    def _range_bound(self) -> n.Expr:
        tok = self.peek()
        if tok.kind in (Kind.IDENTIFIER, Kind.LCURLY):
            return self.reference()
        tok = self.expect(Kind.INTEGER_LITERAL, "an integer or a reference in the range")
        return n.IntLit(self.pos(tok.start), self.pos(tok.end), int(tok.image))

    def integer_range(self) -> n.RangeLit:
        open_tok = self.next()
        self.accept(Kind.WHITESPACE)
        low = self._range_bound()
        self.accept(Kind.WHITESPACE)
        self.expect(Kind.DOUBLEDOT)
        self.accept(Kind.WHITESPACE)
        high = self._range_bound()
        self.accept(Kind.WHITESPACE)
        close = self.expect(Kind.RBRACKET, "']' closing the range")
        return n.RangeLit(self.pos(open_tok.start), self.pos(close.end), low, high)

    def list_literal(self) -> n.ListLit:
        open_tok = self.next()
        self._enter(open_tok)
        items: list[n.Expr] = []
        if self.peek().kind in _PARAMETER_START:
            items.append(self.parameter())
            while self.accept(Kind.COMMA):
                items.append(self.parameter())
        close = self.expect(Kind.RBRACKET, "']' closing the list")
        self.depth -= 1
        return n.ListLit(self.pos(open_tok.start), self.pos(close.end), items)

    def map_literal(self) -> n.MapLit:
        open_tok = self.next()
        self._enter(open_tok)
        pairs: list[tuple[n.Expr, n.Expr]] = []
        k = 2 if self.peek().kind == Kind.WHITESPACE else 1
        if self.peek(k).kind in (_PARAMETER_START - {Kind.WHITESPACE}):
            while True:
                key = self.parameter()
                self.expect(Kind.COLON, "':' between a map key and its value")
                value = self.parameter()
                pairs.append((key, value))
                if not self.accept(Kind.COMMA):
                    break
        else:
            self.accept(Kind.WHITESPACE)
        tok = self.peek()
        if tok.kind not in (Kind.RIGHT_CURLEY, Kind.RCURLY):
            raise self.error(f"expected '}}' closing the map, found {_describe(tok)}", tok)
        self.next()
        self.depth -= 1
        return n.MapLit(self.pos(open_tok.start), self.pos(tok.end), pairs)

    def string_literal(self, tok: Token) -> n.StringLit:
        image = tok.image
        quote = image[0]
        content = image[1:-1]
        start, end = self.pos(tok.start), self.pos(tok.end)
        if quote == '"':
            if content.count("\\u") != len(_UNICODE_ESCAPE.findall(content)):
                raise self.error("a \\u escape in a string needs four hex digits", tok)
            content = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), content)
            content = content.replace('""', '"')
        else:
            content = content.replace("''", "'")
        if quote != '"' or ("$" not in image and "#" not in image):
            return n.StringLit(start, end, content)
        has_comment = "##" in content
        source = content if has_comment else content + " "
        inner = Parser(source, name=self.name, base=self.pos(tok.start + 1), outer=self.outer)
        inner.depth = self.depth
        parsed = inner.block_until_end(top=True)
        return n.StringLit(start, end, content, parsed, strip_last=not has_comment)


def parse(text: str, *, name: str = "<template>") -> ParsedTemplate:
    """Parse template text into a :class:`ParsedTemplate` (raises TemplateSyntaxError)."""
    return Parser(text, name=name).parse()
