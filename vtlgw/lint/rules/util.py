"""VTL3xx: `$util` functions and Java methods.

VTL301 and VTL303 check ``$util`` against the six functions API Gateway has (ref §3, §4);
VTL310 and VTL311 check method calls and property reads on receivers whose Java type is known
statically (:mod:`vtlgw.lint.types`, members in :mod:`vtlgw.lint.javamembers`). All four are
about members that do not exist, which API Gateway renders as an empty string instead of
failing (ref §11.1), so the mistake is silent.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

from vtlgw.engine import nodes as n
from vtlgw.lint.context import LintContext
from vtlgw.lint.finding import Severity
from vtlgw.lint.javamembers import (
    FOREACH_PROPERTIES,
    JavaType,
    closest,
    foreach_has_property,
    java_types,
)
from vtlgw.lint.rule import Rule
from vtlgw.lint.types import UTIL_FUNCTIONS, Static, TypeInference

_UTIL_LIST = "escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode and base64Decode"

#: AppSync's ``$util`` members (ref §4: "Not available in API Gateway"), with what to write on
#: API Gateway instead where there is something.
APPSYNC_HELPERS: Mapping[str, str] = MappingProxyType(
    {
        "toJson": "use $input.json('$.field') for request data, or write the JSON by hand",
        "qr": "call the method in a #set, e.g. #set($discard = $list.add($x)), to drop its result",
        "quiet": "call the method in a #set, e.g. #set($discard = $list.add($x)), to drop its "
        "result",
        "time": "there is no date helper: use $context.requestTime or $context.requestTimeEpoch",
        "dynamodb": 'write the DynamoDB JSON by hand, e.g. {"S": "$value"}',
        "isNull": 'test #if("$!value" == "")',
        "isNullOrEmpty": 'test #if("$!value" == "")',
        "isNullOrBlank": 'test #if("$!value.trim()" == "")',
        "defaultIfNull": 'use #if("$!value" == "")default#else$value#end',
        "defaultIfNullOrEmpty": 'use #if("$!value" == "")default#else$value#end',
        "defaultIfNullOrBlank": 'use #if("$!value.trim()" == "")default#else$value#end',
        "autoId": "use $context.requestId for a per-request id",
        "autoUlid": "use $context.requestId for a per-request id",
        "autoKsuid": "use $context.requestId for a per-request id",
        "isString": "compare $value.class.name with 'java.lang.String'",
        "isNumber": "compare $value.class.name with a number class such as 'java.lang.Integer'",
        "isBoolean": "compare $value.class.name with 'java.lang.Boolean'",
        "isList": "compare $value.class.name with a list class such as 'java.util.ArrayList'",
        "isMap": "compare $value.class.name with 'java.util.LinkedHashMap'",
        "typeOf": "read $value.class.name",
        "matches": "call the String method instead: $value.matches('regex')",
        "error": "",
        "appendError": "",
        "unauthorized": "",
        "validate": "",
        "authType": "",
        "log": "",
        "str": "",
        "math": "",
        "list": "",
        "map": "",
        "transform": "",
        "rds": "",
        "http": "",
        "xml": "",
    }
)


class _TypedRule(Rule):
    """A rule that knows the static types of the template's references."""

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self._types: TypeInference | None = None
        self._java: Mapping[str, JavaType] | None = None

    @property
    def types(self) -> TypeInference:
        """The template's static types (worked out on first use: one walk of the tree)."""
        if self._types is None:
            parsed = self.context.parsed
            self._types = TypeInference(parsed.root if parsed is not None else n.Block(0, 0))
        return self._types

    def java(self, kind: str) -> JavaType | None:
        """The member table of the Java type ``kind`` (None for the gateway's own objects)."""
        if kind not in ("String", "List", "Map"):
            return None
        if self._java is None:
            self._java = java_types()
        return self._java[kind]

    def util_member(self, node: n.Reference) -> n.Prop | n.Call | None:
        """The first part of a ``$util.name`` reference (None for anything else)."""
        if node.root != "util" or not node.parts or node.escaped or node.runt:
            return None
        part = node.parts[0]
        return None if isinstance(part, n.Index) else part

    def util_is_gateways(self) -> bool:
        """Whether ``$util`` is API Gateway's (the template does not bind the name itself)."""
        return not self.types.assigned("util")


