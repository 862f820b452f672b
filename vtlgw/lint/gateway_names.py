"""What API Gateway puts within a template's reach: ``$context`` names per API kind and route.

The tables restate the reference (/work/shared/reference/apigateway-vtl.md): §1.1 (WebSocket
variables, with the C/M/X route columns and the access-log-only notes), §1.2 (REST variables),
§11.12 (key sets recorded on AWS), §4 (what is *not* a template variable). A few access-log
names the reference does not list come from AWS's "Variables for access logging" page; they
are marked so below.

:func:`resolve_context` walks a dotted ``$context`` path through the tables and says how far it
is known, which entry is access-log-only or wrong for the API kind, and what a misspelt name
was probably meant to be. Groups differ in what they accept below them: ``closed`` groups only
their listed names; ``open`` groups any name (authorizer context keys and override targets are
the user's own); ``near-miss`` groups any name except a misspelling of a listed one (a
``responseOverride`` may stash custom keys, §11.13, but ``statusCode`` is a typo of ``status``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

Children = Literal["leaf", "closed", "open", "near-miss"]

REST = frozenset({"rest"})
WEBSOCKET = frozenset({"websocket"})
BOTH = REST | WEBSOCKET


@dataclass(frozen=True)
class ContextName:
    """One ``$context`` name (``identity.sourceIp``) and where templates can read it."""

    path: str
    #: the API kinds that have it
    apis: frozenset[str]
    #: reference section to cite
    section: str
    #: what may follow it: nothing checked (a value), or a group's names
    children: Children = "leaf"
    #: API kinds on which it exists only in access logs (renders empty in a template)
    log_only_on: frozenset[str] = frozenset()
    #: WebSocket route kinds where the reference marks it clearly absent (a dash)
    absent_on: frozenset[str] = frozenset()
    #: the API-kind check applies only to names below it (``authorizer.claims`` on WebSocket
    #: is an ordinary authorizer key, but authorizer values are strings, so ``claims.sub`` is
    #: always empty there)
    api_check_below_only: bool = False


def _n(
    path: str,
    apis: frozenset[str],
    section: str,
    children: Children = "leaf",
    *,
    log_only_on: frozenset[str] = frozenset(),
    absent_on: Iterable[str] = (),
    api_check_below_only: bool = False,
) -> ContextName:
    return ContextName(
        path,
        apis,
        section,
        children,
        log_only_on,
        frozenset(absent_on),
        api_check_below_only,
    )


_LOG = "§1.1 access-log-only notes"
_LOG_PAGE = "AWS's access-logging variables page"

_TABLE: tuple[ContextName, ...] = (
    # --- both API kinds (§1.1, §1.2) ---
    _n("apiId", BOTH, "§1.1, §1.2"),
    _n("domainName", BOTH, "§1.1, §1.2"),
    _n("extendedRequestId", BOTH, "§1.1, §1.2"),
    _n("requestId", BOTH, "§1.1, §1.2"),
    _n("requestTime", BOTH, "§1.1, §1.2"),
    _n("requestTimeEpoch", BOTH, "§1.1, §1.2"),
    _n("stage", BOTH, "§1.1, §1.2"),
    _n("identity", BOTH, "§1.1, §1.2, §11.12", "closed"),
    _n("authorizer", BOTH, "§1.1, §1.2", "open"),
    _n("error", BOTH, "§1.1, §1.2", "closed"),
    # --- WebSocket only (§1.1; the last three are in recorded events only, §1.1 notes) ---
    _n("connectionId", WEBSOCKET, "§1.1"),
    _n("connectedAt", WEBSOCKET, "§1.1"),
    _n("eventType", WEBSOCKET, "§1.1"),
    _n("messageId", WEBSOCKET, "§1.1", absent_on=("connect", "disconnect")),
    _n("routeKey", WEBSOCKET, "§1.1"),
    _n("messageDirection", WEBSOCKET, "§1.1"),
    _n("disconnectStatusCode", WEBSOCKET, "§1.1", absent_on=("connect", "message")),
    _n("disconnectReason", WEBSOCKET, "§1.1", absent_on=("connect", "message")),
    # --- REST only (§1.2, §11.12) ---
    _n("accountId", REST, "§1.2"),
    _n("awsEndpointRequestId", REST, "§1.2"),
    _n("deploymentId", REST, "§1.2, §11.12"),
    _n("domainPrefix", REST, "§1.2"),
    _n("httpMethod", REST, "§1.2"),
    _n("isCanaryRequest", REST, "§1.2, §11.12"),
    _n("path", REST, "§1.2"),
    _n("protocol", REST, "§1.2"),
    _n("resourceId", REST, "§1.2"),
    _n("resourcePath", REST, "§1.2"),
    _n("wafResponseCode", REST, "§1.2"),
    _n("webaclArn", REST, "§1.2"),
    _n("requestOverride", REST, "§1.2, §4, §8.5", "near-miss"),
    _n("requestOverride.header", REST, "§8.5", "open"),
    _n("requestOverride.path", REST, "§8.5", "open"),
    _n("requestOverride.querystring", REST, "§8.5", "open"),
    _n("responseOverride", REST, "§1.2, §4, §8.5", "near-miss"),
    _n("responseOverride.header", REST, "§8.5", "open"),
    _n("responseOverride.status", REST, "§8.5"),
    # --- identity (§1.1, §1.2 `$context.identity.*`, §11.12 recorded keys) ---
    _n("identity.accountId", BOTH, "§1.1, §1.2"),
    _n("identity.apiKey", BOTH, "§1.1, §1.2"),
    _n("identity.apiKeyId", BOTH, "§1.1, §1.2"),
    _n("identity.caller", BOTH, "§1.1, §1.2"),
    _n("identity.cognitoAuthenticationProvider", BOTH, "§1.1, §1.2"),
    _n("identity.cognitoAuthenticationType", BOTH, "§1.1, §1.2"),
    _n("identity.cognitoIdentityId", BOTH, "§1.1, §1.2"),
    _n("identity.cognitoIdentityPoolId", BOTH, "§1.1, §1.2"),
    _n("identity.principalOrgId", BOTH, "§1.1, §1.2"),
    _n("identity.sourceIp", BOTH, "§1.1, §1.2"),
    _n("identity.user", BOTH, "§1.1, §1.2"),
    _n("identity.userAgent", BOTH, "§1.1, §1.2"),
    _n("identity.userArn", BOTH, "§1.1, §1.2"),
    _n("identity.accessKey", BOTH, "§1.2, §11.12"),
    # private APIs (AWS "Variables for data transformations" page; not in the reference)
    _n("identity.vpcId", REST, "AWS's data-transformation variables page"),
    _n("identity.vpceId", REST, "AWS's data-transformation variables page"),
    _n("identity.clientCert", REST, "§1.2", "closed"),
    _n("identity.clientCert.clientCertPem", REST, "§1.2"),
    _n("identity.clientCert.subjectDN", REST, "§1.2"),
    _n("identity.clientCert.issuerDN", REST, "§1.2"),
    _n("identity.clientCert.serialNumber", REST, "§1.2"),
    _n("identity.clientCert.validity", REST, "§1.2", "closed"),
    _n("identity.clientCert.validity.notBefore", REST, "§1.2"),
    _n("identity.clientCert.validity.notAfter", REST, "§1.2"),
    # --- authorizer: any key is the authorizer's own context (§1.1, §1.2) ---
    _n("authorizer.principalId", BOTH, "§1.1, §1.2"),
    _n("authorizer.claims", REST, "§1.2", "open", api_check_below_only=True),
    # --- error (§1.1, §1.2): two keys for templates, two for gateway responses and logs ---
    _n("error.messageString", BOTH, "§1.1, §1.2"),
    _n("error.validationErrorString", BOTH, "§1.1, §1.2"),
    _n("error.message", BOTH, "§1.1, §1.2", log_only_on=BOTH),
    _n("error.responseType", BOTH, "§1.1, §1.2", log_only_on=BOTH),
    # --- access logs only (§1.1 notes; the page for the REST-log names it lacks) ---
    _n("integrationLatency", BOTH, _LOG, log_only_on=BOTH),
    _n("integration", BOTH, _LOG, "closed", log_only_on=BOTH),
    _n("integration.error", BOTH, _LOG, log_only_on=BOTH),
    _n("integration.integrationStatus", BOTH, _LOG, log_only_on=BOTH),
    _n("integration.latency", BOTH, _LOG, log_only_on=BOTH),
    _n("integration.requestId", BOTH, _LOG, log_only_on=BOTH),
    _n("integration.status", BOTH, _LOG, log_only_on=BOTH),
    _n("authorize", BOTH, _LOG, "closed", log_only_on=BOTH),
    _n("authorize.error", BOTH, _LOG, log_only_on=BOTH),
    _n("authorize.latency", BOTH, _LOG, log_only_on=BOTH),
    _n("authorize.status", BOTH, _LOG, log_only_on=BOTH),
    _n("authenticate", BOTH, _LOG, "closed", log_only_on=BOTH),
    _n("authenticate.error", BOTH, _LOG, log_only_on=BOTH),
    _n("authenticate.latency", BOTH, _LOG, log_only_on=BOTH),
    _n("authenticate.status", BOTH, _LOG, log_only_on=BOTH),
    _n("waf", BOTH, _LOG, "closed", log_only_on=BOTH),
    _n("waf.error", BOTH, _LOG, log_only_on=BOTH),
    _n("waf.latency", BOTH, _LOG, log_only_on=BOTH),
    _n("waf.status", BOTH, _LOG, log_only_on=BOTH),
    # `status`: the WebSocket template table lists it with no value while a request template
    # runs ("?" in every route column, D/U); the REST template reference does not list it at
    # all, only the access-log page does. Flagged on REST (and when the API is unknown).
    _n("status", BOTH, "§1.1", log_only_on=REST),
    _n("integrationStatus", BOTH, _LOG_PAGE, log_only_on=BOTH),
    _n("responseLatency", BOTH, _LOG_PAGE, log_only_on=BOTH),
    _n("responseLength", BOTH, _LOG_PAGE, log_only_on=BOTH),
    _n("xrayTraceId", BOTH, _LOG_PAGE, log_only_on=BOTH),
    _n("awsEndpointRequestId2", BOTH, _LOG_PAGE, log_only_on=BOTH),
    _n("dataProcessed", BOTH, _LOG_PAGE, log_only_on=BOTH),
    _n("customDomain", BOTH, _LOG_PAGE, "closed", log_only_on=BOTH),
    _n("customDomain.basePathMatched", BOTH, _LOG_PAGE, log_only_on=BOTH),
)

#: every ``$context`` name by dotted path
CONTEXT_NAMES: Mapping[str, ContextName] = MappingProxyType({e.path: e for e in _TABLE})
#: the root ``$context`` itself: a closed group (§11.12)
CONTEXT_ROOT = ContextName("", BOTH, "§1.1, §1.2, §11.12", "closed")


def _children() -> Mapping[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for entry in _TABLE:
        parent, _, name = entry.path.rpartition(".")
        found.setdefault(parent, []).append(name)
    return MappingProxyType({key: tuple(names) for key, names in found.items()})


#: the names directly below each group ("" is ``$context`` itself)
CHILDREN: Mapping[str, tuple[str, ...]] = _children()

#: Java bean properties every object answers (``$context.class.name``): never flagged
UNIVERSAL_PROPERTIES = frozenset({"class"})


def cite(section: str) -> str:
    """``ref §1.2`` for a reference section, the source's name for anything else."""
    return f"ref {section}" if section.startswith("§") else section


