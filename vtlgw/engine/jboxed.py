"""Methods of the boxed primitives: Integer/Long/BigInteger, Double/Float, Boolean, Character.

Besides the instance methods (``intValue``, ``compareTo``...), Velocity lets a template call a
class's static methods through any instance (``$i.parseInt('12')``, ``$s.valueOf(5)``), so
the common static parsers and formatters are here too, with Java's exceptions
(``NumberFormatException: For input string: "x"``). ``compareTo`` against another class
throws the ``ClassCastException`` the bridge method throws.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from types import MappingProxyType
from typing import Any, Final

from vtlgw.engine.jargs import class_cast, is_double, is_int, is_long, is_string
from vtlgw.engine.javatypes import class_name, java_equals, java_hash, to_string
from vtlgw.engine.jexception import JavaException
from vtlgw.engine.jnumbers import INT_MAX, INT_MIN, LONG_MAX, LONG_MIN, to_float32
from vtlgw.engine.jobjects import JavaChar
from vtlgw.engine.values import MISSING

Method = Callable[[Any, tuple[Any, ...]], Any]

_JAVA_DECIMAL: Final = re.compile(
    r"[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)"
)
_JAVA_HEX: Final = re.compile(
    r"[+-]?0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+[fFdD]?"
)
_JAVA_INTEGER: Final = re.compile(r"[+-]?[0-9]+")


def to_double(value: Any) -> float:
    """``doubleValue()``: huge BigIntegers become infinities, as in Java."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def narrow(value: Any, low: int, high: int) -> int:
    """Java's ``(int)``/``(long)``/``(short)``/``(byte)`` cast of a number."""
    if isinstance(value, float):
        if math.isnan(value):
            return 0
        if math.isinf(value):
            return high if value > 0 else low
        # Doubles saturate to int (long for longValue) before any further narrowing.
        floor, ceiling = (LONG_MIN, LONG_MAX) if high > INT_MAX else (INT_MIN, INT_MAX)
        value = max(floor, min(ceiling, int(value)))
    whole = int(value)
    span = high - low + 1
    return ((whole - low) % span) + low


def _compare_same(obj: Any, args: tuple[Any, ...]) -> Any:
    if len(args) != 1:
        return MISSING
    other = args[0]
    if other is None:
        raise JavaException("java.lang.NullPointerException", "")
    mine, theirs = class_name(obj), class_name(other)
    if mine != theirs:
        raise class_cast(theirs, mine)
    if type(obj) is JavaChar:
        return ord(obj.char) - ord(other.char)
    if isinstance(obj, float):
        if obj != obj or other != other:
            return 0 if (obj != obj) == (other != other) else (1 if obj != obj else -1)
        if obj == other:  # Double.compareTo orders -0.0 below 0.0
            mine_sign, their_sign = math.copysign(1, obj), math.copysign(1, other)
            return (mine_sign > their_sign) - (mine_sign < their_sign)
    return (obj > other) - (obj < other)


def no_args(method: Callable[[Any], Any]) -> Method:
    """A zero-argument method (MISSING when called with arguments)."""

    def call(obj: Any, args: tuple[Any, ...]) -> Any:
        return method(obj) if not args else MISSING

    return call


def _equals(obj: Any, args: tuple[Any, ...]) -> Any:
    return java_equals(obj, args[0]) if len(args) == 1 else MISSING


def _number_format(text: str) -> JavaException:
    return JavaException("java.lang.NumberFormatException", f'For input string: "{text}"')


def parse_integer(text: Any, low: int, high: int) -> int:
    """``Integer.parseInt``/``Long.parseLong`` (radix 10)."""
    if text is None:
        raise JavaException("java.lang.NumberFormatException", "Cannot parse null string: null")
    if _JAVA_INTEGER.fullmatch(text) is None:
        raise _number_format(text)
    value = int(text)
    if not low <= value <= high:
        raise _number_format(text)
    return value


def parse_double(text: Any) -> float:
    """``Double.parseDouble``: Java's literal syntax, surrounding control/space trimmed."""
    if text is None:
        raise JavaException(
            "java.lang.NullPointerException", 'Cannot invoke "String.trim()" because "in" is null'
        )
    trimmed = text.strip("".join(map(chr, range(33))))
    if not trimmed:
        raise JavaException("java.lang.NumberFormatException", "empty String")
    if _JAVA_DECIMAL.fullmatch(trimmed):
        body = trimmed.rstrip("fFdD") if not trimmed.endswith("Infinity") else trimmed
        return float(body.replace("Infinity", "inf"))
    if _JAVA_HEX.fullmatch(trimmed):
        return float.fromhex(trimmed.rstrip("fFdD"))
    raise _number_format(text)


def _string_arg(method: Callable[[Any], Any]) -> Method:
    def call(obj: Any, args: tuple[Any, ...]) -> Any:
        if len(args) != 1 or not is_string(args[0]):
            return MISSING
        return method(args[0])

    return call


