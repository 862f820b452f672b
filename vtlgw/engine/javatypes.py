"""How values print, compare and name their class, as the JVM under Velocity 1.7 does it.

The compiler calls :func:`to_string` (Java ``String.valueOf``), :func:`class_name`,
:func:`equals` (Velocity's ``==``), :func:`compare` and the arithmetic functions re-exported
from :mod:`vtlgw.engine.jnumbers`. :func:`java_equals` and :func:`java_hash` are Java's own
``equals``/``hashCode``, used by collection methods; :func:`json_text` is json-smart's
compact JSON. The few Java objects that have no plain Python counterpart (a ``char``, a
``Class``, arrays, iterators, the live views a map or ``subList`` returns) are small
:class:`~vtlgw.engine.values.VtlObject` subclasses defined in :mod:`vtlgw.engine.jobjects`.
Two number types extend the value model: :class:`decimal.Decimal` is a ``BigDecimal``
(BigInteger meeting Double in arithmetic) and :class:`~vtlgw.engine.jnumbers.JavaFloat` a
``Float`` (from ``floatValue()``).
"""

from __future__ import annotations

import math
import re
import struct
from collections.abc import Callable
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final

from vtlgw.engine.jdouble import double_to_string, float_to_string
from vtlgw.engine.jexception import JavaException
from vtlgw.engine.jnumbers import (
    INT_MAX,
    INT_MIN,
    LONG_MAX,
    LONG_MIN,
    NUMBER_TYPES,
    JavaFloat,
    add,
    compare,
    compare_numbers,
    div,
    mod,
    mul,
    sub,
)
from vtlgw.engine.jobjects import (
    EntrySetView,
    JavaArray,
    JavaChar,
    JavaIterator,
    KeySetView,
    MapEntry,
    SubListView,
    ValuesView,
)
from vtlgw.engine.values import JsonList, VtlObject

__all__ = [
    "JavaException",
    "add",
    "class_name",
    "compare",
    "div",
    "equals",
    "java_equals",
    "java_hash",
    "mod",
    "mul",
    "sub",
    "to_string",
]


def _int_str(value: int) -> str:
    try:
        return str(value)
    except ValueError:  # beyond Python's int->str digit limit: convert in chunks
        head, tail = divmod(abs(value), 10**4000)
        text = _int_str(head) + str(tail).rjust(4000, "0")
        return ("-" if value < 0 else "") + text.lstrip("0")


def _map_str(value: dict[object, object]) -> str:
    parts = []
    for key, item in value.items():
        k = key if type(key) is str else "(this Map)" if key is value else _str_or_null(key)
        v = item if type(item) is str else "(this Map)" if item is value else _str_or_null(item)
        parts.append(f"{k}={v}")
    return "{" + ", ".join(parts) + "}"


def _list_str(value: list[object]) -> str:
    parts = [
        item if type(item) is str else "(this Collection)" if item is value else _str_or_null(item)
        for item in value
    ]
    return "[" + ", ".join(parts) + "]"


def _str_or_null(value: Any) -> str:
    text = to_string(value)
    return "null" if text is None else text


# json-smart's default style (NO_COMPRESS) escapes for the web: '/' too, and C0/C1/U+20xx.
def _json_escape_char(char: str) -> str:
    return _JSON_ESCAPES.get(char) or f"\\u{ord(char):04X}"


_JSON_ESCAPES: Final = MappingProxyType(
    {
        '"': '\\"',
        "\\": "\\\\",
        "/": "\\/",
        "\b": "\\b",
        "\f": "\\f",
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
    }
)


_JSON_SPECIAL: Final = re.compile('["\\\\/\x00-\x1f\x7f-\x9f\u2000-\u20ff]')


def _json_string(text: str) -> str:
    if _JSON_SPECIAL.search(text) is None:
        return f'"{text}"'
    return '"' + _JSON_SPECIAL.sub(lambda m: _json_escape_char(m.group()), text) + '"'