class UnknownUtilFunction(_TypedRule):
    """``$util.X`` for an X API Gateway's ``$util`` does not have."""

    code = "VTL301"
    name = "unknown-util-function"
    summary = "A $util function API Gateway does not have (an AppSync helper, or a misspelling)"
    explanation = (
        "API Gateway's `$util` has exactly six functions: escapeJavaScript, parseJson, "
        "urlEncode, urlDecode, base64Encode and base64Decode (reference §3). AppSync's helpers "
        "(`$util.toJson`, `$util.qr`, `$util.time`, `$util.dynamodb`, `$util.isNull`, ...) do "
        "not exist there (reference §4), and method names are case-sensitive "
        "(`$util.urlencode` is not `$util.urlEncode`). An unknown member renders as an empty "
        "string (reference §11.1), so the template deploys and silently loses the value."
    )
    bad = "{\"items\": $util.toJson($input.path('$.items'))}\n"
    good = "{\"items\": $input.json('$.items')}\n"
    severity: ClassVar[Severity] = "error"

    def visit_Reference(self, node: n.Reference) -> None:
        self.generic_visit(node)
        part = self.util_member(node)
        if part is not None and part.name not in UTIL_FUNCTIONS and self.util_is_gateways():
            self.report(part, self._message(part.name))

    def _message(self, name: str) -> str:
        if name in APPSYNC_HELPERS:
            hint = APPSYNC_HELPERS[name]
            instead = f"; {hint}" if hint else ""
            return (
                f"$util.{name} is an AppSync helper that API Gateway does not have (ref §4): "
                f"it renders as an empty string{instead}"
            )
        meant = closest(name, UTIL_FUNCTIONS)
        if meant is not None:
            case = " (names are case-sensitive)" if meant.lower() == name.lower() else ""
            return (
                f"$util has no function {name}{case}, so this renders as an empty string "
                f"(ref §3); did you mean $util.{meant}?"
            )
        return (
            f"$util has no function {name}, so this renders as an empty string; API Gateway's "
            f"$util has only {_UTIL_LIST} (ref §3)"
        )


class UtilBadCall(_TypedRule):
    """A ``$util`` function read as a property or called with other than one argument."""

    code = "VTL303"
    name = "util-bad-call"
    summary = "A $util function not called, or called with other than one argument"
    explanation = (
        "Each of `$util`'s six functions takes exactly one argument (reference §3). Written "
        "without parentheses (`$util.urlEncode`) or with no or several arguments, it matches "
        "nothing and renders as an empty string (reference §11.1)."
    )
    bad = "Action=Send&MessageBody=$util.urlEncode($input.body, 'UTF-8')\n"
    good = "Action=Send&MessageBody=$util.urlEncode($input.body)\n"
    severity: ClassVar[Severity] = "error"

    def visit_Reference(self, node: n.Reference) -> None:
        self.generic_visit(node)
        part = self.util_member(node)
        if part is None or part.name not in UTIL_FUNCTIONS:
            return
        if isinstance(part, n.Call) and len(part.args) == 1:
            return
        if not self.util_is_gateways():
            return
        if isinstance(part, n.Prop):
            self.report(
                part,
                f"$util.{part.name} is a function, so without parentheses it renders as an "
                f"empty string (ref §3); call it: $util.{part.name}($value)",
            )
        else:
            count = "no arguments" if not part.args else f"{len(part.args)} arguments"
            self.report(
                part,
                f"$util.{part.name} takes exactly one argument, not {count}, so this call "
                "renders as an empty string (ref §3)",
            )


def _receiver(types: TypeInference, node: n.Reference) -> list[Static | None]:
    if node.escaped or node.runt or not node.computable:
        return [None] * (len(node.parts) + 1)
    return types.chain(node)


class _MemberRule(_TypedRule):
    """A rule that looks at each reference part whose receiver's type is known."""

    def visit_Set(self, node: n.Set) -> None:
        # The target is written, not read: only what its indexes read is checked.
        for part in node.target.parts:
            self.generic_visit(part)
        self.visit(node.value)

    def visit_Reference(self, node: n.Reference) -> None:
        self.generic_visit(node)
        if not node.parts:
            return
        chain = _receiver(self.types, node)
        for index, part in enumerate(node.parts):
            receiver = chain[index]
            if receiver is None:
                break
            self.check(node, index, receiver, part)

    def check(self, ref: n.Reference, index: int, receiver: Static, part: n.Node) -> None:
        """Look at ``part`` of ``ref``, read from a value of type ``receiver``."""
        raise NotImplementedError


def _shown(ref: n.Reference, index: int) -> str:
    """``$root.part...`` up to (not including) part ``index``, as a short description."""
    text = "$" + ref.root
    for part in ref.parts[:index]:
        if isinstance(part, n.Prop):
            text += "." + part.name
        elif isinstance(part, n.Call):
            text += f".{part.name}(...)" if part.args else f".{part.name}()"
        else:
            text += "[...]"
    return text


