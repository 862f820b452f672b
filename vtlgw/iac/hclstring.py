"""HCL templates with positions: quoted strings, heredocs and whole template files.

A template is read into :class:`~vtlgw.iac.hclnodes.Text` runs, whose every character keeps
its host offset, and :class:`~vtlgw.iac.hclnodes.Sequence` items, as HCL's scanner reads them
(``hclsyntax/scan_tokens.rl`` and ``scan_string_lit.rl``):

* a quoted string takes the escapes ``\\n \\r \\t \\" \\\\ \\uNNNN \\UNNNNNNNN`` and
  no line break; any other backslash is an error, as in Terraform;
* a heredoc (``<<EOF`` or ``<<-EOF``, a line break right after the marker) ends at the first
  line that holds only the marker once spaces are trimmed from both ends, and that line must
  end with a line break; its text takes no backslash escapes;
* in both, and in a whole template file, ``$${`` and ``%%{`` stand for ``${`` and ``%{``, and
  ``${...}`` / ``%{...}`` hold an expression (which may nest strings, braces and heredocs).

Literal text of a heredoc or template file is split after each line break, as HCL's scanner
makes one token per line: strip markers and the ``<<-`` rule work on those pieces.
"""

from __future__ import annotations

import re
from types import MappingProxyType

import regex

from vtlgw.iac.hclnodes import SPACE, Expr, Sequence, SequenceKind, Template, Text
from vtlgw.iac.hclscan import IDENT, Scanner

_HEREDOC = regex.compile(r"<<(-?)([\p{ID_Start}_][\p{ID_Continue}\-]*)\r?\n")
_PLAIN_QUOTED = re.compile(r'[^"\\$%\r\n]+')
_PLAIN_TEMPLATE = re.compile(r"[^$%\n]+")
_HEX = re.compile(r"[0-9a-fA-F]*")
_ESCAPES = MappingProxyType({"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"})
_KEYWORDS: tuple[SequenceKind, ...] = ("if", "else", "endif", "for", "endfor")


