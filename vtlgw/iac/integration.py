"""An integration description for ``simulate`` and case files, read from the IaC resource itself.

``vtlgw simulate --integration template.yaml#ConnectIntegration`` reads the integration from
the host file instead of a hand-written description (:mod:`vtlgw.simulate.integration`):

* CloudFormation ``AWS::ApiGatewayV2::Integration`` (WebSocket): ``IntegrationType``,
  ``IntegrationUri``, ``TemplateSelectionExpression``, ``PassthroughBehavior`` and
  ``RequestTemplates``; the ``AWS::ApiGatewayV2::IntegrationResponse`` resources whose
  ``IntegrationId`` refers to it; the ``RouteKey`` and ``RouteResponseSelectionExpression`` of
  the ``AWS::ApiGatewayV2::Route`` whose ``Target`` names it (select the route, and its
  integration is read). Several routes on one integration leave the route key open.
* CloudFormation ``AWS::ApiGateway::Method`` (REST): its ``Integration`` (``Type``, ``Uri``,
  ``PassthroughBehavior``, ``RequestTemplates``, ``IntegrationResponses`` with ``StatusCode``,
  ``SelectionPattern``, ``ResponseTemplates``, ``ResponseParameters``) and the status codes of
  its ``MethodResponses``.
* An OpenAPI operation's ``x-amazon-apigateway-integration`` (REST), in an OpenAPI file or a
  SAM ``DefinitionBody`` / RestApi ``Body``, with the operation's ``responses`` as the method
  responses.

The resource is laid out as a description (:mod:`vtlgw.iac.description`) and validated by
:func:`vtlgw.simulate.integration.integration_from_document`, so a hand-written description's
rules all hold, with errors at host positions and key paths. Templates keep their host map and
are named by their selector. Properties that change nothing vtlgw simulates (``ApiId``,
``Credentials``, ``RequestParameters``, ``TimeoutInMillis``, ...) are left out. An ``AWS``
integration whose URI is known only at deploy time is an error: whether it calls Lambda decides
how its integration responses are selected.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from vtlgw.document import KeyPath, read_text_file
from vtlgw.errors import InputError
from vtlgw.iac.description import Builder, hosted, table
from vtlgw.iac.detect import host_format
from vtlgw.iac.openapi import INTEGRATION_KEY, TreeReader, key_of, load_tree, path_text
from vtlgw.iac.resources import (
    EXPECTED,
    WEBSOCKET_RESPONSE,
    WEBSOCKET_ROUTE,
    Candidate,
    candidates,
    choose,
    names,
    references,
)
from vtlgw.simulate.integration import Integration, integration_from_document

_WEBSOCKET = table(
    "IntegrationType IntegrationUri TemplateSelectionExpression PassthroughBehavior "
    "RequestTemplates",
    "ContentHandlingStrategy ApiId ConnectionId ConnectionType CredentialsArn Description "
    "IntegrationMethod IntegrationSubtype PayloadFormatVersion RequestParameters "
    "ResponseParameters TimeoutInMillis TlsConfig",
)
_WEBSOCKET_RESPONSE = table(
    "IntegrationResponseKey TemplateSelectionExpression ResponseTemplates ResponseParameters",
    "ApiId IntegrationId ContentHandlingStrategy",
)
_METHOD = table(
    "Type=type Uri=uri PassthroughBehavior=passthroughBehavior RequestTemplates=requestTemplates",
    "IntegrationResponses CacheKeyParameters CacheNamespace ConnectionId ConnectionType "
    "ContentHandling Credentials IntegrationHttpMethod RequestParameters ResponseTransferMode "
    "TimeoutInMillis",
)
_METHOD_RESPONSE = table(
    "StatusCode=statusCode SelectionPattern=selectionPattern ResponseTemplates=responseTemplates "
    "ResponseParameters=responseParameters",
    "ContentHandling",
)
_OPENAPI = table(
    "type uri passthroughBehavior requestTemplates",
    "responses cacheKeyParameters cacheNamespace connectionId connectionType contentHandling "
    "credentials httpMethod integrationSubtype payloadFormatVersion requestParameters "
    "responseTransferMode timeoutInMillis tlsConfig",
)
_OPENAPI_RESPONSE = table("statusCode responseTemplates responseParameters", "contentHandling")
_ROUTE_FIELDS = ("RouteKey", "RouteResponseSelectionExpression")


def _properties(
    builder: Builder, key_path: KeyPath, node: Any
) -> tuple[Mapping[Any, Any], KeyPath]:
    where = (*key_path, "Properties")
    props = builder.reader.mapping(node.get("Properties"), where, key=key_of(node, "Properties"))
    return props, where


def _websocket(builder: Builder, candidate: Candidate) -> None:
    props, where = _properties(builder, candidate.key_path, candidate.node)
    data = builder.data
    data["api"] = "websocket"
    builder.place((), where, props)
    builder.fields(data, (), props, where, _WEBSOCKET)
    if "IntegrationType" not in data:
        raise builder.reader.error(props, (*where, "IntegrationType"), "is required")
    resources = builder.resources
    responses = references(resources, WEBSOCKET_RESPONSE, "IntegrationId")
    items: list[dict[str, Any]] = []
    for index, (name, body) in enumerate(responses.get(candidate.logical_id, ())):
        item: dict[str, Any] = {}
        items.append(item)
        response_props, response_where = _properties(builder, ("Resources", name), body)
        path: KeyPath = ("IntegrationResponses", index)
        builder.place(path, response_where, response_props)
        builder.fields(item, path, response_props, response_where, _WEBSOCKET_RESPONSE)
    if items:
        data["IntegrationResponses"] = items
    routes = references(resources, WEBSOCKET_ROUTE, "Target").get(candidate.logical_id, [])
    _route(builder, routes)


def _route(builder: Builder, routes: list[tuple[str, Mapping[Any, Any]]]) -> None:
    """The route's ``RouteKey`` (when one route has the integration) and its
    ``RouteResponseSelectionExpression`` (which every route must agree on)."""
    seen: dict[str, KeyPath] = {}
    for name, body in routes:
        props, where = _properties(builder, ("Resources", name), body)
        for field_name in _ROUTE_FIELDS:
            value, key = props.get(field_name), key_of(props, field_name)
            host_path = (*where, field_name)
            if value is None or (field_name == "RouteKey" and len(routes) > 1):
                continue
            text = builder.scalar(value, host_path, key)
            if field_name in seen and builder.data[field_name] != text:
                message = f"differs from {path_text(seen[field_name])} of the same integration"
                raise builder.reader.error(value, host_path, message, key=key)
            builder.data[field_name] = text
            seen[field_name] = host_path
            builder.place((field_name,), host_path, value, key)


def _method(builder: Builder, candidate: Candidate) -> None:
    props, where = _properties(builder, candidate.key_path, candidate.node)
    integration_path = (*where, "Integration")
    if props.get("Integration") is None:
        raise builder.reader.error(props, integration_path, "is required to simulate the method")
    body = builder.reader.mapping(
        props["Integration"], integration_path, key=key_of(props, "Integration")
    )
    data = builder.data
    data["api"] = "rest"
    builder.place((), integration_path, body)
    builder.fields(data, (), body, integration_path, _METHOD)
    responses_path = (*integration_path, "IntegrationResponses")
    responses = body.get("IntegrationResponses")
    if responses is not None and not isinstance(responses, list):
        raise builder.reader.error(responses, responses_path, "expected a list", key=body)
    if responses is not None:
        items: list[dict[str, Any]] = []
        data["integrationResponses"] = items
        builder.place(("integrationResponses",), responses_path, responses)
        for index, response in enumerate(responses):
            item_path, path = (*responses_path, index), ("integrationResponses", index)
            item: dict[str, Any] = {}
            items.append(item)
            spec = builder.reader.mapping(response, item_path, key=responses)
            builder.place(path, item_path, response)
            builder.fields(item, path, spec, item_path, _METHOD_RESPONSE)
    declared, declared_path = props.get("MethodResponses"), (*where, "MethodResponses")
    if declared is not None and not isinstance(declared, list):
        raise builder.reader.error(declared, declared_path, "expected a list", key=props)
    if declared is None and not responses:
        return
    codes: list[Any] = []
    builder.place(("methodResponses",), declared_path, declared if declared else props)
    for index, entry in enumerate(declared or ()):  # none declared: none can be mapped to
        code_path = (*declared_path, index, "StatusCode")
        spec = builder.reader.mapping(entry, code_path[:-1], key=declared)
        code, key = spec.get("StatusCode"), key_of(spec, "StatusCode")
        builder.place(
            ("methodResponses", index), code_path, code if code is not None else entry, key
        )
        codes.append(builder.scalar(code, code_path, key))
    data["methodResponses"] = codes


def _openapi(builder: Builder, candidate: Candidate) -> None:
    operation = candidate.node
    integration_path = (*candidate.key_path, INTEGRATION_KEY)
    key = key_of(operation, INTEGRATION_KEY)
    body = builder.reader.mapping(operation.get(INTEGRATION_KEY), integration_path, key=key)
    data = builder.data
    data["api"] = "rest"
    builder.place((), integration_path, body)
    builder.fields(data, (), body, integration_path, _OPENAPI)
    responses_path = (*integration_path, "responses")
    key = key_of(body, "responses")
    responses = builder.reader.mapping(body.get("responses"), responses_path, key=key)
    if responses:
        by_pattern: dict[str, Any] = {}
        data["responses"] = by_pattern
        builder.place(("responses",), responses_path, responses, key)
        for pattern, response in responses.items():
            item_path, path = (*responses_path, str(pattern)), ("responses", str(pattern))
            item: dict[str, Any] = {}
            by_pattern[str(pattern)] = item
            spec = builder.reader.mapping(response, item_path, key=pattern)
            builder.place(path, item_path, response, pattern)
            builder.fields(item, path, spec, item_path, _OPENAPI_RESPONSE)
    declared = operation.get("responses")
    if not isinstance(declared, Mapping) and not responses:
        return
    codes = [
        code for code in (declared if isinstance(declared, Mapping) else {}) if str(code).isdigit()
    ]
    declared_path = (*candidate.key_path, "responses")
    builder.place(("methodResponses",), declared_path, declared or operation)
    for index, code in enumerate(codes):
        builder.place(("methodResponses", index), (*declared_path, str(code)), code)
    data["methodResponses"] = [str(code) for code in codes]


_LAYOUTS = MappingProxyType({"websocket": _websocket, "method": _method, "openapi": _openapi})


def _route_target(builder: Builder, route: Candidate, found: list[Candidate]) -> Candidate:
    """The integration the route's ``Target`` names."""
    props, where = _properties(builder, route.key_path, route.node)
    target = props.get("Target")
    named = names(target)
    targets = [c for c in found if c.kind == "websocket" and c.logical_id in named]
    if len(targets) != 1:
        what = "no AWS::ApiGatewayV2::Integration" if not targets else "more than one integration"
        message = f"names {what} of this template"
        raise builder.reader.error(target, (*where, "Target"), message, key=props)
    return targets[0]


