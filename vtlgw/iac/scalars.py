"""Where each character of a YAML scalar's value sits in the host text.

PyYAML gives a scalar's value and the marks of its token, not where each character of the
value came from. :func:`rescan` reads the token's source text again, by the same rules as
PyYAML's scanner (``yaml/scanner.py``: ``scan_plain``, ``scan_flow_scalar``,
``scan_block_scalar``), and builds the value with the host offset of every character:

* plain scalars fold a line break between two lines into a space (more breaks stay breaks);
* single-quoted scalars turn ``''`` into ``'`` and fold like plain ones;
* double-quoted scalars decode escapes (``\\n``, ``\\"``, ``\\x41``, ``\\u00e9``,
  ``\\U0001F600``, an escaped line break) and fold;
* literal (``|``) and folded (``>``) block scalars drop the indentation, fold (``>``) and chomp
  (``-``, ``+``), with an explicit indentation indicator counted from the scanner's indent.

A character from an escape maps to its backslash, a folded space or a line break to the line
break it came from, ``'`` from ``''`` to the first quote. The caller compares the value built
here with PyYAML's; the tests check both against each other for generated scalars of every
style.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

from vtlgw.iac.positions import MappedText
from vtlgw.location import OffsetMap

BREAKS = "\r\n\x85\u2028\u2029"
_END = "\0"
#: A line break or the end of the text (``peek`` past the end reads ``_END``).
_LINE_END = BREAKS + _END
_REPLACEMENTS = MappingProxyType(
    {
        "0": "\0",
        "a": "\x07",
        "b": "\x08",
        "t": "\x09",
        "\t": "\x09",
        "n": "\x0a",
        "v": "\x0b",
        "f": "\x0c",
        "r": "\x0d",
        "e": "\x1b",
        " ": "\x20",
        '"': '"',
        "\\": "\\",
        "/": "/",
        "N": "\x85",
        "_": "\xa0",
        "L": "\u2028",
        "P": "\u2029",
    }
)
_CODES = MappingProxyType({"x": 2, "u": 4, "U": 8})

Peek = Callable[[int], str]
Breaks = list[tuple[str, int]]


def rescan(
    text: str, start: int, end: int, style: str | None, indent: int
) -> tuple[str, OffsetMap]:
    """The value of the scalar token ``text[start:end]`` and its map to host offsets.

    ``style`` is the token's style (``None`` plain, ``'``, ``"``, ``|``, ``>``) and ``indent``
    the scanner's indentation level when it read the token (block scalars only).
    """
    size = len(text)

    def peek(index: int) -> str:
        return text[index] if index < size else _END

    out = MappedText()
    if style is None:
        tail = _plain(text, start, end, peek, out)
    elif style in ("'", '"'):
        tail = _quoted(text, start, end, style == '"', peek, out)
    else:
        tail = _block(text, start, style == ">", indent, peek, out)
    return out.text(), out.offsets(tail)


def _line_break(index: int, peek: Peek) -> tuple[str, int]:
    """The break at ``index`` as PyYAML normalises it, and the index after it."""
    char = peek(index)
    if char == "\r" and peek(index + 1) == "\n":
        return "\n", index + 2
    if char in "\r\n\x85":
        return "\n", index + 1
    return char, index + 1


def _add_breaks(out: MappedText, breaks: Breaks) -> None:
    for char, at in breaks:
        out.add_at(char, at)


def _fold(out: MappedText, first: str, at: int, breaks: Breaks) -> None:
    """A line break between two pieces of a flow or plain scalar, and the empty lines after."""
    if first != "\n":
        out.add_at(first, at)
    elif not breaks:
        out.add_at(" ", at)
    _add_breaks(out, breaks)


def _plain(text: str, start: int, end: int, peek: Peek, out: MappedText) -> int:
    index = start
    while index < end:
        char = text[index]
        if char == " " or char in BREAKS:
            after = index
            while after < end and text[after] == " ":
                after += 1
            if after < end and text[after] in BREAKS:
                first_at = after
                first, after = _line_break(after, peek)
                breaks: Breaks = []
                while after < end and (text[after] == " " or text[after] in BREAKS):
                    if text[after] == " ":
                        after += 1
                    else:
                        at = after
                        found, after = _line_break(after, peek)
                        breaks.append((found, at))
                _fold(out, first, first_at, breaks)
            else:
                out.add(text[index:after], index)
            index = after
        else:
            after = index
            while after < end and text[after] != " " and text[after] not in BREAKS:
                after += 1
            out.add(text[index:after], index)
            index = after
    return end


def _flow_breaks(index: int, peek: Peek) -> tuple[Breaks, int]:
    breaks: Breaks = []
    while True:
        while peek(index) in " \t":
            index += 1
        if peek(index) in BREAKS:
            at = index
            found, index = _line_break(index, peek)
            breaks.append((found, at))
        else:
            return breaks, index


def _quoted(text: str, start: int, end: int, double: bool, peek: Peek, out: MappedText) -> int:
    stop = end - 1
    index = start + 1
    special = "'\"\\ \t" + BREAKS
    while index < stop:
        char = text[index]
        if char in " \t":
            after = index
            while peek(after) in " \t" and after < stop:
                after += 1
            if after < stop and text[after] in BREAKS:
                first_at = after
                first, after = _line_break(after, peek)
                breaks, after = _flow_breaks(after, peek)
                _fold(out, first, first_at, breaks)
            else:
                out.add(text[index:after], index)
            index = after
        elif char in BREAKS:
            first, after = _line_break(index, peek)
            breaks, after = _flow_breaks(after, peek)
            _fold(out, first, index, breaks)
            index = after
        elif not double and char == "'" and peek(index + 1) == "'":
            out.add_at("'", index)
            index += 2
        elif double and char == "\\":
            index = _escape(index, peek, out)
        elif char in "'\"\\":
            out.add(char, index)
            index += 1
        else:
            after = index
            while after < stop and text[after] not in special:
                after += 1
            out.add(text[index:after], index)
            index = after
    return stop


def _escape(index: int, peek: Peek, out: MappedText) -> int:
    """Decode the escape whose backslash is at ``index``; the index after it."""
    code = peek(index + 1)
    if code in _REPLACEMENTS:
        out.add_at(_REPLACEMENTS[code], index)
        return index + 2
    if code in _CODES:
        length = _CODES[code]
        digits = "".join(peek(index + 2 + k) for k in range(length))
        out.add_at(chr(int(digits, 16)), index)
        return index + 2 + length
    # an escaped line break: the break and the next line's leading blanks are dropped
    _, after = _line_break(index + 1, peek)
    breaks, after = _flow_breaks(after, peek)
    _add_breaks(out, breaks)
    return after


def _block_breaks(index: int, column: int, indent: int, peek: Peek) -> tuple[Breaks, int, int]:
    breaks: Breaks = []
    while column < indent and peek(index) == " ":
        index += 1
        column += 1
    while peek(index) in BREAKS:
        at = index
        found, index = _line_break(index, peek)
        breaks.append((found, at))
        column = 0
        while column < indent and peek(index) == " ":
            index += 1
            column += 1
    return breaks, index, column


def _block(
    text: str, start: int, folded: bool, scanner_indent: int, peek: Peek, out: MappedText
) -> int:
    index = start + 1
    chomping: bool | None = None
    increment: int | None = None
    for _ in range(2):
        char = peek(index)
        if char in "+-" and chomping is None:
            chomping = char == "+"
            index += 1
        elif char.isdigit() and char.isascii() and increment is None:
            increment = int(char)
            index += 1
    # the rest of the header line: blanks and an optional comment
    while peek(index) not in _LINE_END:
        index += 1
    if peek(index) != _END:
        _, index = _line_break(index, peek)
    min_indent = max(scanner_indent + 1, 1)
    column = 0
    breaks: Breaks = []
    if increment is None:
        max_indent = 0
        while peek(index) == " " or peek(index) in BREAKS:
            if peek(index) == " ":
                index += 1
                column += 1
                max_indent = max(max_indent, column)
            else:
                at = index
                found, index = _line_break(index, peek)
                breaks.append((found, at))
                column = 0
        indent = max(min_indent, max_indent)
    else:
        indent = min_indent + increment - 1
        breaks, index, column = _block_breaks(index, column, indent, peek)
    tail = index
    line_break, break_at = "", index
    while column == indent and peek(index) != _END:
        _add_breaks(out, breaks)
        leading_non_space = peek(index) not in " \t"
        after = index
        while peek(after) not in _LINE_END:
            after += 1
        out.add(text[index:after], index)
        index = tail = after
        break_at = index
        if peek(index) != _END:
            line_break, index = _line_break(index, peek)
        else:
            line_break = ""
        breaks, index, column = _block_breaks(index, 0, indent, peek)
        if not (column == indent and peek(index) != _END):
            break
        if folded and line_break == "\n" and leading_non_space and peek(index) not in " \t":
            if not breaks:
                out.add_at(" ", break_at)
        else:
            out.add_at(line_break, break_at)
    if chomping is not False and line_break:
        out.add_at(line_break, break_at)
        tail = break_at + 1
    if chomping is True:
        _add_breaks(out, breaks)
        if breaks:
            tail = breaks[-1][1] + 1
    return tail
