"""A JSON host file (CloudFormation JSON, a CDK ``cdk.out/*.template.json``, OpenAPI) as
positioned values.

:func:`load_json_host` reads JSON (RFC 8259, as :func:`json.loads` reads it, but strict: no
``NaN``, no duplicate keys) into the values of :mod:`vtlgw.iac.tree`. Every string is a
:class:`~vtlgw.iac.tree.HostString` whose characters map to their host offsets through the
escapes: ``\\n``, ``\\"``, ``\\u00e9`` and a surrogate pair ``\\ud83d\\ude00`` (one character)
each map to their backslash. Objects and arrays are :class:`~vtlgw.iac.tree.HostMapping` and
:class:`~vtlgw.iac.tree.HostList` starting at their bracket.

CDK writes large templates, so the reader is iterative and regex-driven (a 5 MB
``cdk.out`` template reads in about a second), bounded by :data:`MAX_JSON_CHARS` and
:data:`~vtlgw.document.MAX_DEPTH`. A syntax error is an :class:`~vtlgw.errors.InputError` at
its host line and column saying what was found and what was expected.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

from vtlgw.document import MAX_DEPTH, MAX_FILE_BYTES
from vtlgw.errors import InputError
from vtlgw.iac.positions import MappedText, host_error
from vtlgw.iac.tree import HostList, HostMapping, HostString
from vtlgw.location import LineIndex, OffsetMap

#: The longest JSON host file read, in characters (CDK templates can be large).
MAX_JSON_CHARS = MAX_FILE_BYTES

_SPACE = re.compile(r"[ \t\n\r]*")
#: What follows a value: blanks, then ``,`` or a closing bracket (or neither), then blanks.
_AFTER = re.compile(r"[ \t\n\r]*([,}\]]?)[ \t\n\r]*")
#: An object key without escapes, its ``:`` and the blanks up to the value.
_PLAIN_KEY = re.compile(r'"([^"\\\x00-\x1f]*)"[ \t\n\r]*:[ \t\n\r]*')
_PLAIN_STRING = re.compile(r'"([^"\\\x00-\x1f]*)"')
_CHUNK = re.compile(r'[^"\\\x00-\x1f]*')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_HEX_DIGITS = re.compile(r"[0-9a-fA-F]{0,3}")
_ESCAPES = MappingProxyType(
    {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
)
_LITERALS = (("true", True), ("false", False), ("null", None))


def _blank_end(text: str, pos: int) -> int:
    """The offset after the blanks at ``pos``."""
    match = _SPACE.match(text, pos)
    return pos if match is None else match.end()


def load_json_host(text: str, *, name: str) -> Any:
    """The positioned values of the JSON ``text`` of the host file ``name``.

    Syntax errors, duplicate keys, and a file too long or nested too deep raise
    :class:`InputError` at the host position.
    """
    if len(text) > MAX_JSON_CHARS:
        raise InputError(f"the file is longer than {MAX_JSON_CHARS:,} characters", name=name)
    with _no_cycle_collection():
        return _Reader(text, name).document()


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the reader allocates.

    The values read hold no reference cycles, so the collector finds nothing; but a string
    is several tracked objects (the string, its attributes, its offset map), and collecting
    while hundreds of thousands of them are made made a 5 MB template four times slower to
    read (5.3 s instead of 1.3 s, measured). The collector's previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Reader:
    """One pass over one JSON text."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name

    def fail(self, message: str, offset: int, *, found: bool = True) -> InputError:
        """A syntax error at ``offset``, naming what is there (unless ``found`` is False)."""
        text = self.text
        if found:
            there = repr(text[offset]) if offset < len(text) else "the end of the file"
            message = f"{message}, found {there}"
        return host_error(f"not valid JSON: {message}", name=self.name, text=text, offset=offset)

    def duplicate(self, key: HostString, mapping: HostMapping) -> InputError:
        """The error for a key written twice in one object (JSON readers keep either)."""
        first = next(k for k in mapping if k == key)
        line = LineIndex(self.text).line_col(first.start)[0]
        message = f"duplicate key {str(key)!r} (first at line {line})"
        return host_error(message, name=self.name, text=self.text, offset=key.start - 1)

    def document(self) -> Any:
        """The value of the whole text (an error if anything but blanks follows it)."""
        text = self.text
        size = len(text)
        after = _AFTER.match
        plain_string = _PLAIN_STRING.match
        # open containers: (container, key it is reading a value for, or None in a list)
        stack: list[tuple[HostMapping | HostList, HostString | None]] = []
        pos = _blank_end(text, 0)
        while True:
            char = text[pos] if pos < size else ""
            value: Any
            if char == '"':
                plain = plain_string(text, pos)
                if plain is None:
                    value, pos = self.string(pos)
                else:
                    value = HostString(plain.group(1), OffsetMap([(0, pos + 1)]), pos + 1)
                    pos = plain.end()
            elif char == "{" or char == "[":
                if len(stack) >= MAX_DEPTH:
                    message = f"nested more than {MAX_DEPTH} levels deep"
                    raise host_error(message, name=self.name, text=text, offset=pos)
                container: HostMapping | HostList = HostMapping() if char == "{" else HostList()
                container.start = pos
                pos = _blank_end(text, pos + 1)
                if text.startswith("}" if char == "{" else "]", pos):
                    value = container
                    pos += 1
                else:
                    key = None
                    if char == "{":
                        key, pos = self.key(pos)
                    stack.append((container, key))
                    continue
            elif char and char in "-0123456789":
                value, pos = self.number(pos)
            else:
                for word, literal in _LITERALS:
                    if text.startswith(word, pos):
                        value = literal
                        pos += len(word)
                        break
                else:
                    expected = "an object, array, string, number, true, false or null"
                    raise self.fail(f"expected a value ({expected})", pos)
            # the value is complete: add it to the open containers, closing those that end
            while True:
                if not stack:
                    pos = _blank_end(text, pos)
                    if pos != size:
                        raise self.fail("expected the end of the file after the value", pos)
                    return value
                container, key = stack[-1]
                if key is None:
                    container.append(value)  # type: ignore[union-attr]
                else:
                    if key in container:
                        raise self.duplicate(key, container)  # type: ignore[arg-type]
                    container[key] = value  # type: ignore[call-overload]
                follows = after(text, pos)
                assert follows is not None  # the pattern matches the empty string
                char = follows.group(1)
                pos = follows.end()
                if char == ",":
                    if key is not None:
                        key, pos = self.key(pos)
                        stack[-1] = (container, key)
                    break
                if char == ("]" if key is None else "}"):
                    value = container
                    stack.pop()
                    continue
                closer = "']'" if key is None else "'}'"
                what = "an array item" if key is None else "an object member"
                raise self.fail(f"expected ',' or {closer} after {what}", follows.start(1))

    def key(self, pos: int) -> tuple[HostString, int]:
        """A member's key and its ``:``; the offset of the value after it."""
        plain = _PLAIN_KEY.match(self.text, pos)
        if plain is not None:
            return HostString(plain.group(1), OffsetMap([(0, pos + 1)]), pos + 1), plain.end()
        if not self.text.startswith('"', pos):
            raise self.fail("expected an object key in double quotes", pos)
        key, pos = self.string(pos)
        pos = _blank_end(self.text, pos)
        if not self.text.startswith(":", pos):
            raise self.fail("expected ':' after an object key", pos)
        return key, _blank_end(self.text, pos + 1)

    def string(self, pos: int) -> tuple[HostString, int]:
        """The string whose opening quote is at ``pos``, and the offset after it."""
        text = self.text
        plain = _PLAIN_STRING.match(text, pos)
        if plain is not None:
            return HostString.plain(plain.group(1), pos + 1), plain.end()
        out = MappedText()
        index = pos + 1
        while True:
            chunk = _CHUNK.match(text, index)
            assert chunk is not None  # the pattern matches the empty string
            out.add(chunk.group(), index)
            index = chunk.end()
            char = text[index] if index < len(text) else ""
            if char == '"':
                return HostString(out.text(), out.offsets(index), pos + 1), index + 1
            if char == "\\":
                index = self.escape(index, out)
            elif char == "":
                raise self.fail("the string that starts here is never closed", pos, found=False)
            else:
                raise self.fail("expected a character or an escape in a string", index)

    def escape(self, index: int, out: MappedText) -> int:
        """Decode the escape whose backslash is at ``index``; the offset after it."""
        text = self.text
        code = text[index + 1 : index + 2]
        if code in _ESCAPES:
            out.add_at(_ESCAPES[code], index)
            return index + 2
        if code != "u":
            message = 'expected an escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)'
            raise self.fail(message, index + 1)
        if _HEX4.match(text, index + 2) is None:
            digits = _HEX_DIGITS.match(text, index + 2)
            bad = index + 2 + (len(digits.group()) if digits is not None else 0)
            raise self.fail("expected 4 hexadecimal digits after \\u", bad)
        unit = int(text[index + 2 : index + 6], 16)
        after = index + 6
        if 0xD800 <= unit < 0xDC00 and text.startswith("\\u", after):
            low = _HEX4.match(text, after + 2)
            second = int(low.group(), 16) if low is not None else 0
            if 0xDC00 <= second < 0xE000:
                unit = 0x10000 + ((unit - 0xD800) << 10) + (second - 0xDC00)
                after += 6
        out.add_at(chr(unit), index)
        return after

    def number(self, pos: int) -> tuple[int | float, int]:
        """The number at ``pos`` and the offset after it."""
        match = _NUMBER.match(self.text, pos)
        if match is None or match.end() == pos:
            raise self.fail("expected a number", pos)
        written = match.group()
        try:
            value: int | float = (
                float(written) if match.group(1) or match.group(2) else int(written)
            )
        except ValueError:
            message = f"a number of {len(written):,} digits is longer than Python reads"
            raise self.fail(message, pos, found=False) from None
        return value, match.end()