def _check_uri(builder: Builder, path: str) -> None:
    """Refuse an ``AWS`` integration whose URI is known only at deploy time."""
    data = builder.data
    websocket = data.get("api") == "websocket"
    kind_key, uri_key = ("IntegrationType", "IntegrationUri") if websocket else ("type", "uri")
    kind, uri = data.get(kind_key), data.get(uri_key)
    if not isinstance(kind, str) or kind.upper() != "AWS" or not isinstance(uri, str):
        return
    if "{{" in uri and ":lambda:" not in uri and ":apigateway:" not in uri:
        raise builder.document(path).error(
            (uri_key,),
            f"{uri!r} is known only at deploy time, so vtlgw cannot tell whether this AWS "
            "integration calls a Lambda function (which decides how its integration "
            "responses are selected); write the URI, or an Fn::Sub of it",
        )


def integration_from_host(path: str, selector_rest: str) -> Integration:
    """The integration of the resource ``selector_rest`` names in the host file ``path``.

    ``selector_rest`` is the part of ``HOST#SELECTOR`` after ``#``: a logical id
    (``ConnectIntegration``, or a route's or a method's), an OpenAPI operation
    (``paths/items/{id}/get``, or just ``items/{id}/get``), or the selector of one of its
    templates (as ``vtlgw templates`` prints them); it must name exactly one resource. Errors in
    the host file are :class:`InputError` at host positions.
    """
    text = read_text_file(path, "IaC file")
    found = host_format(path, text)
    if found not in ("cloudformation", "openapi"):
        what = {
            "serverless": "a serverless.yml (the framework adds request templates of its own)",
            "terraform": "a Terraform file",
        }.get(str(found), "this file")
        raise InputError(
            f"simulate reads an integration from CloudFormation/SAM or OpenAPI, not from "
            f"{what}; expected {EXPECTED}, or an integration description file",
            name=path,
        )
    tree = load_tree(path, text)
    listed = candidates(tree)
    chosen = choose(listed, path, selector_rest)
    resources = tree.get("Resources") if isinstance(tree, Mapping) else None
    builder = Builder(TreeReader(path, text), resources if isinstance(resources, Mapping) else {})
    if chosen.kind == "route":
        chosen = _route_target(builder, chosen, listed)
    _LAYOUTS[chosen.kind](builder, chosen)
    _check_uri(builder, path)
    integration = integration_from_document(builder.document(path))
    return hosted(integration, f"{path}#{path_text(chosen.key_path)}")
