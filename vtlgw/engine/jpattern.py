"""Translate Java ``java.util.regex`` patterns to Python ``re`` patterns, and compile them.

Where Java and Python differ the pattern is rewritten: ``.`` stops at every Java line
terminator (not just ``\\n``); ``^``/``$`` know ``\\r\\n`` and the Unicode terminators;
``\\Z``/``\\z``, ``\\h \\v \\R``, ``\\Q...\\E``, ``\\x{...}``, ``\\0oct``, ``\\cX`` and
``\\k<name>`` get Python spellings; nested classes and ``&&`` intersections become lookaheads;
``(?<name>...)`` becomes ``(?P<name>...)``; inline flags in mid-pattern scope to the rest of
their group (Python only allows global flags at the start); ``{`` that is not a valid
repetition is an error, as in Java. Possessive quantifiers and atomic groups pass through
(Python 3.11 has them). ``\\G`` is not supported. Failures raise a
``java.util.regex.PatternSyntaxException`` :class:`~vtlgw.engine.jexception.JavaException`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

import regex

from vtlgw.engine.jcharclass import (
    ASCII_SETS,
    SPECIAL_SETS,
    class_char,
    property_set,
    syntax_error,
)
from vtlgw.engine.jexception import JavaException, JavaLimit

_TERMINATORS: Final = "\\n\\r\\x85\\u2028\\u2029"


class _Translator:
    """One pass over a Java pattern, emitting the equivalent Python pattern."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0
        self.unicode_classes = (
            "(?U)" in pattern or re.search(r"\(\?[a-zA-Z-]*U", pattern) is not None
        )
        self.flags: list[frozenset[str]] = [frozenset()]  # active s/m/d flags per group
        self.extra_closers = [0]

    def error(self, message: str) -> JavaException:
        return syntax_error(message, self.p, self.i)

    def translate(self) -> str:
        out: list[str] = []
        p = self.p
        while self.i < len(p):
            char = p[self.i]
            if char == "\\":
                out.append(self.escape(in_class=False))
            elif char == "[":
                out.append(self.char_class())
            elif char == "(":
                out.append(self.group_open())
            elif char == ")":
                if len(self.extra_closers) == 1:
                    raise self.error("Unmatched closing ')'")
                out.append(")" * self.extra_closers.pop() + ")")
                self.flags.pop()
                self.i += 1
            elif char == ".":
                out.append(self.dot())
                self.i += 1
            elif char in "^$":
                out.append(self.anchor(char))
                self.i += 1
            elif char == "{":
                out.append(self.repetition())
            else:
                out.append(char)
                self.i += 1
        if len(self.extra_closers) > 1:
            raise syntax_error("Unclosed group", p, len(p))
        out.append(")" * self.extra_closers[0])
        return "".join(out)

    def dot(self) -> str:
        active = self.flags[-1]
        if "s" in active:
            return "(?s:.)"
        return "[^\\n]" if "d" in active else f"[^{_TERMINATORS}]"

    def anchor(self, char: str) -> str:
        """Java's ``^``/``$``: every line terminator counts, ``\\r\\n`` is one."""
        active = self.flags[-1]
        if "d" in active:
            return char if "m" not in active else ("(?m:^)" if char == "^" else "(?m:$)")
        if char == "^":
            if "m" not in active:
                return "\\A"
            return "(?:\\A|(?<=[\\n\\x85\\u2028\\u2029])(?!\\Z)|(?<=\\r)(?!\\n)(?!\\Z))"
        if "m" not in active:
            return "(?=(?:\\r\\n|[\\n\\r\\x85\\u2028\\u2029])?\\Z)"
        return "(?:(?=[\\r\\x85\\u2028\\u2029])|(?<!\\r)(?=\\n)|\\Z)"

    def repetition(self) -> str:
        """``{n}``, ``{n,}``, ``{n,m}``; anything else is Java's "Illegal repetition"."""
        match = re.match(r"\{\d+(?:,\d*)?\}", self.p[self.i :])
        if match is None:
            raise self.error("Illegal repetition")
        self.i += match.end()
        return match.group()

    def group_open(self) -> str:
        p = self.p
        rest = p[self.i :]
        flags = re.match(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])", rest)
        self.flags.append(self.flags[-1])
        self.extra_closers.append(0)
        if rest.startswith("(?<") and not rest.startswith(("(?<=", "(?<!")):
            name = re.match(r"\(\?<([a-zA-Z][a-zA-Z0-9]*)>", rest)
            if name is None:
                raise self.error("named capturing group is missing trailing '>'")
            self.i += name.end()
            return f"(?P<{name.group(1)}>"
        if flags is None:
            self.i += 1
            if rest.startswith("(?") and not rest.startswith(("(?:", "(?=", "(?!", "(?<", "(?>")):
                raise self.error("Unknown inline modifier")
            return "("
        on, off, end = flags.group(1), flags.group(2) or "", flags.group(3)
        self.i += flags.end()
        if set(on + off) - set("idmsuxU"):
            raise self.error("Unknown inline modifier")
        mine = (self.flags[-1] | (set(on) & set("smd"))) - set(off)
        keep_on = "".join(f for f in on if f in "ix")
        keep_off = "".join(f for f in off if f in "ix")
        spec = keep_on + (f"-{keep_off}" if keep_off else "")
        if end == ")":
            # Java: the flags hold to the end of the enclosing group.
            self.flags.pop()
            self.extra_closers.pop()
            self.flags[-1] = frozenset(mine)
            if not spec:
                return ""
            self.extra_closers[-1] += 1
            return f"(?{spec}:"
        self.flags[-1] = frozenset(mine)
        return f"(?{spec}:" if spec else "(?:"

    def escape(self, *, in_class: bool) -> str:
        """Translate the escape at ``self.i`` (a backslash)."""
        p = self.p
        if self.i + 1 >= len(p):
            raise self.error("Unexpected internal error")
        char = p[self.i + 1]
        self.i += 2
        if char == "Q":
            end = p.find("\\E", self.i)
            literal = p[self.i :] if end < 0 else p[self.i : end]
            self.i = len(p) if end < 0 else end + 2
            if in_class:
                return "".join(class_char(ord(c)) for c in literal)
            return re.escape(literal)
        if char in "wdsWDS" and not self.unicode_classes:
            content = ASCII_SETS[char.lower()]
            if in_class:
                return f"\x00NEG{content}\x00" if char.isupper() else content
            return f"[^{content}]" if char.isupper() else f"[{content}]"
        if char in "wdsWDS":
            return f"\\{char}"
        if char in "hvHV":
            content = SPECIAL_SETS[char.lower()]
            if in_class:
                return f"\x00NEG{content}\x00" if char.isupper() else content
            return f"[^{content}]" if char.isupper() else f"[{content}]"
        if char in "pP":
            return self.property_escape(char == "P", in_class=in_class)
        if char == "x" and self.i < len(p) and p[self.i] == "{":
            end = p.find("}", self.i)
            if end < 0:
                raise self.error("Unclosed hexadecimal escape sequence")
            code = int(p[self.i + 1 : end], 16)
            self.i = end + 1
            return class_char(code)
        if char == "0":
            digits = re.match(r"[0-3]?[0-7]{1,2}", p[self.i :])
            if digits is None:
                raise self.error("Illegal octal escape sequence")
            self.i += digits.end()
            return class_char(int(digits.group(), 8))
        if char == "c":
            if self.i >= len(p):
                raise self.error("Illegal control escape sequence")
            self.i += 1
            return class_char(ord(p[self.i - 1]) ^ 64)
        if char == "e":
            return "\\x1b"
        if in_class:
            if char in "tnrfa" or char in "xu":
                return f"\\{char}"
            if char.isalnum():
                raise self.error("Illegal/unsupported escape sequence")
            return class_char(ord(char))
        if char == "R":
            return "(?:\\r\\n|[\\n\\x0b\\f\\r\\x85\\u2028\\u2029])"
        if char == "Z":
            return "(?=(?:\\r\\n|[\\n\\r\\x85\\u2028\\u2029])?\\Z)"
        if char == "z":
            return "\\Z"
        if char == "k":
            name = re.match(r"<([a-zA-Z][a-zA-Z0-9]*)>", p[self.i :])
            if name is None:
                raise self.error("\\k is not followed by '<' for named capturing group")
            self.i += name.end()
            return f"(?P={name.group(1)})"
        if char in "AbBtnrfaxu" or char.isdigit():
            return f"\\{char}"
        if char.isalpha():
            raise self.error("Illegal/unsupported escape sequence")
        return re.escape(char)

    def property_escape(self, negated: bool, *, in_class: bool) -> str:
        p = self.p
        if self.i < len(p) and p[self.i] == "{":
            end = p.find("}", self.i)
            if end < 0:
                raise self.error("Unclosed character family")
            name = p[self.i + 1 : end]
            self.i = end + 1
        elif self.i < len(p):
            name = p[self.i]
            self.i += 1
        else:
            raise self.error("Illegal character family")
        content = property_set(name, p, self.i)
        if in_class and not negated:
            return content
        if in_class:
            return f"\x00NEG{content}\x00"
        return f"[^{content}]" if negated else f"[{content}]"

    def char_class(self) -> str:
        """Translate ``[...]`` (with nesting and ``&&``) into a one-character Python fragment."""
        p = self.p
        self.i += 1
        negated = self.i < len(p) and p[self.i] == "^"
        if negated:
            self.i += 1
        simple: list[str] = []
        nested: list[str] = []
        first = True
        while True:
            if self.i >= len(p):
                raise syntax_error("Unclosed character class", p, len(p) - 1)
            char = p[self.i]
            if char == "]" and not first:
                self.i += 1
                break
            first = False
            if char == "[":
                nested.append(self.char_class())
                continue
            if p.startswith("&&", self.i):
                self.i += 2
                left = _union(simple, nested)
                right = self.rest_of_class()
                body = f"(?:(?={left}){right})" if left else right
                return _negate(body) if negated else body
            if char == "\\":
                piece = self.escape(in_class=True)
                if piece.startswith("\x00NEG"):
                    nested.append(f"[^{piece[4:-1]}]")
                else:
                    simple.append(piece)
                continue
            self.i += 1
            if p.startswith("-", self.i) and self.i + 1 < len(p) and p[self.i + 1] not in "]":
                upper = p[self.i + 1]
                if upper == "[":
                    simple.append(class_char(ord(char)) + "\\-")
                    self.i += 1
                    continue
                self.i += 2
                if upper == "\\":
                    self.i -= 1
                    upper_piece = self.escape(in_class=True)
                else:
                    upper_piece = class_char(ord(upper))
                if ord(upper) < ord(char) and upper != "\\":
                    raise self.error("Illegal character range")
                simple.append(f"{class_char(ord(char))}-{upper_piece}")
                continue
            simple.append(class_char(ord(char)))
        if not nested:
            return f"[{'^' if negated else ''}{''.join(simple)}]" if simple else "(?!)"
        body = _union(simple, nested)
        return _negate(body) if negated else body

    def rest_of_class(self) -> str:
        """The right operand of ``&&``: the remainder of the class up to its ``]``."""
        self.i -= 1
        saved = self.p
        # Parse "[<rest>" as a class of its own by pretending a '[' sits before the rest.
        self.p = saved[: self.i] + "[" + saved[self.i + 1 :]
        try:
            return self.char_class()
        finally:
            self.p = saved