def closest(name: str, choices: Iterable[str]) -> str | None:
    """The choice ``name`` was probably meant to be: same letters in another case, or close."""
    folded = {choice.lower(): choice for choice in choices}
    if name.lower() in folded:
        return folded[name.lower()]
    close = difflib.get_close_matches(name.lower(), list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


@dataclass(frozen=True)
class ContextPath:
    """What the tables say about one dotted ``$context`` path."""

    #: the known names along the path, outermost first, with their index in the path
    known: tuple[tuple[int, ContextName], ...]
    #: index of the first name the tables do not know (``None``: every name checked is known)
    unknown: int | None = None
    #: whether that unknown name is acceptable (an open group, a bean property)
    allowed: bool = True
    #: the listed name it is probably a misspelling of
    suggestion: str | None = None


def resolve_context(names: Sequence[str]) -> ContextPath:
    """Walk ``names`` (``("identity", "sourceIP")``) through the ``$context`` tables."""
    known: list[tuple[int, ContextName]] = []
    parent = CONTEXT_ROOT
    for index, name in enumerate(names):
        path = f"{parent.path}.{name}" if parent.path else name
        entry = CONTEXT_NAMES.get(path)
        if entry is not None:
            known.append((index, entry))
            if entry.children == "leaf":
                break
            parent = entry
            continue
        if name in UNIVERSAL_PROPERTIES or parent.children == "open":
            return ContextPath(tuple(known), index)
        suggestion = closest(name, CHILDREN.get(parent.path, ()))
        if parent.children == "near-miss":
            return ContextPath(tuple(known), index, suggestion is None, suggestion)
        return ContextPath(tuple(known), index, False, suggestion)
    return ContextPath(tuple(known))


# --- roots ------------------------------------------------------------------------------

#: roots API Gateway defines in every template (§1-§4) and Velocity's loop helpers (§11.3)
GATEWAY_ROOTS = frozenset({"context", "input", "util", "stageVariables"})
VELOCITY_ROOTS = frozenset({"foreach", "velocityCount", "velocityHasNext"})
#: ``$null`` is never defined, by convention: ``#if($x == $null)`` is the idiom for "absent"
CONVENTIONAL_ROOTS = frozenset({"null"})
#: AppSync names users bring over (§4): what to write on API Gateway instead
APPSYNC_HINTS: Mapping[str, str] = MappingProxyType(
    {
        "ctx": "$context (AppSync's $ctx does not exist on API Gateway, ref §4)",
        "utils": "$util",
    }
)

#: roots that exist only in parameter mappings and selection expressions (§4, §6.1, §8.1)
MAPPING_ROOTS = frozenset({"method", "integration", "request", "route"})


def mapping_replacement(root: str, names: Sequence[str]) -> str:
    """What a template does instead of a mapping expression such as ``$method.request.x``.

    ``names`` are the property names after the root (``("request", "path", "id")``).
    """
    head = tuple(names[:2])
    if root in ("method", "route") and head[:1] == ("request",):
        return "use " + _request_replacement(names[1:])
    if root == "request":
        return "use " + _request_replacement(names)
    if root == "integration" and head == ("response", "body"):
        path = _json_path(names[2:])
        return (
            f"use $input.path('{path}') or $input.json('{path}'): in a response template the "
            "integration response body is $input"
        )
    if root == "integration" and head[:1] == ("response",):
        return (
            "a template cannot read the integration response's headers or status: map them "
            "in responseParameters (ref §8.1); its body is $input"
        )
    if root == "integration" and head[:1] == ("request",) and len(names) > 1:
        return f"use #set($context.requestOverride.{'.'.join(names[1:])} = ...) (ref §8.5)"
    if root == "method" and head[:1] == ("response",) and len(names) > 1:
        return f"use #set($context.responseOverride.{'.'.join(names[1:])} = ...) (ref §8.5)"
    return "use $input.params('name'), $input.path('$.field'), $input.json('$.field') or $context"


def _json_path(names: Sequence[str]) -> str:
    return "$." + ".".join(names) if names else "$"


def _request_replacement(names: Sequence[str]) -> str:
    where = names[0] if names else None
    key = ".".join(names[1:]) or "name"
    if where in ("path", "querystring", "header"):
        return f"$input.params().{where}.get('{key}') (or $input.params('{key}'))"
    if where in ("multivalueheader", "multivaluequerystring"):
        single = "header" if where == "multivalueheader" else "querystring"
        return f"$input.params().{single}.get('{key}') (a template sees one value per name)"
    if where == "body":
        path = _json_path(names[1:])
        return f"$input.path('{path}') or $input.json('{path}')"
    return "$input.params('name') for a parameter, $input.path('$.field') for the body"
