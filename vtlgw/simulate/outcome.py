"""The result of a simulation, as data: each step's decision and what the client receives.

:class:`Simulation` records the request template chosen (or passthrough, or the rejection), the
rendered integration request, the integration response key, the rendered response, the
gateway's log lines and the client's view: a WebSocket frame, nothing, an error frame, an HTTP
status, or on ``$connect`` whether the handshake is accepted and with which status. Its
``findings`` are the problems a template or integration author must fix (a template that fails
to render, a JSON template whose output is not JSON, a MOCK template without a status, no
integration response for the backend's answer, ...): ``vtlgw simulate`` exits 1 when there is
any. What the backend chose to answer (a 401, a Lambda error) is not a finding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from vtlgw.simulate.quoting import quote
from vtlgw.simulate.selection import ResponseSelection, TemplateChoice

ClientKind = Literal["frame", "none", "error-frame", "http", "handshake", "unknown"]

#: WebSocket error frame on a failed message route; note the single space (ref §5.5 (O)).
ERROR_FRAME = '{{"message": "Internal server error", "connectionId":"{cid}", "requestId":"{rid}"}}'

CONFIG_ERROR = "Execution failed due to configuration error: {detail}"
MOCK_STATUS_LOG = CONFIG_ERROR.format(
    detail="Unable to parse statusCode. It should be an integer that is defined in the "
    "request template."
)
_MOCK_STATUS = re.compile(r"""["']?statusCode["']?\s*:\s*(-?\d+)\s*[,}]""")

# Finding codes. They are part of the JSON output shape, so they never change meaning.
RENDER_ERROR = "render-error"
INVALID_JSON = "invalid-json"
DUPLICATE_KEY = "duplicate-key"
LAMBDA_NOT_JSON = "lambda-request-not-json"
MOCK_STATUS = "mock-status"
NO_INTEGRATION_RESPONSE = "no-integration-response"
INVALID_METHOD_RESPONSE = "invalid-method-response"
OVERRIDE_TWICE = "override-twice"
STATUS_OVERRIDE_IGNORED = "status-override-ignored"
#: every code a :class:`Finding` can have
FINDING_CODES = (
    RENDER_ERROR,
    INVALID_JSON,
    DUPLICATE_KEY,
    LAMBDA_NOT_JSON,
    MOCK_STATUS,
    NO_INTEGRATION_RESPONSE,
    INVALID_METHOD_RESPONSE,
    OVERRIDE_TWICE,
    STATUS_OVERRIDE_IGNORED,
)


@dataclass(frozen=True)
class Finding:
    """A problem the simulation found: a stable ``code`` and a message for people."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return {"code": self.code, "message": self.message}


def json_findings(key: str | None, text: str, what: str) -> tuple[Finding, ...]:
    """Findings for a ``what`` template keyed as JSON (``key`` names a JSON media type) whose
    output is not one JSON document, or repeats a key; an empty output (no body) is none."""
    if key is None or "json" not in key.lower() or not text.strip():
        return ()
    from vtlgw.validate.jsonout import check_json

    label = f"the {what} {quote(key)}"
    found = []
    for finding in check_json(text).findings:
        detail = finding.message.removeprefix("output is not valid JSON: ")
        if finding.code == INVALID_JSON:
            message = f"{label} produced invalid JSON at {finding.position()}: {detail}"
        else:
            message = f"{label} produced JSON with a {detail} (at {finding.position()})"
        found.append(Finding(finding.code, message))
    return tuple(found)


def mock_status(rendered: str) -> int | None:
    """The integer ``statusCode`` a MOCK request template produced (loose JSON accepted).

    ref §5.5 (O): AWS tolerates ``{statusCode: 200}``; no integer means a 500.
    """
    match = _MOCK_STATUS.search(rendered)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class ClientView:
    """What the client receives."""

    kind: ClientKind
    status: int | None = None
    body: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    accepted: bool | None = None  # $connect only

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "kind": self.kind,
            "status": self.status,
            "body": self.body,
            "headers": dict(self.headers),
            "connection": None
            if self.accepted is None
            else ("accepted" if self.accepted else "refused"),
        }


@dataclass(frozen=True)
class Simulation:
    """Everything one simulated request went through."""

    api: str
    route: str | None
    request_template: TemplateChoice | None = None
    integration_request: str | None = None
    request_overrides: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    response_selection: ResponseSelection | None = None
    response_template: TemplateChoice | None = None
    response: str | None = None
    client: ClientView = field(default_factory=lambda: ClientView("unknown"))
    log: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    error: str | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        """No findings: nothing for the template or integration author to fix."""
        return not self.findings

    @property
    def response_key(self) -> str | None:
        """The selected integration response key (REST: the status code)."""
        return None if self.response_selection is None else self.response_selection.key

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form with a stable shape (version 1; ``findings`` was added compatibly)."""

        def choice(value: TemplateChoice | None) -> dict[str, Any] | None:
            if value is None:
                return None
            return {
                "action": value.action,
                "key": value.key,
                "status": value.status,
                "reason": value.reason,
            }

        selection = self.response_selection
        return {
            "version": 1,
            "api": self.api,
            "route": self.route,
            "requestTemplate": choice(self.request_template),
            "integrationRequest": self.integration_request,
            "requestOverrides": {k: dict(v) for k, v in self.request_overrides.items()},
            "integrationResponse": None
            if selection is None
            else {
                "value": selection.value,
                "key": selection.key,
                "matched": list(selection.matched),
                "default": selection.default_used,
            },
            "responseTemplate": choice(self.response_template),
            "response": self.response,
            "client": self.client.to_dict(),
            "log": list(self.log),
            "notes": list(self.notes),
            "error": self.error,
            "findings": [finding.to_dict() for finding in self.findings],
        }
