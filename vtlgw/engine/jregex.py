"""Java ``java.util.regex`` on top of Python's ``re``: pattern translation and String helpers.

Java and Python regexes mostly agree; where they differ the pattern is rewritten before
compiling: ``\\w \\d \\s`` (and ``\\b``'s siblings) are ASCII-only in Java unless ``(?U)``; ``.``
stops at every Java line terminator; ``\\Z``/``\\z``, ``\\h \\v \\R``, ``\\Q...\\E``, ``\\x{...}``,
``\\0oct``, ``\\cX``, ``\\p{Alpha}``-style POSIX classes, Unicode categories (``\\p{L}``), nested
classes and ``&&`` intersections, ``(?<name>...)`` groups and inline flags in mid-pattern (scoped
to the rest of their group). Possessive quantifiers and atomic groups pass through (Python 3.11
has them). Anything that cannot be translated raises a
``java.util.regex.PatternSyntaxException`` :class:`JavaException`.

Replacement strings follow ``Matcher.appendReplacement``: ``$n`` (greedy while the group
exists), ``${name}``, ``\\x`` escapes, with Java's exceptions. ``split`` follows
``String.split`` (limit, dropped trailing empties, no leading empty string for a zero-width
match at 0, single-character fast path).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from types import MappingProxyType
from typing import Final

from vtlgw.engine.jexception import JavaException

_SYNTAX: Final = "java.util.regex.PatternSyntaxException"
_TERMINATORS: Final = "\\n\\r\\x85\\u2028\\u2029"
_ASCII_SETS: Final = MappingProxyType({"w": "a-zA-Z0-9_", "d": "0-9", "s": " \\t\\n\\x0b\\f\\r"})
_SPECIAL_SETS: Final = MappingProxyType(
    {
        "h": " \\t\\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000",
        "v": "\\n\\x0b\\f\\r\\x85\\u2028\\u2029",
    }
)
_POSIX: Final = MappingProxyType(
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
    }
)
_CATEGORY_GROUPS: Final = frozenset("LMNPSZC")
_PROPERTIES: Final = MappingProxyType(
    {
        "Alphabetic": ("L", "Nl"),
        "Letter": ("L",),
        "Digit": ("Nd",),
        "Uppercase": ("Lu",),
        "Lowercase": ("Ll",),
        "Punctuation": ("P",),
        "Control": ("Cc",),
        "White_Space": ("Zs", "Zl", "Zp", "\t\n\x0b\f\r\x85"),
        "WhiteSpace": ("Zs", "Zl", "Zp", "\t\n\x0b\f\r\x85"),
        "javaLowerCase": ("Ll",),
        "javaUpperCase": ("Lu",),
        "javaLetter": ("L",),
        "javaDigit": ("Nd",),
        "javaLetterOrDigit": ("L", "Nd"),
        "javaAlphabetic": ("L", "Nl"),
        "javaWhitespace": ("Zs", "Zl", "Zp", "\t\n\x0b\f\r\x1c-\x1f", "-\xa0\u2007\u202f"),
    }
)


def _syntax(message: str, pattern: str, index: int) -> JavaException:
    return JavaException(_SYNTAX, f"{message} near index {index}\n{pattern}")


def _class_char(code: int) -> str:
    """One code point, escaped for use inside a Python character class."""
    char = chr(code)
    if char.isalnum() and code < 128:
        return char
    return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"


@lru_cache(maxsize=64)
def _category_set(spec: tuple[str, ...]) -> str:
    """Python class content for code points whose general category starts with one given.

    Entries longer than two characters are extra class content to add; one starting with
    ``-`` lists characters to leave out.
    """
    categories = tuple(item for item in spec if len(item) <= 2)
    extra = "".join(item for item in spec if len(item) > 2 and not item.startswith("-"))
    excluded = "".join(item[1:] for item in spec if item.startswith("-"))
    ranges: list[str] = []
    start = -1
    for code in range(sys.maxunicode + 2):
        inside = (
            code <= sys.maxunicode
            and unicodedata.category(chr(code)).startswith(categories)
            and chr(code) not in excluded
        )
        if inside and start < 0:
            start = code
        elif not inside and start >= 0:
            end = code - 1
            ranges.append(
                _class_char(start) if start == end else f"{_class_char(start)}-{_class_char(end)}"
            )
            start = -1
    return "".join(ranges) + extra


def _property_set(name: str, pattern: str, index: int) -> str:
    """Class content for ``\\p{name}``."""
    if name in _POSIX:
        return _POSIX[name]
    bare = name[2:] if name.startswith("Is") else name
    for prefix in ("gc=", "general_category="):
        if bare.startswith(prefix):
            bare = bare[len(prefix) :]
    if bare in _PROPERTIES:
        return _category_set(_PROPERTIES[bare])
    if len(bare) in (1, 2) and bare[0] in _CATEGORY_GROUPS:
        if len(bare) == 2 and bare not in _KNOWN_CATEGORIES:
            raise _syntax("Unknown character property name {" + name + "}", pattern, index)
        return _category_set((bare,))
    raise _syntax("Unknown character property name {" + name + "}", pattern, index)


_KNOWN_CATEGORIES: Final = frozenset(
    [
        "Lu",
        "Ll",
        "Lt",
        "Lm",
        "Lo",
        "Mn",
        "Mc",
        "Me",
        "Nd",
        "Nl",
        "No",
        "Pc",
        "Pd",
        "Ps",
        "Pe",
        "Pi",
        "Pf",
        "Po",
        "Sm",
        "Sc",
        "Sk",
        "So",
        "Zs",
        "Zl",
        "Zp",
        "Cc",
        "Cf",
        "Cs",
        "Co",
        "Cn",
    ]
)


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
        return _syntax(message, self.p, self.i)

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
            raise _syntax("Unclosed group", p, len(p))
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
                return "".join(_class_char(ord(c)) for c in literal)
            return re.escape(literal)
        if char in "wdsWDS" and not self.unicode_classes:
            content = _ASCII_SETS[char.lower()]
            if in_class:
                return f"\x00NEG{content}\x00" if char.isupper() else content
            return f"[^{content}]" if char.isupper() else f"[{content}]"
        if char in "wdsWDS":
            return f"\\{char}"
        if char in "hvHV":
            content = _SPECIAL_SETS[char.lower()]
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
            return _class_char(code)
        if char == "0":
            digits = re.match(r"[0-3]?[0-7]{1,2}", p[self.i :])
            if digits is None:
                raise self.error("Illegal octal escape sequence")
            self.i += digits.end()
            return _class_char(int(digits.group(), 8))
        if char == "c":
            if self.i >= len(p):
                raise self.error("Illegal control escape sequence")
            self.i += 1
            return _class_char(ord(p[self.i - 1]) ^ 64)
        if char == "e":
            return "\\x1b"
        if in_class:
            if char in "tnrfa" or char in "xu":
                return f"\\{char}"
            if char.isalnum():
                raise self.error("Illegal/unsupported escape sequence")
            return _class_char(ord(char))
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
        content = _property_set(name, p, self.i)
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
                raise _syntax("Unclosed character class", p, len(p) - 1)
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
                    simple.append(_class_char(ord(char)) + "\\-")
                    self.i += 1
                    continue
                self.i += 2
                if upper == "\\":
                    self.i -= 1
                    upper_piece = self.escape(in_class=True)
                else:
                    upper_piece = _class_char(ord(upper))
                if ord(upper) < ord(char) and upper != "\\":
                    raise self.error("Illegal character range")
                simple.append(f"{_class_char(ord(char))}-{upper_piece}")
                continue
            simple.append(_class_char(ord(char)))
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


@lru_cache(maxsize=256)
def compile_java(pattern: str) -> re.Pattern[str]:
    """Compile a Java regex (cached); bad patterns raise PatternSyntaxException."""
    try:
        return re.compile(_Translator(pattern).translate())
    except re.error as error:
        raise _syntax(str(error.msg), pattern, error.pos or 0) from None
    except (ValueError, OverflowError) as error:
        raise _syntax(str(error), pattern, 0) from None


def _replacement(template: str, match: re.Match[str]) -> str:
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


def replace_all(text: str, pattern: str, replacement: str, *, count: int = 0) -> str:
    """``String.replaceAll`` (``count=1``: ``replaceFirst``)."""
    compiled = compile_java(pattern)
    if "$" not in replacement and "\\" not in replacement:
        return compiled.sub(lambda _m: replacement, text, count=count)
    return compiled.sub(lambda m: _replacement(replacement, m), text, count=count)


def matches(text: str, pattern: str) -> bool:
    """``String.matches``: the whole string must match."""
    return compile_java(pattern).fullmatch(text) is not None


_REGEX_META: Final = frozenset(".$|()[{^?*+\\")


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
        for match in compile_java(pattern).finditer(text):
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
