"""Text built piece by piece from a host file, each piece remembering its host offset.

The YAML and JSON readers unescape a host string into its value, and ``Fn::Sub`` or
``Fn::Join`` assemble a template from several host strings and placeholders; each does it with
a :class:`MappedText`: append characters with the host offset they came from, and get the text
and its :class:`~vtlgw.location.OffsetMap`. Runs of characters that continue one to one in the
host share one run of the map, so a long unescaped string costs one entry.

:func:`host_error` is the :class:`~vtlgw.errors.InputError` for a problem at a host offset:
the host's name, 1-based line and column, and the source line for the caret.
"""

from __future__ import annotations

from vtlgw.errors import InputError
from vtlgw.location import LineIndex, OffsetMap


class MappedText:
    """A text under construction and the host offset of each of its characters."""

    __slots__ = ("_length", "_parts", "_runs")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._runs: list[tuple[int, int]] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def add(self, text: str, at: int) -> None:
        """Append ``text`` whose characters sit one to one in the host from offset ``at``."""
        if not text:
            return
        self._run(at)
        self._parts.append(text)
        self._length += len(text)

    def add_at(self, text: str, at: int) -> None:
        """Append ``text`` whose every character comes from host offset ``at`` (an escape,
        a folded line break, a placeholder)."""
        for char in text:
            self._run(at)
            self._parts.append(char)
            self._length += 1

    def add_mapped(
        self, text: str, offsets: OffsetMap, start: int = 0, end: int | None = None
    ) -> None:
        """Append ``text[start:end]`` of a text whose offset ``i`` sits at ``offsets(i)``."""
        stop = len(text) if end is None else end
        for index in range(start, stop):
            self._run(offsets(index))
            self._parts.append(text[index])
            self._length += 1

    def _run(self, at: int) -> None:
        runs = self._runs
        if not runs or at - self._length != runs[-1][1] - runs[-1][0]:
            runs.append((self._length, at))

    def text(self) -> str:
        """The text built so far."""
        return "".join(self._parts)

    def offsets(self, end: int) -> OffsetMap:
        """The offset map of the text built so far, whose end sits at host offset ``end``."""
        runs = list(self._runs)
        if not runs or end - self._length != runs[-1][1] - runs[-1][0]:
            runs.append((self._length, end))
        return OffsetMap(runs)


def host_error(message: str, *, name: str, text: str, offset: int) -> InputError:
    """An :class:`InputError` at host offset ``offset`` of ``text`` (the host file ``name``)."""
    lines = LineIndex(text)
    line, column = lines.line_col(min(max(offset, 0), len(text)))
    return InputError(message, name=name, line=line, column=column, source_line=lines.line(line))
