"""The few Java objects templates can reach that have no plain Python counterpart.

``String.charAt`` gives a ``java.lang.Character``; ``.class`` a ``java.lang.Class`` that only
answers ``name`` and ``simpleName`` (it must lead nowhere else); ``String.split`` a
``String[]``; ``Map.keySet()/values()/entrySet()`` live views over the map, whose entries
write through on ``setValue``. Their members are answered by :mod:`vtlgw.engine.jmethods`;
``vtl_get``/``vtl_call`` delegate there so the compiler may use either door.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from types import MappingProxyType
from typing import Any, ClassVar, Final

from vtlgw.engine.values import VtlObject


class _JavaObject(VtlObject):
    """Members come from the jmethods dispatch tables, never from Python attributes."""

    __slots__ = ()

    def vtl_get(self, name: str) -> Any:
        from vtlgw.engine.jmethods import get_property

        return get_property(self, name)

    def vtl_call(self, name: str, args: tuple[Any, ...]) -> Any:
        from vtlgw.engine.jmethods import call_method

        return call_method(self, name, args)


class JavaChar(_JavaObject):
    """A ``java.lang.Character`` (one UTF-16 code unit)."""

    __slots__ = ("char",)
    java_class_name: ClassVar[str] = "java.lang.Character"

    def __init__(self, char: str) -> None:
        self.char = char

    def vtl_str(self) -> str:
        return self.char

    def __eq__(self, other: object) -> bool:
        return type(other) is JavaChar and other.char == self.char

    def __hash__(self) -> int:
        return hash(("char", self.char))

    def __repr__(self) -> str:
        return f"JavaChar({self.char!r})"


_PRIMITIVE_ARRAYS: Final = MappingProxyType(
    {"[B": "byte[]", "[C": "char[]", "[I": "int[]", "[J": "long[]", "[D": "double[]"}
)


class JavaClass(_JavaObject):
    """A ``java.lang.Class`` stand-in: ``name`` and ``simpleName``, nothing else."""

    __slots__ = ("name",)
    java_class_name: ClassVar[str] = "java.lang.Class"

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def simple_name(self) -> str:
        """``getSimpleName()``: the name after the package (and after ``$``)."""
        if self.name.startswith("[L") and self.name.endswith(";"):
            return self.name[2:-1].rsplit(".", 1)[-1] + "[]"
        if self.name in _PRIMITIVE_ARRAYS:
            return _PRIMITIVE_ARRAYS[self.name]
        return self.name.rsplit(".", 1)[-1].rsplit("$", 1)[-1]

    def vtl_str(self) -> str:
        return f"class {self.name}"

    def __eq__(self, other: object) -> bool:
        return type(other) is JavaClass and other.name == self.name

    def __hash__(self) -> int:
        return hash(("class", self.name))


class JavaArray(_JavaObject):
    """A Java array: indexable and sized like a list (Velocity wraps arrays), printed as one."""

    __slots__ = ("items",)
    java_class_name: ClassVar[str] = "[Ljava.lang.Object;"

    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def vtl_str(self) -> str:
        return f"{self.java_class_name}@{self.java_hash() & 0xFFFFFFFF:x}"

    def java_hash(self) -> int:
        """Identity hash, as an array has (stable per class: see :func:`identity_hash`)."""
        return identity_hash(self.java_class_name)


class StringArray(JavaArray):
    """A ``String[]`` (from ``split``)."""

    __slots__ = ()
    java_class_name: ClassVar[str] = "[Ljava.lang.String;"


class CharArray(JavaArray):
    """A ``char[]`` (from ``toCharArray``): its items are :class:`JavaChar`."""

    __slots__ = ()
    java_class_name: ClassVar[str] = "[C"


class ByteArray(JavaArray):
    """A ``byte[]`` (from ``getBytes``): signed ints."""

    __slots__ = ()
    java_class_name: ClassVar[str] = "[B"


class SubListView(_JavaObject):
    """``ArrayList.subList``: a live window on its list; changes write through both ways.

    A structural change to the backing list made behind the view's back makes the view
    throw ``ConcurrentModificationException`` (approximated by the backing list's length).
    """

    __slots__ = ("expected", "offset", "parent", "root", "size")
    java_class_name: ClassVar[str] = "java.util.ArrayList$SubList"

    def __init__(self, root: list[Any], parent: SubListView | None, offset: int, size: int) -> None:
        self.root = root
        self.parent = parent
        self.offset = offset
        self.size = size
        self.expected = len(root)

    def items(self) -> list[Any]:
        """A copy of the window's elements (checking for outside changes first)."""
        self.check()
        return self.root[self.offset : self.offset + self.size]

    def check(self) -> None:
        """Throw as Java does when the backing list changed structurally behind the view."""
        if len(self.root) != self.expected:
            from vtlgw.engine.jexception import JavaException

            raise JavaException("java.util.ConcurrentModificationException", "")

    def replace(self, new: list[Any]) -> None:
        """Write ``new`` back over the window, resizing it and every enclosing view."""
        self.check()
        self.root[self.offset : self.offset + self.size] = new
        delta = len(new) - self.size
        view: SubListView | None = self
        while view is not None:
            view.size += delta
            view.expected = len(self.root)
            view = view.parent

    def vtl_str(self) -> str:
        from vtlgw.engine.javatypes import to_string

        parts = []
        for item in self.items():
            text = "(this Collection)" if item is self else to_string(item)
            parts.append("null" if text is None else text)
        return "[" + ", ".join(parts) + "]"


class JavaIterator(_JavaObject):
    """A ``java.util.Iterator`` over a snapshot of a collection (``hasNext``/``next``)."""

    __slots__ = ("items", "java_class", "position")
    java_class_name: ClassVar[str] = "java.util.Iterator"

    def __init__(self, items: list[Any], java_class: str) -> None:
        self.items = items
        self.position = 0
        self.java_class = java_class

    def vtl_str(self) -> str:
        return f"{self.java_class}@{identity_hash(self.java_class):x}"

    def remaining(self) -> Iterator[Any]:
        """Consume the iterator (what ``#foreach`` over an iterator does)."""
        while self.position < len(self.items):
            self.position += 1
            yield self.items[self.position - 1]


class _MapView(_JavaObject):
    __slots__ = ("map",)

    def __init__(self, backing: dict[Any, Any]) -> None:
        self.map = backing

    def elements(self) -> Iterator[Any]:
        """The view's elements in map order."""
        raise NotImplementedError

    def vtl_str(self) -> str:
        from vtlgw.engine.javatypes import to_string

        parts = []
        for item in self.elements():
            text = "(this Collection)" if item is self else to_string(item)
            parts.append("null" if text is None else text)
        return "[" + ", ".join(parts) + "]"

    def java_hash(self) -> int:
        """``AbstractSet.hashCode``: the sum of the element hashes."""
        from vtlgw.engine.javatypes import java_hash

        total = sum(java_hash(item) for item in self.elements())
        return ((total + 2**31) % 2**32) - 2**31

    def equals_set(self, other: object) -> bool:
        """``AbstractSet.equals``: same size and every element of ``other`` is here."""
        from vtlgw.engine.jcollections import collection_contains

        if not isinstance(other, (KeySetView, EntrySetView)):
            return False
        return len(self.map) == len(other.map) and all(
            collection_contains(self, item) for item in other.elements()
        )


class KeySetView(_MapView):
    """``LinkedHashMap.keySet()``."""

    __slots__ = ()
    java_class_name: ClassVar[str] = "java.util.LinkedHashMap$LinkedKeySet"

    def elements(self) -> Iterator[Any]:
        return iter(list(self.map))


class ValuesView(_MapView):
    """``LinkedHashMap.values()``."""

    __slots__ = ()
    java_class_name: ClassVar[str] = "java.util.LinkedHashMap$LinkedValues"

    def elements(self) -> Iterator[Any]:
        return iter(list(self.map.values()))

    def java_hash(self) -> int:
        """Collections of values keep Object's identity hash (stable per class)."""
        return identity_hash(self.java_class_name)


class EntrySetView(_MapView):
    """``LinkedHashMap.entrySet()``."""

    __slots__ = ()
    java_class_name: ClassVar[str] = "java.util.LinkedHashMap$LinkedEntrySet"

    def elements(self) -> Iterator[Any]:
        return iter([MapEntry(self.map, key) for key in list(self.map)])


class MapEntry(_JavaObject):
    """One ``Map.Entry``; ``setValue`` writes through to the map."""

    __slots__ = ("key", "map")
    java_class_name: ClassVar[str] = "java.util.LinkedHashMap$Entry"

    def __init__(self, backing: dict[Any, Any], key: Any) -> None:
        self.map = backing
        self.key = key

    @property
    def value(self) -> Any:
        """The entry's current value (None once the key is gone)."""
        return self.map.get(self.key)

    def vtl_str(self) -> str:
        from vtlgw.engine.javatypes import to_string

        key, value = to_string(self.key), to_string(self.value)
        return f"{'null' if key is None else key}={'null' if value is None else value}"

    def java_hash(self) -> int:
        """``key.hashCode() ^ value.hashCode()``."""
        from vtlgw.engine.javatypes import java_hash

        return java_hash(self.key) ^ java_hash(self.value)

    def __eq__(self, other: object) -> bool:
        from vtlgw.engine.javatypes import java_equals

        return (
            type(other) is MapEntry
            and java_equals(self.key, other.key)
            and java_equals(self.value, other.value)
        )

    def __hash__(self) -> int:
        return self.java_hash()


def identity_hash(java_class: str) -> int:
    """What stands in for Java's identity hash code: stable for a class name.

    Java's value is arbitrary and differs per object and per run; a render must be
    deterministic and must not show memory addresses, so every object of a class shares one
    value derived from the class name.
    """
    return zlib.crc32(java_class.encode("utf-8")) & 0x7FFFFFFF
