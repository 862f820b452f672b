"""A simulation of the API Gateway steps around a mapping template.

``integration`` (with ``reader``, its strict field reader) and ``backend`` load integration
descriptions and backend answers; ``route`` checks that an event can reach an integration;
``javaregex``, ``expression`` and ``selection`` hold the gateway's selection rules
(whole-string Java regexes, selection expressions, template choice, passthrough); ``render``
renders the templates of one request with a shared ``$context``; ``steps``, ``websocket`` and
``rest`` run one event through an integration into an ``outcome.Simulation`` with its
findings; ``report`` prints it as text or JSON, values shown by ``quoting``.
"""

from __future__ import annotations

from vtlgw.simulate.backend import BackendResponse as BackendResponse
from vtlgw.simulate.backend import load_backend as load_backend
from vtlgw.simulate.integration import Integration as Integration
from vtlgw.simulate.integration import load_integration as load_integration
from vtlgw.simulate.outcome import Finding as Finding
from vtlgw.simulate.outcome import Simulation as Simulation
from vtlgw.simulate.route import check_route as check_route
from vtlgw.simulate.run import simulate as simulate

__all__ = [
    "BackendResponse",
    "Finding",
    "Integration",
    "Simulation",
    "check_route",
    "load_backend",
    "load_integration",
    "simulate",
]
