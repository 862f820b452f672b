"""``$context`` groups that outlive one render: the overrides a simulation reads back.

A request template and the response template of one request share ``$context``; what either
``#set``s into ``$context.requestOverride``/``responseOverride`` must survive the render so the
gateway (and the simulation) can apply it (ref §8.5 (D), §11.13 (V)).
"""

from __future__ import annotations

from typing import Any

from vtlgw.apigw.context import ContextGroup
from vtlgw.engine.values import VtlObject


class SharedGroup(VtlObject):
    """A ``$context`` group that outlives one render.

    The engine copies plain maps it is given, so what a template ``#set``s into
    ``$context.responseOverride`` would be lost when the render ends. A host object is passed
    by reference: this one forwards every read, ``Map`` method and setter to the
    :class:`~vtlgw.apigw.context.ContextGroup` it wraps, so the simulation (and the response
    template) see the overrides (ref §8.5 (D), §11.13 (V)). Nested groups are wrapped too, and
    every key written is remembered: a parameter may be overridden only once (ref §8.5 (D)).
    """

    java_class_name = ContextGroup.java_class_name

    def __init__(self, group: ContextGroup) -> None:
        self.group = group
        self.written: set[str] = set()
        self.repeated: list[str] = []
        for key, value in list(group.items()):
            if isinstance(value, ContextGroup):
                group[key] = SharedGroup(value)

    def vtl_get(self, name: str) -> Any:
        """``$group.name``."""
        return self.group.vtl_get(name)

    def vtl_call(self, name: str, args: tuple[Any, ...]) -> Any:
        """``Map`` methods and ``setName(value)``; writes are recorded."""
        writes = name == "put" and len(args) == 2
        setter = name.startswith("set") and len(name) > 3 and len(args) == 1
        before = dict(self.group) if writes or setter else None
        result = self.group.vtl_call(name, args)
        if before is not None:
            changed = [k for k, v in self.group.items() if k not in before or before[k] is not v]
            if not changed:  # the same value again: find the key that was written
                candidates = (args[0],) if writes else (name[3:], name[3:4].lower() + name[4:])
                changed = [k for k in candidates if k in self.group][:1]
            for key in changed:
                if key in self.written:
                    self.repeated.append(str(key))
                self.written.add(str(key))
        return result

    def plain(self) -> dict[str, Any]:
        """The group's content as plain dicts."""
        return {k: v.plain() if isinstance(v, SharedGroup) else v for k, v in self.group.items()}

    def all_repeated(self, prefix: str) -> list[str]:
        """Dotted names of every key written more than once, here and in nested groups."""
        names = [f"{prefix}.{key}" for key in self.repeated]
        for key, value in self.group.items():
            if isinstance(value, SharedGroup):
                names.extend(value.all_repeated(f"{prefix}.{key}"))
        return names

    def vtl_str(self) -> str:
        """Prints empty, like every nested ``$context`` group (ref §11.12 (V))."""
        return ""
