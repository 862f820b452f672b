"""What exists only while a template renders: options, the per-render frame, loop scopes,
``#define`` blocks and the control-flow signals of ``#stop`` and ``#break``.

A compiled template is immutable and shared; everything that changes during one render lives
in its :class:`Frame`, so one template can render on many threads at once.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from vtlgw.engine.values import MISSING, VtlObject
from vtlgw.errors import LimitExceeded

Flavor = Literal["apigateway", "velocity"]
Write = Callable[[str], Any]


@dataclass(frozen=True, slots=True)
class Options:
    """How an :class:`~vtlgw.Engine` renders; see :class:`vtlgw.Engine` for each field."""

    flavor: Flavor = "apigateway"
    null_renders_empty: bool = True
    null_equals_empty: bool = True
    null_is_true: bool = True
    escaped_null_as_defined: bool = True
    macros: Literal["velocity", "literal"] = "literal"
    set_null_keeps_value: bool = True
    foreach_cap: int | None = 1000
    foreach_cap_behavior: Literal["error", "truncate"] = "error"
    max_template_size: int = 300 * 1024
    max_output_size: int = 10 * 1024 * 1024
    max_string_size: int = 10 * 1024 * 1024
    max_range_size: int = 100_000
    max_loop_iterations: int = 100_000
    max_depth: int = 20
    max_steps: int = 5_000_000
    max_collection_size: int = 1_000_000
    max_integer_bits: int = 8192
    codegen: bool = True

    @classmethod
    def for_flavor(cls, flavor: Flavor, **overrides: Any) -> Options:
        """Defaults of a flavor, with keyword overrides."""
        if flavor == "velocity":
            base: dict[str, Any] = {
                "flavor": "velocity",
                "null_renders_empty": False,
                "null_equals_empty": False,
                "null_is_true": False,
                "escaped_null_as_defined": False,
                "macros": "velocity",
                "foreach_cap": None,
                "max_template_size": 10 * 1024 * 1024,
            }
        elif flavor == "apigateway":
            base = {}
        else:
            raise ValueError(f"unknown flavor {flavor!r}: expected 'apigateway' or 'velocity'")
        base.update(overrides)
        return cls(**base)


MacroArg = tuple[Callable[["Frame"], Any], dict[str, Any], str]


class StopRender(Exception):
    """``#stop``: end the whole render, keeping what was written."""


class BreakLoop(Exception):
    """``#break``: leave the innermost ``#foreach`` or macro, or the given ``$foreach`` scope."""

    def __init__(self, scope: Any = None) -> None:
        super().__init__()
        self.scope = scope


class Frame:
    """The mutable state of one render."""

    __slots__ = ("args", "buffer", "depth", "options", "steps", "vars")

    def __init__(
        self,
        variables: dict[str, Any],
        options: Options,
        buffer: io.StringIO,
    ) -> None:
        self.vars = variables
        self.options = options
        self.buffer = buffer
        self.steps = 0
        self.depth = 0
        # Arguments of the macro call being rendered, passed by name as Velocity 1.7 does:
        # name -> (value closure, the caller's own arguments, the argument as written)
        self.args: dict[str, MacroArg] = {}


class ForeachScope(VtlObject):
    """``$foreach``: the state of the innermost ``#foreach`` (Velocity 1.7's ForeachScope)."""

    java_class_name = "org.apache.velocity.runtime.directive.ForeachScope"
    __slots__ = ("has_next", "index", "parent")

    def __init__(self, parent: Any) -> None:
        self.parent = parent
        self.index = -1
        self.has_next = False

    def _topmost(self) -> Any:
        scope: Any = self
        while isinstance(scope, ForeachScope) and scope.parent is not None:
            scope = scope.parent
        return scope

    def vtl_get(self, name: str) -> Any:
        # Velocity finds a property through its getter, trying the name as written and then
        # with its first letter's case flipped: $foreach.Count and $foreach.count both reach
        # getCount(), $foreach.HasNext reaches getHasNext(); $foreach.hasnext reaches nothing.
        if name[:1].isupper():
            name = name[0].lower() + name[1:]
        if name == "index":
            return self.index
        if name == "count":
            return self.index + 1
        if name == "hasNext":
            return self.has_next
        if name == "first":
            return self.index < 1
        if name == "last":
            return not self.has_next
        if name == "parent":
            return self.parent
        if name == "topmost":
            return self._topmost()
        return None  # a Scope is also a map of its own: unknown keys read as null

    def vtl_call(self, name: str, args: tuple[Any, ...]) -> Any:
        if args:
            return MISSING
        getters = {
            "getIndex": "index",
            "getCount": "count",
            "hasNext": "hasNext",
            "getHasNext": "hasNext",
            "isFirst": "first",
            "getFirst": "first",
            "isLast": "last",
            "getLast": "last",
            "getParent": "parent",
            "getTopmost": "topmost",
        }
        prop = getters.get(name)
        if prop is None:
            return MISSING
        return self.vtl_get(prop)

    def vtl_str(self) -> str:
        return "{}"


class DefinedBlock(VtlObject):
    """The value ``#define($name)`` binds: renders its block each time it is printed."""

    java_class_name = "org.apache.velocity.runtime.directive.Block$Reference"
    __slots__ = ("active", "body", "frame", "where")

    def __init__(
        self,
        body: Callable[[Frame, Write], None],
        frame: Frame,
        where: Callable[[str], LimitExceeded],
    ) -> None:
        self.body = body
        self.frame = frame
        self.where = where
        self.active = False

    def render_or_none(self) -> str | None:
        """The rendered block, or None when it is already rendering (Velocity then prints
        the reference as written)."""
        if self.active:
            return None
        self.active = True
        try:
            return self.vtl_str()
        finally:
            self.active = False

    def vtl_str(self) -> str:
        frame = self.frame
        if frame.depth >= frame.options.max_depth:
            raise self.where(
                f"#define blocks render each other more than {frame.options.max_depth} deep"
            )
        options = frame.options
        frame.steps += 1
        if frame.steps > options.max_steps:
            raise self.where(f"the template took more than {options.max_steps} evaluation steps")
        buf = io.StringIO()
        frame.depth += 1
        try:
            self.body(frame, buf.write)
        finally:
            frame.depth -= 1
        if buf.tell() + frame.buffer.tell() > options.max_output_size:
            raise self.where(f"the output grew past {options.max_output_size} characters")
        return buf.getvalue()

    def vtl_call(self, name: str, args: tuple[Any, ...]) -> Any:
        if name == "toString" and not args:
            return self.vtl_str()
        return MISSING
