"""The Java members the linter checks calls against: String, List and Map, and ``$foreach``.

Method names come from the engine's own tables (:mod:`vtlgw.engine.jstring`,
:mod:`vtlgw.engine.jcollections`), imported when first needed, so the linter and a render agree
on what exists. The argument counts per method are Java's (every overload); tests check that a
count outside them matches no overload in the engine either. Public Java members the engine
does not run (``String.stripLeading``, ``List.stream``) are listed so the rules never call them
unknown: API Gateway's JVM has them.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

#: Argument counts Java accepts per method (every overload; ``None``: varargs), for the
#: methods the engine runs. A count outside the range has no overload in Java, and the engine
#: renders such a call as nothing (tests check both tables agree).
STRING_ARITY: Mapping[str, tuple[int, int | None]] = MappingProxyType(
    {
        "length": (0, 0),
        "isEmpty": (0, 0),
        "isBlank": (0, 0),
        "toUpperCase": (0, 1),
        "toLowerCase": (0, 1),
        "trim": (0, 0),
        "strip": (0, 0),
        "toString": (0, 0),
        "hashCode": (0, 0),
        "substring": (1, 2),
        "charAt": (1, 1),
        "indexOf": (1, 3),
        "lastIndexOf": (1, 2),
        "contains": (1, 1),
        "startsWith": (1, 2),
        "endsWith": (1, 1),
        "concat": (1, 1),
        "replace": (2, 2),
        "replaceAll": (2, 2),
        "replaceFirst": (2, 2),
        "matches": (1, 1),
        "split": (1, 2),
        "equals": (1, 1),
        "equalsIgnoreCase": (1, 1),
        "compareTo": (1, 1),
        "compareToIgnoreCase": (1, 1),
        "contentEquals": (1, 1),
        "codePointAt": (1, 1),
        "repeat": (1, 1),
        "intern": (0, 0),
        "toCharArray": (0, 0),
        "getBytes": (0, 4),
        "valueOf": (1, 3),
        "join": (1, None),
        "format": (1, None),
        "getClass": (0, 0),
    }
)
LIST_ARITY: Mapping[str, tuple[int, int | None]] = MappingProxyType(
    {
        "size": (0, 0),
        "isEmpty": (0, 0),
        "contains": (1, 1),
        "containsAll": (1, 1),
        "toString": (0, 0),
        "hashCode": (0, 0),
        "equals": (1, 1),
        "get": (1, 1),
        "set": (2, 2),
        "add": (1, 2),
        "remove": (1, 1),
        "addAll": (1, 2),
        "removeAll": (1, 1),
        "indexOf": (1, 1),
        "lastIndexOf": (1, 1),
        "subList": (2, 2),
        "clear": (0, 0),
        "iterator": (0, 0),
        "toArray": (0, 1),
        "getClass": (0, 0),
    }
)
MAP_ARITY: Mapping[str, tuple[int, int | None]] = MappingProxyType(
    {
        "get": (1, 1),
        "put": (2, 2),
        "putAll": (1, 1),
        "remove": (1, 2),
        "containsKey": (1, 1),
        "containsValue": (1, 1),
        "keySet": (0, 0),
        "values": (0, 0),
        "entrySet": (0, 0),
        "size": (0, 0),
        "isEmpty": (0, 0),
        "getOrDefault": (2, 2),
        "putIfAbsent": (2, 2),
        "clear": (0, 0),
        "toString": (0, 0),
        "hashCode": (0, 0),
        "equals": (1, 1),
        "getClass": (0, 0),
    }
)

_OBJECT_ONLY = frozenset({"notify", "notifyAll", "wait"})
# Public members of java.lang.String (JDK 8 to 21) the engine does not run.
_STRING_JAVA_ONLY = _OBJECT_ONLY | frozenset(
    {
        "chars",
        "codePointBefore",
        "codePointCount",
        "codePoints",
        "copyValueOf",
        "describeConstable",
        "formatted",
        "getChars",
        "indent",
        "lines",
        "offsetByCodePoints",
        "regionMatches",
        "resolveConstantDesc",
        "splitWithDelimiters",
        "stripIndent",
        "stripLeading",
        "stripTrailing",
        "subSequence",
        "transform",
        "translateEscapes",
    }
)
# Public members of java.util.ArrayList (JDK 8 to 21) the engine does not run.
_LIST_JAVA_ONLY = _OBJECT_ONLY | frozenset(
    {
        "addFirst",
        "addLast",
        "clone",
        "ensureCapacity",
        "forEach",
        "getFirst",
        "getLast",
        "listIterator",
        "parallelStream",
        "removeFirst",
        "removeIf",
        "removeLast",
        "replaceAll",
        "retainAll",
        "reversed",
        "sort",
        "spliterator",
        "stream",
        "toList",
        "trimToSize",
    }
)
# Public members of java.util.HashMap / LinkedHashMap (JDK 8 to 21) the engine does not run.
_MAP_JAVA_ONLY = _OBJECT_ONLY | frozenset(
    {
        "clone",
        "compute",
        "computeIfAbsent",
        "computeIfPresent",
        "firstEntry",
        "forEach",
        "lastEntry",
        "merge",
        "newHashMap",
        "newLinkedHashMap",
        "pollFirstEntry",
        "pollLastEntry",
        "putFirst",
        "putLast",
        "replace",
        "replaceAll",
        "reversed",
        "sequencedEntrySet",
        "sequencedKeySet",
        "sequencedValues",
    }
)
# Bean properties of ArrayList that only newer JDKs have (getFirst/getLast, JDK 21).
_LIST_JAVA_ONLY_PROPERTIES = frozenset({"first", "last"})

#: ``$foreach``'s properties (Velocity 1.7's ForeachScope and Scope getters: ref §5.1).
FOREACH_PROPERTIES = frozenset(
    {"index", "count", "hasNext", "first", "last", "parent", "topmost", "replaced", "info"}
)
# getClass() is readable as a property on every object.
_FOREACH_JAVA_PROPERTIES = frozenset({"class"})

#: String methods whose result is a String (the engine's own results: tests check them).
STRING_RESULTS = frozenset(
    {
        "toUpperCase",
        "toLowerCase",
        "trim",
        "strip",
        "toString",
        "substring",
        "concat",
        "replace",
        "replaceAll",
        "replaceFirst",
        "repeat",
        "intern",
        "valueOf",
        "join",
        "format",
    }
)


@dataclass(frozen=True)
class JavaType:
    """The members of one Java type as the engine runs them, and as Java has them."""

    name: str
    methods: frozenset[str]
    java_only: frozenset[str]
    arity: Mapping[str, tuple[int, int | None]]
    #: ``has_property(name)``: whether ``$value.name`` reads something (``None``: any name,
    #: as for a Map, whose properties are its keys).
    has_property: Callable[[str], bool] | None

    def has_method(self, name: str) -> bool:
        """Whether Java has a method ``name`` on this type (run by the engine or not)."""
        return name in self.methods or name in self.java_only

    def accepts(self, name: str, count: int) -> bool:
        """Whether Java has an overload of ``name`` taking ``count`` arguments."""
        low, high = self.arity.get(name, (0, None))
        return count >= low and (high is None or count <= high)

    def suggestion(self, name: str) -> str | None:
        """The method ``name`` was probably meant to be, or None."""
        return closest(name, (*sorted(self.methods), *sorted(self.java_only)))


def java_types() -> Mapping[str, JavaType]:
    """The checked Java types by name: ``String``, ``List`` and ``Map``.

    Imports the engine's method tables, which the linter does not load until a template has
    a call on a typed receiver.
    """
    from vtlgw.engine.jcollections import LIST_METHODS, MAP_METHODS
    from vtlgw.engine.jmethods import get_property
    from vtlgw.engine.jstring import STRING_METHODS
    from vtlgw.engine.values import MISSING

    def probe(sample: Callable[[], Any], extra: frozenset[str]) -> Callable[[str], bool]:
        def has_property(name: str) -> bool:
            canonical = name[:1].lower() + name[1:]
            return canonical in extra or get_property(sample(), name) is not MISSING

        return has_property

    return MappingProxyType(
        {
            "String": JavaType(
                "String",
                frozenset(STRING_METHODS) | {"getClass"},
                _STRING_JAVA_ONLY,
                STRING_ARITY,
                probe(str, frozenset()),
            ),
            "List": JavaType(
                "List",
                frozenset(LIST_METHODS) | {"getClass"},
                _LIST_JAVA_ONLY,
                LIST_ARITY,
                probe(list, _LIST_JAVA_ONLY_PROPERTIES),
            ),
            "Map": JavaType(
                "Map", frozenset(MAP_METHODS) | {"getClass"}, _MAP_JAVA_ONLY, MAP_ARITY, None
            ),
        }
    )


def foreach_has_property(name: str) -> bool:
    """Whether ``$foreach.name`` reads one of the scope's properties (ref §5.1)."""
    canonical = name[:1].lower() + name[1:]
    return canonical in FOREACH_PROPERTIES or canonical in _FOREACH_JAVA_PROPERTIES


def closest(name: str, choices: Iterable[str]) -> str | None:
    """The choice that differs from ``name`` only in case, else the closest spelling."""
    options = list(choices)
    folded = {choice.lower(): choice for choice in options}
    if name.lower() in folded:
        return folded[name.lower()]
    close = difflib.get_close_matches(name.lower(), list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None
