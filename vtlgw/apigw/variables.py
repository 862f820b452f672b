"""Turn a Lambda-proxy-shaped event into the variables a mapping template sees (ref §7.5).

``requestContext`` becomes ``$context``, ``headers``/``queryStringParameters``/``pathParameters``
become ``$input.params()``, ``body`` becomes ``$input.body`` and ``stageVariables`` becomes
``$stageVariables``. Whether the event is a WebSocket or a REST one is read from
``requestContext`` (``eventType`` or ``connectionId`` mean WebSocket) unless ``api`` says.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from vtlgw.apigw.context import deep_merge, rest_context, websocket_context
from vtlgw.apigw.input import Input, Params
from vtlgw.apigw.options import DEFAULT_RENDER_OPTIONS, ApiKind, GatewayOptions, RenderOptions
from vtlgw.apigw.util import Util, java_string

#: Request headers API Gateway drops before mapping, so templates never see them (§11.8, V;
#: the names are the set LocalStack's AWS-validated parity code drops).
HIDDEN_HEADERS = frozenset(
    name.lower()
    for name in (
        "Connection",
        "Content-Length",
        "Content-MD5",
        "Expect",
        "Max-Forwards",
        "Proxy-Authenticate",
        "Server",
        "TE",
        "Transfer-Encoding",
        "Trailer",
        "Upgrade",
        "WWW-Authenticate",
    )
)


def detect_api(event: Mapping[str, Any]) -> ApiKind:
    """``websocket`` if ``requestContext`` has ``eventType`` or ``connectionId``, else ``rest``."""
    request_context = event.get("requestContext")
    if isinstance(request_context, Mapping) and (
        "eventType" in request_context or "connectionId" in request_context
    ):
        return "websocket"
    return "rest"


def _single_values(event: Mapping[str, Any], single: str, multi: str) -> dict[str, str]:
    values: dict[str, str] = {}
    multiple = event.get(multi)
    if isinstance(multiple, Mapping):
        for key, items in multiple.items():
            if isinstance(items, list) and items:
                values[key] = java_string(items[-1])
    direct = event.get(single)
    if isinstance(direct, Mapping):
        for key, value in direct.items():
            if value is not None:
                values[key] = java_string(value)
    return values


def event_params(event: Mapping[str, Any]) -> Params:
    """The ``path``/``querystring``/``header`` maps of an event, hidden headers removed."""
    headers = _single_values(event, "headers", "multiValueHeaders")
    visible = {key: value for key, value in headers.items() if key.lower() not in HIDDEN_HEADERS}
    path = event.get("pathParameters")
    return Params(
        path={key: java_string(value) for key, value in path.items() if value is not None}
        if isinstance(path, Mapping)
        else {},
        querystring=_single_values(
            event, "queryStringParameters", "multiValueQueryStringParameters"
        ),
        header=visible,
    )


def event_body(event: Mapping[str, Any], options: GatewayOptions) -> str | None:
    """The request body text of an event (base64 bodies decoded unless told otherwise)."""
    body = event.get("body")
    if body is None:
        return None
    text = body if isinstance(body, str) else java_string(body)
    if event.get("isBase64Encoded") is True and options.base64_body == "decode":
        try:
            return base64.b64decode(text, validate=False).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            return text
    return text


def build_variables(
    event: Mapping[str, Any], options: RenderOptions = DEFAULT_RENDER_OPTIONS
) -> dict[str, object]:
    """The template variables for ``event``: ``context``, ``input``, ``util``, ``stageVariables``.

    ``event`` must already have the proxy event shape (:func:`vtlgw.events.load.check_event`).
    """
    settings = options.gateway
    kind = options.api or detect_api(event)
    raw_context = event.get("requestContext")
    request_context: Mapping[str, Any] = raw_context if isinstance(raw_context, Mapping) else {}
    if kind == "websocket":
        context_map = websocket_context(request_context, undocumented=settings.undocumented_context)
    else:
        context_map = rest_context(request_context)
    if options.context:
        deep_merge(context_map, options.context)
    stage: dict[str, Any] = {}
    event_stage = event.get("stageVariables")
    if isinstance(event_stage, Mapping):
        stage.update((k, java_string(v)) for k, v in event_stage.items() if v is not None)
    stage.update((k, java_string(v)) for k, v in options.stage_variables.items() if v is not None)
    request_input = Input(
        event_body(event, settings) if options.body is None else options.body,
        event_params(event),
        include_path=kind == "rest" or settings.websocket_params_path,
        options=settings,
    )
    return {
        "context": context_map,
        "input": request_input,
        "util": Util(),
        "stageVariables": stage,
    }
