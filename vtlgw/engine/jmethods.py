"""Member access as Velocity 1.7's uberspector resolves it: properties, methods, indexes, loops.

Every lookup is a dictionary lookup keyed by the value's exact Python type, then by the member
name; nothing is ever resolved with ``getattr``, so Python internals (``__class__``, ``_x``)
are simply MISSING. ``$obj.name`` tries ``getName()``/``getname()``, then ``Map.get(name)``,
then ``isName()``; host objects (:class:`~vtlgw.engine.values.VtlObject`) answer for
themselves. ``.class`` gives a :class:`~vtlgw.engine.jobjects.JavaClass` that leads nowhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final

from vtlgw.engine import jcollections as jc
from vtlgw.engine.jargs import class_cast, is_int
from vtlgw.engine.javatypes import class_name, java_equals, java_hash, to_string
from vtlgw.engine.jexception import JavaException
from vtlgw.engine.jnumbers import INT_MAX, INT_MIN, LONG_MAX, LONG_MIN
from vtlgw.engine.jobjects import (
    EntrySetView,
    JavaChar,
    JavaClass,
    KeySetView,
    MapEntry,
    StringArray,
    ValuesView,
)
from vtlgw.engine.jstring import STRING_METHODS
from vtlgw.engine.values import MISSING, JsonList, VtlObject

Method = Callable[[Any, tuple[Any, ...]], Any]


def _narrow(value: Any, low: int, high: int) -> int:
    """Java's ``(int)``/``(long)`` cast of a number."""
    if type(value) is float:
        if math.isnan(value):
            return 0
        if math.isinf(value):
            return high if value > 0 else low
        return max(low, min(high, int(value)))
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
    if type(obj) is float:
        if obj != obj or other != other:
            return 0 if (obj != obj) == (other != other) else (1 if obj != obj else -1)
        if obj == other:  # Double.compareTo orders -0.0 below 0.0
            return (math.copysign(1, obj) > math.copysign(1, other)) - (
                math.copysign(1, obj) < math.copysign(1, other)
            )
    return (obj > other) - (obj < other)


def _no_args(method: Callable[[Any], Any]) -> Method:
    def call(obj: Any, args: tuple[Any, ...]) -> Any:
        return method(obj) if not args else MISSING

    return call


def _equals(obj: Any, args: tuple[Any, ...]) -> Any:
    return java_equals(obj, args[0]) if len(args) == 1 else MISSING


_OBJECT_METHODS: Final = {
    "toString": _no_args(to_string),
    "hashCode": _no_args(java_hash),
    "equals": _equals,
    "compareTo": _compare_same,
}
_NUMBER_METHODS: Final = MappingProxyType(
    {
        **_OBJECT_METHODS,
        "intValue": _no_args(lambda n: _narrow(n, INT_MIN, INT_MAX)),
        "longValue": _no_args(lambda n: _narrow(n, LONG_MIN, LONG_MAX)),
        "doubleValue": _no_args(float),
    }
)
_DOUBLE_METHODS: Final = MappingProxyType(
    {
        **_NUMBER_METHODS,
        "isNaN": _no_args(math.isnan),
        "isInfinite": _no_args(math.isinf),
    }
)
_BOOLEAN_METHODS: Final = MappingProxyType({**_OBJECT_METHODS, "booleanValue": _no_args(bool)})
_CHAR_METHODS: Final = MappingProxyType({**_OBJECT_METHODS, "charValue": _no_args(lambda c: c)})
_CLASS_METHODS: Final = MappingProxyType(
    {"getName": _no_args(lambda c: c.name), "getSimpleName": _no_args(lambda c: c.simple_name)}
)

_METHODS: Final[MappingProxyType[type, MappingProxyType[str, Method]]] = MappingProxyType(
    {
        str: STRING_METHODS,
        int: _NUMBER_METHODS,
        float: _DOUBLE_METHODS,
        Decimal: _NUMBER_METHODS,
        bool: _BOOLEAN_METHODS,
        list: jc.LIST_METHODS,
        JsonList: jc.LIST_METHODS,
        dict: jc.MAP_METHODS,
        KeySetView: jc.KEY_SET_METHODS,
        ValuesView: jc.VIEW_METHODS,
        EntrySetView: jc.VIEW_METHODS,
        MapEntry: jc.ENTRY_METHODS,
        StringArray: jc.ARRAY_METHODS,
        JavaChar: _CHAR_METHODS,
        JavaClass: _CLASS_METHODS,
    }
)

# Bean properties per type, keyed by the property name with a lower-case first letter
# (Velocity tries getName() and getname(), then isName() and isname()).
_PROPERTIES: Final[MappingProxyType[type, MappingProxyType[str, str]]] = MappingProxyType(
    {
        str: MappingProxyType({"empty": "isEmpty", "blank": "isBlank"}),
        float: MappingProxyType({"naN": "isNaN", "infinite": "isInfinite"}),
        list: MappingProxyType({"empty": "isEmpty"}),
        JsonList: MappingProxyType({"empty": "isEmpty"}),
        KeySetView: MappingProxyType({"empty": "isEmpty"}),
        ValuesView: MappingProxyType({"empty": "isEmpty"}),
        EntrySetView: MappingProxyType({"empty": "isEmpty"}),
        MapEntry: MappingProxyType({"key": "getKey", "value": "getValue"}),
        JavaClass: MappingProxyType({"name": "getName", "simpleName": "getSimpleName"}),
    }
)
_NO_PROPERTIES: Final[MappingProxyType[str, str]] = MappingProxyType({})