def _only(java_class: str, method: Method) -> Method:
    """A static method that only ``java_class`` declares (Integer vs Long vs BigInteger)."""

    def call(obj: Any, args: tuple[Any, ...]) -> Any:
        return method(obj, args) if class_name(obj) == java_class else MISSING

    return call


def _unsigned_text(base: str) -> Method:
    """``Integer.toHexString(int)`` or ``Long.toHexString(long)``, by receiver class."""

    def call(obj: Any, args: tuple[Any, ...]) -> Any:
        receiver = class_name(obj)
        if len(args) != 1 or receiver not in ("java.lang.Integer", "java.lang.Long"):
            return MISSING
        if receiver == "java.lang.Integer":
            return format(args[0] & 0xFFFFFFFF, base) if is_int(args[0]) else MISSING
        return format(args[0] & 0xFFFFFFFFFFFFFFFF, base) if is_long(args[0]) else MISSING

    return call


def _int_static_to_string(obj: Any, args: tuple[Any, ...]) -> Any:
    if not args:
        return to_string(obj)
    if len(args) == 1 and is_long(args[0]):
        return str(args[0])
    return MISSING


def _value_of_integer(obj: Any, args: tuple[Any, ...]) -> Any:
    receiver = class_name(obj)
    if len(args) != 1 or receiver == "java.math.BigInteger":
        return MISSING
    low, high, fits = (
        (INT_MIN, INT_MAX, is_int)
        if receiver == "java.lang.Integer"
        else (LONG_MIN, LONG_MAX, is_long)
    )
    if is_string(args[0]):
        return parse_integer(args[0], low, high)
    return args[0] if fits(args[0]) else MISSING


_OBJECT_METHODS: Final = {
    "toString": no_args(to_string),
    "hashCode": no_args(java_hash),
    "equals": _equals,
    "compareTo": _compare_same,
}
NUMBER_METHODS: Final[MappingProxyType[str, Method]] = MappingProxyType(
    {
        **_OBJECT_METHODS,
        "intValue": no_args(lambda n: narrow(n, INT_MIN, INT_MAX)),
        "longValue": no_args(lambda n: narrow(n, LONG_MIN, LONG_MAX)),
        "shortValue": no_args(lambda n: narrow(n, -(2**15), 2**15 - 1)),
        "byteValue": no_args(lambda n: narrow(n, -128, 127)),
        "doubleValue": no_args(to_double),
        "floatValue": no_args(lambda n: to_float32(to_double(n))),
        "toString": _int_static_to_string,
        "parseInt": _only(
            "java.lang.Integer", _string_arg(lambda s: parse_integer(s, INT_MIN, INT_MAX))
        ),
        "parseLong": _only(
            "java.lang.Long", _string_arg(lambda s: parse_integer(s, LONG_MIN, LONG_MAX))
        ),
        "valueOf": _value_of_integer,
        "toHexString": _unsigned_text("x"),
        "toOctalString": _unsigned_text("o"),
        "toBinaryString": _unsigned_text("b"),
    }
)


def _value_of_double(obj: Any, args: tuple[Any, ...]) -> Any:
    if len(args) != 1:
        return MISSING
    if is_string(args[0]):
        return parse_double(args[0])
    return to_double(args[0]) if type(args[0]) in (int, float) and is_double(args[0]) else MISSING


DOUBLE_METHODS: Final[MappingProxyType[str, Method]] = MappingProxyType(
    {
        **NUMBER_METHODS,
        "toString": no_args(to_string),
        "isNaN": no_args(math.isnan),
        "isInfinite": no_args(math.isinf),
        "valueOf": _value_of_double,
        "parseDouble": _string_arg(parse_double),
    }
)
FLOAT_METHODS: Final = DOUBLE_METHODS
DECIMAL_METHODS: Final = MappingProxyType(
    {
        name: method
        for name, method in NUMBER_METHODS.items()
        if name not in ("parseInt", "parseLong", "valueOf", "toHexString")
    }
    | {"toString": no_args(to_string)}
)


def _parse_boolean(text: Any) -> bool:
    return text is not None and text.lower() == "true"


def _value_of_boolean(obj: Any, args: tuple[Any, ...]) -> Any:
    if len(args) != 1:
        return MISSING
    if type(args[0]) is bool:
        return args[0]
    return _parse_boolean(args[0]) if is_string(args[0]) else MISSING


BOOLEAN_METHODS: Final[MappingProxyType[str, Method]] = MappingProxyType(
    {
        **_OBJECT_METHODS,
        "booleanValue": no_args(bool),
        "parseBoolean": _string_arg(_parse_boolean),
        "valueOf": _value_of_boolean,
    }
)
CHAR_METHODS: Final[MappingProxyType[str, Method]] = MappingProxyType(
    {**_OBJECT_METHODS, "charValue": no_args(lambda c: c)}
)