def _union(simple: list[str], nested: list[str]) -> str:
    parts = ([f"[{''.join(simple)}]"] if simple else []) + nested
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _negate(body: str) -> str:
    return f"(?:(?!{body})(?s:.))"


# A bounded repeat such as a{1000000000} would make the regex engine allocate per repetition;
# Java handles it lazily. Counts above this are refused (a located error, not a MemoryError).
MAX_REPEAT: Final = 100_000
_REPEAT_COUNT: Final = re.compile(r"\{\s*(\d{6,})")


@lru_cache(maxsize=256)
def compile_java(pattern: str) -> regex.Pattern[str]:
    """Compile a Java regex (cached); bad patterns raise PatternSyntaxException.

    The translation runs on the ``regex`` package (in its ``re``-compatible VERSION0 mode)
    rather than ``re``: it bounds every match with a timeout, so a template cannot hang a
    render with catastrophic backtracking, and it has Java's possessive quantifiers and
    atomic groups on every Python version.
    """
    for count in _REPEAT_COUNT.findall(pattern):
        if int(count) > MAX_REPEAT:
            raise JavaLimit(
                "java.util.regex.PatternSyntaxException",
                f"repetition count {count} in {pattern!r} is above vtlgw's limit of {MAX_REPEAT}",
            )
    try:
        return regex.compile(_Translator(pattern).translate(), flags=regex.VERSION0)
    except regex.error as error:
        position = getattr(error, "pos", None) or 0
        raise syntax_error(str(getattr(error, "msg", error)), pattern, position) from None
    except (ValueError, OverflowError) as error:
        raise syntax_error(str(error), pattern, 0) from None
