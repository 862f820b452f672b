"""What a reference reads, seen through the template's own variables.

``#set($params = $input.params())`` makes ``$params.header`` read ``$input.params().header``;
``#foreach($item in $input.path('$.items'))`` makes ``$item.price`` read the ``price`` of an
element of ``$.items``. :class:`Aliases` collects every ``#set`` of a plain variable and every
``#foreach`` target and resolves a reference to a :class:`Chain`: the data source it starts
from (``input``, ``context``, ``util``, ``stageVariables``...) and the steps taken from there.
A variable given different values in different places (or used as a loop variable of
different lists) is ambiguous and resolves to itself, so nothing is concluded from a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from vtlgw.engine import nodes as n
from vtlgw.lint.jsonshape import expr_key, string_value


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a chain: ``prop`` (``.name``), ``call`` (``.name(args)``), ``index``
    (``[expr]``) or ``elem`` (an element of the collection the step before is)."""

    kind: str
    name: str = ""
    args: tuple[n.Expr, ...] = ()

    def literal_arg(self) -> str | None:
        """The value of the only argument (or index) when it is a plain string literal."""
        return string_value(self.args[0]) if len(self.args) == 1 else None

    def key(self) -> str | None:
        """The map key this step reads: ``.name``, ``.get('name')`` or ``['name']``."""
        if self.kind == "prop":
            return self.name
        if self.kind == "index" or (self.kind == "call" and self.name == "get"):
            return self.literal_arg()
        return None


@dataclass(frozen=True, slots=True)
class Chain:
    """A data source and the steps a reference takes from it."""

    root: str
    steps: tuple[Step, ...]

    def starts(self, root: str, *kinds_and_names: tuple[str, str]) -> bool:
        """The chain starts at ``root`` with these ``(kind, name)`` steps."""
        if self.root != root or len(self.steps) < len(kinds_and_names):
            return False
        return all(
            step.kind == kind and step.name == name
            for step, (kind, name) in zip(self.steps, kinds_and_names, strict=False)
        )

    def key(self, text: str) -> str:
        """A canonical spelling of the chain (argument spellings as :func:`expr_key`)."""
        pieces = [f"${self.root}"]
        for step in self.steps:
            args = ", ".join(expr_key(arg, text) for arg in step.args)
            pieces.append(
                {
                    "prop": f".{step.name}",
                    "call": f".{step.name}({args})",
                    "index": f"[{args}]",
                }.get(step.kind, "[*]")
            )
        return "".join(pieces)

    @property
    def through_loop(self) -> bool:
        """Some step is an element of a list a ``#foreach`` walks."""
        return any(step.kind == "elem" for step in self.steps)


_MAX_ALIAS_DEPTH = 8


def steps_of(parts: list[n.Prop | n.Call | n.Index]) -> tuple[Step, ...]:
    """The steps of a reference's parts."""
    result = []
    for part in parts:
        if isinstance(part, n.Prop):
            result.append(Step("prop", part.name))
        elif isinstance(part, n.Call):
            result.append(Step("call", part.name, tuple(part.args)))
        else:
            result.append(Step("index", "", (part.index,)))
    return tuple(result)


def statements(block: n.Block) -> Iterator[n.Node]:
    """Every statement of ``block`` and of the blocks inside it, in source order (no
    expressions: cheaper than :func:`vtlgw.engine.nodes.walk` when only directives matter)."""
    for node in block.body:
        yield node
        if isinstance(node, n.If):
            for _, body in node.branches:
                yield from statements(body)
            if node.orelse is not None:
                yield from statements(node.orelse)
        elif isinstance(node, n.Directive) and node.body is not None:
            yield from statements(node.body)


