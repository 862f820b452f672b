"""The WebSocket steps of a simulation (ref §6).

Authorizer outcome on ``$connect``, proxy integrations, request template choice by selection
expression with passthrough, MOCK status codes, integration response keys (``/regex/`` or
``$default``), response templates, the route response that decides whether the client gets a
frame, the ``$connect`` handshake result (ref §6.4), and ``$disconnect``, whose client has
already gone (ref §6.1 (D)). Every decision that rests on an uncertain fact says so in the
simulation's notes; every gateway failure is a finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from vtlgw.simulate.backend import BackendResponse
from vtlgw.simulate.expression import ExpressionInputs, evaluate
from vtlgw.simulate.integration import Integration, ResponseSpec
from vtlgw.simulate.outcome import ERROR_FRAME, ClientView, Simulation
from vtlgw.simulate.render import GatewayRenderer
from vtlgw.simulate.route import event_route
from vtlgw.simulate.selection import (
    choose_websocket_request_template,
    choose_websocket_response_template,
)
from vtlgw.simulate.steps import SimulationRun

_AUTHORIZER_STATUS = MappingProxyType({"unauthorized": 401, "deny": 403, "error": 500})
_GONE = "on $disconnect the connection is already closed: nothing reaches the client (ref §6.1 (D))"


class _WebSocketRun(SimulationRun):
    api = "websocket"

    @property
    def request_context(self) -> Mapping[str, Any]:
        context = self.event.get("requestContext")
        return context if isinstance(context, Mapping) else {}

    @property
    def connect(self) -> bool:
        return self.route == "$connect"

    @property
    def disconnect(self) -> bool:
        return self.route == "$disconnect"

    @property
    def body(self) -> str | None:
        body = self.event.get("body")
        return body if isinstance(body, str) else None

    def gone(self) -> Simulation:
        self.notes.append(_GONE)
        return self.done(ClientView("none"))

    def gateway_failure(self, error: str | None) -> Simulation:
        return self.failure(500, error=error)

    def failure(self, status: int, error: str | None = None) -> Simulation:
        if self.connect:
            self.notes.append(
                "a failed $connect integration refuses the connection; the exact handshake "
                "status is not documented (ref §6.4 (D/U))"
            )
            return self.done(ClientView("handshake", status=status, accepted=False), error=error)
        if self.disconnect:
            self.fields["error"] = error
            return self.gone()
        frame = ERROR_FRAME.format(
            cid=self.request_context.get("connectionId", ""),
            rid=self.request_context.get("requestId", ""),
        )
        # ref §5.5 (O): failures on message routes send an error frame, the socket stays open.
        return self.done(ClientView("error-frame", body=frame), error=error)

    def delivered(self, body: str | None, *, success: bool) -> Simulation:
        if self.connect:
            if success:
                # ref §6.4 (D): a non-proxy integration that succeeds connects the client.
                return self.done(ClientView("handshake", status=101, accepted=True))
            return self.failure(500)
        if self.disconnect:
            return self.gone()
        if self.integration.route_response_selection_expression == "$default":
            # ref §6.3 (D/O): a $default route response sends the body as one text frame.
            return self.done(ClientView("frame", body=body))
        self.notes.append(
            "no RouteResponseSelectionExpression $default: the route is one-way and the "
            "response is dropped (ref §6.3 (D))"
        )
        return self.done(ClientView("none"))

    def run(self) -> Simulation:
        backend = self.backend
        if self.connect and backend is not None and backend.authorizer not in (None, "allow"):
            status = _AUTHORIZER_STATUS[str(backend.authorizer)]
            # ref §6.4: Unauthorized -> 401 (D/O), Deny -> 403 (D/O), crash -> 500 (O).
            return self.done(ClientView("handshake", status=status, accepted=False))
        if not self.integration.type:
            if self.connect:
                # ref §6.4 (D): the $connect integration is optional.
                return self.done(ClientView("handshake", status=101, accepted=True))
            return self.gone() if self.disconnect else self.done(ClientView("none"))
        if self.integration.is_proxy:
            return self.proxy()
        return self.non_proxy()

    def proxy(self) -> Simulation:
        backend = self.backend
        self.fields["integration_request"] = None
        if backend is None:
            return self.unknown("no backend response given; stopping before the integration")
        if backend.lambda_error is not None:
            if self.connect:
                # ref §6.4 (O): a Lambda proxy function that throws fails the handshake with 502.
                return self.done(ClientView("handshake", status=502, accepted=False))
            return self.failure(502)
        if self.connect:
            headers = {}
            protocol = backend.header("Sec-WebSocket-Protocol")
            if protocol is not None:
                # ref §6.4 (D): the subprotocol header goes back during the handshake.
                headers["Sec-WebSocket-Protocol"] = protocol
            if 200 <= backend.status < 300:
                # ref §6.4 (O): any 2xx from a $connect Lambda proxy connects.
                return self.done(
                    ClientView("handshake", status=101, headers=headers, accepted=True)
                )
            # ref §6.4 (D/O): a non-2xx status rejects the handshake with that status.
            return self.done(ClientView("handshake", status=backend.status, accepted=False))
        return self.delivered(backend.body, success=True)

    def non_proxy(self) -> Simulation:
        integration = self.integration
        expression = integration.template_selection_expression
        selected = evaluate(expression, ExpressionInputs(body=self.body)) if expression else None
        choice = choose_websocket_request_template(
            integration.request_templates, selected, integration.passthrough_behavior
        )
        self.fields["request_template"] = choice
        if choice.action == "reject":
            self.notes.append(
                "how a WebSocket client sees a passthrough rejection is not documented; "
                "415 follows REST (ref §6.2 (U))"
            )
            return self.failure(415)
        if choice.action == "passthrough":
            request = self.body or ""
        else:
            assert choice.key is not None
            template = integration.request_templates[choice.key]
            rendered = self.render("request template", lambda: self.renderer.request(template))
            if isinstance(rendered, Simulation):
                return rendered
            request = rendered
            self.check_json(choice.key, request, "request template")
        self.fields["integration_request"] = request
        return self.after_request(request)

    def after_request(self, request: str) -> Simulation:
        backend = self.answer(request)
        if isinstance(backend, Simulation):
            return backend
        # ref §6.3 (D): a Lambda invocation succeeds unless it throws, others on a 2xx status.
        lambda_like = self.integration.is_lambda
        success = backend.lambda_error is None and (lambda_like or 200 <= backend.status < 300)
        if not self.integration.responses:
            self.notes.append("no integration responses: nothing comes back (ref §6.3 (D))")
            if self.connect:
                return self.delivered(None, success=success)
            return self.gone() if self.disconnect else self.done(ClientView("none"))
        selected = self.select(backend)
        if isinstance(selected, Simulation):
            return selected
        _, spec, body = selected
        response = self.respond(spec, backend, body)
        if isinstance(response, Simulation):
            return response
        return self.delivered(response, success=success)

    def respond(self, spec: ResponseSpec, backend: BackendResponse, body: str) -> str | Simulation:
        if spec.parameters:
            self.notes.append(
                f"the ResponseParameters of integration response {spec.key} are not simulated"
            )
        expression = spec.template_selection_expression
        inputs = ExpressionInputs(
            body=self.body,
            status=backend.status,
            headers=backend.headers,
            multivalue_headers=backend.multi_headers,
        )
        selected = evaluate(expression, inputs) if expression else None
        choice = choose_websocket_response_template(spec.templates, selected)
        self.fields["response_template"] = choice
        if choice.action != "transform" or choice.key is None:
            self.fields["response"] = body
            return body
        template = spec.templates[choice.key]
        rendered = self.render("response template", lambda: self.renderer.response(template, body))
        if not isinstance(rendered, Simulation):
            self.fields["response"] = rendered
            self.check_json(choice.key, rendered, "response template")
        return rendered


def simulate_websocket(
    integration: Integration,
    event: Mapping[str, Any],
    backend: BackendResponse | None,
    renderer: GatewayRenderer,
    route: str | None = None,
) -> Simulation:
    """Run a WebSocket ``event`` through ``integration`` on ``route`` (ref §6).

    Without ``route`` it is the integration's ``RouteKey``, else the event's route.
    """
    if route is None:
        route = integration.route_key or event_route(event).route
    return _WebSocketRun(integration, event, backend, renderer, route).run()
