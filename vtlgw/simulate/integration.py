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

``api: websocket|rest`` may say which kind a file is. A template is inline text or
``{file: path}`` relative to the description file. Every level is strict: an unknown key is an
input error with a "did you mean" hint, so a misspelt field never simulates as if it were absent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from vtlgw.document import Document, KeyPath, load_document
from vtlgw.simulate.quoting import key_text, quote, shown
from vtlgw.simulate.reader import FieldReader
from vtlgw.simulate.selection import PASSTHROUGH_BEHAVIORS

if TYPE_CHECKING:
    from vtlgw.iac.model import EmbeddedTemplate

ApiKind = Literal["websocket", "rest"]
INTEGRATION_TYPES = ("AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK")

WEBSOCKET_KEYS = (
    "api",
    "RouteKey",
    "IntegrationType",
    "IntegrationUri",
    "TemplateSelectionExpression",
    "RequestTemplates",
    "PassthroughBehavior",
    "IntegrationResponses",
    "RouteResponseSelectionExpression",
)
REST_KEYS = (
    "api",
    "type",
    "uri",
    "passthroughBehavior",
    "requestTemplates",
    "integrationResponses",
    "responses",
    "methodResponses",
)
WEBSOCKET_RESPONSE_KEYS = (
    "IntegrationResponseKey",
    "TemplateSelectionExpression",
    "ResponseTemplates",
    "ResponseParameters",
)
REST_RESPONSE_KEYS = ("statusCode", "selectionPattern", "responseTemplates", "responseParameters")
OPENAPI_RESPONSE_KEYS = ("statusCode", "responseTemplates", "responseParameters")
# Real API Gateway fields that change what happens but are not simulated: refused, not ignored.
_WEBSOCKET_NOT_SIMULATED = (
    "ApiId",
    "ConnectionId",
    "ConnectionType",
    "ContentHandlingStrategy",
    "CredentialsArn",
    "Description",
    "IntegrationMethod",
    "IntegrationResponseSelectionExpression",
    "IntegrationSubtype",
    "PayloadFormatVersion",
    "RequestParameters",
    "TimeoutInMillis",
    "TlsConfig",
)
_REST_NOT_SIMULATED = (
    "httpMethod",
    "requestParameters",
    "contentHandling",
    "timeoutInMillis",
    "cacheKeyParameters",
    "cacheNamespace",
    "credentials",
    "connectionType",
    "connectionId",
    "tlsConfig",
)
_ROUTE_RESPONSE_SELECTION = ("$default",)  # ref §6.1 (D): the only supported value


@dataclass(frozen=True)
class TemplateSource:
    """A mapping template's text and the name its errors are reported under.

    ``host`` is where a template read from an IaC resource sits in its host file
    (:func:`vtlgw.iac.integration.integration_from_host`), so that its errors can be moved to
    host positions (:func:`vtlgw.iac.hosted.host_error`); ``None`` for a description's own.
    """

    text: str
    name: str
    host: EmbeddedTemplate | None = field(default=None, compare=False, repr=False)


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


class _Reader(FieldReader):
    def templates(self, path: KeyPath) -> dict[str, TemplateSource]:
        result = {}
        for key in self.mapping(path):
            label = self.text_key(path, key)
            text, name = self.template((*path, label))
            result[label] = TemplateSource(text, name)
        return result

    def passthrough(self, key: str) -> str:
        raw = self.string((key,))
        if raw is None:
            return "WHEN_NO_MATCH"
        value = raw.upper()
        if value not in PASSTHROUGH_BEHAVIORS:
            choices = ", ".join(PASSTHROUGH_BEHAVIORS)
            raise self.doc.error((key,), f"expected one of {choices}, found {quote(raw)}")
        return value

    def unique(self, seen: dict[str, KeyPath], key: str, path: KeyPath, what: str) -> None:
        if key in seen:
            line = self.doc.marks.get(seen[key], (0, 0))[0]
            earlier = f" (line {line})" if line else ""
            raise self.doc.error(path, f"a second integration response for {what}{earlier}")
        seen[key] = path


