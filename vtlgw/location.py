"""Where things are in a source text: one :class:`SourceLocation` shape for every position.

Every user-facing problem (a syntax error, a lint finding, a traced JSON error) carries a
:class:`SourceLocation`: the source's name and a 1-based start and end line and column.
:class:`LineIndex` turns character offsets into lines and columns (line starts computed once
per text, each lookup a binary search). :class:`OffsetMap` maps offsets in a text derived from
a source (a string literal's unescaped content, later a template embedded in a host file) back
to offsets in that source.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """A span in a named source: 1-based lines and columns, the end exclusive.

    ``end_column`` is the column just after the last character, as in ruff's JSON and SARIF; a
    position with no extent has ``end_line == line`` and ``end_column == column``. ``line`` 0
    means the position inside the source is unknown.
    """

    name: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, name: str, line: int, column: int) -> SourceLocation:
        """A position with no extent."""
        return cls(name, line, column, line, column)

    @property
    def known(self) -> bool:
        """True when the position inside the source is known."""
        return self.line > 0

    def __str__(self) -> str:
        """``name:line:column`` (just the name when the position is unknown)."""
        return f"{self.name}:{self.line}:{self.column}" if self.line > 0 else self.name


class OffsetMap:
    """Offsets in a derived text mapped back to offsets in the source it came from.

    Built from runs: ``(derived_offset, source_offset)`` pairs, sorted, each saying that the
    derived text from ``derived_offset`` on continues one to one from ``source_offset`` until
    the next run. An escape that turns six source characters (``\\u0041``) into one derived
    character starts a new run after it.
    """

    __slots__ = ("_derived", "_source")

    def __init__(self, runs: Sequence[tuple[int, int]]) -> None:
        self._derived = [derived for derived, _ in runs] or [0]
        self._source = [source for _, source in runs] or [0]

    @classmethod
    def from_positions(cls, positions: Sequence[int], end: int) -> OffsetMap:
        """The map of a derived text whose character ``i`` came from source offset
        ``positions[i]``, and whose end is at source offset ``end``."""
        runs: list[tuple[int, int]] = []
        for index, at in enumerate(positions):
            if not runs or at - index != runs[-1][1] - runs[-1][0]:
                runs.append((index, at))
        if not runs or end - len(positions) != runs[-1][1] - runs[-1][0]:
            runs.append((len(positions), end))
        return cls(runs)

    def __call__(self, offset: int) -> int:
        """The source offset of a derived-text offset."""
        index = max(bisect_right(self._derived, offset) - 1, 0)
        return self._source[index] + offset - self._derived[index]


class LineIndex:
    """Line starts of one text, for offset -> (line, column) and line -> text lookups.

    Line breaks are ``\\n``, ``\\r\\n`` and a lone ``\\r``, as in Velocity's lexer.
    """

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def _line_starts(self) -> list[int]:
        starts = self._starts
        if starts is None:
            starts = [0]
            text = self.text
            i = text.find("\r")
            if i == -1:
                pos = text.find("\n")
                while pos != -1:
                    starts.append(pos + 1)
                    pos = text.find("\n", pos + 1)
            else:
                n = len(text)
                for i, ch in enumerate(text):
                    if ch == "\n" or (ch == "\r" and (i + 1 >= n or text[i + 1] != "\n")):
                        starts.append(i + 1)
            self._starts = starts
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        starts = self._line_starts()
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def line(self, number: int) -> str:
        """The text of a 1-based line without its line break ('' when out of range)."""
        starts = self._line_starts()
        if number < 1 or number > len(starts):
            return ""
        begin = starts[number - 1]
        end = starts[number] if number < len(starts) else len(self.text)
        return self.text[begin:end].rstrip("\r\n")
