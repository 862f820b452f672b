"""Where things are in a TOML file, for error messages: ``tomllib`` keeps no positions.

:func:`decode_error` turns a :class:`tomllib.TOMLDecodeError` into an
:class:`~vtlgw.errors.InputError` at the line and column the parser names. :class:`KeyFinder`
finds the line of a key (``[tool.vtlgw]`` then ``select = ...``, or a dotted
``tool.vtlgw.select = ...``) and, optionally, the column of one value on it or on the lines of
its value after it. It reads the file line by line, which is enough for the usual layouts; when
it cannot tell (an inline table, a key inside a multi-line string) it answers line 0 and the
error names the file and key only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vtlgw.errors import InputError
from vtlgw.location import LineIndex

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_END = re.compile(r"\s*\(at end of document\)\s*$")
_HEADER = re.compile(r"\s*\[(?!\[)\s*(?P<path>[^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"\s*(?P<path>(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+|\s*\.\s*)+?)\s*=")
_PART = re.compile(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)")


def decode_error(message: str, text: str, name: str) -> InputError:
    """The :class:`InputError` for ``tomllib``'s ``message`` about ``text``."""
    lines = LineIndex(text)
    line = column = 0
    found = _POSITION.search(message)
    if found is not None:
        line, column = int(found.group(1)), int(found.group(2))
        message = message[: found.start()]
    elif (end := _END.search(message)) is not None:
        line, column = lines.line_col(len(text))
        message = message[: end.start()]
    return InputError(
        f"not valid TOML: {message}",
        name=name,
        line=line,
        column=column,
        source_line=lines.line(line) if line else None,
    )


def _parts(path: str) -> tuple[str, ...]:
    return tuple(next(g for g in m.groups() if g is not None) for m in _PART.finditer(path))


class KeyFinder:
    """Finds keys of one TOML text (see the module docstring)."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.lines = LineIndex(text)
        self._keys: list[tuple[tuple[str, ...], int]] = []  # full key path, line number
        table: tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header is not None:
                table = _parts(header.group("path"))
                self._keys.append((table, number))
                continue
            key = _KEY.match(line)
            if key is not None:
                self._keys.append(((*table, *_parts(key.group("path"))), number))

    def position(self, path: Sequence[str], value: str | None = None) -> tuple[int, int]:
        """Line and column of the key ``path`` (or of ``value``'s text after it); 0 if unknown."""
        wanted = tuple(path)
        for index, (keys, number) in enumerate(self._keys):
            if keys != wanted:
                continue
            line_text = self.lines.line(number)
            if value is not None:
                last = self._keys[index + 1][1] if index + 1 < len(self._keys) else None
                found = self._value(number, last, value)
                if found is not None:
                    return found
            indent = len(line_text) - len(line_text.lstrip())
            return number, indent + 1
        return 0, 0

    def _value(self, first: int, stop: int | None, value: str) -> tuple[int, int] | None:
        end = stop if stop is not None else first + 200
        for number in range(first, end):
            line_text = self.lines.line(number)
            for quoted in (f'"{value}"', f"'{value}'"):
                column = line_text.find(quoted, line_text.find("=") + 1 if number == first else 0)
                if column >= 0:
                    return number, column + 1
        return None

    def error(self, message: str, path: Sequence[str], value: str | None = None) -> InputError:
        """An :class:`InputError` at the key ``path`` (or its ``value``)."""
        line, column = self.position(path, value)
        return InputError(
            message,
            name=self.name,
            line=line,
            column=column,
            source_line=self.lines.line(line) if line else None,
        )
