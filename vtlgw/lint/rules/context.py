"""VTL20x: `$context`, `$input`, `$stageVariables` and the references nothing defines.

The ``$context`` rules read the tables of :mod:`vtlgw.lint.gateway_names`; the others walk the
template's references with :class:`~vtlgw.lint.references.ReferenceRule`. Every rule here that
depends on the API kind or route stays silent when neither is known. The rules about values
used the wrong way (VTL206-VTL209) live in :mod:`vtlgw.lint.rules.values`; ``RULES`` lists
them here, with the rest of the family.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

from vtlgw.engine import nodes as n
from vtlgw.lint import gateway_names as g
from vtlgw.lint.context import LintContext
from vtlgw.lint.finding import Severity
from vtlgw.lint.references import (
    ContextRule,
    ReferenceRule,
    Site,
    dollar,
    prop_names,
    root_end,
)
from vtlgw.lint.rule import Rule
from vtlgw.lint.rules.values import (
    AuthorizerClaimsPrinted,
    ContextGroupPrinted,
    HeaderNameCase,
    NullIsTrueCondition,
)
from vtlgw.lint.source import ApiKind

_API_NAMES: Mapping[str, str] = MappingProxyType({"rest": "REST", "websocket": "WebSocket"})
_ROUTE_NAMES: Mapping[str, str] = MappingProxyType(
    {"connect": "$connect", "message": "message routes", "disconnect": "$disconnect"}
)


def _dotted(names: tuple[str, ...]) -> str:
    return "$context." + ".".join(names)


class UnknownContextVariable(ContextRule):
    """A ``$context`` name no API kind has, usually a misspelling."""

    code = "VTL201"
    name = "unknown-context-variable"
    summary = "A $context variable that API Gateway does not have, usually a misspelling"
    explanation = (
        "`$context` names are case-sensitive and a name API Gateway does not set renders as "
        "an empty string, with no error (reference §1.1, §1.2, §11.12). The rule knows every "
        "documented name of REST and WebSocket APIs and the groups below `$context`: "
        "`identity` (with `clientCert` on REST), `error`, `requestOverride` and "
        "`responseOverride`. Names below `$context.authorizer` (and `authorizer.claims`) are "
        "your authorizer's own keys and are never reported; override targets may stash "
        "custom keys, so only a misspelling of `header`, `path`, `querystring` or `status` is "
        "reported there. A name the template itself assigns with `#set($context.x = ...)` is "
        "not reported where it is read."
    )
    bad = '{"requestId": "$context.requestID", "ip": "$context.identity.sourceIP"}\n'
    good = '{"requestId": "$context.requestId", "ip": "$context.identity.sourceIp"}\n'

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self._assigned: list[tuple[str, ...]] = []
        self._pending: list[tuple[n.Reference, tuple[str, ...], g.ContextPath, bool]] = []

    def check(self, ref: n.Reference, site: Site) -> None:
        names = self.context_path(ref, site)
        if not names:
            return
        if site.role == "set-target":
            self._assigned.append(names)
        found = self.resolve(names)
        if found.unknown is None or found.allowed:
            return
        if any(entry.log_only_on for _, entry in found.known):
            return  # VTL203 says it better
        self._pending.append((ref, names, found, site.role == "set-target"))

    def finish(self) -> None:
        """Report the unknown names, now that every ``#set($context.x = ...)`` is known."""
        for ref, names, found, target in self._pending:
            assigned = any(names[: len(path)] == path for path in self._assigned)
            if (assigned or target) and found.suggestion is None:
                continue
            self._report(ref, names, found, target)

    def _report(
        self, ref: n.Reference, names: tuple[str, ...], found: g.ContextPath, target: bool
    ) -> None:
        assert found.unknown is not None
        where = _dotted(names[: found.unknown + 1])
        effect = (
            "setting it has no effect on the request or response (ref §8.5)"
            if target
            else "it renders as an empty string (ref §1.1, §1.2)"
        )
        if found.suggestion is None:
            message = f"{where} is not a $context variable of REST or WebSocket APIs: {effect}"
        else:
            meant = _dotted((*names[: found.unknown], found.suggestion))
            case = (
                " (names are case-sensitive)"
                if found.suggestion.lower() == names[found.unknown].lower()
                else ""
            )
            message = (
                f"{where} is not an API Gateway $context variable{case}; did you mean "
                f"{meant}? As written, {effect}"
            )
        self.report_names(ref, found.unknown, message)