def _websocket_response(reader: _Reader, path: KeyPath, mapped_key: str | None) -> ResponseSpec:
    reader.mapping(path, required=True)
    reader.keys(
        path,
        WEBSOCKET_RESPONSE_KEYS,
        other_api=REST_RESPONSE_KEYS,
        not_simulated=("ContentHandlingStrategy",),
    )
    key_path = (*path, "IntegrationResponseKey")
    written = reader.string(key_path)
    if written is not None and mapped_key is not None and written != mapped_key:
        raise reader.doc.error(
            key_path, f"{quote(written)} differs from its mapping key {quote(mapped_key)}"
        )
    key = written or mapped_key
    if key is None:
        raise reader.doc.error(key_path, "is required")
    where = key_path if written is not None else path
    if key == "$default":
        pattern = None
    elif len(key) > 2 and key.startswith("/") and key.endswith("/"):
        pattern = key[1:-1]
    elif key == "//":
        raise reader.doc.error(where, "the /regex/ is empty; the catch-all key is $default")
    else:
        raise reader.doc.error(where, f"key must be $default or /regex/, found {quote(key)}")
    return ResponseSpec(
        key=key,
        pattern=reader.pattern(where, pattern),
        templates=reader.templates((*path, "ResponseTemplates")),
        template_selection_expression=reader.string((*path, "TemplateSelectionExpression")),
        parameters=reader.parameters((*path, "ResponseParameters"), rest=False),
    )


def _websocket_responses(reader: _Reader) -> tuple[ResponseSpec, ...]:
    raw = reader.at(()).get("IntegrationResponses")
    if raw is None:
        return ()
    items: list[tuple[KeyPath, str | None]]
    if isinstance(raw, list):
        items = [(("IntegrationResponses", i), None) for i in range(len(raw))]
    elif isinstance(raw, Mapping):
        items = [(("IntegrationResponses", key_text(k)), key_text(k)) for k in raw]
    else:
        raise reader.doc.error(("IntegrationResponses",), "expected a list or a mapping")
    specs = []
    seen: dict[str, KeyPath] = {}
    for path, mapped_key in items:
        spec = _websocket_response(reader, path, mapped_key)
        reader.unique(seen, spec.key, path, f"key {quote(spec.key)}")
        specs.append(spec)
    return tuple(specs)


def _rest_response(
    reader: _Reader, path: KeyPath, status: str, pattern: str | None
) -> ResponseSpec:
    where = (*path, "selectionPattern") if reader.has((*path, "selectionPattern")) else path
    return ResponseSpec(
        key=status,
        pattern=reader.pattern(where, pattern),
        templates=reader.templates((*path, "responseTemplates")),
        parameters=reader.parameters((*path, "responseParameters"), rest=True),
    )


def _required_status(reader: _Reader, path: KeyPath) -> str:
    where = (*path, "statusCode")
    if not reader.has(where):
        raise reader.doc.error(where, "is required")
    return reader.status(where, reader.at(where))


def _rest_responses(reader: _Reader) -> tuple[ResponseSpec, ...]:
    data = reader.at(())
    specs: list[ResponseSpec] = []
    seen: dict[str, KeyPath] = {}

    def add(path: KeyPath, status: str, pattern: str | None) -> None:
        reader.unique(seen, status, path, f"status {status}")
        specs.append(_rest_response(reader, path, status, pattern))

    other = WEBSOCKET_RESPONSE_KEYS
    if "responses" in data:  # OpenAPI: keyed by selection pattern, "default" is the default
        for pattern in reader.mapping(("responses",)):
            path: KeyPath = ("responses", reader.text_key(("responses",), pattern))
            reader.mapping(path, required=True)
            reader.keys(
                path, OPENAPI_RESPONSE_KEYS, other_api=other, not_simulated=("contentHandling",)
            )
            key = path[-1]
            assert isinstance(key, str)
            add(path, _required_status(reader, path), None if key == "default" else key)
    raw = data.get("integrationResponses")
    if isinstance(raw, list):
        for index in range(len(raw)):
            path = ("integrationResponses", index)
            reader.mapping(path, required=True)
            reader.keys(
                path, REST_RESPONSE_KEYS, other_api=other, not_simulated=("contentHandling",)
            )
            pattern_text = reader.string((*path, "selectionPattern"))
            add(path, _required_status(reader, path), pattern_text)
    elif raw is not None:
        for status_key in reader.mapping(("integrationResponses",)):
            path = ("integrationResponses", key_text(status_key))
            status = reader.status(path, status_key, at_key=True)
            reader.mapping(path, required=True)
            reader.keys(
                path, REST_RESPONSE_KEYS, other_api=other, not_simulated=("contentHandling",)
            )
            if reader.has((*path, "statusCode")):
                inner = reader.status((*path, "statusCode"), reader.at((*path, "statusCode")))
                if inner != status:
                    raise reader.doc.error(
                        (*path, "statusCode"), f"{inner} differs from its mapping key {status}"
                    )
            add(path, status, reader.string((*path, "selectionPattern")))
    return tuple(specs)


