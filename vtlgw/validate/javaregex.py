"""Java ``java.util.regex`` patterns evaluated with Python's ``re``, whole-string.

Selection patterns are Java regular expressions matched against the whole string, as
``String.matches`` does (ref §8.2 (D for Java syntax, I strong for whole-string)). Python's
``re`` agrees on most syntax; the differences that change results are bridged here and checked
against Java 1.7-era behaviour through the Velocity oracle:

* ``.`` does not match any Java line terminator (``\\n``, ``\\r``, U+0085, U+2028, U+2029),
  Python's only skips ``\\n``;
* ``\\w``, ``\\d``, ``\\s``, ``\\b`` and case folding are ASCII-only in Java by default;
* ``\\z`` is Python's ``\\Z``; POSIX classes such as ``\\p{Alpha}`` become character sets.

Patterns Python cannot express raise :class:`InputError` naming the pattern.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from vtlgw.errors import InputError

_NOT_LINE_TERMINATOR = "[^\\n\\r\\x85\\u2028\\u2029]"
_POSIX = MappingProxyType(
    {
        "Lower": "a-z",
        "Upper": "A-Z",
        "ASCII": "\\x00-\\x7f",
        "Alpha": "a-zA-Z",
        "Digit": "0-9",
        "Alnum": "a-zA-Z0-9",
        "Punct": "!-/:-@\\[-`{-~",
        "Graph": "!-~",
        "Print": " -~",
        "Blank": " \\t",
        "Cntrl": "\\x00-\\x1f\\x7f",
        "XDigit": "0-9a-fA-F",
        "Space": " \\t\\n\\x0b\\f\\r",
        "javaLowerCase": "a-z",
        "javaUpperCase": "A-Z",
        "L": "a-zA-Z\\u00c0-\\u024f",
    }
)
_DOTALL_PREFIX = re.compile(r"\(\?[a-zA-Z]*s[a-zA-Z]*\)")


def _posix(pattern: str, index: int, in_class: bool) -> tuple[str, int]:
    negated = pattern[index + 1] == "P"
    if pattern.startswith("{", index + 2):
        end = pattern.find("}", index + 2)
        if end < 0:
            raise InputError(f"unterminated \\p{{...}} in selection pattern {pattern!r}")
        name = pattern[index + 3 : end]
    else:
        end = index + 2
        name = pattern[index + 2 : index + 3]
    name = name[2:] if name.startswith("Is") else name
    members = _POSIX.get(name)
    if members is None:
        raise InputError(f"unsupported class \\p{{{name}}} in selection pattern {pattern!r}")
    if in_class:
        if negated:
            raise InputError(f"negated \\P{{{name}}} inside [...] is unsupported: {pattern!r}")
        return members, end + 1
    return f"[{'^' if negated else ''}{members}]", end + 1


def translate(pattern: str) -> str:
    """Rewrite a Java regex into an equivalent Python ``re`` pattern (used with ``re.ASCII``)."""
    dotall = bool(_DOTALL_PREFIX.match(pattern))
    out: list[str] = []
    index = 0
    depth = 0  # character-class nesting
    while index < len(pattern):
        ch = pattern[index]
        if ch == "\\" and index + 1 < len(pattern):
            code = pattern[index + 1]
            if code in "pP":
                text, index = _posix(pattern, index, depth > 0)
                out.append(text)
                continue
            if code == "Q":
                end = pattern.find("\\E", index + 2)
                literal = pattern[index + 2 : end if end >= 0 else len(pattern)]
                out.append(re.escape(literal))
                index = len(pattern) if end < 0 else end + 2
                continue
            out.append("\\Z" if code == "z" else pattern[index : index + 2])
            index += 2
            continue
        if ch == "[":
            if depth > 0:
                raise InputError(f"nested character classes are unsupported: {pattern!r}")
            depth += 1
            out.append(ch)
            # a ']' right after '[' or '[^' is a literal in Java as in Python
            if pattern.startswith("^", index + 1):
                out.append("^")
                index += 1
            index += 1
            continue
        if ch == "]" and depth > 0:
            depth -= 1
        if ch == "&" and depth > 0 and pattern.startswith("&&", index):
            raise InputError(f"class intersection '&&' is unsupported: {pattern!r}")
        if ch == "." and depth == 0 and not dotall:
            out.append(_NOT_LINE_TERMINATOR)
        else:
            out.append(ch)
        index += 1
    return "".join(out)


def compile_java(pattern: str) -> re.Pattern[str]:
    """Compile a Java regex for whole-string matching; :class:`InputError` if unsupported."""
    try:
        return re.compile(translate(pattern), re.ASCII)
    except re.error as exc:
        raise InputError(f"selection pattern {pattern!r} is not a usable regex: {exc}") from exc


def java_matches(pattern: str, value: str | None) -> bool:
    """``value.matches(pattern)`` as Java evaluates it; ``None`` is tested as ``""``."""
    return compile_java(pattern).fullmatch("" if value is None else value) is not None
