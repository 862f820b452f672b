"""Character-class content for Java regex escapes, as Python ``re`` class syntax.

Java's ``\\w \\d \\s`` are ASCII-only by default, ``\\h``/``\\v`` are Java's horizontal and
vertical whitespace, ``\\p{Alpha}``-style names are the US-ASCII POSIX classes, and Unicode
general categories (``\\p{L}``, ``\\p{IsLu}``) and a few binary properties
(``\\p{IsAlphabetic}``, ``\\p{javaLowerCase}``) are built from :mod:`unicodedata` once and
cached. Unicode blocks (``\\p{InGreek}``) and scripts (``\\p{IsLatin}``) are not supported.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import lru_cache
from types import MappingProxyType
from typing import Final

from vtlgw.engine.jexception import JavaException

SYNTAX: Final = "java.util.regex.PatternSyntaxException"
ASCII_SETS: Final = MappingProxyType({"w": "a-zA-Z0-9_", "d": "0-9", "s": " \\t\\n\\x0b\\f\\r"})
SPECIAL_SETS: Final = MappingProxyType(
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


# fmt: off
_KNOWN_CATEGORIES: Final = frozenset(
    {
        "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl",
        "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc",
        "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn",
    }
)
# fmt: on


def syntax_error(message: str, pattern: str, index: int) -> JavaException:
    """A ``PatternSyntaxException`` with Java's message layout."""
    return JavaException(SYNTAX, f"{message} near index {index}\n{pattern}")


def class_char(code: int) -> str:
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
                class_char(start) if start == end else f"{class_char(start)}-{class_char(end)}"
            )
            start = -1
    return "".join(ranges) + extra


def property_set(name: str, pattern: str, index: int) -> str:
    """Python class content for ``\\p{name}``."""
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
            raise syntax_error("Unknown character property name {" + name + "}", pattern, index)
        return _category_set((bare,))
    raise syntax_error("Unknown character property name {" + name + "}", pattern, index)