def _detect_api(document: Document) -> ApiKind:
    data = document.data
    declared = data.get("api")
    if declared is not None:
        if declared not in ("websocket", "rest"):
            raise document.error(("api",), f"expected websocket or rest, found {shown(declared)}")
        return "websocket" if declared == "websocket" else "rest"
    if "IntegrationType" in data:
        return "websocket"
    if "type" in data:
        return "rest"
    for key in data:
        if key_text(key) in WEBSOCKET_KEYS[1:]:
            return "websocket"
        if key_text(key) in REST_KEYS[1:]:
            return "rest"
    raise document.error((), "expected IntegrationType (WebSocket) or type (REST)")


def _websocket(reader: _Reader, document: Document) -> Integration:
    reader.keys((), WEBSOCKET_KEYS, other_api=REST_KEYS, not_simulated=_WEBSOCKET_NOT_SIMULATED)
    kind = reader.string(("IntegrationType",), choices=INTEGRATION_TYPES)
    return Integration(
        api="websocket",
        type=kind or "",
        name=document.name,
        uri=reader.string(("IntegrationUri",)),
        route_key=reader.string(("RouteKey",)),
        request_templates=reader.templates(("RequestTemplates",)),
        template_selection_expression=reader.string(("TemplateSelectionExpression",)),
        passthrough_behavior=reader.passthrough("PassthroughBehavior"),
        responses=_websocket_responses(reader),
        route_response_selection_expression=reader.string(
            ("RouteResponseSelectionExpression",), choices=_ROUTE_RESPONSE_SELECTION
        ),
    )


def _rest(reader: _Reader, document: Document) -> Integration:
    reader.keys((), REST_KEYS, other_api=WEBSOCKET_KEYS, not_simulated=_REST_NOT_SIMULATED)
    kind = reader.string(("type",))
    if kind is None or kind.upper() not in INTEGRATION_TYPES:
        raise document.error(("type",), f"expected one of {', '.join(INTEGRATION_TYPES)}")
    raw_methods = document.data.get("methodResponses")
    methods = None
    if raw_methods is not None:
        if not isinstance(raw_methods, list):
            raise document.error(("methodResponses",), "expected a list of status codes")
        methods = tuple(
            reader.status(("methodResponses", i), code) for i, code in enumerate(raw_methods)
        )
    return Integration(
        api="rest",
        type=kind.upper(),
        name=document.name,
        uri=reader.string(("uri",)),
        request_templates=reader.templates(("requestTemplates",)),
        passthrough_behavior=reader.passthrough("passthroughBehavior"),
        responses=_rest_responses(reader),
        method_responses=methods,
    )


def integration_from_document(document: Document) -> Integration:
    """Validate a parsed description; mistakes raise :class:`InputError` at their position."""
    if not isinstance(document.data, Mapping):
        raise document.error((), "an integration description must be a mapping")
    api = _detect_api(document)
    if api == "websocket":
        return _websocket(_Reader(document, "WebSocket"), document)
    return _rest(_Reader(document, "REST"), document)


def load_integration(path: str | Path) -> Integration:
    """Load and validate an integration description file (YAML or JSON)."""
    return integration_from_document(load_document(path))
