"""OpenAPI 3 and Swagger 2 files: the mapping templates of ``x-amazon-apigateway-integration``.

An operation (``paths./items/{id}.get``, or ``x-amazon-apigateway-any-method`` for ``ANY``)
holds its integration in ``x-amazon-apigateway-integration``: request templates under
``requestTemplates.<content type>`` and response templates under
``responses.<selection pattern>.responseTemplates.<content type>``. An OpenAPI file with these
extensions describes a REST API (WebSocket APIs have no OpenAPI import of templates), so every
template is ``api="rest"`` with its method ``GET /items/{id}``.

:func:`read_openapi` reads a file; :func:`read_openapi_tree` reads an already loaded tree, which
is how the CloudFormation reader reads a SAM ``DefinitionBody`` or a RestApi ``Body``: key paths
then start with its ``key_prefix`` and template values may be ``!Sub``/``Fn::Sub``. A misspelt
template key (``requestTemplate``) is an error at its position, since a template that is never
read would otherwise lint clean; other keys are left to API Gateway.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vtlgw.document import did_you_mean
from vtlgw.errors import InputError
from vtlgw.iac.model import EmbeddedTemplate, KeyPath, Substitution, TemplateKind
from vtlgw.iac.positions import host_error
from vtlgw.iac.substitute import resolve_template
from vtlgw.iac.tree import HostString, Tagged
from vtlgw.location import OffsetMap
from vtlgw.simulate.quoting import kind as value_kind

INTEGRATION_KEY = "x-amazon-apigateway-integration"
ANY_METHOD_KEY = "x-amazon-apigateway-any-method"
#: the operation keys of an OpenAPI path item (Swagger 2 has all but trace)
METHOD_KEYS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_TEMPLATE_KEYS = ("requestTemplates", "responses")
_RESPONSE_TEMPLATE_KEYS = ("responseTemplates",)
_INTEGRATION_KEYS = (
    "type",
    "uri",
    "httpMethod",
    "passthroughBehavior",
    "requestTemplates",
    "requestParameters",
    "responses",
    "contentHandling",
    "timeoutInMillis",
    "cacheKeyParameters",
    "cacheNamespace",
    "credentials",
    "connectionType",
    "connectionId",
    "tlsConfig",
    "integrationSubtype",
    "payloadFormatVersion",
)
_RESPONSE_KEYS = ("statusCode", "responseTemplates", "responseParameters", "contentHandling")


def path_text(path: KeyPath) -> str:
    """A key path as messages show it: its keys joined by ``/``."""
    return "/".join(str(part) for part in path)


def offset_of(value: Any, fallback: int = 0) -> int:
    """The host offset where ``value`` starts (``fallback`` for a scalar without one)."""
    start = getattr(value, "start", None)
    return start if isinstance(start, int) else fallback


def describe(value: Any) -> str:
    """What a host value is, for messages: ``a number``, ``!GetAtt``, ``Fn::Join``, ..."""
    if isinstance(value, Tagged):
        return f"!{value.tag}"
    if isinstance(value, Mapping) and len(value) == 1:
        (only,) = value
        if str(only).startswith("Fn::") or str(only) == "Ref":
            return str(only)
    return value_kind(value)


def is_sub(value: Any) -> bool:
    """True for ``!Sub ...`` and ``{"Fn::Sub": ...}``."""
    if isinstance(value, Tagged):
        return value.tag == "Sub"
    return isinstance(value, Mapping) and len(value) == 1 and "Fn::Sub" in value


def key_of(mapping: Mapping[Any, Any], name: str) -> Any:
    """The mapping's own key object equal to ``name`` (it knows its host position)."""
    return next((key for key in mapping if key == name), name)


class TreeReader:
    """Reads templates out of one loaded host tree, raising errors at host positions."""

    def __init__(self, name: str, host_text: str) -> None:
        self.name = name
        self.host_text = host_text

    def error(
        self, at: Any, path: KeyPath, message: str, *, key: Any = None, offset: int | None = None
    ) -> InputError:
        """``path: message`` at host ``offset``, else where ``at`` starts, else at ``key``."""
        where = offset if offset is not None else offset_of(at, offset_of(key))
        text = f"{path_text(path)}: {message}" if path else message
        return host_error(text, name=self.name, text=self.host_text, offset=where)

    def mapping(self, value: Any, path: KeyPath, *, key: Any = None) -> Mapping[Any, Any]:
        """``value`` when it is a mapping, ``{}`` when absent (null); else an error."""
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            message = f"expected a mapping, found {describe(value)}"
            raise self.error(value, path, message, key=key)
        return value

    def near_miss(
        self,
        data: Mapping[Any, Any],
        known: tuple[str, ...],
        wanted: tuple[str, ...],
        path: KeyPath,
    ) -> None:
        """Refuse a key that is not ``known`` but close to one of ``wanted`` (a misspelling)."""
        for key in data:
            text = str(key)
            if text in known:
                continue
            hint = did_you_mean(text, wanted)
            if hint:
                message = f"unknown key{hint}; a template there would never be read"
                raise self.error(key, (*path, text), message)

    def template(
        self,
        value: Any,
        path: KeyPath,
        *,
        key: Any,
        kind: TemplateKind,
        content_type: str | None = None,
        **fields: Any,
    ) -> EmbeddedTemplate:
        """The embedded template written as ``value`` under ``key`` at ``path``.

        ``content_type`` defaults to the key (the template map's key).
        """
        text, offsets, substitutions = self.template_text(value, path, key=key)
        return EmbeddedTemplate(
            host=self.name,
            host_text=self.host_text,
            key_path=path,
            text=text,
            offsets=offsets,
            kind=kind,
            content_type=str(key) if content_type is None else content_type,
            substitutions=substitutions,
            **fields,
        )

    def template_text(
        self, value: Any, path: KeyPath, *, key: Any = None
    ) -> tuple[str, OffsetMap, tuple[Substitution, ...]]:
        """The text API Gateway receives for ``value``, its offset map and substitutions.

        A string is itself; ``!Sub``/``Fn::Sub`` and ``Fn::Join`` are resolved as
        CloudFormation resolves them (:mod:`vtlgw.iac.substitute`); anything else is an error.
        """
        if isinstance(value, HostString):
            return str(value), value.offsets, ()
        resolved = resolve_template(
            value,
            host=self.name,
            host_text=self.host_text,
            where=path_text(path),
            at=offset_of(key),
        )
        return resolved.text, resolved.offsets, resolved.substitutions


