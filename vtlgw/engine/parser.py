"""Turn template text into the node tree, following Velocity 1.7's grammar production by
production.

The parser pulls tokens lazily from :class:`~vtlgw.engine.lexer.TokenManager` and makes the
same lexer-state switches Velocity's parser makes (after a directive name, on ``#set``'s
closing parenthesis), at the same points in the token stream, so both see the same tokens.
Errors say what was found, what was expected, and which block is still open.
"""

from __future__ import annotations

from vtlgw.engine import nodes as n
from vtlgw.engine.lexer import Kind, State, token_literal
from vtlgw.engine.pbase import (
    _COMMENT_KINDS,
    _DIRECTIVE_ARG_START,
    _STATEMENT_START,
    BLOCK_DIRECTIVES,
    KNOWN_DIRECTIVES,
    LINE_DIRECTIVES,
    MAX_NESTING,
    ParsedTemplate,
    _describe,
)
from vtlgw.engine.pexpr import ExpressionParser

__all__ = [
    "BLOCK_DIRECTIVES",
    "KNOWN_DIRECTIVES",
    "LINE_DIRECTIVES",
    "MAX_NESTING",
    "ParsedTemplate",
    "Parser",
    "parse",
]


class Parser(ExpressionParser):
    """Recursive-descent parser over one template (or one interpolated string literal)."""

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
        test = self._condition("#if")
        body = self.block_until_end()
        elseifs: list[n.ElseIf] = []
        orelse: n.Block | None = None
        while self.peek().kind == Kind.ELSEIF_DIRECTIVE:
            branch_tok = self.next()
            cond = self._condition("#elseif")
            block = self.block_until_end()
            end_offset = max(block.end, self.pos(self.toks[self.i - 1].end))
            elseifs.append(n.ElseIf(self.pos(branch_tok.start), end_offset, cond, block))
        if self.peek().kind == Kind.ELSE_DIRECTIVE:
            self.next()
            orelse = self.block_until_end()
        end = self.expect(Kind.END, "'#end' closing #if")
        self.open_blocks.pop()
        self.depth -= 1
        return n.If(self.pos(tok.start), self.pos(end.end), test, body, elseifs, orelse)

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
        cls = n.DIRECTIVE_CLASSES.get(name, n.MacroCall)
        block = name in BLOCK_DIRECTIVES or name.startswith("@")
        self.tm.switch_to(State.DIRECTIVE)
        args: list[n.Expr] = []
        if not self._is_left_parenthesis():
            if is_macro:
                raise self.error("#macro needs parentheses with at least the macro's name", tok)
            self.tm.pop_state()
            self.tm.in_directive = False
            literal = tok.image
            return cls(self.pos(tok.start), self.pos(tok.end), name, args, None, literal, False)
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
            return cls(self.pos(tok.start), self.pos(close.end), name, args, None, literal, True)
        self.open_blocks.append((f"#{name}", tok.start))
        body = self.block_until_end()
        end = self.expect(Kind.END, f"'#end' closing #{name}")
        self.open_blocks.pop()
        self.depth -= 1
        literal = "".join(t.image for t in self.toks[first_index : self.i])
        node = cls(self.pos(tok.start), self.pos(end.end), name, args, body, literal, True)
        if isinstance(node, n.Macro):
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


def parse(text: str, *, name: str = "<template>") -> ParsedTemplate:
    """Parse template text into a :class:`ParsedTemplate` (raises TemplateSyntaxError)."""
    return Parser(text, name=name).parse()
