"""Integration descriptions: the gateway configuration around a template, loaded from YAML/JSON.

Field names follow the API Gateway resources so that extraction from CloudFormation or OpenAPI
can produce these files directly:

* WebSocket (``AWS::ApiGatewayV2::Integration``, PascalCase): ``IntegrationType``,
  ``IntegrationUri``, ``TemplateSelectionExpression``, ``RequestTemplates``,
  ``PassthroughBehavior``, ``IntegrationResponses`` (``IntegrationResponseKey`` ``/regex/`` or
  ``$default``, ``TemplateSelectionExpression``, ``ResponseTemplates``, ``ResponseParameters``),
  plus the route's ``RouteKey`` and ``RouteResponseSelectionExpression``.
* REST (the ``Integration`` resource / ``x-amazon-apigateway-integration``, camelCase): ``type``,
  ``uri``, ``requestTemplates``, ``passthroughBehavior``, ``integrationResponses`` keyed by status
  code (or a list with ``statusCode``, or OpenAPI ``responses`` keyed by pattern) with
  ``selectionPattern``, ``responseTemplates``, ``responseParameters``; optional
  ``methodResponses`` (the declared status codes).

A template is inline text or ``{file: path}`` relative to the description file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from vtlgw.document import Document, KeyPath, format_path, load_document
from vtlgw.errors import InputError
from vtlgw.simulate.javaregex import compile_java
from vtlgw.simulate.selection import PASSTHROUGH_BEHAVIORS

ApiKind = Literal["websocket", "rest"]
INTEGRATION_TYPES = ("AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK")


@dataclass(frozen=True)
class TemplateSource:
    """A mapping template's text and the name its errors are reported under."""

    text: str
    name: str


@dataclass(frozen=True)
class ResponseSpec:
    """One integration response."""

    key: str  # WebSocket IntegrationResponseKey, or the REST status code
    pattern: str | None  # None: the default response
    templates: Mapping[str, TemplateSource] = field(default_factory=dict)
    template_selection_expression: str | None = None
    parameters: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Integration:
    """An integration description, validated."""

    api: ApiKind
    type: str
    name: str
    uri: str | None = None
    route_key: str | None = None
    request_templates: Mapping[str, TemplateSource] = field(default_factory=dict)
    template_selection_expression: str | None = None
    passthrough_behavior: str = "WHEN_NO_MATCH"
    responses: tuple[ResponseSpec, ...] = ()
    route_response_selection_expression: str | None = None
    method_responses: tuple[str, ...] | None = None

    @property
    def is_proxy(self) -> bool:
        """``AWS_PROXY``/``HTTP_PROXY``: no templates, no integration responses (ref §8.2 (D))."""
        return self.type.endswith("_PROXY")

    @property
    def is_lambda(self) -> bool:
        """A Lambda integration (the URI names a Lambda function, or the type is AWS_PROXY)."""
        return self.type == "AWS_PROXY" or (
            self.type == "AWS" and self.uri is not None and ":lambda:" in self.uri
        )


class _Reader:
    def __init__(self, document: Document) -> None:
        self.doc = document

    def pattern(self, path: KeyPath, pattern: str | None) -> str | None:
        if pattern:
            try:
                compile_java(pattern)
            except InputError as exc:
                raise self.doc.error(path, exc.message) from exc
        return pattern or None

    def at(self, path: KeyPath) -> Any:
        value = self.doc.data
        for part in path:
            value = value[part]
        return value

    def has(self, path: KeyPath) -> bool:
        parent = self.at(path[:-1])
        key = path[-1]
        if isinstance(parent, Mapping):
            return key in parent and parent[key] is not None
        return isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent)

    def mapping(self, path: KeyPath, *, required: bool = False) -> Mapping[str, Any]:
        if path and not self.has(path):
            if required:
                raise self.doc.error(path, "is required")
            return {}
        value = self.at(path)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise self.doc.error(path, f"expected a mapping, found {type(value).__name__}")
        return value

    def string(self, path: KeyPath, *, choices: tuple[str, ...] = ()) -> str | None:
        if not self.has(path):
            return None
        value = self.at(path)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise self.doc.error(path, f"expected a string, found {type(value).__name__}")
        text = str(value)
        if choices and text not in choices:
            raise self.doc.error(path, f"expected one of {', '.join(choices)}, found {text!r}")
        return text

    def template(self, path: KeyPath) -> TemplateSource:
        value = self.at(path)
        label = f"{self.doc.name}#{format_path(path)}"
        if isinstance(value, str):
            return TemplateSource(value, label)
        if isinstance(value, Mapping) and set(value) == {"file"} and isinstance(value["file"], str):
            target = self.doc.resolve(value["file"])
            try:
                return TemplateSource(target.read_text(encoding="utf-8"), str(target))
            except OSError as exc:
                raise self.doc.error(path, f"cannot read template {str(target)!r}") from exc
        raise self.doc.error(path, "expected template text or {file: path}")

    def templates(self, path: KeyPath) -> dict[str, TemplateSource]:
        return {str(key): self.template((*path, key)) for key in self.mapping(path)}

    def parameters(self, path: KeyPath) -> dict[str, str]:
        result = {}
        for key in self.mapping(path):
            value = self.string((*path, key))
            result[str(key)] = "" if value is None else value
        return result


def _passthrough(reader: _Reader, key: str) -> str:
    raw = reader.string((key,))
    if raw is None:
        return "WHEN_NO_MATCH"
    value = raw.upper()
    if value not in PASSTHROUGH_BEHAVIORS:
        choices = ", ".join(PASSTHROUGH_BEHAVIORS)
        raise reader.doc.error((key,), f"expected one of {choices}, found {raw!r}")
    return value


