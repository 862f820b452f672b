"""Which resources of a host file an integration can be read from, and the one a selector names.

:func:`candidates` lists them: the CloudFormation ``AWS::ApiGatewayV2::Integration``,
``AWS::ApiGatewayV2::Route`` and ``AWS::ApiGateway::Method`` resources, and every OpenAPI
operation with an ``x-amazon-apigateway-integration`` (in an OpenAPI file, or in the
``DefinitionBody`` of a SAM API or the ``Body`` of a RestApi). :func:`choose` picks the one
the part of ``HOST#SELECTOR`` after ``#`` names, by the rule :mod:`vtlgw.iac.selector` uses for
templates: the selector's ``/``-separated tokens appear among the resource's key path tokens in
order (a token also matches the part of a key after its last ``.``). A selector may also name
one of the resource's templates (the selectors ``vtlgw templates`` prints); when several
resources match, the one whose key path is exactly the selector wins.

:func:`references` finds which resources refer to which logical ids (an IntegrationResponse's
``IntegrationId: !Ref ConnectIntegration``, a Route's ``Target: !Sub
integrations/${ConnectIntegration}``), read once for the whole template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vtlgw.document import KeyPath
from vtlgw.errors import InputError
from vtlgw.iac.description import TEMPLATE_MAPS
from vtlgw.iac.openapi import INTEGRATION_KEY, method_label, path_text
from vtlgw.iac.selector import tokens, tokens_match
from vtlgw.iac.substitute import intrinsic

WEBSOCKET_INTEGRATION = "AWS::ApiGatewayV2::Integration"
WEBSOCKET_RESPONSE = "AWS::ApiGatewayV2::IntegrationResponse"
WEBSOCKET_ROUTE = "AWS::ApiGatewayV2::Route"
REST_METHOD = "AWS::ApiGateway::Method"
#: resources whose property holds an OpenAPI document (SAM and plain CloudFormation)
OPENAPI_HOLDERS = (("AWS::Serverless::Api", "DefinitionBody"), ("AWS::ApiGateway::RestApi", "Body"))
EXPECTED = (
    "an AWS::ApiGatewayV2::Integration or AWS::ApiGatewayV2::Route, an AWS::ApiGateway::Method, "
    "or an OpenAPI operation with x-amazon-apigateway-integration"
)
#: how many candidates an error lists
MAX_LISTED = 12
_KINDS = ((WEBSOCKET_INTEGRATION, "websocket"), (WEBSOCKET_ROUTE, "route"), (REST_METHOD, "method"))
_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9_]+)[.}]")
_MAX_DEPTH = 8

#: logical id -> the ``(logical id, resource)`` pairs that refer to it
References = Mapping[str, list[tuple[str, Mapping[Any, Any]]]]


@dataclass(frozen=True)
class Candidate:
    """A resource (or OpenAPI operation) an integration can be read from."""

    key_path: KeyPath
    kind: str  # websocket, route, method, openapi
    node: Mapping[Any, Any]
    templates: tuple[KeyPath, ...] = ()

    @property
    def logical_id(self) -> str:
        """The CloudFormation logical id (the last key of a resource's key path)."""
        return str(self.key_path[-1])


def names(value: Any) -> set[str]:
    """The logical ids an intrinsic value refers to (``Ref``, ``GetAtt``, ``${Name}``)."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        call = intrinsic(item)
        if call is not None:
            argument = call.argument
            if call.name in ("Ref", "GetAtt"):
                first = argument[0] if isinstance(argument, list) and argument else argument
                if isinstance(first, str):
                    found.add(str(first).split(".")[0])
                continue
            if call.name == "Sub":
                text = argument[0] if isinstance(argument, list) and argument else argument
                if isinstance(text, str):
                    found.update(_SUB_NAME.findall(str(text)))
            stack.append(argument)
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, Mapping):
            stack.extend(item.values())
    return found


def references(resources: Mapping[Any, Any], kind: str, prop: str) -> References:
    """For each logical id, the ``kind`` resources whose property ``prop`` refers to it."""
    found: dict[str, list[tuple[str, Mapping[Any, Any]]]] = {}
    for name, body in resources.items():
        if not isinstance(body, Mapping) or str(body.get("Type")) != kind:
            continue
        props = body.get("Properties")
        if isinstance(props, Mapping):
            for target in names(props.get(prop)):
                found.setdefault(target, []).append((str(name), body))
    return found


def template_paths(node: Any, path: KeyPath, depth: int = 0) -> list[KeyPath]:
    """The key paths of the templates in ``node`` (the entries of its template maps)."""
    found: list[KeyPath] = []
    if depth > _MAX_DEPTH:
        return found
    if isinstance(node, Mapping):
        items: Any = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return found
    for key, value in items:
        here = (*path, key if isinstance(key, int) else str(key))
        if str(key) in TEMPLATE_MAPS and isinstance(value, Mapping):
            found.extend((*here, str(content_type)) for content_type in value)
        else:
            found.extend(template_paths(value, here, depth + 1))
    return found


def candidates(tree: Any) -> list[Candidate]:
    """Every resource or OpenAPI operation of the host an integration can be read from."""
    if not isinstance(tree, Mapping):
        return []
    found: list[Candidate] = []
    resources = tree.get("Resources")
    if isinstance(resources, Mapping):
        responses = references(resources, WEBSOCKET_RESPONSE, "IntegrationId")
        for name, body in resources.items():
            if not isinstance(body, Mapping):
                continue
            kind = str(body.get("Type"))
            where: KeyPath = ("Resources", str(name))
            label = next((label for type_, label in _KINDS if type_ == kind), None)
            if label is not None:
                paths = template_paths(body, where)
                if label == "websocket":
                    for other, response in responses.get(str(name), ()):
                        paths.extend(template_paths(response, ("Resources", other)))
                found.append(Candidate(where, label, body, tuple(paths)))
            props = body.get("Properties")
            for holder, prop in OPENAPI_HOLDERS:
                if kind == holder and isinstance(props, Mapping):
                    found.extend(_operations(props.get(prop), (*where, "Properties", prop)))
    found.extend(_operations(tree, ()))
    return found


def _operations(tree: Any, prefix: KeyPath) -> list[Candidate]:
    paths = tree.get("paths") if isinstance(tree, Mapping) else None
    found: list[Candidate] = []
    for route, item in paths.items() if isinstance(paths, Mapping) else ():
        for method, operation in item.items() if isinstance(item, Mapping) else ():
            if method_label(str(method)) is None or not isinstance(operation, Mapping):
                continue
            if operation.get(INTEGRATION_KEY) is not None:
                where = (*prefix, "paths", str(route), str(method))
                paths_in = tuple(template_paths(operation, where))
                found.append(Candidate(where, "openapi", operation, paths_in))
    return found


def _matches(wanted: tuple[str, ...], key_path: KeyPath) -> bool:
    return tokens_match(wanted, tokens(path_text(key_path)))


def choose(found: list[Candidate], host: str, rest: str) -> Candidate:
    """The one candidate the selector ``rest`` names; none or several is an InputError that
    lists the selectors to choose from."""
    wanted = tokens(rest)
    matching = [
        candidate
        for candidate in found
        if _matches(wanted, candidate.key_path)
        or any(_matches(wanted, path) for path in candidate.templates)
    ]
    if len(matching) > 1:
        exact = [c for c in matching if tokens(path_text(c.key_path)) == wanted]
        matching = exact if len(exact) == 1 else matching
    if len(matching) == 1:
        return matching[0]
    shown = matching or found
    listed = ", ".join(f"'{host}#{path_text(c.key_path)}'" for c in shown[:MAX_LISTED])
    if len(shown) > MAX_LISTED:
        listed += f" and {len(shown) - MAX_LISTED} more"
    if matching:
        message = (
            f"{rest!r} matches {len(matching)} integrations: {listed}; add more of the key path"
        )
    elif found:
        message = f"no integration matches {rest!r}; the integrations in it: {listed}"
    else:
        message = f"the file holds no integration; expected {EXPECTED}"
    raise InputError(message, name=host)
