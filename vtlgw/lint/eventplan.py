"""The synthetic event of the render check: what the template reads, and an event holding it.

:func:`plan_event` reads the template statically: the JSONPaths of ``$input.path`` and
``$input.json`` (and the properties taken from them, through ``#set`` variables, ``#foreach``
loops and ``$util.parseJson``), the names of ``$input.params``, ``$context.authorizer`` and
``$stageVariables``, and which ``$context`` variables say what kind of event it is for.
:func:`build_event` makes a synthetic event (:func:`vtlgw.events.synth.synthesize`) whose body
and parameters hold a value at every one of those places: a number where the value is printed
outside a JSON string (any JSON value position takes a number), a distinct word (``value1``,
``value2``...) where it is printed only inside strings, so an error in the output can be traced
back to the reference that printed the word.
"""

from __future__ import annotations

import json
import re
from typing import Any

from vtlgw.engine import nodes as n
from vtlgw.lint.jsonshape import JsonShape, Printed
from vtlgw.lint.reads import Aliases, Chain, Step
from vtlgw.lint.source import ApiKind

_MAX_LIST = 5
_REST_CONTEXT = frozenset(
    {
        "httpMethod",
        "resourcePath",
        "resourceId",
        "path",
        "protocol",
        "accountId",
        "deploymentId",
        "requestOverride",
        "responseOverride",
    }
)
_WEBSOCKET_CONTEXT = frozenset(
    {
        "connectionId",
        "connectedAt",
        "routeKey",
        "eventType",
        "messageId",
        "messageDirection",
        "disconnectStatusCode",
        "disconnectReason",
    }
)
_JSONPATH_TOKEN = re.compile(
    r"\.\.?(?P<name>[^.\[\]()'\"]+)|\.\*|\[\*\]|\[(?P<index>\d+)\]"
    r"|\['(?P<sq>[^']*)'\]|\[\"(?P<dq>[^\"]*)\"\]|\[\?\(.*?\)\]|\[-?\d*:-?\d*\]"
)
_LIST_METHODS = frozenset({"size", "isEmpty", "iterator"})
_MAP_METHODS = frozenset({"keySet", "entrySet", "values", "containsKey"})


class Value:
    """A value the event must hold, built up from the reads: a ``leaf`` (printed ``bare``
    outside a JSON string, or not), a ``map`` of ``items``, a ``list`` of ``length`` copies
    of ``inner``, or ``json``: a string holding the JSON text of ``inner``."""

    __slots__ = ("bare", "inner", "items", "kind", "length", "printers")

    def __init__(self) -> None:
        self.kind = "leaf"
        self.bare = False
        #: the printed references that print this value, in output order
        self.printers: list[n.Reference] = []
        self.items: dict[str, Value] = {}
        self.inner: Value | None = None
        self.length = 1

    def key(self, name: str) -> Value:
        """The value at ``name`` of this map."""
        self.kind = "map"
        return self.items.setdefault(name, Value())

    def _contained(self, kind: str) -> Value:
        self.kind = kind
        if self.inner is None:
            self.inner = Value()
        return self.inner

    def element(self, count: int = 1) -> Value:
        """An element of this list, which has at least ``count`` of them."""
        self.length = max(self.length, min(count, _MAX_LIST))
        return self._contained("list")

    def parsed(self) -> Value:
        """What this string holds as JSON text (``$util.parseJson`` of it)."""
        return self._contained("json")

    def build(self, words: list[Value], *, text: bool) -> Any:
        """The JSON-like value (``text``: scalars as strings, for parameters and headers).

        Each word-valued leaf is appended to ``words``; its value names its position there.
        """
        if self.kind == "map":
            return {k: v.build(words, text=text) for k, v in self.items.items()}
        if self.kind == "list" and self.inner is not None:
            return [self.inner.build(words, text=text) for _ in range(self.length)]
        if self.kind == "json" and self.inner is not None:
            return json.dumps(self.inner.build(words, text=False))
        if self.bare:
            return "1" if text else 1
        words.append(self)
        return f"value{len(words)}"


def _jsonpath_steps(path: str) -> list[tuple[str, str]] | None:
    """``$.a['b'][0][*]`` as ``[("key", "a"), ("key", "b"), ("elem", "1"), ("elem", "1")]``."""
    path = path.strip()
    if not path.startswith("$"):
        return None
    steps: list[tuple[str, str]] = []
    position = 1
    while position < len(path):
        match = _JSONPATH_TOKEN.match(path, position)
        if match is None:
            return None
        position = match.end()
        name = match.group("name") or match.group("sq") or match.group("dq")
        if name is not None:
            steps.append(("key", name))
        elif match.group("index") is not None:
            steps.append(("elem", str(int(match.group("index")[:3]) + 1)))
        else:
            steps.append(("elem", "1"))
    return steps


def _follow(value: Value, steps: tuple[Step, ...]) -> Value | None:
    """Walk ``steps`` down ``value``; ``None`` when a step says nothing about the data."""
    for step in steps:
        key = step.key()
        if step.kind == "elem":
            value = value.element()
        elif key is not None:
            value = value.key(key)
        elif step.kind == "call" and step.name in _LIST_METHODS:
            value.element()
            return None
        elif step.kind == "call" and step.name in _MAP_METHODS:
            if value.kind == "leaf":
                value.kind = "map"
            return None
        else:
            return value if step.kind == "call" else None
    return value