class ContextVariableWrongApi(ContextRule):
    """A ``$context`` name that exists, but not for this API kind or route."""

    code = "VTL202"
    name = "context-variable-wrong-api"
    summary = "A $context variable that this API kind or route does not have"
    explanation = (
        "Some `$context` variables exist only on one API kind: `connectionId`, `routeKey`, "
        "`eventType`, `messageId` and `connectedAt` only on WebSocket APIs; `httpMethod`, "
        "`resourcePath`, `path`, `requestOverride`, `responseOverride`, "
        "`authorizer.claims.*` and the rest of the REST-only table only on REST (reference "
        "§1.2). On WebSocket routes, `messageId` is set only on message routes, and "
        "`disconnectStatusCode`/`disconnectReason` only on `$disconnect` (§1.1, the C/M/X "
        "columns marked absent); availability marked unknown there (`identity.userAgent` on "
        "`$connect`) is not reported. A missing variable renders as an empty string. The rule "
        "runs only when the API kind or route is known (configuration, or a "
        "`#* vtlgw: api=websocket route=$connect *#` comment)."
    )
    bad = '{"method": "$context.httpMethod", "messageId": "$context.messageId"}\n'
    good = '{"connectionId": "$context.connectionId", "requestId": "$context.requestId"}\n'
    severity: ClassVar[Severity] = "error"
    example_api: ClassVar[ApiKind | None] = "websocket"
    example_route: ClassVar[str | None] = "$connect"

    def check(self, ref: n.Reference, site: Site) -> None:
        names = self.context_path(ref, site)
        api = self.effective_api()
        if not names or api is None:
            return
        route = self.context.route_kind
        for index, entry in self.resolve(names).known:
            if api not in entry.apis and not (
                entry.api_check_below_only and index == len(names) - 1
            ):
                other = _API_NAMES["rest" if api == "websocket" else "websocket"]
                effect = (
                    "setting it does nothing"
                    if site.role == "set-target"
                    else ("it renders as an empty string")
                )
                self.report_names(
                    ref,
                    index,
                    f"$context.{entry.path} exists only on {other} APIs "
                    f"({g.cite(entry.section)}); on a {_API_NAMES[api]} API {effect}",
                )
                return
            if route is not None and route in entry.absent_on:
                present = [_ROUTE_NAMES[r] for r in _ROUTE_NAMES if r not in entry.absent_on]
                self.report_names(
                    ref,
                    index,
                    f"$context.{entry.path} is not set on {_ROUTE_NAMES[route]}, only on "
                    f"{' and '.join(present)} (ref §1.1): here it renders as an empty string",
                )
                return


class AccessLogOnlyVariable(ContextRule):
    """A ``$context`` name that only access logs (or gateway responses) can read."""

    code = "VTL203"
    name = "access-log-only-variable"
    summary = "A $context variable that exists only in access logs, not in mapping templates"
    explanation = (
        "Latencies, integration statuses and `$context.error.message`/`responseType` are "
        "filled in for access logs (and gateway-response bodies) only; in a mapping template "
        "they render as an empty string (reference §1.1 notes, §1.2): `integrationLatency`, "
        "`integration.*`, `authorize.*`, `authenticate.*`, `waf.*`, `error.message`, "
        "`error.responseType`, and the REST access-log names `responseLatency`, "
        "`responseLength`, `integrationStatus`, `xrayTraceId`, `customDomain.*`. "
        "`$context.status` is reported on REST APIs (and when the API kind is unknown): the "
        "REST template reference does not list it, and the WebSocket one documents it only "
        "as the response status, with no value while a request template runs (§1.1, D/U), "
        "so it is not reported on WebSocket APIs. The access-log names of the authorizer "
        "(`authorizer.latency`, `authorizer.status`...) are not reported: a Lambda "
        "authorizer may return context keys of the same names."
    )
    bad = '{"latency": "$context.integrationLatency", "error": "$context.error.message"}\n'
    good = '{"requestId": "$context.requestId", "stage": "$context.stage"}\n'

    def check(self, ref: n.Reference, site: Site) -> None:
        names = self.context_path(ref, site)
        if not names:
            return
        api = self.effective_api()
        for index, entry in reversed(self.resolve(names).known):
            if not entry.log_only_on or (api is not None and api not in entry.log_only_on):
                continue
            self.report_names(ref, index, _log_only_message(entry, api))
            return


def _log_only_message(entry: g.ContextName, api: ApiKind | None) -> str:
    found = f"$context.{entry.path}"
    if entry.path == "status":
        websocket = (
            ""
            if api == "rest"
            else ", and on WebSocket APIs it has no value while a request template runs"
        )
        return (
            f"{found} is not a REST template variable, only an access-log one{websocket} "
            "(ref §1.1, §1.2): it renders as an empty string; a response template sets the "
            "status with #set($context.responseOverride.status = 400)"
        )
    instead = ""
    if entry.path == "error.message":
        instead = "; $context.error.messageString is the same message, quoted, for templates"
    return (
        f"{found} exists only in access logs and gateway responses, not in mapping templates "
        f"({g.cite(entry.section)}): here it renders as an empty string{instead}"
    )


