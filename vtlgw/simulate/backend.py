"""What the backend answered, for a simulation: a status, headers and body, or a Lambda error.

A backend response file (YAML or JSON) holds ``status`` (or ``statusCode``), ``headers``,
``multiValueHeaders``, ``body`` (text, or any JSON value, serialised as JSON text with
``json.dumps``; a Lambda runtime's own spacing may differ), or ``lambdaError``
(``errorMessage``, ``errorType``, ``stackTrace``) for a Lambda function that threw.
``authorizer`` (``allow``, ``deny``, ``unauthorized``, ``error``) simulates a Lambda authorizer
on ``$connect``. Unknown keys are refused with a "did you mean" hint. This module also knows and
evaluates REST ``responseParameters`` sources (ref §8.1 (D)).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vtlgw.apigw.util import java_string
from vtlgw.document import Document, load_document, parse_document
from vtlgw.simulate.quoting import key_text, kind, shown

AUTHORIZER_RESULTS = ("allow", "deny", "unauthorized", "error")
BACKEND_KEYS = (
    "status",
    "statusCode",
    "headers",
    "multiValueHeaders",
    "body",
    "lambdaError",
    "authorizer",
)
LAMBDA_ERROR_KEYS = ("errorMessage", "errorType", "stackTrace")
_PARAMETER_PREFIXES = (
    "integration.response.header.",
    "integration.response.multivalueheader.",
    "integration.response.body.",
    "stageVariables.",
    "context.",
)


@dataclass(frozen=True)
class LambdaError:
    """A Lambda function error as the gateway sees it."""

    message: str | None
    type: str | None = None
    stack: tuple[str, ...] = ()

    def body(self) -> str:
        """The error document a response template sees as ``$input.body`` (ref §8.2 (I))."""
        document: dict[str, Any] = {"errorMessage": self.message}
        if self.type is not None:
            document["errorType"] = self.type
        if self.stack:
            document["stackTrace"] = list(self.stack)
        return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class BackendResponse:
    """One backend answer."""

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    multi_headers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    body: str = ""
    lambda_error: LambdaError | None = None
    authorizer: str | None = None
    name: str = "<backend response>"

    def header(self, name: str) -> str | None:
        """A header value, matching the name without regard to case."""
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)

    def header_values(self, name: str) -> tuple[str, ...]:
        """Every value of a header (multi-value headers first, then the single value)."""
        wanted = name.lower()
        for key, values in self.multi_headers.items():
            if key.lower() == wanted:
                return values
        single = self.header(name)
        return () if single is None else (single,)


def _string_map(doc: Document, key: str, raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise doc.error((key,), "expected a mapping of header names to values")
    return {
        _header_name(doc, key, name): _header_value(doc, key, name, v) for name, v in raw.items()
    }


def _header_name(doc: Document, group: str, name: Any) -> str:
    if not isinstance(name, (str, int)) or isinstance(name, bool):
        text = key_text(name)
        raise doc.error((group, text), f"expected a header name, found {text}", at_key=True)
    return str(name)


def _header_value(doc: Document, group: str, name: Any, value: Any) -> str:
    if value is not None and not isinstance(value, (str, int, float)):
        where = (group, key_text(name))
        raise doc.error(where, f"expected a header value (text or a number), found {kind(value)}")
    return java_string(value)


def _body(doc: Document, body: Any) -> str:
    if body is None:
        return ""
    if isinstance(body, str):
        return body
    try:
        return json.dumps(body, allow_nan=False)
    except (TypeError, ValueError):
        # a YAML date, binary data or a NaN somewhere inside: not a value JSON can carry
        raise doc.error(
            ("body",), "expected text or a JSON value (no dates, binary or NaN)"
        ) from None


def _status(doc: Document, data: Mapping[str, Any]) -> int:
    if "status" in data and "statusCode" in data:
        raise doc.error(("statusCode",), "give status or statusCode, not both", at_key=True)
    key = "statusCode" if "statusCode" in data else "status"
    status = data.get(key, 200)
    if isinstance(status, str) and status.isdigit():
        status = int(status)
    if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
        raise doc.error((key,), f"expected an HTTP status 100-599, found {shown(status)}")
    return status


def _lambda_error(doc: Document, raw: Any) -> LambdaError:
    if isinstance(raw, str):
        return LambdaError(message=raw)
    if not isinstance(raw, Mapping):
        raise doc.error(("lambdaError",), "expected errorMessage text or a mapping")
    doc.check_keys(("lambdaError",), {key_text(k): None for k in raw}, LAMBDA_ERROR_KEYS)
    message = raw.get("errorMessage")
    stack = raw.get("stackTrace")
    if stack is not None and not isinstance(stack, list):
        raise doc.error(("lambdaError", "stackTrace"), "expected a list of lines")
    error_type = raw.get("errorType")
    return LambdaError(
        message=None if message is None else java_string(message),
        type=None if error_type is None else java_string(error_type),
        stack=tuple(java_string(line) for line in stack or ()),
    )


def backend_from_document(doc: Document) -> BackendResponse:
    """Validate a parsed backend response; mistakes raise ``InputError`` at their position."""
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, Mapping):
        raise doc.error((), "a backend response must be a mapping")
    doc.check_keys((), {key_text(key): None for key in data}, BACKEND_KEYS)
    text = _body(doc, data.get("body"))
    multi: dict[str, tuple[str, ...]] = {}
    raw_multi = data.get("multiValueHeaders")
    if raw_multi is not None:
        if not isinstance(raw_multi, Mapping) or not all(
            isinstance(v, Sequence) and not isinstance(v, str) for v in raw_multi.values()
        ):
            raise doc.error(("multiValueHeaders",), "expected a mapping of names to lists")
        multi = {
            _header_name(doc, "multiValueHeaders", k): tuple(
                _header_value(doc, "multiValueHeaders", k, x) for x in v
            )
            for k, v in raw_multi.items()
        }
    raw_error = data.get("lambdaError")
    error = None if raw_error is None else _lambda_error(doc, raw_error)
    authorizer = data.get("authorizer")
    if authorizer is not None and authorizer not in AUTHORIZER_RESULTS:
        choices = ", ".join(AUTHORIZER_RESULTS)
        raise doc.error(("authorizer",), f"expected one of {choices}, found {shown(authorizer)}")
    return BackendResponse(
        status=_status(doc, data),
        headers=_string_map(doc, "headers", data.get("headers")),
        multi_headers=multi,
        body=text,
        lambda_error=error,
        authorizer=authorizer,
        name=doc.name,
    )


def load_backend(path: str | Path) -> BackendResponse:
    """Load a backend response file."""
    return backend_from_document(load_document(path))


def backend_from_data(data: Any, *, name: str) -> BackendResponse:
    """A backend response from already-parsed data (inline in a case file)."""
    return backend_from_document(Document(name=name, data=data))


def parse_backend(text: str, *, name: str) -> BackendResponse:
    """A backend response from YAML/JSON text."""
    return backend_from_document(parse_document(text, name=name))


def _dig(value: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _json_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"))


def is_parameter_source(source: str) -> bool:
    """Whether ``source`` is a ``responseParameters`` source API Gateway knows (ref §8.1 (D))."""
    if len(source) >= 2 and source.startswith("'") and source.endswith("'"):
        return True
    if source == "integration.response.body":
        return True
    return any(source.startswith(p) and len(source) > len(p) for p in _PARAMETER_PREFIXES)


def response_parameter(
    source: str,
    backend: BackendResponse,
    *,
    body: str,
    stage_variables: Mapping[str, Any],
    request_context: Mapping[str, Any],
) -> str | None:
    """The value of one ``responseParameters`` source (ref §8.1 (D)); ``None`` if it is unset."""
    if len(source) >= 2 and source.startswith("'") and source.endswith("'"):
        return source[1:-1]
    if source.startswith("integration.response.header."):
        return backend.header(source[len("integration.response.header.") :])
    if source.startswith("integration.response.multivalueheader."):
        values = backend.header_values(source[len("integration.response.multivalueheader.") :])
        return ",".join(values) if values else None
    if source == "integration.response.body":
        return body
    if source.startswith("integration.response.body."):
        try:
            document = json.loads(body)
        except ValueError:
            return None
        path = source[len("integration.response.body.") :]
        head, _, rest = path.partition(".")
        value = document.get(head) if isinstance(document, Mapping) else None
        if rest and isinstance(value, str):
            # ref §8.2 (D): errorMessage holding JSON text is deserialised for header mappings
            try:
                value = json.loads(value)
            except ValueError:
                return None
        return _json_text(_dig(value, rest) if rest else value)
    if source.startswith("stageVariables."):
        return _json_text(stage_variables.get(source[len("stageVariables.") :]))
    if source.startswith("context."):
        return _json_text(_dig(request_context, source[len("context.") :]))
    return None
