"""Simulate the API Gateway steps around a template for one event and one backend answer.

WebSocket (ref §6): authorizer outcome on ``$connect``, proxy integrations, request template
choice by selection expression with passthrough, MOCK status codes, integration response keys
(``/regex/`` or ``$default``), response templates, the route response that decides whether the
client gets a frame, and the ``$connect`` handshake result (ref §6.4). REST (ref §8): request
templates by Content-Type and the passthrough table, Lambda JSON parsing, selection patterns,
method responses, response templates by Accept, ``responseParameters`` and overrides.
Every decision that rests on an uncertain fact says so in the simulation's notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from vtlgw.errors import VtlgwError
from vtlgw.validate.backend import BackendResponse
from vtlgw.validate.expression import ExpressionInputs, evaluate
from vtlgw.validate.integration import Integration, ResponseSpec
from vtlgw.validate.outcome import (
    CONFIG_ERROR,
    ERROR_FRAME,
    MOCK_STATUS_LOG,
    ClientView,
    Simulation,
    json_note,
    mock_status,
)
from vtlgw.validate.render import EngineLike, GatewayRenderer
from vtlgw.validate.rest import simulate_rest
from vtlgw.validate.selection import (
    ResponseRule,
    choose_websocket_request_template,
    choose_websocket_response_template,
    select_response,
)

_AUTHORIZER_STATUS = MappingProxyType({"unauthorized": 401, "deny": 403, "error": 500})


class _WebSocketRun:
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
        context = event.get("requestContext")
        self.request_context: Mapping[str, Any] = context if isinstance(context, Mapping) else {}
        self.route = integration.route_key or self.request_context.get("routeKey")
        self.connect = self.route == "$connect"
        body = event.get("body")
        self.body = body if isinstance(body, str) else None
        self.fields: dict[str, Any] = {"api": "websocket", "route": self.route}
        self.log: list[str] = []
        self.notes: list[str] = []

    def done(self, client: ClientView, **fields: Any) -> Simulation:
        self.fields.update(fields)
        return Simulation(
            client=client, log=tuple(self.log), notes=tuple(self.notes), **self.fields
        )

    def failure(self, status: int, error: str | None = None) -> Simulation:
        if self.connect:
            self.notes.append(
                "a failed $connect integration refuses the connection; the exact handshake "
                "status is not documented (ref §6.4 (D/U))"
            )
            return self.done(ClientView("handshake", status=status, accepted=False), error=error)
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
            return self.done(ClientView("none"))
        if self.integration.is_proxy:
            return self.proxy()
        return self.non_proxy()

    def proxy(self) -> Simulation:
        backend = self.backend
        self.fields["integration_request"] = None
        if backend is None:
            self.notes.append("no backend response given; stopping before the integration")
            return self.done(ClientView("unknown"))
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
            try:
                request = self.renderer.request(integration.request_templates[choice.key])
            except VtlgwError as exc:
                self.log.append(CONFIG_ERROR.format(detail=exc.message))
                return self.failure(500, error=str(exc))
        self.fields["integration_request"] = request
        note = json_note(choice.key, request) if choice.action == "transform" else None
        if note is not None:
            self.notes.append(note)
        return self.after_request(request)

    def after_request(self, request: str) -> Simulation:
        backend = self.backend
        if self.integration.type == "MOCK":
            status = mock_status(request)
            if status is None:
                self.log.append(MOCK_STATUS_LOG)
                return self.failure(500)
            backend = BackendResponse(status=status)
        elif backend is None:
            self.notes.append("no backend response given; stopping after the integration request")
            return self.done(ClientView("unknown"))
        error = backend.lambda_error
        lambda_like = self.integration.is_lambda
        # ref §6.3 (D): Lambda matches errorMessage ("" on success), others the status code.
        if lambda_like:
            value = "" if error is None else (error.message or "")
        else:
            value = str(backend.status)
        success = error is None and (lambda_like or 200 <= backend.status < 300)
        if not self.integration.responses:
            self.notes.append("no integration responses: nothing comes back (ref §6.3 (D))")
            if self.connect:
                return self.delivered(None, success=success)
            return self.done(ClientView("none"))
        rules = tuple(ResponseRule(spec.key, spec.pattern) for spec in self.integration.responses)
        selection = select_response(rules, value, endpoint_status=backend.status)
        self.fields["response_selection"] = selection
        if selection.key is None:
            assert selection.error_log is not None
            self.log.append(selection.error_log)
            return self.failure(500)
        spec = next(s for s in self.integration.responses if s.key == selection.key)
        body = error.body() if error is not None else backend.body
        response = self.respond(spec, backend, body)
        if response is None:
            return self.failure(500, error=self.fields.get("error"))
        return self.delivered(response, success=success)

    def respond(self, spec: ResponseSpec, backend: BackendResponse, body: str) -> str | None:
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
        try:
            rendered = self.renderer.response(spec.templates[choice.key], body)
        except VtlgwError as exc:
            self.log.append(CONFIG_ERROR.format(detail=exc.message))
            self.fields["error"] = str(exc)
            return None
        self.fields["response"] = rendered
        return rendered


def simulate(
    integration: Integration,
    event: Mapping[str, Any],
    backend: BackendResponse | None = None,
    *,
    engine: EngineLike | None = None,
    **options: Any,
) -> Simulation:
    """Run ``event`` through ``integration`` with the backend answering ``backend``.

    ``options`` are passed to :func:`vtlgw.apigw.variables.build_variables`
    (``stage_variables``, ``context`` and the gateway options). Template errors do not raise:
    they become the gateway's failure in the returned :class:`Simulation`.
    """
    renderer = GatewayRenderer(event, api=integration.api, engine=engine, options=options)
    if integration.api == "rest":
        return simulate_rest(integration, event, backend, renderer)
    return _WebSocketRun(integration, event, backend, renderer).run()
