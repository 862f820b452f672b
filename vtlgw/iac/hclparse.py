"""A positioned reader of HCL native syntax (``.tf`` files), written for the Terraform reader.

It follows HashiCorp's own scanner and parser (``hclsyntax``) where a mapping template can see
the difference: quoted strings take the escapes ``\\n \\r \\t \\" \\\\ \\uNNNN \\UNNNNNNNN`` and
no line break; heredocs (``<<EOF``, ``<<-EOF``) end at the first line that, spaces trimmed,
holds only the marker and a line break; ``$${`` and ``%%{`` stand for ``${`` and ``%{``;
``${...}`` and ``%{...}`` may nest strings, braces and heredocs; ``#`` and ``//`` comments end
at the line break, which still ends the item; line breaks end attributes and separate object
items, but are spaces inside ``()``, ``[]`` and ``${}``. Everything else is kept only as far as
:mod:`vtlgw.iac.hclnodes` says. docs/decisions/0002-hcl.md says why this is written by hand.

Errors are :class:`~vtlgw.errors.InputError` at the host position, saying what was found and
what was expected. Nesting is bounded by :data:`MAX_NESTING`; the work is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from vtlgw.iac.hclnodes import (
    Attribute,
    Block,
    Body,
    Call,
    Expr,
    Item,
    Literal,
    ObjectCons,
    Other,
    Template,
    Traversal,
    TupleCons,
    literal_text,
)
from vtlgw.iac.hclscan import IDENT, MAX_NESTING, NUMBER, SPACES
from vtlgw.iac.hclstring import TemplateScanner

__all__ = ["MAX_NESTING", "parse_config", "parse_template"]

_DIGITS = re.compile(r"[0-9]+")
_OPERATOR = re.compile(r"==|!=|<=|>=|&&|\|\||[<>+\-*/%]")


def parse_config(text: str, *, name: str) -> Body:
    """The top-level body of the ``.tf`` file ``name`` holding ``text``."""
    return _Parser(text, name=name).body(None)


def parse_template(
    text: str,
    *,
    name: str,
    host_text: str | None = None,
    origin: Callable[[int], int] | None = None,
) -> Template:
    """``text`` read as a whole template (a ``templatefile()`` file, a ``.tf.json`` string).

    ``origin`` maps an offset of ``text`` to an offset of ``host_text`` (the file ``name``)
    when ``text`` is not the host text itself.
    """
    return _Parser(text, name=name, host_text=host_text, origin=origin).template()


class _Parser(TemplateScanner):
    """Bodies and expressions; templates come from :class:`TemplateScanner`."""

    # -- bodies ------------------------------------------------------------------------------

    def body(self, opened: int | None) -> Body:
        """Items up to the end of the file, or up to the ``}`` of the block opened at ``opened``."""
        items: list[Attribute | Block] = []
        seen: dict[str, int] = {}
        text = self.text
        while True:
            self._skip_lines()
            start = self.pos
            if start >= len(text):
                if opened is not None:
                    self.fail(
                        "this block is never closed: expected } before the end of the file", opened
                    )
                return Body(tuple(items))
            if text[start] == "}":
                if opened is None:
                    self.fail("unexpected }: no block is open here", start)
                self.pos += 1
                return Body(tuple(items))
            name = self._ident("an attribute name or a block type")
            self._skip()
            if text.startswith("=", self.pos) and not text.startswith(("==", "=>"), self.pos):
                if name in seen:
                    where = self._where(seen[name])
                    self.fail(f"{name} is already set in this block (at {where})", start)
                seen[name] = start
                self.pos += 1
                items.append(Attribute(name, self._expression(), self._at(start)))
                what = f"the value of {name}"
            else:
                items.append(self._block(name, start))
                what = f"the {name} block"
            self._skip()
            ended = self.pos >= len(text) or self._newline()
            if not ended and (opened is None or not text.startswith("}", self.pos)):
                found = self._found(self.pos)
                self.fail(f"expected a line break after {what}, found {found}", self.pos)

    def _block(self, type_: str, start: int) -> Block:
        labels: list[str] = []
        while True:
            self._skip()
            index = self.pos
            if self.text.startswith('"', index):
                label = literal_text(self._quoted())
                if label is None:
                    self.fail("a block label is a plain string: it cannot hold ${ or %{", index)
                labels.append(label)
            elif self.text.startswith("{", index):
                break
            else:
                match = IDENT.match(self.text, index)
                if match is None:
                    found = self._found(index)
                    expected = f"= (an attribute), a label or {{ (a block) after {type_}"
                    self.fail(f"expected {expected}, found {found}", index)
                labels.append(match.group())
                self.pos = match.end()
        opened = self.pos
        self.pos += 1
        self._enter()
        self._newlines.append(True)
        body = self.body(opened)
        self._newlines.pop()
        self._depth -= 1
        return Block(type_, tuple(labels), body, self._at(start), self._at(opened))

    # -- expressions -------------------------------------------------------------------------

    def _other(self, start: int) -> Other:
        return Other(self.text[start : self.pos], self._at(start), self._at(self.pos))

    def _expression(self) -> Expr:
        self._skip()
        start = self.pos
        self._enter()
        expr = self._operation()
        self._skip()
        if self.text.startswith("?", self.pos):
            self.pos += 1
            self._expression()
            self._expect(":", "in the conditional (condition ? a : b)")
            self._expression()
            expr = self._other(start)
        self._depth -= 1
        return expr

    def _operation(self) -> Expr:
        start = self.pos
        expr = self._unary()
        operated = False
        while True:
            self._skip()
            match = _OPERATOR.match(self.text, self.pos)
            if match is None:
                return self._other(start) if operated else expr
            self.pos = match.end()
            self._unary()
            operated = True

    def _unary(self) -> Expr:
        self._skip()
        start, text = self.pos, self.text
        if text.startswith("-", start) and (number := NUMBER.match(text, start + 1)):
            self.pos = number.end()
            return Literal("number", text[start : self.pos], self._at(start), self._at(self.pos))
        if text.startswith(("-", "!"), start):
            self.pos += 1
            self._enter()
            self._unary()
            self._depth -= 1
            return self._other(start)
        return self._postfix()

    def _postfix(self) -> Expr:
        start, text = self.pos, self.text
        expr = self._primary()
        steps: list[str] = []
        splat = False
        while True:
            self._skip()
            index = self.pos
            if text.startswith((".*", "[*]"), index):
                self.pos += 2 if text.startswith(".*", index) else 3
                splat = True
            elif text.startswith(".", index) and not text.startswith("...", index):
                self.pos += 1
                match = IDENT.match(text, self.pos) or _DIGITS.match(text, self.pos)
                if match is None:
                    self.fail(f"expected a name after ., found {self._found(self.pos)}", self.pos)
                steps.append(match.group())
                self.pos = match.end()
            elif text.startswith("[", index):
                self.pos += 1
                self._newlines.append(False)
                self._expression()
                self._expect("]", f"to close the [ at {self._where(index)}")
                self._newlines.pop()
                steps.append(text[index : self.pos])
            else:
                break
        if not steps and not splat:
            return expr
        if isinstance(expr, Traversal) and not splat:
            source = text[start : self.pos]
            return Traversal(
                expr.root, (*expr.steps, *steps), source, expr.start, self._at(self.pos)
            )
        return self._other(start)

    def _primary(self) -> Expr:
        self._skip()
        start, text = self.pos, self.text
        if start >= len(text):
            self.fail("expected an expression, found the end of the file", start)
        char = text[start]
        if char == '"':
            return self._quoted()
        if text.startswith("<<", start):
            return self._heredoc()
        if number := NUMBER.match(text, start):
            self.pos = number.end()
            return Literal("number", number.group(), self._at(start), self._at(self.pos))
        if char == "(":
            self.pos += 1
            self._newlines.append(False)
            inner = self._expression()
            self._expect(")", f"to close the ( at {self._where(start)}")
            self._newlines.pop()
            return inner
        if char == "[":
            return self._tuple()
        if char == "{":
            return self._object()
        match = IDENT.match(text, start)
        if match is None:
            self.fail(f"expected an expression, found {self._found(start)}", start)
        name = match.group()
        self.pos = match.end()
        if name in ("true", "false", "null"):
            at, end = self._at(start), self._at(self.pos)
            return (
                Literal("null", name, at, end) if name == "null" else Literal("bool", name, at, end)
            )
        while text.startswith("::", self.pos):
            self.pos += 2
            name += "::" + self._ident("a function name after ::")
        self._skip()
        if text.startswith("(", self.pos):
            return self._call(name, start)
        return Traversal(name, (), name, self._at(start), self._at(match.end()))

    def _call(self, name: str, start: int) -> Call:
        opened = self.pos
        self.pos += 1
        self._newlines.append(False)
        args: list[Expr] = []
        while True:
            self._skip()
            if self.pos >= len(self.text):
                self.fail(f"this {name}( is never closed: expected )", opened)
            if self.text.startswith(")", self.pos):
                break
            args.append(self._expression())
            self._skip()
            if self.text.startswith("...", self.pos):
                self.pos += 3
                self._skip()
            if self.text.startswith(",", self.pos):
                self.pos += 1
            elif not self.text.startswith(")", self.pos):
                found = self._found(self.pos)
                self.fail(f"expected , or ) in the arguments of {name}(, found {found}", self.pos)
        self.pos += 1
        self._newlines.pop()
        source = self.text[start : self.pos]
        return Call(name, tuple(args), source, self._at(start), self._at(self.pos))

    def _for(self, start: int, closing: str) -> Other:
        """The rest of a ``[for ...]`` or ``{for ...}`` expression, after ``for``."""
        self._ident("a variable name after for")
        self._skip()
        if self.text.startswith(",", self.pos):
            self.pos += 1
            self._ident("a second variable name after ,")
        self._skip()
        if not self._keyword("in"):
            self.fail(f"expected in after the for names, found {self._found(self.pos)}", self.pos)
        self._expression()
        self._expect(":", "after the collection of the for expression")
        self._expression()
        if closing == "}":
            self._expect("=>", "between the key and the value of the for expression")
            self._expression()
            self._skip()
            if self.text.startswith("...", self.pos):
                self.pos += 3
        self._skip()
        if self._keyword("if"):
            self._expression()
        self._expect(closing, f"to close the for expression at {self._where(start)}")
        return self._other(start)

    def _tuple(self) -> Expr:
        start = self.pos
        self.pos += 1
        self._newlines.append(False)
        self._skip()
        if self._keyword("for"):
            result: Expr = self._for(start, "]")
        else:
            items: list[Expr] = []
            while True:
                self._skip()
                if self.pos >= len(self.text):
                    self.fail("this [ is never closed: expected ]", start)
                if self.text.startswith("]", self.pos):
                    break
                items.append(self._expression())
                self._skip()
                if self.text.startswith(",", self.pos):
                    self.pos += 1
                elif not self.text.startswith("]", self.pos):
                    found = self._found(self.pos)
                    self.fail(
                        f"expected , or ] in the list at {self._where(start)}, found {found}",
                        self.pos,
                    )
            self.pos += 1
            result = TupleCons(tuple(items), self._at(start), self._at(self.pos))
        self._newlines.pop()
        return result

    def _object(self) -> Expr:
        start, text = self.pos, self.text
        self.pos += 1
        self._newlines.append(True)
        self._skip_lines()
        if self._keyword("for"):
            self._newlines[-1] = False
            result: Expr = self._for(start, "}")
        else:
            items: list[Item] = []
            while True:
                self._skip_lines()
                if self.pos >= len(text):
                    self.fail("this { is never closed: expected }", start)
                if text.startswith("}", self.pos):
                    self.pos += 1
                    break
                items.append(self._item())
                self._skip()
                if text.startswith(",", self.pos):
                    self.pos += 1
                elif not (self._newline() or text.startswith("}", self.pos)):
                    if self.pos >= len(text):
                        self.fail("this { is never closed: expected }", start)
                    found = self._found(self.pos)
                    self.fail(
                        f"expected a comma or a line break after the value, found {found}", self.pos
                    )
            result = ObjectCons(tuple(items), self._at(start), self._at(self.pos))
        self._newlines.pop()
        return result

    def _item(self) -> Item:
        text, start = self.text, self.pos
        name: str | None = None
        match = IDENT.match(text, start)
        after = SPACES.match(text, match.end()) if match else None
        if match and text.startswith(("=", ":"), after.end() if after else match.end()):
            name = match.group()
            self.pos = match.end()
            key: Expr = Traversal(name, (), name, self._at(start), self._at(self.pos))
        else:
            key = self._operation()
        self._skip()
        index = self.pos
        if text.startswith(("==", "=>", "::"), index) or not text.startswith(("=", ":"), index):
            self.fail(f"expected = or : after the key, found {self._found(index)}", index)
        self.pos += 1
        return Item(key, name, self._expression())