class UndefinedVariable(ReferenceRule):
    """A reference to a variable nothing defines."""

    code = "VTL204"
    name = "undefined-variable"
    summary = "A variable that neither the template nor API Gateway defines"
    explanation = (
        "API Gateway renders a reference to an undefined variable as an empty string, with "
        "no error (reference §11.1), so a misspelt `$stageVariable.env`, `$contex` or "
        "`$inputs` silently produces nothing. Defined are API Gateway's `$context`, `$input`, "
        "`$util` and `$stageVariables`, Velocity's `$foreach`, `$velocityCount` and "
        "`$velocityHasNext` (§11.3), `$null` (the conventional never-set name of "
        "`#if($x == $null)`), and every name the template defines anywhere: `#set` targets, "
        "`#foreach` variables, `#define` names, and macro parameters (and `$bodyContent`) "
        "inside their macro. `$method`, `$integration`, `$request` and `$route` are reported "
        "by VTL205 instead."
    )
    bad = '{"env": "$stageVariable.env", "body": $inputs.json(\'$\')}\n'
    good = '#set($env = $stageVariables.env)\n{"env": "$env", "body": $input.json(\'$\')}\n'

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self._pending: list[tuple[n.Reference, frozenset[str]]] = []

    def check(self, ref: n.Reference, site: Site) -> None:
        name = ref.root
        if site.role in ("definition", "parameter") or name in site.macro_names:
            return
        if name in _BUILTIN_ROOTS or name in g.MAPPING_ROOTS:
            return
        self._pending.append((ref, site.macro_names))

    def finish(self) -> None:
        """Report the references to names nothing in the whole template defines."""
        known = self.defined | _BUILTIN_ROOTS
        hints: dict[tuple[str, frozenset[str]], str] = {}
        for ref, macro_names in self._pending:
            name = ref.root
            if name in self.defined:
                continue
            suggestion = hints.get((name, macro_names))
            if suggestion is None:
                suggestion = hints[name, macro_names] = _hint(name, known | macro_names)
            self.report_span(
                dollar(self.context, ref),
                root_end(self.context, ref),
                f"${name} is not defined: this template never sets it and API Gateway does "
                f"not provide it, so it renders as an empty string (ref §11.1){suggestion}",
            )


_BUILTIN_ROOTS = g.GATEWAY_ROOTS | g.VELOCITY_ROOTS | g.CONVENTIONAL_ROOTS


def _hint(name: str, known: frozenset[str] | set[str]) -> str:
    """``; did you mean $x?`` for an undefined ``$name``, or ``""``."""
    hint = g.APPSYNC_HINTS.get(name)
    if hint is None:
        meant = g.closest(name, sorted(known))
        hint = None if meant is None else f"${meant}"
    return "" if hint is None else f"; did you mean {hint}?"


class ParameterMappingExpression(ReferenceRule):
    """``$method.request...``, ``$integration...``, ``$request...``, ``$route...`` in a template."""

    code = "VTL205"
    name = "parameter-mapping-expression"
    summary = "A parameter-mapping or selection-expression name used as a template variable"
    explanation = (
        "`method.request.*`, `integration.response.*` and `route.request.*` exist only in "
        "parameter mappings (written without `$`), and `$request.*` and `$integration.*` only "
        "in selection expressions (reference §4, §6.1, §8.1). In a mapping template they are "
        "undefined and render as an empty string. Read the request with `$input.params(...)`, "
        "`$input.path(...)` or `$input.json(...)`, and its context with `$context`; a response "
        "template reads the integration response body as `$input`. Not reported when the "
        "template defines the name itself (`#set($request = ...)`)."
    )
    bad = '{"id": "$method.request.path.id", "action": "$request.body.action"}\n'
    good = '{"id": "$input.params(\'id\')", "action": "$input.path(\'$.action\')"}\n'
    severity: ClassVar[Severity] = "error"

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self._pending: list[n.Reference] = []

    def check(self, ref: n.Reference, site: Site) -> None:
        root = ref.root
        if root in g.MAPPING_ROOTS and site.role != "definition" and root not in site.macro_names:
            self._pending.append(ref)

    def finish(self) -> None:
        """Report the mapping names the template does not define as variables itself."""
        for ref in self._pending:
            if ref.root not in self.defined:
                self._report(ref)

    def _report(self, ref: n.Reference) -> None:
        root = ref.root
        names = prop_names(ref)
        written = "$" + ".".join((root, *names))
        end = ref.parts[len(names) - 1].end if names else root_end(self.context, ref)
        self.report_span(
            dollar(self.context, ref),
            end,
            f"{written} is a parameter-mapping or selection-expression name, not a template "
            "variable: in a mapping template it renders as an empty string (ref §4); "
            + g.mapping_replacement(root, names),
        )


RULES: tuple[type[Rule], ...] = (
    UnknownContextVariable,
    ContextVariableWrongApi,
    AccessLogOnlyVariable,
    UndefinedVariable,
    ParameterMappingExpression,
    NullIsTrueCondition,
    AuthorizerClaimsPrinted,
    ContextGroupPrinted,
    HeaderNameCase,
)
