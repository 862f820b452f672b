"""Static receiver types: what a reference is known to be without rendering the template.

The Java-method rules (VTL310, VTL311) check a method call or property read only where the
receiver's type is certain: string literals, the ``$context`` variables the reference types as
String (ref §1.1, §1.2), ``$input.body``, ``$input.json(...)`` and ``$input.params('x')``
(String, ref §2), ``$input.params()`` (a map of String maps), ``$util`` results (String, except
``parseJson``: ref §3), ``$stageVariables`` (a map of Strings: ref §4), list and map literals,
``$foreach`` (ref §5.1), and ``#set``/``#foreach`` variables whose every assignment has one of
those types. Anything else is unknown and stays unchecked.

What each Java type has is in :mod:`vtlgw.lint.javamembers`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from vtlgw.engine import nodes as n
from vtlgw.lint.javamembers import STRING_RESULTS


@dataclass(frozen=True, slots=True)
class Static:
    """A statically known type: a Java type (``String``, ``List``, ``Map``, ``ForeachScope``)
    or one of the gateway's roots (``context``, ``input``, ``util``).

    ``item`` is the element type of a List and the value type of a Map; ``path`` is how far
    into ``$context`` a reference has gone.
    """

    kind: str
    item: Static | None = None
    path: tuple[str, ...] = ()


STRING = Static("String")
FOREACH = Static("ForeachScope")
_STRING_MAP = Static("Map", STRING)
_PARAMS = Static("Map", _STRING_MAP)

#: ``$util``'s six functions (ref §3); every one takes exactly one argument.
UTIL_FUNCTIONS = (
    "escapeJavaScript",
    "parseJson",
    "urlEncode",
    "urlDecode",
    "base64Encode",
    "base64Decode",
)

# $context variables whose "Type in template" is String (ref §1.1, §1.2).
_CONTEXT_STRINGS = frozenset(
    {
        "accountId",
        "apiId",
        "awsEndpointRequestId",
        "connectionId",
        "deploymentId",
        "disconnectReason",
        "domainName",
        "domainPrefix",
        "eventType",
        "extendedRequestId",
        "httpMethod",
        "messageDirection",
        "messageId",
        "path",
        "protocol",
        "requestId",
        "requestTime",
        "resourceId",
        "resourcePath",
        "routeKey",
        "stage",
        "status",
        "wafResponseCode",
        "webaclArn",
    }
)
_IDENTITY_STRINGS = frozenset(
    {
        "accessKey",
        "accountId",
        "apiKey",
        "apiKeyId",
        "caller",
        "cognitoAuthenticationProvider",
        "cognitoAuthenticationType",
        "cognitoIdentityId",
        "cognitoIdentityPoolId",
        "principalOrgId",
        "sourceIp",
        "user",
        "userAgent",
        "userArn",
    }
)
_ERROR_STRINGS = frozenset({"messageString", "validationErrorString"})


def context_is_string(path: tuple[str, ...]) -> bool:
    """Whether ``$context.<path>`` is a String (authorizer values always are: ref §1.1)."""
    if len(path) == 1:
        return path[0] in _CONTEXT_STRINGS
    if len(path) == 2:
        group, key = path
        if group == "identity":
            return key in _IDENTITY_STRINGS
        if group == "error":
            return key in _ERROR_STRINGS
        return group == "authorizer" and key != "claims"
    return len(path) == 3 and path[:2] == ("authorizer", "claims")


# --- inference --------------------------------------------------------------------------

_BUILTIN_ROOTS: Mapping[str, Static] = MappingProxyType(
    {
        "context": Static("context"),
        "input": Static("input"),
        "util": Static("util"),
        "stageVariables": _STRING_MAP,
        "foreach": FOREACH,
    }
)
_SET, _EACH, _OTHER = "set", "each", "other"
#: How deep a type is followed through variables (``#set($a = $b)``, ``#set($b = $c)``...)
#: and expressions before it counts as unknown: bounds the recursion on hostile templates.
_MAX_DEPTH = 100


def _key(part: n.Prop | n.Call | n.Index) -> str | None:
    if isinstance(part, n.Prop):
        return part.name
    if isinstance(part, n.Index) and isinstance(part.index, n.StringLit):
        return part.index.value if part.index.parts is None else None
    return None


def _join(types: Iterable[Static | None]) -> Static | None:
    found: Static | None = None
    for index, kind in enumerate(types):
        if kind is None or (index and kind != found):
            return None
        found = kind
    return found


class TypeInference:
    """The static types of one template's references.

    A variable's type is the one type all its assignments agree on (``#set``, or the element
    type of what a ``#foreach`` iterates); ``#define``, macro parameters and disagreeing
    assignments leave it unknown. The gateway's roots keep their types unless the template
    assigns them itself.
    """

    def __init__(self, root: n.Node) -> None:
        self._sources: dict[str, list[tuple[str, n.Node | None]]] = {}
        self._cache: dict[str, Static | None] = {}
        self._busy: set[str] = set()
        self._depth = 0
        for node in n.walk(root):
            if isinstance(node, n.Set) and not node.target.parts:
                self._add(node.target.root, _SET, node.value)
            elif isinstance(node, n.Foreach) and node.target is not None:
                self._add(node.target.root, _EACH, node.iterable)
            elif isinstance(node, n.Define):
                for arg in node.args[:1]:
                    if isinstance(arg, n.Reference):
                        self._add(arg.root, _OTHER, None)
            elif isinstance(node, n.Macro):
                for name in node.params:
                    self._add(name, _OTHER, None)

    def _add(self, name: str, how: str, value: n.Node | None) -> None:
        self._sources.setdefault(name, []).append((how, value))

    def assigned(self, name: str) -> bool:
        """Whether the template binds ``$name`` itself (``#set``, ``#foreach``, ``#define``)."""
        return name in self._sources

    def variable(self, name: str) -> Static | None:
        """The type of ``$name``, or None when unknown."""
        if name not in self._sources:
            return _BUILTIN_ROOTS.get(name)
        if name in self._cache:
            return self._cache[name]
        if name in self._busy or self._depth >= _MAX_DEPTH:
            return None  # assigned from itself, or through too long a chain: unknown
        self._busy.add(name)
        try:
            found = _join(self._source_type(how, value) for how, value in self._sources[name])
        finally:
            self._busy.discard(name)
        self._cache[name] = found
        return found

    def _source_type(self, how: str, value: n.Node | None) -> Static | None:
        if how == _OTHER or value is None:
            return None
        kind = self.expr(value)
        if how == _SET:
            return kind
        return kind.item if kind is not None and kind.kind in ("List", "Map") else None

    def expr(self, node: n.Node) -> Static | None:
        """The type of an expression, or None when unknown."""
        if self._depth >= _MAX_DEPTH:
            return None
        self._depth += 1
        try:
            return self._expr(node)
        finally:
            self._depth -= 1

    def _expr(self, node: n.Node) -> Static | None:
        if isinstance(node, n.StringLit):
            return STRING
        if isinstance(node, n.ListLit):
            return Static("List", _join(self.expr(item) for item in node.items))
        if isinstance(node, n.RangeLit):
            return Static("List")
        if isinstance(node, n.MapLit):
            return Static("Map", _join(self.expr(value) for _, value in node.pairs))
        if isinstance(node, n.Binary) and node.op == "+":
            sides = (self.expr(node.left), self.expr(node.right))
            return STRING if STRING in sides else None
        if isinstance(node, n.Reference):
            return self.chain(node)[-1]
        return None

    def chain(self, ref: n.Reference) -> list[Static | None]:
        """The type of ``ref`` after its root and after each part (``len(parts) + 1`` items)."""
        current = None if ref.runt or not ref.computable else self.variable(ref.root)
        types = [current]
        for part in ref.parts:
            current = None if current is None else _step(current, part)
            types.append(current)
        return types


def _step(current: Static, part: n.Prop | n.Call | n.Index) -> Static | None:
    kind = current.kind
    call = part if isinstance(part, n.Call) else None
    if kind == "context":
        key = _key(part)
        if key is None:
            return None
        path = (*current.path, key)
        return STRING if context_is_string(path) else Static("context", path=path)
    if kind == "input":
        if isinstance(part, n.Prop):
            return STRING if part.name == "body" else None
        if call is None:
            return None
        if call.name == "params":
            return _PARAMS if not call.args else STRING if len(call.args) == 1 else None
        if call.name == "json" and len(call.args) == 1:
            return STRING
        return STRING if call.name == "getBody" and not call.args else None
    if kind == "util":
        if call is not None and call.name in UTIL_FUNCTIONS and len(call.args) == 1:
            return None if call.name == "parseJson" else STRING
        return None
    if kind == "Map":
        if call is None:
            return current.item if _key(part) is not None else None
        if call.name == "get" and len(call.args) == 1:
            return current.item
        return STRING if call.name == "toString" and not call.args else None
    if kind == "List":
        if isinstance(part, n.Index):
            return current.item
        if call is not None and call.name == "get" and len(call.args) == 1:
            return current.item
        return STRING if call is not None and call.name == "toString" and not call.args else None
    if kind == "String" and call is not None and call.name in STRING_RESULTS:
        return STRING
    return None