def _canonical(name: str) -> str:
    return name[:1].lower() + name[1:]


def _class_of(obj: Any) -> JavaClass:
    return JavaClass(class_name(obj))


def get_property(obj: Any, name: str) -> Any:
    """``$obj.name``: a getter, then ``Map.get(name)``, then ``isName()``; else MISSING."""
    kind = type(obj)
    methods = _METHODS.get(kind)
    if methods is None:
        if isinstance(obj, VtlObject):
            value = obj.vtl_get(name)
            if value is MISSING and _canonical(name) == "class":
                return JavaClass(obj.java_class_name)
            return value
        return MISSING
    key = _canonical(name)
    if key == "class" and kind is not JavaClass:
        return _class_of(obj)
    getter = _PROPERTIES.get(kind, _NO_PROPERTIES).get(key)
    if kind is dict:
        return jc.MAP_METHODS["get"](obj, (name,))
    if getter is None:
        return MISSING
    return methods[getter](obj, ())


def call_method(obj: Any, name: str, args: tuple[Any, ...]) -> Any:
    """``$obj.name(args)``: the Java result, MISSING when no overload applies.

    Raises :class:`JavaException` when the Java method would throw.
    """
    kind = type(obj)
    methods = _METHODS.get(kind)
    if methods is None:
        if isinstance(obj, VtlObject):
            value = obj.vtl_call(name, args)
            if value is MISSING and name == "getClass" and not args:
                return JavaClass(obj.java_class_name)
            return value
        return MISSING
    method = methods.get(name)
    if method is None:
        if name == "getClass" and not args and kind is not JavaClass:
            return _class_of(obj)
        return MISSING
    return method(obj, args)


def _adjust(index: Any, size: int) -> Any:
    return index + size if is_int(index) and index < 0 else index


def get_index(obj: Any, index: Any) -> Any:
    """``$obj[index]``: list/array element (negative counts from the end) or ``Map.get``."""
    kind = type(obj)
    if kind is list or kind is JsonList or kind is StringArray:
        items = obj.items if kind is StringArray else obj
        if not is_int(index):
            return MISSING
        position = _adjust(index, len(items))
        if not 0 <= position < len(items):
            raise JavaException(
                "java.lang.IndexOutOfBoundsException",
                f"Index {position} out of bounds for length {len(items)}",
            )
        return items[position]
    if kind is dict:
        return jc.MAP_METHODS["get"](obj, (index,))
    if isinstance(obj, VtlObject) and kind not in _METHODS:
        return obj.vtl_call("get", (index,))
    return MISSING


def set_index(obj: Any, index: Any, value: Any) -> bool:
    """``#set($obj[index] = value)``; False when nothing applies."""
    kind = type(obj)
    if kind is list or kind is JsonList:
        if not is_int(index):
            return False
        jc.LIST_METHODS["set"](obj, (_adjust(index, len(obj)), value))
        return True
    if kind is dict:
        jc.MAP_METHODS["put"](obj, (index, value))
        return True
    if isinstance(obj, VtlObject) and kind not in _METHODS:
        return obj.vtl_call("put", (index, value)) is not MISSING
    return False


def set_property(obj: Any, name: str, value: Any) -> bool:
    """``#set($obj.name = value)``: ``Map.put`` or a setter; False when impossible."""
    kind = type(obj)
    if kind is dict:
        jc.MAP_METHODS["put"](obj, (name, value))
        return True
    if kind is MapEntry and _canonical(name) == "value":
        jc.ENTRY_METHODS["setValue"](obj, (value,))
        return True
    if isinstance(obj, VtlObject) and kind not in _METHODS:
        setter = "set" + name[:1].upper() + name[1:]
        return obj.vtl_call(setter, (value,)) is not MISSING
    return False


def _list_iter(items: list[Any]) -> Iterator[Any]:
    # ArrayList's iterator: hasNext() is cursor != size; next() after a change throws.
    size = len(items)
    cursor = 0
    while cursor != len(items):
        if len(items) != size:
            raise JavaException("java.util.ConcurrentModificationException", "")
        yield items[cursor]
        cursor += 1


def _map_iter(mapping: dict[Any, Any]) -> Iterator[Any]:
    # LinkedHashMap's iterator: a change shows up when the next entry is fetched.
    keys = list(mapping)
    size = len(mapping)
    for key in keys:
        if len(mapping) != size:
            raise JavaException("java.util.ConcurrentModificationException", "")
        yield mapping.get(key)


def iterate(obj: Any) -> Iterable[Any] | None:
    """What ``#foreach`` walks: list items, map values, view elements; None if not iterable."""
    kind = type(obj)
    if kind is list or kind is JsonList:
        return _list_iter(obj)
    if kind is dict:
        return _map_iter(obj)
    if kind is StringArray:
        items: list[Any] = obj.items
        return iter(items)
    if kind in (KeySetView, ValuesView, EntrySetView):
        elements: Iterable[Any] = obj.elements()
        return elements
    return None
