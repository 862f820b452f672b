"""Reporters: turn validation reports and simulations into text or JSON.

Text follows the project convention ``path:line:col: CODE message``; output positions are
given as ``<name> output line:col`` and a traced template position as ``template:line:col``.
JSON output is versioned (``"version": 1``) and its shape is tested.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from vtlgw.validate.outcome import Simulation
from vtlgw.validate.result import ValidationReport


class Reporter(ABC):
    """Renders validation reports and simulations as text."""

    @abstractmethod
    def validation(self, reports: Sequence[ValidationReport]) -> str:
        """Render validation reports."""

    @abstractmethod
    def simulation(self, sim: Simulation) -> str:
        """Render one simulation."""


class TextReporter(Reporter):
    """Human-readable reports."""

    def validation(self, reports: Sequence[ValidationReport]) -> str:
        """One block per output; ``valid`` or one line per finding."""
        lines = []
        for report in reports:
            if report.ok:
                lines.append(f"{report.name}: valid")
                continue
            for finding in report.findings:
                where = f"{report.name}:{finding.position()}" if finding.line else report.name
                pointer = f" at {finding.pointer}" if finding.pointer else ""
                lines.append(f"{where}: {finding.code}{pointer}: {finding.message}")
                spot = finding.template
                if spot is not None:
                    lines.append(f"  template line {spot.line}:{spot.column}: {spot.snippet}")
                    lines.append(f"    {spot.reason}")
            count = len(report.findings)
            lines.append(f"{report.name}: invalid ({count} finding{'s' if count != 1 else ''})")
        return "\n".join(lines) + "\n"

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
            how = "default" if selection.default_used else "pattern"
            lines.append(
                f"integration response: {selection.key} ({how}; matched value {selection.value!r})"
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
        return f"client: HTTP {client.status}{headers}\n  body: {client.body}"
    if client.kind in ("frame", "error-frame"):
        return f"client: {client.kind} {client.body}"
    if client.kind == "none":
        return "client: receives nothing"
    return "client: unknown (no backend response)"


class JsonReporter(Reporter):
    """Machine-readable reports (stable, versioned shapes)."""

    def validation(self, reports: Sequence[ValidationReport]) -> str:
        """``{"version": 1, "valid": bool, "outputs": [...]}``."""
        document: dict[str, Any] = {
            "version": 1,
            "valid": all(r.ok for r in reports),
            "outputs": [r.to_dict() for r in reports],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def simulation(self, sim: Simulation) -> str:
        """The simulation's :meth:`~vtlgw.validate.outcome.Simulation.to_dict`."""
        return json.dumps(sim.to_dict(), indent=2, ensure_ascii=False) + "\n"


REPORTERS: Mapping[str, type[Reporter]] = MappingProxyType(
    {"text": TextReporter, "json": JsonReporter}
)