class TemplateScanner(Scanner):
    """Reads templates; the expressions inside ``${...}`` are the subclass's to read."""

    def _expression(self) -> Expr:
        raise NotImplementedError

    def _quoted(self) -> Template:
        opened = self.pos
        index, text = opened + 1, self.text
        parts: list[Text | Sequence] = []
        chars: list[str] = []
        where: list[int] = []
        while True:
            if index >= len(text):
                self.fail('this string is never closed: expected "', opened)
            char = text[index]
            if char == '"':
                break
            if char in "\r\n":
                self.fail(
                    "this string is not closed on its line: a quoted string cannot hold a line "
                    'break (Terraform: "Invalid multi-line string"); write \\n, or use a heredoc',
                    opened,
                )
            if char == "\\":
                index = self._escape(index, chars, where)
            elif char in "$%":
                index = self._special(index, chars, where, parts)
            else:
                plain = _PLAIN_QUOTED.match(text, index).end()  # type: ignore[union-attr]
                chars.append(text[index:plain])
                where.extend(self._span(index, plain))
                index = plain
        _flush(chars, where, parts)
        self.pos = index + 1
        return Template(tuple(parts), self._at(opened + 1), self._at(index), self._at(opened))

    def _escape(self, index: int, chars: list[str], where: list[int]) -> int:
        text = self.text
        selector = text[index + 1 : index + 2]
        if selector and selector in _ESCAPES:
            chars.append(_ESCAPES[selector])
            where.append(self._at(index))
            return index + 2
        if selector in ("u", "U"):
            width = 4 if selector == "u" else 8
            digits = _HEX.match(text, index + 2, index + 2 + width).group()  # type: ignore[union-attr]
            if len(digits) != width:
                written = text[index : index + 2 + len(digits)]
                self.fail(
                    f"expected {width} hexadecimal digits after \\{selector}, found {written!r}",
                    index,
                )
            code = int(digits, 16)
            if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                self.fail(
                    f"\\{selector}{digits} is not a character Terraform can write as UTF-8", index
                )
            chars.append(chr(code))
            where.append(self._at(index))
            return index + 2 + width
        written = (
            "\\" + selector if selector not in ("", "\r", "\n") else "\\ at the end of the line"
        )
        self.fail(
            f'{written} is not an escape Terraform knows; expected \\n, \\r, \\t, \\", \\\\, '
            "\\uNNNN or \\UNNNNNNNN (\\\\ for a backslash)",
            index,
        )

    def _special(
        self, index: int, chars: list[str], where: list[int], parts: list[Text | Sequence]
    ) -> int:
        """``$`` or ``%`` at ``index``: an escaped ``$${``, a sequence, or a plain character."""
        text, char = self.text, self.text[index]
        if text.startswith(char + char + "{", index):
            chars.append(char + "{")
            where.extend((self._at(index), self._at(index + 2)))
            return index + 3
        if text.startswith(char + "{", index):
            _flush(chars, where, parts)
            self.pos = index
            parts.append(self._sequence())
            return self.pos
        chars.append(char)
        where.append(self._at(index))
        return index + 1

    def _sequence(self) -> Sequence:
        start, text = self.pos, self.text
        opener = text[start : start + 2]
        self.pos = start + 2
        strip_left = text.startswith("~", self.pos)
        self.pos += strip_left
        self._newlines.append(False)
        kind: SequenceKind = "interp"
        expr: Expr | None = None
        names: tuple[str, ...] = ()
        if opener == "${":
            expr = self._expression()
        else:
            self._skip()
            word = IDENT.match(text, self.pos)
            kind = next((k for k in _KEYWORDS if word and word.group() == k), "interp")
            if kind == "interp":
                found = self._found(self.pos)
                self.fail(
                    f"expected if, else, endif, for or endfor after %{{, found {found}", self.pos
                )
            self.pos = word.end()  # type: ignore[union-attr]
            if kind == "if":
                expr = self._expression()
            elif kind == "for":
                names = (self._ident("a variable name after for"),)
                self._skip()
                if text.startswith(",", self.pos):
                    self.pos += 1
                    names += (self._ident("a second variable name after ,"),)
                self._skip()
                if not self._keyword("in"):
                    self.fail(
                        f"expected in after the for names, found {self._found(self.pos)}", self.pos
                    )
                expr = self._expression()
        self._skip()
        strip_right = text.startswith("~}", self.pos)
        if not strip_right and not text.startswith("}", self.pos):
            at = start if self.pos >= len(text) else self.pos
            found = self._found(self.pos)
            self.fail(
                f"expected }} to close the {opener} at {self._where(start)}, found {found}", at
            )
        self.pos += 2 if strip_right else 1
        self._newlines.pop()
        source = text[start : self.pos]
        at_start, at_end = self._at(start), self._at(self.pos)
        return Sequence(kind, at_start, at_end, source, strip_left, strip_right, expr, names)

    def _heredoc(self) -> Template:
        opened = self.pos
        match = _HEREDOC.match(self.text, opened)
        if match is None:
            found = self._found(opened + 2)
            expected = "a marker and a line break after << (like <<EOF or <<-EOF)"
            self.fail(f"expected {expected}, found {found}", opened)
        return self._body_of(match.end(), opened, match.group(2), flush=match.group(1) == "-")

    def template(self) -> Template:
        """The whole text as one template (no closing marker)."""
        return self._body_of(0, 0, None, flush=False)

    def _body_of(self, start: int, opened: int, marker: str | None, *, flush: bool) -> Template:
        """Template text from ``start`` to the closing ``marker`` line (or the end of the text).

        Literal text is split after each line break, as HCL's scanner does: ``~`` strips and
        the ``<<-`` indentation rule work on those pieces.
        """
        text, index = self.text, start
        parts: list[Text | Sequence] = []
        chars: list[str] = []
        where: list[int] = []
        line_start = True
        while True:
            if line_start and marker is not None:
                found = text.find("\n", index)
                line = text[index:] if found == -1 else text[index:found]
                if line.strip(SPACE) == marker:
                    if found == -1:
                        self.fail(
                            f"the closing {marker} must end with a line break, or Terraform "
                            "reads this heredoc as never closed",
                            index + line.index(marker),
                        )
                    _flush(chars, where, parts)
                    self.pos = found - 1 if text[found - 1] == "\r" and found > index else found
                    end = self._at(index)
                    return Template(
                        tuple(parts), self._at(start), end, self._at(opened), True, flush
                    )
            line_start = False
            if index >= len(text):
                if marker is not None:
                    self.fail(
                        f"this heredoc is never closed: expected a line holding only {marker}",
                        opened,
                    )
                _flush(chars, where, parts)
                self.pos = index
                return Template(tuple(parts), self._at(start), self._at(index), self._at(opened))
            char = text[index]
            if char == "\n":
                chars.append("\n")
                where.append(self._at(index))
                index += 1
                _flush(chars, where, parts)
                line_start = True
            elif char in "$%":
                index = self._special(index, chars, where, parts)
            else:
                plain = _PLAIN_TEMPLATE.match(text, index).end()  # type: ignore[union-attr]
                chars.append(text[index:plain])
                where.extend(self._span(index, plain))
                index = plain


def _flush(chars: list[str], where: list[int], parts: list[Text | Sequence]) -> None:
    if chars:
        parts.append(Text("".join(chars), tuple(where)))
        chars.clear()
        where.clear()
