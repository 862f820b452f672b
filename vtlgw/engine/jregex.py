"""The regex-taking String methods: ``replaceAll``/``replaceFirst``, ``matches``, ``split``.

Patterns are Java regexes (translated and cached by :mod:`vtlgw.engine.jpattern`).
Replacement strings follow ``Matcher.appendReplacement``: ``$n`` (greedy while the group
exists), ``${name}``, ``\\x`` escapes, with Java's exceptions. ``split`` follows
``String.split``: the limit, dropped trailing empty strings, no leading empty string for a
zero-width match at 0, and the single-character fast path.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

import regex

from vtlgw.engine.jexception import JavaException
from vtlgw.engine.jpattern import compile_java

__all__ = ["compile_java", "matches", "replace_all", "split"]


def _replacement(template: str, match: regex.Match[str]) -> str:
    """Expand a Java replacement string for one match."""
    out: list[str] = []
    i = 0
    groups = match.re.groups
    while i < len(template):
        char = template[i]
        if char == "\\":
            i += 1
            if i >= len(template):
                raise JavaException(
                    "java.lang.IllegalArgumentException", "character to be escaped is missing"
                )
            out.append(template[i])
            i += 1
        elif char == "$":
            i += 1
            if i >= len(template):
                raise JavaException(
                    "java.lang.IllegalArgumentException",
                    "Illegal group reference: group index is missing",
                )
            if template[i] == "{":
                end = template.find("}", i)
                name = template[i + 1 : end] if end > 0 else ""
                if end < 0:
                    raise JavaException(
                        "java.lang.IllegalArgumentException",
                        "named capturing group is missing trailing '}'",
                    )
                if not name:
                    raise JavaException(
                        "java.lang.IllegalArgumentException",
                        "named capturing group has 0 length name",
                    )
                if name not in match.re.groupindex:
                    raise JavaException(
                        "java.lang.IllegalArgumentException", "No group with name {" + name + "}"
                    )
                out.append(match.group(name) or "")
                i = end + 1
                continue
            if not "0" <= template[i] <= "9":
                raise JavaException("java.lang.IllegalArgumentException", "Illegal group reference")
            number = int(template[i])
            i += 1
            if number > groups:
                raise JavaException("java.lang.IndexOutOfBoundsException", f"No group {number}")
            while i < len(template) and "0" <= template[i] <= "9":
                longer = number * 10 + int(template[i])
                if longer > groups:
                    break
                number = longer
                i += 1
            out.append(match.group(number) or "")
        else:
            out.append(char)
            i += 1
    return "".join(out)


_LITERAL_PATTERN: Final = re.compile(r"(?:[^.$|()\[\]{}^?*+\\]|\\[^a-zA-Z0-9])+")
_ESCAPED: Final = re.compile(r"\\(.)", re.S)


@lru_cache(maxsize=256)
def _literal_pattern(pattern: str) -> str:
    """The text a Java regex matches when it is only plain characters and backslash-escaped
    punctuation (``a-b``, ``\\'``), else ''."""
    if not _LITERAL_PATTERN.fullmatch(pattern):
        return ""
    return _ESCAPED.sub(r"\1", pattern)


def replace_all(text: str, pattern: str, replacement: str, *, count: int = 0) -> str:
    """``String.replaceAll`` (``count=1``: ``replaceFirst``)."""
    if "$" not in replacement and "\\" not in replacement:
        literal = _literal_pattern(pattern)
        if literal:
            # A pattern of plain and escaped characters matches one literal text, leftmost and
            # without overlaps, exactly as str.replace does; skip the regex engine.
            return text.replace(literal, replacement, count or -1)
    compiled = compile_java(pattern)
    if "$" not in replacement and "\\" not in replacement:
        return compiled.sub(lambda _m: replacement, text, count=count, timeout=REGEX_TIMEOUT)
    return compiled.sub(
        lambda m: _replacement(replacement, m), text, count=count, timeout=REGEX_TIMEOUT
    )


def matches(text: str, pattern: str) -> bool:
    """``String.matches``: the whole string must match."""
    return compile_java(pattern).fullmatch(text, timeout=REGEX_TIMEOUT) is not None


_REGEX_META: Final = frozenset(".$|()[{^?*+\\")

#: Seconds one regex operation may run before it fails with TimeoutError (the compiler turns
#: that into LimitExceeded). Real patterns take microseconds; only backtracking blows up.
REGEX_TIMEOUT: Final = 1.0


def _literal_separator(pattern: str) -> str | None:
    """The separator when ``split`` would take Java's non-regex fast path."""
    if len(pattern) == 1 and pattern not in _REGEX_META:
        return pattern
    if (len(pattern) == 2 and pattern[0] == "\\" and not pattern[1].isascii()) or (
        len(pattern) == 2 and pattern[0] == "\\" and not pattern[1].isalnum()
    ):
        return pattern[1]
    return None


def split(text: str, pattern: str, limit: int = 0) -> list[str]:
    """``String.split(regex, limit)``."""
    separator = _literal_separator(pattern)
    pieces: list[str] = []
    index = 0
    if separator is not None:
        if separator not in text:
            return [text]
        pieces = text.split(separator, limit - 1) if limit > 0 else text.split(separator)
    else:
        for match in compile_java(pattern).finditer(text, timeout=REGEX_TIMEOUT):
            if limit > 0 and len(pieces) >= limit - 1:
                break
            if match.end() == 0:  # a zero-width match at 0 never yields a leading ""
                continue
            pieces.append(text[index : match.start()])
            index = match.end()
        if index == 0 and not pieces:
            return [text]
        pieces.append(text[index:])
    if limit == 0:
        while pieces and pieces[-1] == "":
            pieces.pop()
    return pieces
