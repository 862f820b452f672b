"""Which ``#if`` operands test a value that may be null, or is a string, on API Gateway.

On API Gateway a null or undefined value is *true* in ``#if`` (ref §11.2, recorded), and so is
every string, including ``""`` and ``"false"``: only Boolean ``false`` is false. A condition
that is just a value taken from the request therefore does not test what it seems to. This
module classifies a reference by where its value comes from; kinds that make such a test
misleading:

* ``absent``: JSON navigation (``$input.path``, ``$util.parseJson``, a property of a loop
  element over such a list) or a method call on a value that may be null: null when the field
  is missing, so the branch is taken exactly when it should not be.
* ``string``: a string or null (``$input.params('x')``, ``$stageVariables.x``, an authorizer
  value, which is always a string, §1.1): true whether present or not.
* ``text``: a string that is never null (``$input.json``, ``$input.body``): always true.

Everything else is ``other`` and never reported, to keep false positives rare. ``isEmpty()``
is exempt: a null list or string gives null, which is true, which matches "empty".
A ``#set`` variable takes the kind of what it is assigned (anywhere in the template); a name
assigned both from the request and from something else (``#set($on = true)``) is ``other``.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Literal

from vtlgw.engine import nodes as n

Kind = Literal["absent", "string", "text", "params", "params-group", "element", "literal", "other"]
MISLEADING: frozenset[Kind] = frozenset({"absent", "string", "text"})
_COMPARISONS = frozenset({"==", "!=", "<", ">", "<=", ">="})
_PRECEDENCE: Mapping[Kind, int] = MappingProxyType({"absent": 3, "string": 2, "text": 1})

_GATEWAY_ROOTS = frozenset({"input", "util", "stageVariables", "context"})

Env = Mapping[str, Kind]


def _source_kind(ref: n.Reference) -> tuple[Kind, int]:
    """The kind of a gateway root's first steps, and how many parts they used."""
    parts = ref.parts
    first = parts[0] if parts else None
    if ref.root == "input" and first is not None:
        if isinstance(first, n.Call) and first.name == "path":
            return "absent", 1
        if isinstance(first, n.Call) and first.name == "params":
            return ("string" if first.args else "params"), 1
        if isinstance(first, n.Call) and first.name == "json":
            return "text", 1
        if isinstance(first, n.Prop) and first.name == "body":
            return "text", 1
    if ref.root == "util" and isinstance(first, n.Call) and first.name == "parseJson":
        return "absent", 1
    if ref.root == "stageVariables" and first is not None and _is_key(first):
        return "string", 1
    if (
        ref.root == "context"
        and isinstance(first, n.Prop)
        and first.name in ("authorizer", "identity")
        and len(parts) > 1
        and _is_key(parts[1])
    ):
        return "string", 2
    return "other", len(parts)


def _is_key(part: n.Prop | n.Call | n.Index) -> bool:
    """``.name``, ``['name']`` or ``.get(...)``: reading one key of a map."""
    return isinstance(part, (n.Prop, n.Index)) or (isinstance(part, n.Call) and part.name == "get")


def _step(kind: Kind, part: n.Prop | n.Call | n.Index) -> Kind:
    if isinstance(part, n.Call) and part.name == "isEmpty":
        return "other"
    if kind == "string" and _is_key(part):
        return "string"
    if kind in ("absent", "string"):
        return "absent"
    if kind == "params":
        return "params-group" if _is_key(part) else "other"
    if kind == "params-group":
        return "string" if _is_key(part) else "other"
    if kind == "element":
        return "absent" if _is_key(part) else "other"
    return "other"


def is_method_result(ref: n.Reference) -> bool:
    """Whether ``ref`` ends in a method call on a value (not ``$input.path(...)`` itself)."""
    used = _source_kind(ref)[1] if ref.root in _GATEWAY_ROOTS else 0
    return len(ref.parts) > used and isinstance(ref.parts[-1], n.Call)


def reference_kind(ref: n.Reference, env: Env) -> Kind:
    """Where the value of ``ref`` comes from, as far as it matters to ``#if``."""
    kind, used = _source_kind(ref)
    if kind == "other" and used == len(ref.parts):
        if ref.root in _GATEWAY_ROOTS:
            return "other"
        kind, used = env.get(ref.root, "other"), 0
    for part in ref.parts[used:]:
        kind = _step(kind, part)
        if kind == "other":
            break
    return kind