class EventPlan:
    """What the synthetic event holds, gathered from the template's reads."""

    def __init__(self, aliases: Aliases) -> None:
        self.aliases = aliases
        self.body = Value()
        #: ``$input.body`` itself: only its printers matter, the text is the event's body
        self.raw_body = Value()
        #: ``$input.body``, ``$input.path`` or ``$input.json`` is read
        self.reads_body = False
        self.params = Value()
        #: ``$input.params`` is read in any form
        self.reads_params = False
        self.query = Value()
        self.headers = Value()
        self.path = Value()
        self.authorizer = Value()
        self.reads_authorizer = False
        self.stage = Value()
        #: the first names of every ``$context.x`` read
        self.context: set[str] = set()

    def read(self, chain: Chain, printed: Printed | None) -> None:
        """Record what ``chain`` reads, and where it is ``printed`` (``None``: not printed)."""
        target = self._target(chain)
        if target is None or printed is None:
            return
        target.printers.append(printed.node)
        if printed.in_string is not True:
            target.bare = True

    def _target(self, chain: Chain) -> Value | None:
        steps = chain.steps
        if chain.starts("input", ("prop", "body")):
            self.reads_body = True
            return self.raw_body if len(steps) == 1 else None
        if chain.starts("input", ("call", "path")) or chain.starts("input", ("call", "json")):
            path = steps[0].literal_arg()
            where = None if path is None else _jsonpath_steps(path)
            if where is None:
                return None
            self.reads_body = True
            value = self.body
            for kind, name in where:
                value = value.key(name) if kind == "key" else value.element(int(name))
            return _follow(value, steps[1:])
        if chain.starts("util", ("call", "parseJson")):
            return self._parsed(steps)
        if chain.starts("input", ("call", "params")):
            self.reads_params = True
            return self._param(steps)
        if chain.root == "context" and steps and steps[0].kind == "prop":
            self.context.add(steps[0].name)
            if steps[0].name == "authorizer" and len(steps) >= 2:
                self.reads_authorizer = True
                return _follow(self.authorizer, steps[1:])
            return None
        if chain.root == "stageVariables" and steps:
            key = steps[0].key()
            return None if key is None else self.stage.key(key)
        return None

    def _parsed(self, steps: tuple[Step, ...]) -> Value | None:
        """``$util.parseJson(x)...``: ``x`` holds JSON text with what the steps read."""
        args = steps[0].args
        if len(args) != 1 or not isinstance(args[0], n.Reference):
            return None
        source = self.aliases.resolve(args[0])
        if source.starts("input", ("prop", "body")) and len(source.steps) == 1:
            self.reads_body = True
            return _follow(self.body, steps[1:])
        holder = self._target(source)
        return None if holder is None else _follow(holder.parsed(), steps[1:])

    def _param(self, steps: tuple[Step, ...]) -> Value | None:
        """``$input.params('x')``, ``$input.params().header.x`` and the other maps."""
        param = steps[0].literal_arg()
        if param is not None:
            return self.params.key(param)
        if len(steps) >= 3:
            group = {"header": self.headers, "querystring": self.query, "path": self.path}
            where = group.get(steps[1].key() or "")
            key = steps[2].key()
            if where is not None and key is not None:
                return where.key(key)
        return None


def plan_event(root: n.Block, text: str, shape: JsonShape) -> EventPlan:
    """Everything the template reads, and how each read value is printed."""
    printed = {id(p.node): p for p in shape.printed}
    plan = EventPlan(Aliases(root, text))
    for node in n.walk(root):
        if isinstance(node, n.Reference):
            plan.read(plan.aliases.resolve(node), printed.get(id(node)))
    return plan


def guess_route(plan: EventPlan, api: ApiKind | None, route_kind: str | None) -> str:
    """The synthetic event's route: the configured one, else what ``$context`` suggests."""
    if route_kind is not None:
        return route_kind
    if api == "rest" or (api is None and plan.context & _REST_CONTEXT):
        return "rest"
    if api == "websocket" or plan.context & _WEBSOCKET_CONTEXT:
        if plan.context & {"disconnectStatusCode", "disconnectReason"}:
            return "disconnect"
        if plan.reads_body or "messageId" in plan.context:
            return "message"
        if plan.reads_params:
            return "connect"
        return "message"
    return "rest"


def build_event(plan: EventPlan, route: str) -> tuple[dict[str, Any], list[Value]]:
    """The synthetic event for ``route`` holding a value at every place ``plan`` names, and
    the word-valued leaves in it (``value1`` is the first)."""
    from vtlgw.events.synth import synthesize

    words: list[Value] = []
    overrides: dict[str, Any] = {}
    if route in ("message", "rest") and plan.body.kind != "leaf":
        overrides["body"] = json.dumps(plan.body.build(words, text=False))
    query = plan.query.build(words, text=True) if plan.query.kind == "map" else {}
    headers = plan.headers.build(words, text=True) if plan.headers.kind == "map" else {}
    named = plan.params.build(words, text=True) if plan.params.kind == "map" else {}
    if route in ("connect", "rest"):
        query = {**named, **query}
    elif route == "disconnect":
        headers = {**named, **headers}
    if query and route in ("connect", "rest"):
        overrides["query"] = query
    if headers and route in ("connect", "disconnect", "rest"):
        overrides["headers"] = headers
    if route == "rest" and plan.path.kind == "map":
        overrides["path_parameters"] = plan.path.build(words, text=True)
    if plan.reads_authorizer:
        overrides["authorizer"] = plan.authorizer.build(words, text=True)
    if plan.stage.kind == "map":
        overrides["stage_variables"] = plan.stage.build(words, text=True)
    return synthesize(route, seed=0, **overrides), words
