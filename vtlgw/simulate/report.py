"""Reporters for ``vtlgw simulate``: one simulation as text (a line per step) or JSON.

Text shows each step, the client's view, then a ``finding:`` line per finding and a ``note:``
line per note; values are quoted with :func:`~vtlgw.simulate.selection.quote`, never as Python
reprs. JSON is the simulation's versioned :meth:`~vtlgw.simulate.outcome.Simulation.to_dict`.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Mapping
from types import MappingProxyType

from vtlgw.simulate.outcome import Simulation
from vtlgw.simulate.quoting import quote


class SimulationReporter(ABC):
    """Renders one simulation."""

    @abstractmethod
    def simulation(self, sim: Simulation) -> str:
        """Render one simulation."""


class TextSimulationReporter(SimulationReporter):
    """The steps of a simulation, one per line, then the client's view."""

    def simulation(self, sim: Simulation) -> str:
        """The steps of a simulation, one per line, then the client's view."""
        lines = [f"api: {sim.api}" + (f"  route: {sim.route}" if sim.route else "")]
        choice = sim.request_template
        if choice is not None:
            target = choice.key if choice.key is not None else choice.action
            lines.append(f"request template: {target} ({choice.reason})")
        if sim.integration_request is not None:
            lines.append("integration request:")
            lines.extend(f"  | {line}" for line in sim.integration_request.splitlines() or [""])
        for group, values in sim.request_overrides.items():
            for key, value in values.items():
                lines.append(f"request override: {group}.{key} = {value}")
        selection = sim.response_selection
        if selection is not None:
            value = quote(selection.value)
            if selection.key is None:
                lines.append(f"integration response: none (nothing matches {value}, no default)")
            else:
                how = "default" if selection.default_used else "pattern"
                lines.append(
                    f"integration response: {selection.key} ({how}; matched value {value})"
                )
        if sim.response_template is not None:
            rt = sim.response_template
            lines.append(f"response template: {rt.key or rt.action} ({rt.reason})")
        if sim.response is not None:
            lines.append("response:")
            lines.extend(f"  | {line}" for line in sim.response.splitlines() or [""])
        lines.extend(f"log: {entry}" for entry in sim.log)
        if sim.error:
            lines.append(f"error: {sim.error}")
        lines.append(_client_line(sim))
        lines.extend(f"finding: {finding.message}" for finding in sim.findings)
        lines.extend(f"note: {note}" for note in sim.notes)
        return "\n".join(lines) + "\n"


def _client_line(sim: Simulation) -> str:
    client = sim.client
    if client.kind == "handshake":
        verdict = "accepted" if client.accepted else "refused"
        extra = "".join(f"; {k}: {v}" for k, v in client.headers.items())
        return f"client: connection {verdict} (HTTP {client.status}){extra}"
    if client.kind == "http":
        headers = "".join(f"\n  {k}: {v}" for k, v in client.headers.items())
        return f"client: HTTP {client.status}{headers}\n  body: {client.body or ''}"
    if client.kind in ("frame", "error-frame"):
        return (
            f"client: {client.kind} {client.body}"
            if client.body
            else f"client: {client.kind} (empty)"
        )
    if client.kind == "none":
        return "client: receives nothing"
    return "client: unknown (no backend response)"


class JsonSimulationReporter(SimulationReporter):
    """Machine-readable simulation (stable, versioned shape)."""

    def simulation(self, sim: Simulation) -> str:
        """The simulation's :meth:`~vtlgw.simulate.outcome.Simulation.to_dict`."""
        return json.dumps(sim.to_dict(), indent=2, ensure_ascii=False) + "\n"


SIMULATION_REPORTERS: Mapping[str, type[SimulationReporter]] = MappingProxyType(
    {"text": TextSimulationReporter, "json": JsonSimulationReporter}
)
