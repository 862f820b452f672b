"""The Java objects collections hand out: map views and entries, arrays, iterators, sub-lists.

``keySet()``/``values()``/``entrySet()`` are live views (``keySet().remove`` writes through,
``add`` is unsupported), entries write through on ``setValue``, arrays behave as Velocity's
list wrapper, iterators are consumed by ``next()``, and sub-lists run the List methods on
their window and write the result back. Tables map a method name to ``fn(obj, args)``.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Final

from vtlgw.engine.javatypes import java_equals, java_hash
from vtlgw.engine.jcollections import (
    LIST_METHODS,
    Method,
    arity,
    clear_all,
    collection_contains,
    contains_all,
    list_get,
    list_set,
    map_key,
    window,
)
from vtlgw.engine.jexception import JavaException
from vtlgw.engine.jobjects import (
    EntrySetView,
    JavaArray,
    JavaIterator,
    KeySetView,
    MapEntry,
    SubListView,
    ValuesView,
)
from vtlgw.engine.values import MISSING


def _unsupported(_obj: Any, _args: tuple[Any, ...]) -> Any:
    raise JavaException("java.lang.UnsupportedOperationException", "")


_ITERATOR_CLASSES: Final = MappingProxyType(
    {
        KeySetView: "java.util.LinkedHashMap$LinkedKeyIterator",
        ValuesView: "java.util.LinkedHashMap$LinkedValueIterator",
        EntrySetView: "java.util.LinkedHashMap$LinkedEntryIterator",
    }
)


def _view_iterator(view: Any) -> JavaIterator:
    return JavaIterator(list(view.elements()), _ITERATOR_CLASSES[type(view)])


def _iterator_next(iterator: JavaIterator) -> Any:
    if iterator.position >= len(iterator.items):
        raise JavaException("java.util.NoSuchElementException", "")
    iterator.position += 1
    return iterator.items[iterator.position - 1]


ITERATOR_METHODS: Final[MappingProxyType[str, Method]] = MappingProxyType(
    {
        "hasNext": arity(0, lambda it: it.position < len(it.items)),
        "next": arity(0, _iterator_next),
        "toString": arity(0, lambda it: it.vtl_str()),
    }
)


def _key_set_remove(view: KeySetView, key: Any) -> bool:
    stored = map_key(view.map, key)
    if stored is MISSING:
        return False
    del view.map[stored]
    return True


VIEW_METHODS: Final[MappingProxyType[str, Method]] = MappingProxyType(
    {
        "size": arity(0, lambda v: len(v.map)),
        "isEmpty": arity(0, lambda v: not v.map),
        "contains": arity(1, collection_contains),
        "containsAll": arity(1, contains_all),
        "toString": arity(0, lambda v: v.vtl_str()),
        "hashCode": arity(0, java_hash),
        "equals": arity(1, java_equals),
        "add": _unsupported,
        "addAll": _unsupported,
        "clear": arity(0, lambda v: clear_all(v.map)),
        "iterator": arity(0, _view_iterator),
        "toArray": arity(0, lambda v: JavaArray(list(v.elements()))),
    }
)
KEY_SET_METHODS: Final = MappingProxyType({**VIEW_METHODS, "remove": arity(1, _key_set_remove)})


def _set_value(entry: MapEntry, value: Any) -> Any:
    previous = entry.value
    entry.map[entry.key] = value
    return previous


ENTRY_METHODS: Final[MappingProxyType[str, Method]] = MappingProxyType(
    {
        "getKey": arity(0, lambda e: e.key),
        "getValue": arity(0, lambda e: e.value),
        "setValue": arity(1, _set_value),
        "toString": arity(0, lambda e: e.vtl_str()),
        "hashCode": arity(0, lambda e: e.java_hash()),
        "equals": arity(1, lambda e, o: e == o),
    }
)


def _array(method: Method) -> Method:
    def call(array: JavaArray, args: tuple[Any, ...]) -> Any:
        return method(array.items, args)

    return call


ARRAY_METHODS: Final[MappingProxyType[str, Method]] = MappingProxyType(
    {
        "size": _array(LIST_METHODS["size"]),
        "isEmpty": _array(LIST_METHODS["isEmpty"]),
        "get": _array(list_get),
        "set": _array(list_set),
        "contains": _array(LIST_METHODS["contains"]),
        "indexOf": _array(LIST_METHODS["indexOf"]),
        "toString": arity(0, lambda a: a.vtl_str()),
        "hashCode": arity(0, lambda a: a.java_hash()),
        "equals": arity(1, lambda a, o: a is o),
    }
)


_MUTATORS: Final = frozenset({"set", "add", "remove", "addAll", "removeAll", "clear"})


def _through_window(name: str, method: Method) -> Method:
    """Run a List method on a sub-list's elements and write any change back."""

    def call(view: SubListView, args: tuple[Any, ...]) -> Any:
        if name == "subList":
            view.check()
            return window(view.root, view, view.offset, view.size, args)
        items = view.items()
        if name in ("toString", "hashCode", "equals"):
            return method(view, args)
        result = method(items, args)
        if name in _MUTATORS and result is not MISSING:
            view.replace(items)
        return result

    return call


SUBLIST_METHODS: Final[MappingProxyType[str, Method]] = MappingProxyType(
    {name: _through_window(name, method) for name, method in LIST_METHODS.items()}
)
