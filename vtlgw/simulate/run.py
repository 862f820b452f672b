"""Simulate the API Gateway steps around a template for one event and one backend answer.

:func:`simulate` first checks that the event can reach the integration at all
(:func:`vtlgw.simulate.route.check_route`: same API kind, and on WebSocket the integration's
route), then renders through one :class:`~vtlgw.simulate.render.GatewayRenderer` (so the request
and response templates share ``$context``) and hands the steps to the WebSocket
(:mod:`vtlgw.simulate.websocket`, ref §6) or REST (:mod:`vtlgw.simulate.rest`, ref §8) run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vtlgw.apigw.options import DEFAULT_RENDER_OPTIONS, RenderOptions
from vtlgw.simulate.backend import BackendResponse
from vtlgw.simulate.integration import Integration
from vtlgw.simulate.outcome import Simulation
from vtlgw.simulate.render import EngineLike, GatewayRenderer
from vtlgw.simulate.rest import simulate_rest
from vtlgw.simulate.route import check_route
from vtlgw.simulate.websocket import simulate_websocket


def simulate(
    integration: Integration,
    event: Mapping[str, Any],
    backend: BackendResponse | None = None,
    *,
    engine: EngineLike | None = None,
    options: RenderOptions = DEFAULT_RENDER_OPTIONS,
    event_name: str = "<event>",
) -> Simulation:
    """Run ``event`` through ``integration`` with the backend answering ``backend``.

    ``options`` carry stage variables, ``$context`` overrides and the gateway options; the API
    kind is the integration's. An event that cannot reach the integration (another API kind,
    another WebSocket route) raises :class:`~vtlgw.errors.InputError` naming ``event_name``.
    Template errors do not raise: they become the gateway's failure in the returned
    :class:`Simulation`, and a finding.
    """
    where = check_route(integration, event, backend, event_name=event_name)
    renderer = GatewayRenderer(event, api=integration.api, engine=engine, options=options)
    if integration.api == "rest":
        return simulate_rest(integration, event, backend, renderer)
    return simulate_websocket(integration, event, backend, renderer, where.route)