def method_label(method_key: str) -> str | None:
    """``GET`` for ``get``, ``ANY`` for ``x-amazon-apigateway-any-method``, else ``None``."""
    if method_key == ANY_METHOD_KEY:
        return "ANY"
    return method_key.upper() if method_key in METHOD_KEYS else None


def operations(
    reader: TreeReader, tree: Any, key_prefix: KeyPath
) -> list[tuple[KeyPath, str, Mapping[Any, Any]]]:
    """``(key path, "GET /items/{id}", integration)`` of every operation with an integration.

    The key path is the ``x-amazon-apigateway-integration``'s.
    """
    if not isinstance(tree, Mapping):
        return []
    paths_path = (*key_prefix, "paths")
    paths = reader.mapping(tree.get("paths"), paths_path, key=key_of(tree, "paths"))
    found: list[tuple[KeyPath, str, Mapping[Any, Any]]] = []
    for route, item in paths.items():
        item_path: KeyPath = (*paths_path, str(route))
        for method_key, operation in reader.mapping(item, item_path, key=route).items():
            label = method_label(str(method_key))
            if label is None:
                continue
            op_path: KeyPath = (*item_path, str(method_key))
            body = reader.mapping(operation, op_path, key=method_key)
            if body.get(INTEGRATION_KEY) is None:
                continue
            where = (*op_path, INTEGRATION_KEY)
            integration = reader.mapping(
                body[INTEGRATION_KEY], where, key=key_of(body, INTEGRATION_KEY)
            )
            found.append((where, f"{label} {route}", integration))
    return found


def integration_templates(
    reader: TreeReader,
    integration: Mapping[Any, Any],
    path: KeyPath,
    **fields: Any,
) -> list[EmbeddedTemplate]:
    """The request and response templates of one ``x-amazon-apigateway-integration``."""
    reader.near_miss(integration, _INTEGRATION_KEYS, _TEMPLATE_KEYS, path)
    found: list[EmbeddedTemplate] = []
    requests_path = (*path, "requestTemplates")
    requests = reader.mapping(
        integration.get("requestTemplates"),
        requests_path,
        key=key_of(integration, "requestTemplates"),
    )
    for content_type, value in requests.items():
        where = (*requests_path, str(content_type))
        found.append(reader.template(value, where, key=content_type, kind="request", **fields))
    responses_path = (*path, "responses")
    responses = reader.mapping(
        integration.get("responses"), responses_path, key=key_of(integration, "responses")
    )
    for pattern, response in responses.items():
        response_path = (*responses_path, str(pattern))
        body = reader.mapping(response, response_path, key=pattern)
        reader.near_miss(body, _RESPONSE_KEYS, _RESPONSE_TEMPLATE_KEYS, response_path)
        templates_path = (*response_path, "responseTemplates")
        templates = reader.mapping(
            body.get("responseTemplates"), templates_path, key=key_of(body, "responseTemplates")
        )
        for content_type, value in templates.items():
            where = (*templates_path, str(content_type))
            found.append(reader.template(value, where, key=content_type, kind="response", **fields))
    return found


def read_openapi_tree(
    tree: Any,
    path: str,
    host_text: str,
    key_prefix: KeyPath = (),
    *,
    reader: TreeReader | None = None,
) -> list[EmbeddedTemplate]:
    """Every mapping template in an OpenAPI tree loaded from ``path`` (holding ``host_text``).

    ``key_prefix`` is where the tree sits in its host (``("Resources", "MyApi", "Properties",
    "DefinitionBody")`` for a SAM API); the templates' key paths start with it, and their
    ``resource`` is the CloudFormation logical id when there is one.
    """
    reader = reader or TreeReader(path, host_text)
    resource = str(key_prefix[1]) if len(key_prefix) > 1 and key_prefix[0] == "Resources" else None
    found: list[EmbeddedTemplate] = []
    for integration_path, method, integration in operations(reader, tree, key_prefix):
        found.extend(
            integration_templates(
                reader, integration, integration_path, api="rest", method=method, resource=resource
            )
        )
    return found


def load_tree(path: str, text: str) -> Any:
    """The positioned tree of a YAML or JSON host file (JSON when it starts with ``{``)."""
    if text.lstrip().startswith(("{", "[")):
        from vtlgw.iac.jsonhost import load_json_host

        return load_json_host(text, name=path)
    from vtlgw.iac.yamlhost import load_yaml_host

    return load_yaml_host(text, name=path)


def read_openapi(path: str, text: str) -> list[EmbeddedTemplate]:
    """Every mapping template in the OpenAPI 3 / Swagger 2 file ``path`` holding ``text``.

    Errors in the file itself (bad YAML/JSON, a template that is not text, a misspelt template
    key) raise :class:`InputError` at their host position. A file without templates gives [].
    """
    return read_openapi_tree(load_tree(path, text), path, text)