class UnknownJavaMethod(_MemberRule):
    """A method the receiver's Java type does not have, or a wrong argument count."""

    code = "VTL310"
    name = "unknown-java-method"
    summary = "A Java method that does not exist on a receiver whose type is known"
    explanation = (
        "Strings, lists and maps in a template are Java objects, and only Java's methods "
        "exist on them (reference §5.1): `$context.requestId.toUpperCas()` or "
        "`$input.body.substring()` match no method and render as an empty string (reference "
        "§11.1). The rule checks receivers whose type is certain: string, list and map "
        "literals, the `$context` variables typed String (reference §1), `$input.body`, "
        "`$input.json(...)`, `$input.params(...)`, `$util` results, `$stageVariables` and "
        "variables `#set` from those; method names and argument counts come from the same "
        "tables vtlgw renders with."
    )
    bad = '{"id": "$context.requestId.toUpperCas()"}\n'
    good = '{"id": "$context.requestId.toUpperCase()"}\n'
    severity: ClassVar[Severity] = "error"

    def check(self, ref: n.Reference, index: int, receiver: Static, part: n.Node) -> None:
        """Report a call of a missing method, or one with no matching overload."""
        java = self.java(receiver.kind)
        if java is None or not isinstance(part, n.Call):
            return
        if not java.has_method(part.name):
            meant = java.suggestion(part.name)
            hint = f"; did you mean {meant}()? The call" if meant else "; the call"
            self.report(
                part,
                f"{java.name} has no method {part.name}(){hint} renders as an empty string "
                "(ref §11.1)",
            )
        elif not java.accepts(part.name, len(part.args)):
            low, high = java.arity[part.name]
            self.report(
                part,
                f"{java.name}.{part.name}() takes {_counted(low, high)}, not "
                f"{len(part.args)}, so the call renders as an empty string (ref §11.1)",
            )


def _counted(low: int, high: int | None) -> str:
    def plural(count: int) -> str:
        return "argument" if count == 1 else "arguments"

    if high is None:
        return f"at least {low} {plural(low)}"
    if low == high:
        return "no arguments" if low == 0 else f"{low} {plural(low)}"
    return f"{low} to {high} arguments" if high - low > 1 else f"{low} or {high} {plural(high)}"


class UnknownJavaProperty(_MemberRule):
    """``$value.name`` where the receiver's Java type has no such property."""

    code = "VTL311"
    name = "unknown-java-property"
    summary = "A property read that does not exist on a receiver whose type is known"
    explanation = (
        "`$x.name` reads a Java getter (`getName()`, `isName()`) or, on a map, the key "
        "`name`; a String has almost none, so `$context.requestId.length` (no parentheses) "
        "or `$input.body.name` render as an empty string (reference §11.1, §11.6): "
        "`$input.body` is the raw text, not parsed JSON. `$foreach` has only index, count, "
        "hasNext, first, last, parent and topmost (reference §5.1). Call the method "
        "(`length()`), or read JSON fields with `$input.path('$.name')`."
    )
    bad = '{"name": "$input.body.name"}\n'
    good = '{"name": "$input.path(\'$.name\')"}\n'
    severity: ClassVar[Severity] = "error"

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self._scope_keys: set[str] | None = None

    def check(self, ref: n.Reference, index: int, receiver: Static, part: n.Node) -> None:
        """Report a property the receiver does not have."""
        if not isinstance(part, n.Prop):
            return
        if receiver.kind == "ForeachScope":
            self._check_foreach(part)
            return
        java = self.java(receiver.kind)
        if java is None or java.has_property is None or java.has_property(part.name):
            return
        shown = _shown(ref, index)
        if java.has_method(part.name):
            self.report(
                part,
                f"{java.name} has no property {part.name}, so {shown}.{part.name} renders as "
                f"an empty string (ref §11.1); call the method: {part.name}()",
            )
        elif ref.root == "input" and index == 1 and part.name.isidentifier():
            what = "the raw body text" if isinstance(ref.parts[0], n.Prop) else "JSON text"
            self.report(
                part,
                f"{shown} is {what} (a String), so .{part.name} renders as an empty string "
                f"(ref §2, §11.6); read the field with $input.path('$.{part.name}')",
            )
        else:
            self.report(
                part,
                f"{java.name} has no property {part.name}, so {shown}.{part.name} renders as "
                "an empty string (ref §11.1)",
            )

    def _check_foreach(self, part: n.Prop) -> None:
        if foreach_has_property(part.name) or part.name in self._user_scope_keys():
            return
        meant = closest(part.name, sorted(FOREACH_PROPERTIES))
        hint = f"; did you mean $foreach.{meant}?" if meant else ""
        self.report(
            part,
            f"$foreach has no property {part.name}, so it renders as an empty string (ref "
            f"§5.1, §11.1){hint}",
        )

    def _user_scope_keys(self) -> set[str]:
        # Velocity's scope is also a map: #set($foreach.key = ...) stores a key to read back.
        if self._scope_keys is None:
            keys: set[str] = set()
            parsed = self.context.parsed
            if parsed is not None:
                for node in n.walk(parsed.root):
                    if isinstance(node, n.Set) and node.target.root == "foreach":
                        first = node.target.parts[:1]
                        if first and isinstance(first[0], n.Prop):
                            keys.add(first[0].name)
            self._scope_keys = keys
        return self._scope_keys


RULES: tuple[type[Rule], ...] = (
    UnknownUtilFunction,
    UtilBadCall,
    UnknownJavaMethod,
    UnknownJavaProperty,
)