class Aliases:
    """The variables a template defines with ``#set`` and ``#foreach``, for resolving."""

    def __init__(self, root: n.Block, text: str) -> None:
        definitions: dict[str, list[tuple[str, n.Expr]]] = {}
        for node in statements(root):
            if isinstance(node, n.Set) and not node.target.parts:
                definitions.setdefault(node.target.root, []).append(("set", node.value))
            elif isinstance(node, n.Foreach):
                target, iterable = node.target, node.iterable
                if target is not None and iterable is not None:
                    definitions.setdefault(target.root, []).append(("loop", iterable))
        self._aliases: dict[str, tuple[str, n.Reference]] = {}
        for name, defs in definitions.items():
            kinds = {(kind, expr_key(expr, text)) for kind, expr in defs}
            kind, expr = defs[0]
            if len(kinds) == 1 and isinstance(expr, n.Reference) and expr.root != name:
                self._aliases[name] = (kind, expr)

    def resolve(self, ref: n.Reference) -> Chain:
        """The chain ``ref`` reads, through the template's variables where they are clear."""
        root, steps = ref.root, steps_of(ref.parts)
        for _ in range(_MAX_ALIAS_DEPTH):
            alias = self._aliases.get(root)
            if alias is None:
                return Chain(root, steps)
            kind, value = alias
            head = steps_of(value.parts)
            if kind == "loop":
                head = (*head, Step("elem"))
            root, steps = value.root, head + steps
        return Chain(ref.root, steps_of(ref.parts))


# --- what a chain is --------------------------------------------------------------------

_MAP_PARAMS = ("path", "querystring", "header")
_REPAIR_TARGET = "\\'"


def is_input_json(chain: Chain) -> bool:
    """``$input.json(...)`` and nothing after it."""
    return chain.starts("input", ("call", "json")) and len(chain.steps) == 1


def is_body(chain: Chain) -> bool:
    """``$input.body`` and nothing after it."""
    return chain.starts("input", ("prop", "body")) and len(chain.steps) == 1


def is_params_map(chain: Chain) -> bool:
    """``$input.params()`` or one of its maps (``.header``, ``.querystring``, ``.path``)."""
    if not chain.starts("input", ("call", "params")) or chain.steps[0].args:
        return False
    if len(chain.steps) == 1:
        return True
    return len(chain.steps) == 2 and chain.steps[1].key() in _MAP_PARAMS


def is_whole_body_path(chain: Chain) -> bool:
    """``$input.path('$')``: the whole body as a navigable object (a Java map when printed)."""
    if not chain.starts("input", ("call", "path")) or len(chain.steps) != 1:
        return False
    path = chain.steps[0].literal_arg()
    return path is not None and path.strip() == "$"


def is_repair(step: Step) -> bool:
    """A call that turns ``\\'`` back into ``'``: ``.replaceAll("\\\\'","'")`` and kin."""
    if step.kind != "call" or len(step.args) != 2:
        return False
    pattern, replacement = (string_value(arg) for arg in step.args)
    if pattern is None or replacement != "'":
        return False
    if step.name == "replace":
        return pattern == _REPAIR_TARGET
    if step.name in ("replaceAll", "replaceFirst") and len(pattern) <= 40:
        try:
            return re.fullmatch(pattern, _REPAIR_TARGET) is not None
        except re.error:
            return False
    return False


def escape_javascript_unrepaired(chain: Chain) -> bool:
    """``$util.escapeJavaScript(...)`` with no ``\\'`` repair after it."""
    if not chain.starts("util", ("call", "escapeJavaScript")):
        return False
    return not any(is_repair(step) for step in chain.steps[1:])


def _navigates(steps: tuple[Step, ...]) -> bool:
    return any(step.key() is not None for step in steps)


def is_nullable(chain: Chain) -> bool:
    """A value that renders empty when the request lacks it (ref §9.4, §11.1).

    ``$input.path(...)`` (and calls on it), ``$input.params('x')`` and the values of
    ``$input.params()``'s maps, ``$context.authorizer.x`` and ``$stageVariables.x``. A
    property taken from a ``$input.path`` object or a ``$util.parseJson`` result, or from an
    element of a list, is :func:`is_navigated` instead.
    """
    if chain.through_loop:
        return False
    if chain.starts("input", ("call", "path")):
        return not _navigates(chain.steps[1:])
    if chain.starts("input", ("call", "params")):
        return bool(chain.steps[0].args) or len(chain.steps) >= 3
    if chain.starts("context", ("prop", "authorizer")):
        return len(chain.steps) >= 2
    if chain.root == "stageVariables":
        return len(chain.steps) >= 1
    return False


def is_navigated(chain: Chain) -> bool:
    """A property of an object parsed from JSON: ``$inputRoot.photos.page`` after
    ``#set($inputRoot = $input.path('$'))``, ``$elem.price`` in a loop over
    ``$input.path('$.items')``, ``$obj.code`` after ``#set($obj = $util.parseJson(...))``."""
    if chain.starts("input", ("call", "path")) or chain.starts("util", ("call", "parseJson")):
        return _navigates(chain.steps[1:])
    return False
