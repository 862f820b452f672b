"""``java.util`` List, Map, map views and entries: the methods templates call.

Element tests use Java ``equals`` (``[1].contains(1.0)`` is false), ``put``/``set``/``remove``
return the previous value, ``void`` methods return ``""`` (what Velocity renders), and bad
indexes raise the JDK 17 exceptions. Each table maps a method name to ``fn(obj, args)``
returning the result or MISSING when no overload applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import MappingProxyType
from typing import Any, Final

from vtlgw.engine.jargs import VOID, is_int
from vtlgw.engine.javatypes import java_equals, java_hash
from vtlgw.engine.jexception import JavaException
from vtlgw.engine.jobjects import (
    EntrySetView,
    JavaArray,
    JavaIterator,
    KeySetView,
    SubListView,
    ValuesView,
)
from vtlgw.engine.values import MISSING, JsonList

Method = Callable[[Any, tuple[Any, ...]], Any]


def _ioobe(index: int, size: int) -> JavaException:
    return JavaException(
        "java.lang.IndexOutOfBoundsException", f"Index {index} out of bounds for length {size}"
    )


def elements(value: Any) -> list[Any] | None:
    """The elements of a Java Collection (None when ``value`` is not one)."""
    kind = type(value)
    if kind is list or kind is JsonList:
        return value  # type: ignore[no-any-return]
    if kind in (KeySetView, ValuesView, EntrySetView):
        return list(value.elements())
    if kind is SubListView:
        return value.items()  # type: ignore[no-any-return]
    return None


def index_of(items: Iterable[Any], target: Any) -> int:
    """First index whose element Java-equals ``target`` (-1 if none)."""
    if type(target) is str:
        for index, item in enumerate(items):
            if type(item) is str and item == target:
                return index
        return -1
    for index, item in enumerate(items):
        if java_equals(target, item):
            return index
    return -1


def collection_contains(collection: Any, target: Any) -> bool:
    """``Collection.contains``."""
    items = elements(collection)
    if items is None and isinstance(collection, JavaArray):
        items = collection.items
    return items is not None and index_of(items, target) >= 0


def map_key(mapping: dict[Any, Any], key: Any) -> Any:
    """The stored key Java-equal to ``key`` (MISSING if absent): 1, 1.0 and True differ."""
    if type(key) is str:
        return key if key in mapping else MISSING
    for stored in mapping:
        if java_equals(stored, key):
            return stored
    return MISSING


def list_get(items: list[Any], args: tuple[Any, ...]) -> Any:
    """``List.get(int)``."""
    if len(args) != 1 or not is_int(args[0]):
        return MISSING
    if not 0 <= args[0] < len(items):
        raise _ioobe(args[0], len(items))
    return items[args[0]]


def list_set(items: list[Any], args: tuple[Any, ...]) -> Any:
    """``List.set(int, Object)``: the previous element."""
    if len(args) != 2 or not is_int(args[0]):
        return MISSING
    if not 0 <= args[0] < len(items):
        raise _ioobe(args[0], len(items))
    previous = items[args[0]]
    items[args[0]] = args[1]
    return previous


def _list_add(items: list[Any], args: tuple[Any, ...]) -> Any:
    if len(args) == 1:
        items.append(args[0])
        return True
    if len(args) == 2 and is_int(args[0]):
        if not 0 <= args[0] <= len(items):
            raise JavaException(
                "java.lang.IndexOutOfBoundsException", f"Index: {args[0]}, Size: {len(items)}"
            )
        items.insert(args[0], args[1])
        return VOID
    return MISSING


def _list_remove(items: list[Any], args: tuple[Any, ...]) -> Any:
    if len(args) != 1:
        return MISSING
    if is_int(args[0]):  # remove(int) is the more specific overload for an Integer
        if not 0 <= args[0] < len(items):
            raise _ioobe(args[0], len(items))
        return items.pop(args[0])
    index = index_of(items, args[0])
    if index < 0:
        return False
    del items[index]
    return True


def _null_collection(args: tuple[Any, ...], index: int = -1) -> None:
    """A null where a Collection/Map parameter is expected throws, as in Java."""
    if args and args[index] is None:
        raise JavaException("java.lang.NullPointerException", "")


def _list_add_all(items: list[Any], args: tuple[Any, ...]) -> Any:
    applicable = len(args) == 2 and (args[1] is None or elements(args[1]) is not None)
    if applicable and is_int(args[0]) and not 0 <= args[0] <= len(items):
        raise JavaException(
            "java.lang.IndexOutOfBoundsException", f"Index: {args[0]}, Size: {len(items)}"
        )
    if len(args) in (1, 2) and (len(args) == 1 or is_int(args[0])):
        _null_collection(args)
    source = elements(args[-1]) if args else None
    if source is None or len(args) > 2 or (len(args) == 2 and not is_int(args[0])):
        return MISSING
    source = list(source)
    if len(args) == 1:
        items.extend(source)
    else:
        if not 0 <= args[0] <= len(items):
            raise JavaException(
                "java.lang.IndexOutOfBoundsException", f"Index: {args[0]}, Size: {len(items)}"
            )
        items[args[0] : args[0]] = source
    return bool(source)


def _list_remove_all(items: list[Any], args: tuple[Any, ...]) -> Any:
    _null_collection(args)
    source = elements(args[0]) if len(args) == 1 else None
    if source is None:
        return MISSING
    kept = [item for item in items if index_of(source, item) < 0]
    changed = len(kept) != len(items)
    items[:] = kept
    return changed


def _sub_list(items: list[Any], args: tuple[Any, ...]) -> Any:
    return window(items, None, 0, len(items), args)


def window(
    root: list[Any], parent: SubListView | None, offset: int, size: int, args: tuple[Any, ...]
) -> Any:
    """``subList(from, to)`` of a list or of a window of size ``size`` at ``offset``."""
    if len(args) != 2 or not (is_int(args[0]) and is_int(args[1])):
        return MISSING
    start, end = args
    if start < 0:
        raise JavaException("java.lang.IndexOutOfBoundsException", f"fromIndex = {start}")
    if end > size:
        raise JavaException("java.lang.IndexOutOfBoundsException", f"toIndex = {end}")
    if start > end:
        raise JavaException(
            "java.lang.IllegalArgumentException", f"fromIndex({start}) > toIndex({end})"
        )
    return SubListView(root, parent, offset + start, end - start)


def arity(count: int, method: Callable[..., Any]) -> Method:
    """A method taking exactly ``count`` arguments (MISSING otherwise)."""

    def call(obj: Any, args: tuple[Any, ...]) -> Any:
        return method(obj, *args) if len(args) == count else MISSING

    return call


def clear_all(obj: Any) -> str:
    """``clear()``: empty the collection (a void method)."""
    obj.clear()
    return VOID


def _collection_str(obj: Any) -> Any:
    from vtlgw.engine.javatypes import to_string

    return to_string(obj)


def _last_index_of(items: list[Any], target: Any) -> int:
    position = index_of(list(reversed(items)), target)
    return -1 if position < 0 else len(items) - 1 - position


def contains_all(obj: Any, other: Any) -> Any:
    """``containsAll(Collection)``."""
    _null_collection((other,))
    source = elements(other)
    if source is None:
        return MISSING
    return all(collection_contains(obj, item) for item in source)


_COMMON: Final = {
    "size": arity(0, len),
    "isEmpty": arity(0, lambda c: len(c) == 0),
    "contains": arity(1, collection_contains),
    "containsAll": arity(1, contains_all),
    "toString": arity(0, _collection_str),
    "hashCode": arity(0, java_hash),
    "equals": arity(1, java_equals),
}

LIST_METHODS: Final[MappingProxyType[str, Method]] = MappingProxyType(
    {
        **_COMMON,
        "get": list_get,
        "set": list_set,
        "add": _list_add,
        "remove": _list_remove,
        "addAll": _list_add_all,
        "removeAll": _list_remove_all,
        "indexOf": arity(1, index_of),
        "lastIndexOf": arity(1, _last_index_of),
        "subList": _sub_list,
        "clear": arity(0, clear_all),
        "iterator": arity(0, lambda items: JavaIterator(list(items), "java.util.ArrayList$Itr")),
        "toArray": arity(0, lambda items: JavaArray(list(items))),
    }
)


def _map_get(mapping: dict[Any, Any], key: Any) -> Any:
    stored = map_key(mapping, key)
    return None if stored is MISSING else mapping[stored]


def _map_put(mapping: dict[Any, Any], key: Any, value: Any) -> Any:
    stored = map_key(mapping, key)
    if stored is MISSING:
        try:
            mapping[key] = value
        except TypeError:  # a List or Map as a key: Java allows it, a Python dict cannot
            raise JavaException(
                "java.lang.UnsupportedOperationException",
                "vtlgw: a List or Map cannot be used as a map key",
            ) from None
        return None
    previous = mapping[stored]
    mapping[stored] = value
    return previous


def _map_remove(mapping: dict[Any, Any], key: Any) -> Any:
    stored = map_key(mapping, key)
    return None if stored is MISSING else mapping.pop(stored)


def _map_put_all(mapping: dict[Any, Any], other: Any) -> Any:
    _null_collection((other,))
    if not isinstance(other, dict):
        return MISSING
    for key, value in list(other.items()):
        _map_put(mapping, key, value)
    return VOID


def _get_or_default(mapping: dict[Any, Any], key: Any, default: Any) -> Any:
    stored = map_key(mapping, key)
    return default if stored is MISSING else mapping[stored]


def _put_if_absent(mapping: dict[Any, Any], key: Any, value: Any) -> Any:
    current = _map_get(mapping, key)
    return _map_put(mapping, key, value) if current is None else current


MAP_METHODS: Final[MappingProxyType[str, Method]] = MappingProxyType(
    {
        "get": arity(1, _map_get),
        "put": arity(2, _map_put),
        "putAll": arity(1, _map_put_all),
        "remove": arity(1, _map_remove),
        "containsKey": arity(1, lambda m, k: map_key(m, k) is not MISSING),
        "containsValue": arity(1, lambda m, v: index_of(m.values(), v) >= 0),
        "keySet": arity(0, KeySetView),
        "values": arity(0, ValuesView),
        "entrySet": arity(0, EntrySetView),
        "size": arity(0, len),
        "isEmpty": arity(0, lambda m: not m),
        "getOrDefault": arity(2, _get_or_default),
        "putIfAbsent": arity(2, _put_if_absent),
        "clear": arity(0, clear_all),
        "toString": arity(0, _collection_str),
        "hashCode": arity(0, java_hash),
        "equals": arity(1, java_equals),
    }
)