def header_key(ref: n.Reference, env: Env) -> tuple[str, n.Prop | n.Call | n.Index] | None:
    """The literal header name ``ref`` reads from ``$input.params().header``, and its part."""
    kind, used = _source_kind(ref)
    if kind == "other" and ref.root not in _GATEWAY_ROOTS:
        kind, used = env.get(ref.root, "other"), 0
    parts = ref.parts
    for index in range(used, len(parts) - 1):
        if kind == "params" and _key_name(parts[index]) == "header":
            key = _key_name(parts[index + 1])
            return None if key is None else (key, parts[index + 1])
        kind = _step(kind, parts[index])
        if kind == "other":
            return None
    return None


def _key_name(part: n.Prop | n.Call | n.Index) -> str | None:
    """``name`` of ``.name``, ``.get('name')`` or ``['name']`` (a literal key), else ``None``."""
    if isinstance(part, n.Prop):
        return part.name
    arg: n.Node | None = None
    if isinstance(part, n.Call) and part.name == "get" and len(part.args) == 1:
        arg = part.args[0]
    elif isinstance(part, n.Index):
        arg = part.index
    if isinstance(arg, n.StringLit) and arg.parts is None:
        return arg.value
    return None


def expression_kind(expr: n.Node, env: Env) -> Kind:
    """The kind of an assigned value: a reference's, ``literal`` for strings, else ``other``."""
    if isinstance(expr, n.Reference):
        return reference_kind(expr, env)
    if isinstance(expr, n.StringLit):
        return "literal"
    return "other"


def merge(first: Kind, second: Kind) -> Kind:
    """The kind of a variable assigned both values (``literal`` is neutral, ``other`` wins)."""
    if first == second:
        return first
    if "literal" in (first, second):
        return second if first == "literal" else first
    if first in _PRECEDENCE and second in _PRECEDENCE:
        return first if _PRECEDENCE[first] > _PRECEDENCE[second] else second
    return "other"


Assignment = tuple[str, n.Node, bool]


def assignment(node: n.Node) -> Assignment | None:
    """``(name, value, is_loop)`` for a ``#set($name = value)`` or ``#foreach`` node."""
    if isinstance(node, n.Set) and not node.target.parts:
        return node.target.root, node.value, False
    if isinstance(node, n.Foreach) and node.target is not None and node.iterable is not None:
        return node.target.root, node.iterable, True
    return None


def variable_kinds(assignments: Sequence[Assignment]) -> dict[str, Kind]:
    """The kind of every ``#set`` and ``#foreach`` variable, from its assignments in order."""
    env: dict[str, Kind] = {}
    for _ in range(2):  # a second pass sees variables assigned later in the text
        current: dict[str, Kind] = {}
        for name, value, loop in assignments:
            kind = expression_kind(value, ChainMap(current, env))
            if loop:
                kind = "element" if kind == "absent" else "other"
            current[name] = merge(current[name], kind) if name in current else kind
        env = current
    return env


def truth_operands(test: n.Node, negated: bool = False) -> Iterator[tuple[n.Reference, bool]]:
    """The references whose own truth decides ``test``: the whole test, or ``&&``/``||``/``!``
    operands (with whether an odd number of ``!`` applies)."""
    if isinstance(test, n.Reference):
        yield test, negated
    elif isinstance(test, n.Not):
        yield from truth_operands(test.operand, not negated)
    elif isinstance(test, n.Binary) and test.op in ("&&", "||"):
        yield from truth_operands(test.left, negated)
        yield from truth_operands(test.right, negated)


def reference_key(ref: n.Reference, text: Callable[[n.Node], str]) -> str:
    """``root.part[...]`` for ``ref`` whatever its spelling (``$!{x.y}`` and ``$x.y`` agree)."""
    key = ref.root
    for part in ref.parts:
        key += text(part) if isinstance(part, n.Index) else "." + text(part)
    return key


def compared_keys(test: n.Node, text: Callable[[n.Node], str]) -> frozenset[str]:
    """Keys of every reference used inside a comparison of ``test``."""
    keys: set[str] = set()
    for node in n.walk(test):
        if isinstance(node, n.Binary) and node.op in _COMPARISONS:
            for inner in n.walk(node):
                if isinstance(inner, n.Reference):
                    keys.add(reference_key(inner, text))
    return frozenset(keys)


def guarded(key: str, compared: frozenset[str]) -> bool:
    """Whether the same condition also compares ``key`` (or a value reached from it), as in
    ``#if($x && $x != "")``, which behaves correctly."""
    return any(
        other == key or (other.startswith(key) and other[len(key)] in ".[") for other in compared
    )
