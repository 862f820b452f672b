"""``Engine`` and ``Template``: the public face of the VTL engine.

An :class:`Engine` holds options and a small cache of compiled templates; a :class:`Template`
is parsed and compiled once, immutable, and safe to render from many threads. Rendering copies
the caller's variables, so a render never changes them and never sees another render's
``#set``.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from vtlgw.engine import nodes
from vtlgw.engine.cbase import Run
from vtlgw.engine.compiler import Compiler
from vtlgw.engine.parser import ParsedTemplate, parse
from vtlgw.engine.runtime import BreakLoop, Flavor, Frame, Options, StopRender
from vtlgw.engine.values import JsonList, VtlObject
from vtlgw.errors import LimitExceeded

_CACHE_SIZE = 256

# Java methods that change the collection they are called on. A template calling none of
# them (and assigning to no property or index) cannot change the caller's values, so its
# renders skip the deep copy. The list errs on the side of copying: String.replace is here
# because Map.replace shares its name.
_MUTATORS = frozenset(
    {
        "add",
        "addAll",
        "clear",
        "compute",
        "computeIfAbsent",
        "computeIfPresent",
        "merge",
        "put",
        "putAll",
        "putIfAbsent",
        "remove",
        "removeAll",
        "removeIf",
        "replace",
        "replaceAll",
        "retainAll",
        "set",
        "setValue",
        "sort",
    }
)


def _may_mutate(parsed: ParsedTemplate) -> bool:
    for node in nodes.walk(parsed.root):
        if isinstance(node, nodes.Set) and node.target.parts:
            return True
        if isinstance(node, nodes.Call) and node.name in _MUTATORS:
            return True
        if isinstance(node, nodes.Evaluate):
            return True
    return False


def _copy_value(value: Any, depth: int = 0) -> Any:
    """Copy a JSON-like value into the engine's value model (dicts and lists are copied)."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if depth > 200:
        raise LimitExceeded("variables nest deeper than 200 levels", name="<variables>")
    if kind is dict:
        return {key: _copy_value(item, depth + 1) for key, item in value.items()}
    if kind is list or kind is tuple:
        return [_copy_value(item, depth + 1) for item in value]
    if isinstance(value, JsonList):
        return JsonList(_copy_value(item, depth + 1) for item in value)
    if isinstance(value, dict):
        copied = type(value)()
        for key, item in value.items():
            copied[key] = _copy_value(item, depth + 1)
        return copied
    if isinstance(value, VtlObject):
        return value
    raise TypeError(
        f"cannot pass a {kind.__name__} to a template: use dict, list, str, int, float, bool, "
        "None or a VtlObject"
    )


def _check_value(value: Any) -> Any:
    """Pass a value through unchanged after checking its type (no copy)."""
    kind = type(value)
    if (
        kind is str
        or kind is int
        or kind is float
        or kind is bool
        or value is None
        or kind is dict
        or kind is list
        or isinstance(value, (JsonList, VtlObject, dict))
    ):
        return value
    if kind is tuple:
        return list(value)
    return _copy_value(value)


class Template:
    """A compiled template. Create it with :meth:`Engine.compile`."""

    __slots__ = ("_copy", "_run", "name", "options", "parsed")

    def __init__(self, parsed: ParsedTemplate, run: Run, options: Options) -> None:
        self.parsed = parsed
        self._copy = _may_mutate(parsed)
        self.name = parsed.name
        self.options = options
        self._run = run

    @property
    def source(self) -> str:
        """The template text."""
        return self.parsed.source

    def render(self, variables: Mapping[str, Any] | None = None) -> str:
        """Render with ``variables`` (names without ``$``) and return the output text."""
        items = (variables or {}).items()
        if self._copy:
            context = {str(k): _copy_value(v) for k, v in items}
        else:
            context = {str(k): _check_value(v) for k, v in items}
        buffer = io.StringIO()
        frame = Frame(context, self.options, buffer)
        try:
            self._run(frame, buffer.write)
        except (StopRender, BreakLoop):
            pass
        except RecursionError:
            raise LimitExceeded("the template nests too deeply to render", name=self.name) from None
        if buffer.tell() > self.options.max_output_size:
            raise LimitExceeded(
                f"the output grew past {self.options.max_output_size} characters", name=self.name
            )
        return buffer.getvalue()


class Engine:
    """Renders VTL templates.

    ``flavor="apigateway"`` (the default) behaves as API Gateway: null and undefined render
    empty, null equals ``""``, null is true in ``#if``, macros and ``#evaluate`` print as
    written, ``#foreach`` stops at 1000 iterations (an error by default), templates are at most
    300 KB. ``flavor="velocity"`` is stock Apache Velocity 1.7. Any :class:`Options` field can
    be given as a keyword to override the flavor's default, for example
    ``Engine(foreach_cap_behavior="truncate")`` or ``Engine(max_steps=10_000)``.
    """

    def __init__(self, flavor: Flavor = "apigateway", **options: Any) -> None:
        self.options = Options.for_flavor(flavor, **options)
        self.flavor = flavor
        self._cache: OrderedDict[tuple[str, str], Template] = OrderedDict()
        self._lock = threading.Lock()

    def parse(self, template_text: str, *, name: str = "<template>") -> ParsedTemplate:
        """Parse without compiling (the tree the linter walks)."""
        self._check_size(template_text, name)
        return parse(template_text, name=name)

    def compile(self, template_text: str, name: str = "<template>") -> Template:
        """Parse and compile once; the result renders many times. Cached per engine."""
        key = (name, template_text)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        parsed = self.parse(template_text, name=name)
        compiler = Compiler(parsed, self.options)
        try:
            run = compiler.compile()
        except RecursionError:
            raise LimitExceeded("the template nests too deeply to compile", name=name) from None
        template = Template(parsed, run, self.options)
        with self._lock:
            self._cache[key] = template
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return template

    def render(
        self,
        template_text: str,
        variables: Mapping[str, Any] | None = None,
        *,
        name: str = "<template>",
    ) -> str:
        """Compile (or reuse) and render in one call."""
        return self.compile(template_text, name=name).render(variables)

    def _check_size(self, text: str, name: str) -> None:
        limit = self.options.max_template_size
        if len(text) * 4 > limit:
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > limit:
                raise LimitExceeded(
                    f"the template is {size} bytes; the limit is {limit} "
                    "(API Gateway allows 300 KB)",
                    name=name,
                )
