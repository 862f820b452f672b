"""The ``java.lang.String`` methods templates call, with Java's indexing and exceptions.

Java strings are UTF-16: ``length``, ``charAt``, ``substring`` and ``indexOf`` count code units,
so a string holding characters beyond U+FFFF is converted to code units (surrogates) first;
the common all-BMP case costs one regex scan. Each entry of :data:`STRING_METHODS` takes the
string and the argument tuple and returns the result, MISSING when no overload applies, or
raises :class:`~vtlgw.engine.jexception.JavaException` as Java would.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Any, Final

from vtlgw.engine import jregex
from vtlgw.engine.jargs import class_cast, is_char, is_int, is_string, npe
from vtlgw.engine.jexception import JavaException
from vtlgw.engine.jobjects import ByteArray, CharArray, JavaChar, StringArray
from vtlgw.engine.jutf16 import compare_units, from_units, is_latin1, units
from vtlgw.engine.values import MISSING


def _sioobe(message: str) -> JavaException:
    return JavaException("java.lang.StringIndexOutOfBoundsException", message)


def _substring(s: str, args: tuple[Any, ...]) -> Any:
    if not all(map(is_int, args)) or not 1 <= len(args) <= 2:
        return MISSING
    u = units(s)
    begin = args[0]
    end = args[1] if len(args) == 2 else len(u)
    if begin < 0 or end > len(u) or begin > end:
        raise _sioobe(f"begin {begin}, end {end}, length {len(u)}")
    return from_units(u[begin:end])


def _char_at(s: str, args: tuple[Any, ...]) -> Any:
    if len(args) != 1 or not is_int(args[0]):
        return MISSING
    u = units(s)
    if not 0 <= args[0] < len(u):
        # JDK 17 words it by the string's internal coder (Latin-1 or UTF-16).
        if is_latin1(u):
            raise _sioobe(f"String index out of range: {args[0]}")
        raise _sioobe(f"index {args[0]}, length {len(u)}")
    return JavaChar(u[args[0]])


def _needle(value: Any) -> str | None:
    if type(value) is str:
        return units(value)
    if is_int(value):
        code = value
        return units(chr(code)) if 0 <= code <= 0x10FFFF else "\U0010ffff\x00"
    return None


# JDK 17's NPE for a null needle: indexOf(String) reads str.coder(), the rest tgtStr.value
_NULL_TARGET: Final = 'Cannot read field "value" because "tgtStr" is null'
_NULL_STR: Final = 'Cannot invoke "String.coder()" because "str" is null'


def _search(s: str, args: tuple[Any, ...], alone: str = _NULL_TARGET) -> tuple[str, str] | None:
    """The UTF-16 units of ``s`` and of the needle for ``indexOf``/``lastIndexOf``, or None
    when no overload applies (a null needle throws as Java's does; ``alone``: its message)."""
    if not 1 <= len(args) <= 2 or (len(args) == 2 and not is_int(args[1])):
        return None
    needle = _needle(args[0])
    if needle is None:
        if args[0] is None:
            raise npe(alone if len(args) == 1 else _NULL_TARGET)
        return None
    return units(s), needle


def _index_of(s: str, args: tuple[Any, ...]) -> Any:
    found = _search(s, args, _NULL_STR)
    if found is None:
        return MISSING
    u, needle = found
    start = min(max(args[1], 0), len(u)) if len(args) == 2 else 0
    return u.find(needle, start)


def _last_index_of(s: str, args: tuple[Any, ...]) -> Any:
    found = _search(s, args)
    if found is None:
        return MISSING
    u, needle = found
    if len(args) == 1:
        return u.rfind(needle)
    if args[1] < 0:
        return -1
    return u.rfind(needle, 0, min(args[1], len(u)) + len(needle))


def _string_args(count: int, detail: str) -> Callable[..., Any]:
    """Decorator: require ``count`` String arguments, NPE with ``detail`` on null."""

    def wrap(method: Callable[..., Any]) -> Callable[..., Any]:
        def checked(s: str, args: tuple[Any, ...]) -> Any:
            if len(args) != count or not all(map(is_string, args)):
                return MISSING
            if None in args:
                raise npe(detail)
            return method(s, *args)

        return checked

    return wrap


@_string_args(1, 'Cannot invoke "java.lang.CharSequence.toString()" because "s" is null')
def _contains(s: str, other: str) -> bool:
    return other in s


def _starts_with(s: str, args: tuple[Any, ...]) -> Any:
    if not 1 <= len(args) <= 2 or not is_string(args[0]):
        return MISSING
    if len(args) == 2 and not is_int(args[1]):
        return MISSING
    if args[0] is None:
        raise npe('Cannot invoke "String.length()" because "prefix" is null')
    if len(args) == 1:
        return s.startswith(args[0])
    u = units(s)
    return 0 <= args[1] <= len(u) and u.startswith(units(args[0]), args[1])


@_string_args(1, 'Cannot invoke "String.length()" because "suffix" is null')
def _ends_with(s: str, other: str) -> bool:
    return s.endswith(other)


@_string_args(1, 'Cannot invoke "String.isEmpty()" because "str" is null')
def _concat(s: str, other: str) -> str:
    return s + other


def _replace(s: str, args: tuple[Any, ...]) -> Any:
    if len(args) != 2:
        return MISSING
    if is_char(args[0]) and is_char(args[1]):
        return s.replace(args[0].char, args[1].char)
    if not all(map(is_string, args)):
        return MISSING
    if args[0] is None:
        raise npe('Cannot invoke "java.lang.CharSequence.toString()" because "target" is null')
    if args[1] is None:
        raise npe('Cannot invoke "java.lang.CharSequence.toString()" because "replacement" is null')
    if not args[0]:  # an empty target inserts between UTF-16 units, surrogates included
        return from_units(units(s).replace("", args[1]))
    return s.replace(args[0], args[1])


def _regex_args(args: tuple[Any, ...], count: int) -> bool:
    if len(args) != count or not all(map(is_string, args)):
        return False
    if args[0] is None:
        raise npe('Cannot invoke "String.isEmpty()" because "this.pattern" is null')
    return True


def _replace_all(s: str, args: tuple[Any, ...]) -> Any:
    if not _regex_args(args, 2):
        return MISSING
    if args[1] is None:  # Matcher.replaceAll reads the replacement at the first match only
        if jregex.compile_java(args[0]).search(s, timeout=jregex.REGEX_TIMEOUT) is None:
            return s
        raise npe('Cannot invoke "String.length()" because "replacement" is null')
    return jregex.replace_all(s, *args)


def _replace_first(s: str, args: tuple[Any, ...]) -> Any:
    if not _regex_args(args, 2):
        return MISSING
    if args[1] is None:  # the pattern compiles first, then Matcher.replaceFirst checks
        jregex.compile_java(args[0])
        raise npe("replacement")
    return jregex.replace_all(s, *args, count=1)


def _matches(s: str, args: tuple[Any, ...]) -> Any:
    return jregex.matches(s, args[0]) if _regex_args(args, 1) else MISSING


def _split(s: str, args: tuple[Any, ...]) -> Any:
    if len(args) == 2 and is_string(args[0]) and is_int(args[1]):
        regex, limit = args
    elif len(args) == 1 and is_string(args[0]):
        regex, limit = args[0], 0
    else:
        return MISSING
    if regex is None:
        raise npe('Cannot invoke "String.length()" because "regex" is null')
    return StringArray(jregex.split(s, regex, limit))


def _compare_to(s: str, args: tuple[Any, ...]) -> Any:
    if len(args) != 1:
        return MISSING
    other = args[0]
    if other is None:
        raise npe('Cannot read field "value" because "anotherString" is null')
    if type(other) is not str:
        from vtlgw.engine.javatypes import class_name

        raise class_cast(class_name(other), "java.lang.String")
    return compare_units(units(s), units(other))


def _equals_ignore_case(s: str, args: tuple[Any, ...]) -> Any:
    if len(args) != 1:
        return MISSING
    other = args[0]
    if type(other) is not str:
        return False if is_string(other) else MISSING
    a, b = units(s), units(other)
    return len(a) == len(b) and all(
        x == y or x.upper() == y.upper() or _lower(x) == _lower(y)
        for x, y in zip(a, b, strict=False)
    )


def _lower(char: str) -> str:
    """``Character.toLowerCase``: U+0130 is ``i`` (Python's full mapping adds a dot)."""
    return "i" if char == "\u0130" else char.lower()


def _compare_ignore_case(s: str, args: tuple[Any, ...]) -> Any:
    if len(args) != 1 or not is_string(args[0]):
        return MISSING
    if args[0] is None:
        raise npe('Cannot read field "value" because "s2" is null')
    # JDK 17 compares code points when both strings are UTF-16 coded, else UTF-16 units.
    by_code_point = not is_latin1(s) and not is_latin1(args[0])
    left, right = (s, args[0]) if by_code_point else (units(s), units(args[0]))
    for x, y in zip(left, right, strict=False):
        if x != y:
            x, y = x.upper(), y.upper()
            if x != y:
                x, y = x.lower(), y.lower()
                if x != y:
                    return ord(x[0]) - ord(y[0])
    return len(units(s)) - len(units(args[0]))


def _code_point_at(s: str, args: tuple[Any, ...]) -> Any:
    if len(args) != 1 or not is_int(args[0]):
        return MISSING
    u = units(s)
    index = args[0]
    if not 0 <= index < len(u):
        raise _sioobe(f"index {index}, length {len(u)}")
    high = ord(u[index])
    if 0xD800 <= high < 0xDC00 and index + 1 < len(u) and 0xDC00 <= ord(u[index + 1]) < 0xE000:
        return 0x10000 + ((high - 0xD800) << 10) + (ord(u[index + 1]) - 0xDC00)
    return high


def _repeat(s: str, args: tuple[Any, ...]) -> Any:
    if len(args) != 1 or not is_int(args[0]):
        return MISSING
    if args[0] < 0:
        raise JavaException("java.lang.IllegalArgumentException", f"count is negative: {args[0]}")
    if len(s) * args[0] > _MAX_REPEAT:
        raise JavaException("java.lang.OutOfMemoryError", "Repeating a string too many times")
    return s * args[0]


_MAX_REPEAT: Final = 1 << 24
_CHARSETS: Final = MappingProxyType(
    {
        "UTF-8": "utf-8",
        "UTF8": "utf-8",
        "UTF-16": "utf-16-be",
        "UTF-16BE": "utf-16-be",
        "UTF-16LE": "utf-16-le",
        "ISO-8859-1": "latin-1",
        "US-ASCII": "ascii",
        "ASCII": "ascii",
    }
)


def _get_bytes(s: str, args: tuple[Any, ...]) -> Any:
    if len(args) > 1 or (args and type(args[0]) is not str):
        return MISSING
    charset = args[0].upper() if args else "UTF-8"
    codec = _CHARSETS.get(charset)
    if codec is None:
        raise JavaException("java.io.UnsupportedEncodingException", args[0])
    data = s.encode(codec, "replace") if codec != "utf-8" else s.encode("utf-8", "surrogatepass")
    if charset == "UTF-16":
        data = b"\xfe\xff" + data
    return ByteArray([byte - 256 if byte > 127 else byte for byte in data])


def _value_of(s: str, args: tuple[Any, ...]) -> Any:
    from vtlgw.engine.javatypes import to_string

    if len(args) != 1:
        return MISSING
    if type(args[0]) is CharArray:
        return "".join(c.char for c in args[0].items)
    text = to_string(args[0])
    return "null" if text is None else text


def _join(s: str, args: tuple[Any, ...]) -> Any:
    from vtlgw.engine.jcollections import elements

    if len(args) == 1 and type(args[0]) is str:  # join(delimiter) with no elements
        return ""
    if len(args) < 2 or not is_string(args[0]):
        return MISSING
    items = elements(args[1]) if len(args) == 2 else None
    if items is None:  # join(CharSequence, CharSequence...): Velocity packs the varargs
        if not all(map(is_string, args[1:])):
            return MISSING
        items = list(args[1:])
    if args[0] is None:
        raise npe()
    parts = []
    for item in items:
        if item is None:
            parts.append("null")
        elif type(item) is str:
            parts.append(item)
        else:
            from vtlgw.engine.javatypes import class_name

            raise class_cast(class_name(item), "java.lang.CharSequence")
    return args[0].join(parts)


def _format(s: str, args: tuple[Any, ...]) -> Any:
    from vtlgw.engine.jformat import java_format

    if not args or not is_string(args[0]):
        return MISSING
    if args[0] is None:
        if len(args) >= 2 and type(args[1]) is str:  # Velocity picks format(Locale, ...)
            return java_format(args[1], args[2:])
        raise npe()
    return java_format(args[0], args[1:])


def _no_args(method: Callable[[str], Any]) -> Callable[..., Any]:
    def call(s: str, args: tuple[Any, ...]) -> Any:
        return method(s) if not args else MISSING

    return call


def _java_trim(s: str) -> str:
    return s.strip(_TRIMMED)


_TRIMMED: Final = "".join(map(chr, range(33)))
# Character.isWhitespace: space separators except the no-break ones, line/paragraph
# separators, and the ASCII controls TAB..CR and FS..US.
_JAVA_WHITESPACE: Final = (
    " \t\n\x0b\f\r\x1c\x1d\x1e\x1f\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2008\u2009\u200a\u2028\u2029\u205f\u3000"
)


def _java_strip(s: str) -> str:
    return s.strip(_JAVA_WHITESPACE)


def _equals(s: str, args: tuple[Any, ...]) -> Any:
    return (type(args[0]) is str and args[0] == s) if len(args) == 1 else MISSING


def _hash(s: str) -> int:
    from vtlgw.engine.javatypes import java_hash

    return java_hash(s)


STRING_METHODS: Final[MappingProxyType[str, Callable[..., Any]]] = MappingProxyType(
    {
        "length": _no_args(lambda s: len(units(s))),
        "isEmpty": _no_args(lambda s: s == ""),
        "isBlank": _no_args(lambda s: _java_strip(s) == ""),
        "toUpperCase": _no_args(str.upper),
        "toLowerCase": _no_args(str.lower),
        "trim": _no_args(_java_trim),
        "strip": _no_args(_java_strip),
        "toString": _no_args(lambda s: s),
        "hashCode": _no_args(_hash),
        "substring": _substring,
        "charAt": _char_at,
        "indexOf": _index_of,
        "lastIndexOf": _last_index_of,
        "contains": _contains,
        "startsWith": _starts_with,
        "endsWith": _ends_with,
        "concat": _concat,
        "replace": _replace,
        "replaceAll": _replace_all,
        "replaceFirst": _replace_first,
        "matches": _matches,
        "split": _split,
        "equals": _equals,
        "equalsIgnoreCase": _equals_ignore_case,
        "compareTo": _compare_to,
        "compareToIgnoreCase": _compare_ignore_case,
        "contentEquals": _equals,
        "codePointAt": _code_point_at,
        "repeat": _repeat,
        "intern": _no_args(lambda s: s),
        "toCharArray": _no_args(lambda s: CharArray([JavaChar(c) for c in units(s)])),
        "getBytes": _get_bytes,
        "valueOf": _value_of,
        "join": _join,
        "format": _format,
    }
)
