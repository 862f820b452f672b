"""The simulation steps that REST and WebSocket integrations share (ref §6.3, §8.2).

A :class:`SimulationRun` holds one request's inputs and the :class:`Simulation` being built
(its fields, log and notes). It renders a mapping template, turning a template error into the
gateway's configuration-error failure, finds what the backend answered (a MOCK integration's
status comes from its rendered request template), and selects the integration response
(Lambda integrations match the error message, others the status code). How a failure reaches
the client differs by API kind, so subclasses define :meth:`SimulationRun.gateway_error`.
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
    MOCK_STATUS_LOG,
    ClientView,
    Simulation,
    mock_status,
)
from vtlgw.simulate.render import GatewayRenderer
from vtlgw.simulate.selection import ResponseRule, ResponseSelection, select_response


class SimulationRun(ABC):
    """One request on its way through an integration, and the simulation recorded so far."""

    api: ClassVar[str]

    @property
    def route(self) -> Any:
        """The WebSocket route key the request takes (``None`` for REST)."""
        return None

    def __init__(
        self,
        integration: Integration,
        event: Mapping[str, Any],
        backend: BackendResponse | None,
        renderer: GatewayRenderer,
    ) -> None:
        self.integration = integration
        self.event = event
        self.backend = backend
        self.renderer = renderer
        self.fields: dict[str, Any] = {"api": self.api, "route": self.route}
        self.log: list[str] = []
        self.notes: list[str] = []

    def done(self, client: ClientView, **fields: Any) -> Simulation:
        """The finished simulation: what the client gets, with everything recorded so far."""
        self.fields.update(fields)
        return Simulation(
            client=client, log=tuple(self.log), notes=tuple(self.notes), **self.fields
        )

    @abstractmethod
    def gateway_error(self, log: str | None, error: str | None = None) -> Simulation:
        """The failure the client sees when the gateway fails (logging ``log`` if given)."""

    def unknown(self, note: str) -> Simulation:
        """Stop where the simulation lacks an input, saying why; the client outcome is unknown."""
        self.notes.append(note)
        return self.done(ClientView("unknown"))

    def render(self, template: Callable[[], str]) -> str | Simulation:
        """The rendered text, or the configuration-error failure when the template fails."""
        try:
            return template()
        except VtlgwError as exc:
            return self.gateway_error(CONFIG_ERROR.format(detail=exc.message), str(exc))

    def answer(self, request: str) -> BackendResponse | Simulation:
        """What the backend answered the integration ``request``.

        A MOCK integration answers with the ``statusCode`` in its rendered request (a failure
        when there is none); otherwise it is the backend response given, and without one the
        simulation stops here.
        """
        if self.integration.type == "MOCK":
            status = mock_status(request)
            if status is None:
                return self.gateway_error(MOCK_STATUS_LOG)
            return BackendResponse(status=status)
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
            return self.gateway_error(selection.error_log)
        spec = next(s for s in responses if s.key == selection.key)
        body = error.body() if error is not None else backend.body
        return selection, spec, body
