"""The shared ground of the HCL readers: offsets, errors, spaces, comments and names.

:class:`Scanner` walks one text forward. Offsets in the text map to offsets in the host file
through ``origin`` (the identity for a ``.tf`` file; a ``.tf.json`` string's map to its JSON
escapes), and every error is an :class:`~vtlgw.errors.InputError` at the host position that
says what was found and what was expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NoReturn

import regex

from vtlgw.errors import InputError
from vtlgw.location import LineIndex

#: the deepest nesting of expressions (brackets, calls, ``${}``, operators) and of blocks read
MAX_NESTING = 64

IDENT = regex.compile(r"[\p{ID_Start}_][\p{ID_Continue}\-]*")
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
SPACES = re.compile(r"[ \t]+")


def host_error(message: str, name: str, lines: LineIndex, offset: int) -> InputError:
    """The :class:`InputError` ``message`` at ``offset`` of the host file ``name``."""
    line, column = lines.line_col(min(max(offset, 0), len(lines.text)))
    return InputError(message, name=name, line=line, column=column, source_line=lines.line(line))


class Scanner:
    """One pass over one text; ``pos`` moves forward only."""

    def __init__(
        self,
        text: str,
        *,
        name: str,
        host_text: str | None = None,
        origin: Callable[[int], int] | None = None,
    ) -> None:
        self.text = text
        self.pos = 0
        self._name = name
        self._lines = LineIndex(text if host_text is None else host_text)
        self._origin = origin
        self._newlines = [True]
        self._depth = 0

    # -- positions and errors ----------------------------------------------------------------

    def _at(self, index: int) -> int:
        return index if self._origin is None else self._origin(index)

    def _span(self, start: int, end: int) -> range | list[int]:
        if self._origin is None:
            return range(start, end)
        return [self._origin(index) for index in range(start, end)]

    def _where(self, index: int) -> str:
        line, column = self._lines.line_col(self._at(index))
        return f"{line}:{column}"

    def fail(self, message: str, index: int) -> NoReturn:
        """Raise the :class:`InputError` ``message`` at text offset ``index``."""
        raise host_error(message, self._name, self._lines, self._at(index))

    def _found(self, index: int) -> str:
        text = self.text
        if index >= len(text):
            return "the end of the file"
        if text.startswith(("\n", "\r\n"), index):
            return "a line break"
        match = IDENT.match(text, index) or NUMBER.match(text, index)
        return repr(match.group() if match else text[index])

    def _enter(self) -> None:
        self._depth += 1
        if self._depth > MAX_NESTING:
            self.fail(f"nested more than {MAX_NESTING} levels deep", self.pos)

    # -- spaces, comments and line breaks ----------------------------------------------------

    def _skip(self) -> None:
        """Skip spaces and comments, and line breaks where they are not significant."""
        text, index, end = self.text, self.pos, len(self.text)
        lines = not self._newlines[-1]
        while index < end:
            char = text[index]
            if char in " \t":
                index = SPACES.match(text, index).end()  # type: ignore[union-attr]
            elif lines and char == "\n":
                index += 1
            elif lines and char == "\r" and text.startswith("\n", index + 1):
                index += 2
            elif char == "#" or text.startswith("//", index):
                found = text.find("\n", index)
                index = end if found == -1 else found
            elif text.startswith("/*", index):
                found = text.find("*/", index + 2)
                if found == -1:
                    self.fail("this /* comment is never closed: expected */", index)
                index = found + 2
            else:
                break
        self.pos = index

    def _newline(self) -> bool:
        for mark in ("\n", "\r\n"):
            if self.text.startswith(mark, self.pos):
                self.pos += len(mark)
                return True
        return False

    def _skip_lines(self) -> None:
        self._skip()
        while self._newline():
            self._skip()

    def _expect(self, mark: str, what: str) -> None:
        self._skip()
        if not self.text.startswith(mark, self.pos):
            self.fail(f"expected {mark} {what}, found {self._found(self.pos)}", self.pos)
        self.pos += len(mark)

    def _keyword(self, word: str) -> bool:
        match = IDENT.match(self.text, self.pos)
        if match is None or match.group() != word:
            return False
        self.pos = match.end()
        return True

    def _ident(self, what: str) -> str:
        self._skip()
        match = IDENT.match(self.text, self.pos)
        if match is None:
            self.fail(f"expected {what}, found {self._found(self.pos)}", self.pos)
        self.pos = match.end()
        return match.group()
