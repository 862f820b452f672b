"""Where things are in a source text: character offsets to 1-based lines and columns.

Every user-facing problem carries a position; :class:`LineIndex` computes line starts once per
text (on first use) and answers each lookup with a binary search.
"""

from __future__ import annotations

from bisect import bisect_right


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
