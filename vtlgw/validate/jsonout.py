"""Strict JSON parsing of rendered output that keeps positions.

The gateway's backends parse the transformed body with strict JSON parsers (Lambda non-proxy
uses Jackson, ref §5.5 (O)): no comments, no trailing commas, no single quotes, no NaN, no raw
control characters inside strings. Python's ``json`` module can say where a document breaks
but not where duplicate keys sit, so this module parses with its own small recursive-descent
reader that records the offset of every member and reports duplicates with JSON pointers.
Duplicate keys keep the last value, as Jackson's tree model does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from vtlgw.validate.result import DUPLICATE_KEY, INVALID_JSON, Finding, line_column

_WHITESPACE = " \t\n\r"
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_ESCAPES = MappingProxyType(
    {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
)
_MAX_DEPTH = 300  # two Python frames per level stay under the recursion limit


class _JsonError(Exception):
    """The text is not JSON; ``offset`` is where the reader stopped."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class JsonCheck:
    """The parsed value (when well-formed) and the findings of one JSON check."""

    value: Any
    well_formed: bool
    findings: tuple[Finding, ...]


def escape_pointer_token(token: str) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def _describe(text: str, pos: int) -> str:
    if pos >= len(text):
        return "end of output"
    ch = text[pos]
    if ch == "\n":
        return "a newline"
    if ord(ch) < 0x20:
        return f"control character U+{ord(ch):04X}"
    return repr(ch)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.duplicates: list[tuple[str, int, int]] = []  # pointer, offset, first offset

    def fail(self, expected: str) -> _JsonError:
        found = _describe(self.text, self.pos)
        return _JsonError(f"expected {expected}, found {found}", self.pos)

    def skip_ws(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in _WHITESPACE:
            pos += 1
        self.pos = pos

    def document(self) -> Any:
        self.skip_ws()
        value = self.value("", 0)
        self.skip_ws()
        if self.pos < len(self.text):
            raise self.fail("end of output after the JSON value")
        return value

    def value(self, pointer: str, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise _JsonError("JSON nested too deeply", self.pos)
        text, pos = self.text, self.pos
        ch = text[pos] if pos < len(text) else ""
        if ch == "{":
            return self.object(pointer, depth)
        if ch == "[":
            return self.array(pointer, depth)
        if ch == '"':
            return self.string()
        for word, result in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, pos):
                self.pos = pos + len(word)
                return result
        match = _NUMBER.match(text, pos)
        if match and match.end() > pos:
            self.pos = match.end()
            literal = match.group()
            if any(c in literal for c in ".eE"):
                return float(literal)
            return int(literal)
        raise self.fail("a JSON value")

    def object(self, pointer: str, depth: int) -> dict[str, Any]:
        self.pos += 1
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        self.skip_ws()
        if self.text.startswith("}", self.pos):
            self.pos += 1
            return result
        while True:
            self.skip_ws()
            if not self.text.startswith('"', self.pos):
                raise self.fail("a member name in double quotes")
            key_offset = self.pos
            key = self.string()
            member = f"{pointer}/{escape_pointer_token(key)}"
            if key in seen:
                self.duplicates.append((member, key_offset, seen[key]))
            else:
                seen[key] = key_offset
            self.skip_ws()
            if not self.text.startswith(":", self.pos):
                raise self.fail("':' after the member name")
            self.pos += 1
            self.skip_ws()
            result.pop(key, None)
            result[key] = self.value(member, depth + 1)
            self.skip_ws()
            if self.text.startswith(",", self.pos):
                self.pos += 1
                continue
            if self.text.startswith("}", self.pos):
                self.pos += 1
                return result
            raise self.fail("',' or '}' after an object member")

    def array(self, pointer: str, depth: int) -> list[Any]:
        self.pos += 1
        result: list[Any] = []
        self.skip_ws()
        if self.text.startswith("]", self.pos):
            self.pos += 1
            return result
        while True:
            self.skip_ws()
            result.append(self.value(f"{pointer}/{len(result)}", depth + 1))
            self.skip_ws()
            if self.text.startswith(",", self.pos):
                self.pos += 1
                continue
            if self.text.startswith("]", self.pos):
                self.pos += 1
                return result
            raise self.fail("',' or ']' after an array element")

    def string(self) -> str:
        text = self.text
        pos = self.pos + 1
        parts: list[str] = []
        while True:
            end = pos
            while end < len(text) and text[end] not in '"\\' and ord(text[end]) >= 0x20:
                end += 1
            parts.append(text[pos:end])
            if end >= len(text):
                self.pos = end
                raise _JsonError("unterminated string", self.pos)
            ch = text[end]
            if ch == '"':
                self.pos = end + 1
                return "".join(parts)
            if ch != "\\":
                self.pos = end
                raise _JsonError(f"{_describe(text, end)} inside a string must be escaped", end)
            code = text[end + 1 : end + 2]
            if code in _ESCAPES:
                parts.append(_ESCAPES[code])
                pos = end + 2
            elif code == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[end + 2 : end + 6]):
                parts.append(chr(int(text[end + 2 : end + 6], 16)))
                pos = end + 6
            else:
                self.pos = end
                raise _JsonError(f"invalid escape sequence {text[end : end + 2]!r}", end)


def check_json(text: str) -> JsonCheck:
    """Check that ``text`` is one well-formed JSON document with no duplicate keys."""
    reader = _Reader(text)
    try:
        value = reader.document()
    except _JsonError as exc:
        line, column = line_column(text, exc.offset)
        finding = Finding(
            code=INVALID_JSON,
            message=f"output is not valid JSON: {exc.message}",
            offset=exc.offset,
            line=line,
            column=column,
        )
        return JsonCheck(value=None, well_formed=False, findings=(finding,))
    findings = []
    for pointer, offset, first in reader.duplicates:
        line, column = line_column(text, offset)
        first_line, first_column = line_column(text, first)
        findings.append(
            Finding(
                code=DUPLICATE_KEY,
                message=(
                    f"duplicate key {pointer!r} (first at {first_line}:{first_column}); "
                    "parsers keep only one of the values"
                ),
                pointer=pointer,
                offset=offset,
                line=line,
                column=column,
            )
        )
    return JsonCheck(value=value, well_formed=True, findings=tuple(findings))