def json_text(value: Any) -> str:
    """Compact JSON as json-smart writes it (``JSONArray.toString``, style NO_COMPRESS)."""
    kind = type(value)
    if value is None:
        return "null"
    if kind is str:
        return _json_string(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return _int_str(value)
    if kind is float or kind is JavaFloat:
        if value in (math.inf, -math.inf):
            return "null"  # NaN stays "NaN": json-smart only maps infinities
        return double_to_string(value) if kind is float else float_to_string(value)
    if isinstance(value, dict):
        return (
            "{"
            + ",".join(
                f"{'null' if k is None else _json_string(_str_or_null(k))}:{json_text(v)}"
                for k, v in value.items()
            )
            + "}"
        )
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(json_text(item) for item in value) + "]"
    if kind is Decimal:
        return str(value)
    return _json_string(_str_or_null(value))


def _bool_str(value: bool) -> str:
    return "true" if value else "false"


_TO_STRING: Final[MappingProxyType[type, Callable[..., str]]] = MappingProxyType(
    {
        str: str.__str__,
        bool: _bool_str,
        int: _int_str,
        float: double_to_string,
        dict: _map_str,
        list: _list_str,
        JsonList: json_text,
        Decimal: str,
        JavaFloat: float_to_string,
    }
)


def to_string(value: Any) -> str | None:
    """Java ``toString()`` of a value; ``None`` for null."""
    if type(value) is str:
        return value
    convert = _TO_STRING.get(type(value))
    try:
        if convert is not None:
            return convert(value)
        if value is None:
            return None
        if isinstance(value, VtlObject):
            return value.vtl_str()
        if isinstance(value, dict):
            return _map_str(value)
        if isinstance(value, list):
            return _list_str(value)
    except RecursionError:
        raise JavaException("java.lang.StackOverflowError", "") from None
    return str(value)


def _int_class(value: int) -> str:
    if INT_MIN <= value <= INT_MAX:
        return "java.lang.Integer"
    if LONG_MIN <= value <= LONG_MAX:
        return "java.lang.Long"
    return "java.math.BigInteger"


_CLASS_NAMES: Final = MappingProxyType(
    {
        str: "java.lang.String",
        bool: "java.lang.Boolean",
        float: "java.lang.Double",
        dict: "java.util.LinkedHashMap",
        list: "java.util.ArrayList",
        Decimal: "java.math.BigDecimal",
        JavaFloat: "java.lang.Float",
    }
)


def class_name(value: Any) -> str:
    """The Java class name of a value (``'null'`` for null)."""
    kind = type(value)
    name = _CLASS_NAMES.get(kind)
    if name is not None:
        return name
    if kind is int:
        return _int_class(value)
    if kind is JavaIterator:
        return value.java_class  # type: ignore[no-any-return]
    if isinstance(value, (VtlObject, JsonList)):
        return value.java_class_name
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "java.util.LinkedHashMap"
    if isinstance(value, list):
        return "java.util.ArrayList"
    return "java.lang.Object"


_LIST_TYPES: Final = frozenset({list, JsonList})


def _assignable(a: Any, b: Any) -> bool:
    """Is one operand's Java class assignable from the other's (Velocity's ``==`` test)?"""
    ta, tb = type(a), type(b)
    if ta is tb:
        return True
    if ta in _LIST_TYPES and tb in _LIST_TYPES:
        return True
    if isinstance(a, VtlObject) and isinstance(b, VtlObject):
        return issubclass(ta, tb) or issubclass(tb, ta)
    return False


def equals(a: Any, b: Any) -> bool:
    """Velocity 1.7 ``a == b``: numbers numerically, same class by ``equals``, else toString."""
    ta, tb = type(a), type(b)
    if ta is tb and (ta is str or ta is int):  # the common cases, exactly as below
        return bool(a == b)
    if ta in NUMBER_TYPES and tb in NUMBER_TYPES:
        return compare_numbers(a, b) == 0
    if a is not None and b is not None and _assignable(a, b):
        return java_equals(a, b)
    left, right = to_string(a), to_string(b)
    if left is None or right is None:
        return left is None and right is None
    return left == right


def _float_bits(value: float) -> int:
    if value != value:
        return 0x7FF8000000000000
    return int(struct.unpack("<q", struct.pack("<d", value))[0])


def java_equals(a: Any, b: Any) -> bool:
    """Java ``Objects.equals(a, b)`` over the value model."""
    try:
        return _java_equals(a, b)
    except RecursionError:
        raise JavaException("java.lang.StackOverflowError", "") from None


def _java_equals(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if a is None or b is None:
        return False
    if type(a) is SubListView:
        a = a.items()
    if type(b) is SubListView:
        b = b.items()
    ta, tb = type(a), type(b)
    if ta in _LIST_TYPES or ta is tuple:
        if tb not in _LIST_TYPES:
            return False
        return len(a) == len(b) and all(_java_equals(x, y) for x, y in zip(a, b, strict=False))
    if ta is not tb:
        if isinstance(a, (KeySetView, EntrySetView)) and isinstance(b, (KeySetView, EntrySetView)):
            return a.equals_set(b)
        if isinstance(a, dict) and isinstance(b, dict):
            return _map_equals(a, b)
        return False
    if ta is float or ta is JavaFloat:
        return _float_bits(a) == _float_bits(b)
    if ta is Decimal:
        return bool(a.as_tuple() == b.as_tuple())
    if ta is dict:
        return _map_equals(a, b)
    if ta in (str, int, bool, JavaChar, MapEntry):
        return bool(a == b)
    if ta in (KeySetView, EntrySetView):
        return bool(a.equals_set(b))
    return False


def _map_equals(a: dict[object, object], b: dict[object, object]) -> bool:
    if len(a) != len(b):
        return False
    return all(not (key not in b or not _java_equals(value, b[key])) for key, value in a.items())


def _wrap_int(value: int) -> int:
    return ((value + 2**31) % 2**32) - 2**31


def _string_hash(text: str) -> int:
    result = 0
    data = text.encode("utf-16-le", "surrogatepass")
    for index in range(0, len(data), 2):
        result = (31 * result + (data[index] | data[index + 1] << 8)) & 0xFFFFFFFF
    return _wrap_int(result)


def _int_hash(value: int) -> int:
    if INT_MIN <= value <= INT_MAX:
        return value
    if LONG_MIN <= value <= LONG_MAX:
        unsigned = value & 0xFFFFFFFFFFFFFFFF
        return _wrap_int((unsigned ^ (unsigned >> 32)) & 0xFFFFFFFF)
    magnitude = abs(value)
    result = 0
    words = []
    while magnitude:
        words.append(magnitude & 0xFFFFFFFF)
        magnitude >>= 32
    for word in reversed(words):
        result = (31 * result + word) & 0xFFFFFFFF
    return _wrap_int(result * (1 if value > 0 else -1))


def java_hash(value: Any) -> int:
    """Java ``hashCode()`` (``Objects.hashCode`` for null)."""
    kind = type(value)
    if value is None:
        return 0
    if kind is str:
        return _string_hash(value)
    if kind is bool:
        return 1231 if value else 1237
    if kind is int:
        return _int_hash(value)
    if kind is JavaFloat:
        bits32 = 0x7FC00000 if value != value else struct.unpack("<i", struct.pack("<f", value))[0]
        return int(bits32)
    if kind is float:
        bits = _float_bits(value) & 0xFFFFFFFFFFFFFFFF
        return _wrap_int((bits ^ (bits >> 32)) & 0xFFFFFFFF)
    if kind is SubListView:
        value, kind = value.items(), list
    if kind in _LIST_TYPES:
        result = 1
        for item in value:
            result = _wrap_int(31 * result + java_hash(item))
        return result
    if isinstance(value, dict):
        return _wrap_int(sum(java_hash(k) ^ java_hash(v) for k, v in value.items()))
    if kind is JavaChar:
        return ord(value.char)
    if kind is Decimal:
        sign, digits, exponent = value.as_tuple()
        unscaled = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
        return _wrap_int(31 * _int_hash(unscaled) - int(exponent))
    if kind in (KeySetView, EntrySetView, ValuesView, MapEntry) or isinstance(value, JavaArray):
        return int(value.java_hash())
    return id(value) & 0x7FFFFFFF
