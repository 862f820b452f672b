"""Member access as Velocity 1.7's uberspector resolves it: properties, methods, indexes, loops.

Every lookup is a dictionary lookup keyed by the value's exact Python type, then by the member
name; nothing is ever resolved with ``getattr``, so Python internals (``__class__``, ``_x``)
are simply MISSING. ``$obj.name`` tries ``getName()``/``getname()``, then ``Map.get(name)``,
then ``isName()``; host objects (:class:`~vtlgw.engine.values.VtlObject`) answer for
themselves. ``.class`` gives a :class:`~vtlgw.engine.jobjects.JavaClass` that leads nowhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final

from vtlgw.engine import jboxed as jb
from vtlgw.engine import jcollections as jc
from vtlgw.engine import jviews as jv
from vtlgw.engine.jargs import is_int
from vtlgw.engine.javatypes import class_name
from vtlgw.engine.jexception import JavaException
from vtlgw.engine.jnumbers import JavaFloat
from vtlgw.engine.jobjects import (
    ByteArray,
    CharArray,
    EntrySetView,
    JavaArray,
    JavaChar,
    JavaClass,
    JavaIterator,
    KeySetView,
    MapEntry,
    StringArray,
    SubListView,
    ValuesView,
)
from vtlgw.engine.jstring import STRING_METHODS
from vtlgw.engine.values import MISSING, JsonList, VtlObject

Method = Callable[[Any, tuple[Any, ...]], Any]


def _no_args(method: Callable[[Any], Any]) -> Method:
    def call(obj: Any, args: tuple[Any, ...]) -> Any:
        return method(obj) if not args else MISSING

    return call


# Class's harmless introspection: names and whether it is an array. Nothing that loads,
# instantiates or reflects on members (forName, newInstance, getMethods...) exists.
_CLASS_METHODS: Final = MappingProxyType(
    {
        "getName": _no_args(lambda c: c.name),
        "getSimpleName": _no_args(lambda c: c.simple_name),
        "isArray": _no_args(lambda c: c.name.startswith("[")),
    }
)

_METHODS: Final[MappingProxyType[type, MappingProxyType[str, Method]]] = MappingProxyType(
    {
        str: STRING_METHODS,
        int: jb.NUMBER_METHODS,
        float: jb.DOUBLE_METHODS,
        JavaFloat: jb.FLOAT_METHODS,
        Decimal: jb.DECIMAL_METHODS,
        bool: jb.BOOLEAN_METHODS,
        list: jc.LIST_METHODS,
        JsonList: jc.LIST_METHODS,
        dict: jc.MAP_METHODS,
        KeySetView: jv.KEY_SET_METHODS,
        ValuesView: jv.VIEW_METHODS,
        EntrySetView: jv.VIEW_METHODS,
        MapEntry: jv.ENTRY_METHODS,
        StringArray: jv.ARRAY_METHODS,
        CharArray: jv.ARRAY_METHODS,
        ByteArray: jv.ARRAY_METHODS,
        JavaArray: jv.ARRAY_METHODS,
        JavaIterator: jv.ITERATOR_METHODS,
        SubListView: jv.SUBLIST_METHODS,
        JavaChar: jb.CHAR_METHODS,
        JavaClass: _CLASS_METHODS,
    }
)

# Bean properties per type, keyed by the property name with a lower-case first letter
# (Velocity tries getName() and getname(), then isName() and isname()).
_PROPERTIES: Final[MappingProxyType[type, MappingProxyType[str, str]]] = MappingProxyType(
    {
        str: MappingProxyType({"empty": "isEmpty", "blank": "isBlank", "bytes": "getBytes"}),
        float: MappingProxyType({"naN": "isNaN", "infinite": "isInfinite"}),
        JavaFloat: MappingProxyType({"naN": "isNaN", "infinite": "isInfinite"}),
        list: MappingProxyType({"empty": "isEmpty"}),
        JsonList: MappingProxyType({"empty": "isEmpty"}),
        SubListView: MappingProxyType({"empty": "isEmpty"}),
        KeySetView: MappingProxyType({"empty": "isEmpty"}),
        ValuesView: MappingProxyType({"empty": "isEmpty"}),
        EntrySetView: MappingProxyType({"empty": "isEmpty"}),
        MapEntry: MappingProxyType({"key": "getKey", "value": "getValue"}),
        JavaClass: MappingProxyType(
            {"name": "getName", "simpleName": "getSimpleName", "array": "isArray"}
        ),
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
    if kind is dict and name != "class" and name != "Class":
        # getClass() is a map's only getter; a String key is found by plain lookup.
        return obj.get(name)
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


def methods_named(name: str) -> MappingProxyType[type, Method]:
    """For one method name, the implementation per receiver type (plain value types only).

    The compiler looks this up once per call site, so a render finds the method with one dict
    lookup on the receiver's type; receivers not in the table go through :func:`call_method`.
    """
    return MappingProxyType(
        {kind: methods[name] for kind, methods in _METHODS.items() if name in methods}
    )


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


_ARRAYS: Final = frozenset({StringArray, CharArray, ByteArray, JavaArray})


def _adjust(index: Any, size: int) -> Any:
    return index + size if is_int(index) and index < 0 else index


def get_index(obj: Any, index: Any) -> Any:
    """``$obj[index]``: list/array element (negative counts from the end) or ``Map.get``."""
    kind = type(obj)
    if kind is list or kind is JsonList or kind in _ARRAYS:
        items = obj if kind is list or kind is JsonList else obj.items
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
    if kind is SubListView:
        return get_index(obj.items(), index)
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
    if kind is SubListView:
        if not is_int(index):
            return False
        jv.SUBLIST_METHODS["set"](obj, (_adjust(index, obj.size), value))
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
        jv.ENTRY_METHODS["setValue"](obj, (value,))
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


def _map_iter(mapping: dict[Any, Any], view: type | None = None) -> Iterator[Any]:
    # LinkedHashMap's iterators: a change shows up when the next entry is fetched.
    keys = list(mapping)
    size = len(mapping)
    for key in keys:
        if len(mapping) != size:
            raise JavaException("java.util.ConcurrentModificationException", "")
        if view is KeySetView:
            yield key
        elif view is EntrySetView:
            yield MapEntry(mapping, key)
        else:
            yield mapping.get(key)


def iterate(obj: Any) -> Iterable[Any] | None:
    """What ``#foreach`` walks: list items, map values, view elements; None if not iterable.

    Host objects take part by defining ``vtl_iter(self) -> Iterable`` on their class.
    """
    kind = type(obj)
    if kind is list or kind is JsonList:
        return _list_iter(obj)
    if kind is dict:
        return _map_iter(obj)
    if kind in _ARRAYS:
        items: list[Any] = obj.items
        return iter(items)
    if kind is JavaIterator:
        remaining: Iterable[Any] = obj.remaining()
        return remaining
    if kind is SubListView:
        window: list[Any] = obj.items()
        return iter(window)
    if kind in (KeySetView, ValuesView, EntrySetView):
        return _map_iter(obj.map, kind)
    if isinstance(obj, VtlObject) and kind not in _METHODS:
        # A host object is iterable when its class defines vtl_iter() (a fixed name).
        host_iter = getattr(kind, "vtl_iter", None)
        if callable(host_iter):
            walked: Iterable[Any] = host_iter(obj)
            return walked
    return None
