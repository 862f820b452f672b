"""The simulation steps that REST and WebSocket integrations share (ref §6.3, §8.2).

A :class:`SimulationRun` holds one request's inputs and the :class:`Simulation` being built
(its fields, log, notes and findings). It renders a mapping template, turning a template error
into the gateway's configuration-error failure, finds what the backend answered (a MOCK
integration's status comes from its rendered request template), and selects the integration
response (Lambda integrations match the error message, others the status code). Every gateway
failure is recorded as a finding; how it reaches the client differs by API kind, so subclasses
define :meth:`SimulationRun.gateway_failure`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from vtlgw.errors import VtlgwError
from vtlgw.simulate.backend import BackendResponse
from vtlgw.simulate.integration import Integration, ResponseSpec
from vtlgw.simulate.outcome import (
    CONFIG_ERROR,
    INVALID_JSON,
    MOCK_STATUS,
    MOCK_STATUS_LOG,
    NO_INTEGRATION_RESPONSE,
    RENDER_ERROR,
    ClientView,
    Finding,
    Simulation,
    json_findings,
    mock_status,
)
from vtlgw.simulate.quoting import quote
from vtlgw.simulate.render import GatewayRenderer
from vtlgw.simulate.selection import ResponseRule, ResponseSelection, select_response


class SimulationRun(ABC):
    """One request on its way through an integration, and the simulation recorded so far."""

    api: ClassVar[str]

    def __init__(
        self,
        integration: Integration,
        event: Mapping[str, Any],
        backend: BackendResponse | None,
        renderer: GatewayRenderer,
        route: str | None = None,
    ) -> None:
        self.route = route  # the WebSocket route key the request takes (None for REST)
        self.integration = integration
        self.event = event
        self.backend = backend
        self.renderer = renderer
        self.fields: dict[str, Any] = {"api": self.api, "route": self.route}
        self.log: list[str] = []
        self.notes: list[str] = []
        self.findings: list[Finding] = []

    def done(self, client: ClientView, **fields: Any) -> Simulation:
        """The finished simulation: what the client gets, with everything recorded so far."""
        self.fields.update(fields)
        return Simulation(
            client=client,
            log=tuple(self.log),
            notes=tuple(self.notes),
            findings=tuple(self.findings),
            **self.fields,
        )

    def gateway_error(
        self, finding: Finding, log: str | None = None, error: str | None = None
    ) -> Simulation:
        """The gateway fails the request: record ``finding`` (and ``log``), then the failure."""
        self.findings.append(finding)
        if log is not None:
            self.log.append(log)
        return self.gateway_failure(error)

    @abstractmethod
    def gateway_failure(self, error: str | None) -> Simulation:
        """What the client sees when the gateway fails the request."""

    def unknown(self, note: str) -> Simulation:
        """Stop where the simulation lacks an input, saying why; the client outcome is unknown."""
        self.notes.append(note)
        return self.done(ClientView("unknown"))

    def render(self, what: str, template: Callable[[], str]) -> str | Simulation:
        """The rendered text, or the gateway failure when the ``what`` template fails to render."""
        try:
            return template()
        except VtlgwError as exc:
            finding = Finding(
                RENDER_ERROR, f"the {what} failed to render: {exc.location()}: {exc.message}"
            )
            return self.gateway_error(finding, CONFIG_ERROR.format(detail=exc.message), str(exc))

    def check_json(self, key: str | None, text: str, what: str) -> bool:
        """Record findings when a ``what`` template keyed as JSON did not produce sound JSON.

        Returns whether the text was well-formed JSON (or not checked).
        """
        found = json_findings(key, text, what)
        self.findings.extend(found)
        return not any(finding.code == INVALID_JSON for finding in found)

    def answer(self, request: str) -> BackendResponse | Simulation:
        """What the backend answered the integration ``request``.

        A MOCK integration answers with the ``statusCode`` in its rendered request (a failure
        when there is none); otherwise it is the backend response given, and without one the
        simulation stops here.
        """
        if self.integration.type == "MOCK":
            status = mock_status(request)
            if status is None:
                finding = Finding(
                    MOCK_STATUS,
                    "the MOCK integration request has no integer statusCode, so the gateway "
                    "fails the request (ref §5.5 (O))",
                )
                return self.gateway_error(finding, MOCK_STATUS_LOG)
            return BackendResponse(status=status, name="<MOCK integration>")
        if self.backend is None:
            return self.unknown("no backend response given; stopping after the integration request")
        return self.backend

    def select(
        self, backend: BackendResponse
    ) -> tuple[ResponseSelection, ResponseSpec, str] | Simulation:
        """The integration response for ``backend``, and the body its template receives.

        ref §8.2 (D/V), §11.14 (V), §6.3 (D): Lambda integrations match the errorMessage (``""``
        for a successful invocation), the others the backend status code. No match and no
        default is a gateway failure with the selection's log line.
        """
        error = backend.lambda_error
        if self.integration.is_lambda:
            value = "" if error is None else (error.message or "")
        else:
            value = str(backend.status)
        responses = self.integration.responses
        rules = tuple(ResponseRule(spec.key, spec.pattern) for spec in responses)
        selection = select_response(rules, value, endpoint_status=backend.status)
        self.fields["response_selection"] = selection
        if selection.key is None:
            what = "error message" if self.integration.is_lambda else "status code"
            finding = Finding(
                NO_INTEGRATION_RESPONSE,
                f"no integration response matches the {what} {quote(value)} and there is no "
                "default response, so the gateway fails the request (ref §5.5 (O))",
            )
            return self.gateway_error(finding, selection.error_log)
        defaults = [spec.key for spec in responses if spec.pattern is None]
        if selection.default_used and len(defaults) > 1:
            self.notes.append(
                f"several default responses ({', '.join(defaults)}; an empty selection pattern "
                "is a default, ref §8.1 (D)): which one API Gateway uses is not documented; "
                f"vtlgw uses the first declared, {defaults[0]}"
            )
        spec = next(s for s in responses if s.key == selection.key)
        body = error.body() if error is not None else backend.body
        return selection, spec, body
