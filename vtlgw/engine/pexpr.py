"""Parse references (``$a.b(c)[d]``), expressions and literals, production by production as
Velocity 1.7's grammar has them (``Reference``, ``Expression``, ``Parameter``, ``Map``,
``ObjectArray``, ``IntegerRange``, ``StringLiteral``), including Velocity's escape and prefix
bookkeeping for references and the interpolation of double-quoted strings.
"""

from __future__ import annotations

from vtlgw.engine import nodes as n
from vtlgw.engine.lexer import Kind, Token, token_literal
from vtlgw.engine.pbase import (
    _BINARY_LEVELS,
    _PARAMETER_START,
    _UNICODE_ESCAPE,
    MAX_CHAIN,
    ParserBase,
    _describe,
)
from vtlgw.errors import TemplateSyntaxError
from vtlgw.location import OffsetMap


class ExpressionParser(ParserBase):
    """References, expressions and literals."""

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
            if "$" not in image and "#" not in image:
                content = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), content)
                return n.StringLit(start, end, content.replace('""', '"'))
            content, where = _unescape_with_offsets(content)
        else:
            return n.StringLit(start, end, content.replace("''", "'"))
        has_comment = "##" in content
        source = content if has_comment else content + " "
        from vtlgw.engine.parser import Parser

        first = tok.start + 1
        outer_pos = self.pos
        offsets = OffsetMap([(i, first + at) for i, at in where])
        last = len(content)  # the space added after the content, and the end, are the quote

        def position(offset: int) -> int:
            return outer_pos(offsets(min(offset, last)))

        inner = Parser(source, name=self.name, offsets=position, outer=self.outer)
        inner.depth = self.depth
        parsed = inner.block_until_end(top=True)
        return n.StringLit(start, end, content, parsed, strip_last=not has_comment)


def _unescape_with_offsets(content: str) -> tuple[str, list[tuple[int, int]]]:
    """A double-quoted literal's text with ``\\uXXXX`` and then ``""`` unescaped, as Velocity
    does it (in that order), and the runs mapping each unescaped offset back into ``content``."""
    chars: list[str] = []
    origin: list[int] = []
    pos = 0
    for match in _UNICODE_ESCAPE.finditer(content):
        chars.extend(content[pos : match.start()])
        origin.extend(range(pos, match.start()))
        chars.append(chr(int(match.group(1), 16)))
        origin.append(match.start())
        pos = match.end()
    chars.extend(content[pos:])
    origin.extend(range(pos, len(content)))
    text: list[str] = []
    final: list[int] = []
    i = 0
    while i < len(chars):
        text.append(chars[i])
        final.append(origin[i])
        i += 2 if chars[i] == '"' and i + 1 < len(chars) and chars[i + 1] == '"' else 1
    runs: list[tuple[int, int]] = []
    for index, at in enumerate(final):
        if not runs or at - index != runs[-1][1] - runs[-1][0]:
            runs.append((index, at))
    runs.append((len(final), len(content)))
    return "".join(text), runs
