"""CloudFormation and SAM templates, YAML or JSON (CDK's ``cdk.out/*.template.json`` too).

:func:`read_cloudformation` finds the mapping templates of a stack's resources:

* ``AWS::ApiGatewayV2::Integration`` ``RequestTemplates`` (a WebSocket API; the route is the
  ``RouteKey`` of the ``AWS::ApiGatewayV2::Route`` whose ``Target`` is
  ``integrations/${Integration}``, written with ``!Sub``, ``!Join`` or ``"integrations/"`` and
  ``!Ref``, when exactly one route key targets it);
* ``AWS::ApiGatewayV2::IntegrationResponse`` ``ResponseTemplates`` (the route of its
  ``IntegrationId``);
* ``AWS::ApiGateway::Method`` ``Integration.RequestTemplates`` and
  ``Integration.IntegrationResponses[].ResponseTemplates`` (a REST API; the method is
  ``GET /pets/{id}`` when the ``ResourceId`` chain of ``AWS::ApiGateway::Resource`` path parts
  resolves, else the HTTP method alone);
* the OpenAPI document of an ``AWS::Serverless::Api`` ``DefinitionBody`` or an
  ``AWS::ApiGateway::RestApi`` ``Body``, read by :func:`vtlgw.iac.openapi.read_openapi_tree`.

A template value may be a string, ``Fn::Sub`` or ``Fn::Join``; :mod:`vtlgw.iac.substitute`
resolves it. Each template's ``resource`` is the logical id of the resource holding it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from vtlgw.errors import InputError
from vtlgw.iac.jsonhost import load_json_host
from vtlgw.iac.model import ApiKind, EmbeddedTemplate, KeyPath, TemplateKind
from vtlgw.iac.openapi import read_openapi_tree
from vtlgw.iac.positions import host_error
from vtlgw.iac.substitute import describe, intrinsic, position, resolve_template
from vtlgw.iac.tree import HostList, HostString
from vtlgw.iac.yamlhost import load_yaml_host

V2_INTEGRATION = "AWS::ApiGatewayV2::Integration"
V2_INTEGRATION_RESPONSE = "AWS::ApiGatewayV2::IntegrationResponse"
V2_ROUTE = "AWS::ApiGatewayV2::Route"
REST_METHOD = "AWS::ApiGateway::Method"
REST_RESOURCE = "AWS::ApiGateway::Resource"
REST_API = "AWS::ApiGateway::RestApi"
SAM_API = "AWS::Serverless::Api"

_TARGET = re.compile(r"integrations/\$\{([^}.!]+)\}")


def read_cloudformation(path: str, text: str) -> list[EmbeddedTemplate]:
    """Every mapping template in the CloudFormation/SAM template ``path`` holding ``text``.

    JSON when the first character that is not a blank is ``{``, YAML otherwise. Errors in the
    file itself (bad YAML or JSON, a ``!Sub`` of the wrong shape, templates that are not a
    mapping) raise :class:`~vtlgw.errors.InputError` at the host position. A file without
    templates (or without ``Resources``) gives ``[]``.
    """
    if text.lstrip(" \t\r\n").startswith("{"):
        tree = load_json_host(text, name=path)
    else:
        tree = load_yaml_host(text, name=path)
    resources = tree.get("Resources") if isinstance(tree, Mapping) else None
    if not isinstance(resources, Mapping):
        return []
    templates = _Stack(path, text, resources).templates()
    # file order (CDK writes IntegrationResponses before RequestTemplates: keys sorted)
    return sorted(templates, key=lambda template: template.host_offset(0))


def _type(resource: Any) -> str | None:
    kind = resource.get("Type") if isinstance(resource, Mapping) else None
    return str(kind) if isinstance(kind, str) else None


def _ref(value: Any) -> str | None:
    """The logical id in ``!Ref Name`` / ``{"Ref": "Name"}``."""
    call = intrinsic(value)
    if call is not None and call.name == "Ref" and isinstance(call.argument, str):
        return str(call.argument)
    return None


def _symbolic(value: Any) -> str | None:
    """A string value with each ``Ref`` written ``${Name}`` (``None`` when not that simple)."""
    if isinstance(value, HostString):
        return str(value)
    call = intrinsic(value)
    if call is None:
        return None
    argument = call.argument
    if call.name == "Ref":
        return f"${{{argument}}}" if isinstance(argument, str) else None
    if call.name == "Sub" and isinstance(argument, str):
        return str(argument)
    if call.name == "Sub" and isinstance(argument, list) and len(argument) == 2:
        text, names = argument
        if not isinstance(text, str) or not isinstance(names, Mapping):
            return None
        for name, named in names.items():
            shown = _symbolic(named)
            if shown is None:
                return None
            text = text.replace(f"${{{name}}}", shown)
        return str(text)
    if call.name == "Join" and isinstance(argument, list) and len(argument) == 2:
        delimiter, parts = argument
        if not isinstance(delimiter, str) or not isinstance(parts, list):
            return None
        shown_parts = [_symbolic(part) for part in parts]
        if any(part is None for part in shown_parts):
            return None
        return str(delimiter).join(part for part in shown_parts if part is not None)
    return None


class _Stack:
    """The resources of one template, and what one resource says about another."""

    def __init__(self, path: str, text: str, resources: Mapping[Any, Any]) -> None:
        self.path = path
        self.text = text
        self.resources = resources
        self.routes: dict[str, list[str]] = {}
        for resource in resources.values():
            if _type(resource) != V2_ROUTE:
                continue
            properties = resource.get("Properties")
            if not isinstance(properties, Mapping):
                continue
            target = _symbolic(properties.get("Target"))
            match = _TARGET.fullmatch(target) if target is not None else None
            key = properties.get("RouteKey")
            if match is not None and isinstance(key, str):
                keys = self.routes.setdefault(match.group(1), [])
                if str(key) not in keys:
                    keys.append(str(key))

    def route(self, integration: str | None) -> str | None:
        """The one route key whose route targets ``integration`` (``None``: none, or several)."""
        keys = self.routes.get(integration or "", [])
        return keys[0] if len(keys) == 1 else None

    def rest_path(self, value: Any, seen: frozenset[str] = frozenset()) -> str | None:
        """``/pets/{id}`` for a ``ResourceId`` (``!Ref`` chain or ``RootResourceId``)."""
        call = intrinsic(value)
        if call is not None and call.name == "GetAtt":
            argument = call.argument
            attribute = str(argument).rpartition(".")[2] if isinstance(argument, str) else None
            if isinstance(argument, list) and len(argument) == 2:
                attribute = str(argument[1])
            return "/" if attribute == "RootResourceId" else None
        name = _ref(value)
        if name is None or name in seen:
            return None
        resource: Any = self.resources.get(name)
        if _type(resource) != REST_RESOURCE:
            return None
        properties = resource.get("Properties")
        if not isinstance(properties, Mapping):
            return None
        part = properties.get("PathPart")
        parent = self.rest_path(properties.get("ParentId"), seen | {name})
        if not isinstance(part, str) or parent is None:
            return None
        return f"{parent.rstrip('/')}/{part}"

    def templates(self) -> list[EmbeddedTemplate]:
        """The templates of every resource, in file order."""
        found: list[EmbeddedTemplate] = []
        for name, resource in self.resources.items():
            kind = _type(resource)
            if kind not in (
                V2_INTEGRATION,
                V2_INTEGRATION_RESPONSE,
                REST_METHOD,
                SAM_API,
                REST_API,
            ):
                continue
            where: KeyPath = ("Resources", str(name), "Properties")
            if resource.get("Properties") is None:
                continue
            properties = self.mapping(resource["Properties"], where, _key(resource, "Properties"))
            if kind == V2_INTEGRATION:
                found += self.read_map(
                    properties,
                    (*where, "RequestTemplates"),
                    "request",
                    "websocket",
                    route=self.route(str(name)),
                    resource=str(name),
                )
            elif kind == V2_INTEGRATION_RESPONSE:
                route = self.route(_ref(properties.get("IntegrationId")))
                found += self.read_map(
                    properties,
                    (*where, "ResponseTemplates"),
                    "response",
                    "websocket",
                    route=route,
                    resource=str(name),
                )
            elif kind == REST_METHOD:
                found += self.method(str(name), properties, where)
            else:
                body_key = "DefinitionBody" if kind == SAM_API else "Body"
                body = properties.get(body_key)
                if isinstance(body, Mapping) and intrinsic(body) is None:
                    found += read_openapi_tree(body, self.path, self.text, (*where, body_key))
        return found

    def method(
        self, name: str, properties: Mapping[Any, Any], where: KeyPath
    ) -> list[EmbeddedTemplate]:
        """The request and integration response templates of a REST method."""
        http = properties.get("HttpMethod")
        label = str(http).upper() if isinstance(http, str) else None
        path = self.rest_path(properties.get("ResourceId"))
        method = f"{label} {path}" if label and path else label
        fields: dict[str, Any] = {"method": method, "resource": name}
        if properties.get("Integration") is None:
            return []
        integration_path = (*where, "Integration")
        integration = self.mapping(
            properties["Integration"], integration_path, _key(properties, "Integration")
        )
        found = self.read_map(
            integration, (*integration_path, "RequestTemplates"), "request", "rest", **fields
        )
        responses_path = (*integration_path, "IntegrationResponses")
        responses = integration.get("IntegrationResponses")
        if responses is None:
            return found
        if not isinstance(responses, HostList):
            raise self.error(
                responses_path,
                f"expected a list of integration responses, found {describe(responses)}",
                position(responses, _key(integration, "IntegrationResponses").start),
            )
        for index, response in enumerate(responses):
            item_path = (*responses_path, index)
            body = self.mapping(response, item_path, None, fallback=responses.start)
            found += self.read_map(
                body, (*item_path, "ResponseTemplates"), "response", "rest", **fields
            )
        return found

    def read_map(
        self,
        holder: Mapping[Any, Any],
        path: KeyPath,
        kind: TemplateKind,
        api: ApiKind,
        **fields: Any,
    ) -> list[EmbeddedTemplate]:
        """The templates of the map at ``path`` (the last key, in ``holder``), one per key."""
        value = holder.get(str(path[-1]))
        if value is None:
            return []
        templates = self.mapping(value, path, _key(holder, str(path[-1])))
        found: list[EmbeddedTemplate] = []
        for content_type, template in templates.items():
            where = (*path, str(content_type))
            resolved = resolve_template(
                template,
                host=self.path,
                host_text=self.text,
                where="/".join(str(p) for p in where),
                at=content_type.start,
            )
            found.append(
                EmbeddedTemplate(
                    host=self.path,
                    host_text=self.text,
                    key_path=where,
                    text=resolved.text,
                    offsets=resolved.offsets,
                    kind=kind,
                    content_type=str(content_type),
                    api=api,
                    substitutions=resolved.substitutions,
                    **fields,
                )
            )
        return found

    def mapping(
        self, value: Any, path: KeyPath, key: Any, *, fallback: int = 0
    ) -> Mapping[Any, Any]:
        """``value`` when it is a mapping written out (not an intrinsic); else an error."""
        if isinstance(value, Mapping) and intrinsic(value) is None:
            return value
        at = position(value, key.start if isinstance(key, HostString) else fallback)
        raise self.error(path, f"expected a mapping, found {describe(value)}", at)

    def error(self, path: KeyPath, message: str, offset: int) -> InputError:
        """``Resources/X/Properties/...: message`` at host ``offset``."""
        where = "/".join(str(part) for part in path)
        return host_error(f"{where}: {message}", name=self.path, text=self.text, offset=offset)


def _key(mapping: Mapping[Any, Any], name: str) -> HostString:
    """The mapping's own key ``name`` (it knows where it is written)."""
    key: HostString = next(key for key in mapping if key == name)
    return key