def _websocket_responses(reader: _Reader) -> tuple[ResponseSpec, ...]:
    raw = reader.at(()).get("IntegrationResponses")
    if raw is None:
        return ()
    items: list[tuple[KeyPath, str | None]]
    if isinstance(raw, list):
        items = [(("IntegrationResponses", i), None) for i in range(len(raw))]
    elif isinstance(raw, Mapping):
        items = [(("IntegrationResponses", k), str(k)) for k in raw]
    else:
        raise reader.doc.error(("IntegrationResponses",), "expected a list or a mapping")
    specs = []
    for path, mapped_key in items:
        reader.mapping(path, required=True)
        key = reader.string((*path, "IntegrationResponseKey")) or mapped_key
        if key is None:
            raise reader.doc.error((*path, "IntegrationResponseKey"), "is required")
        if key == "$default":
            pattern = None
        elif len(key) >= 2 and key.startswith("/") and key.endswith("/"):
            pattern = key[1:-1]
        else:
            raise reader.doc.error(path, f"key must be $default or /regex/, found {key!r}")
        specs.append(
            ResponseSpec(
                key=key,
                pattern=reader.pattern((*path, "IntegrationResponseKey"), pattern),
                templates=reader.templates((*path, "ResponseTemplates")),
                template_selection_expression=reader.string((*path, "TemplateSelectionExpression")),
                parameters=reader.parameters((*path, "ResponseParameters")),
            )
        )
    return tuple(specs)


def _rest_response(
    reader: _Reader, path: KeyPath, status: str, pattern: str | None
) -> ResponseSpec:
    where = (*path, "selectionPattern") if reader.has((*path, "selectionPattern")) else path
    return ResponseSpec(
        key=status,
        pattern=reader.pattern(where, pattern),
        templates=reader.templates((*path, "responseTemplates")),
        parameters=reader.parameters((*path, "responseParameters")),
    )


def _rest_responses(reader: _Reader) -> tuple[ResponseSpec, ...]:
    data = reader.at(())
    specs = []
    if "responses" in data:  # OpenAPI: keyed by selection pattern, "default" is the default
        for pattern in reader.mapping(("responses",)):
            path: KeyPath = ("responses", pattern)
            reader.mapping(path, required=True)
            status = reader.string((*path, "statusCode"))
            if status is None:
                raise reader.doc.error((*path, "statusCode"), "is required")
            key = str(pattern)
            specs.append(_rest_response(reader, path, status, None if key == "default" else key))
    raw = data.get("integrationResponses")
    if isinstance(raw, list):
        for index in range(len(raw)):
            path = ("integrationResponses", index)
            reader.mapping(path, required=True)
            status = reader.string((*path, "statusCode"))
            if status is None:
                raise reader.doc.error((*path, "statusCode"), "is required")
            specs.append(
                _rest_response(reader, path, status, reader.string((*path, "selectionPattern")))
            )
    elif raw is not None:
        for status in reader.mapping(("integrationResponses",)):
            path = ("integrationResponses", status)
            reader.mapping(path, required=True)
            specs.append(
                _rest_response(
                    reader, path, str(status), reader.string((*path, "selectionPattern"))
                )
            )
    return tuple(specs)


def _detect_api(document: Document) -> ApiKind:
    data = document.data
    declared = data.get("api")
    if declared is not None:
        if declared not in ("websocket", "rest"):
            raise document.error(("api",), f"expected websocket or rest, found {declared!r}")
        return "websocket" if declared == "websocket" else "rest"
    if "IntegrationType" in data:
        return "websocket"
    if "type" in data:
        return "rest"
    raise document.error((), "expected IntegrationType (WebSocket) or type (REST)")


def integration_from_document(document: Document) -> Integration:
    """Validate a parsed description; mistakes raise :class:`InputError` at their position."""
    if not isinstance(document.data, Mapping):
        raise document.error((), "an integration description must be a mapping")
    reader = _Reader(document)
    api = _detect_api(document)
    if api == "websocket":
        kind = reader.string(("IntegrationType",), choices=INTEGRATION_TYPES)
        return Integration(
            api="websocket",
            type=kind or "",
            name=document.name,
            uri=reader.string(("IntegrationUri",)),
            route_key=reader.string(("RouteKey",)),
            request_templates=reader.templates(("RequestTemplates",)),
            template_selection_expression=reader.string(("TemplateSelectionExpression",)),
            passthrough_behavior=_passthrough(reader, "PassthroughBehavior"),
            responses=_websocket_responses(reader),
            route_response_selection_expression=reader.string(
                ("RouteResponseSelectionExpression",)
            ),
        )
    kind = reader.string(("type",))
    if kind is None or kind.upper() not in INTEGRATION_TYPES:
        raise document.error(("type",), f"expected one of {', '.join(INTEGRATION_TYPES)}")
    method_responses = document.data.get("methodResponses")
    if method_responses is not None and not isinstance(method_responses, list):
        raise document.error(("methodResponses",), "expected a list of status codes")
    return Integration(
        api="rest",
        type=kind.upper(),
        name=document.name,
        uri=reader.string(("uri",)),
        request_templates=reader.templates(("requestTemplates",)),
        passthrough_behavior=_passthrough(reader, "passthroughBehavior"),
        responses=_rest_responses(reader),
        method_responses=None
        if method_responses is None
        else tuple(str(code) for code in method_responses),
    )


def load_integration(path: str | Path) -> Integration:
    """Load and validate an integration description file (YAML or JSON)."""
    return integration_from_document(load_document(path))
