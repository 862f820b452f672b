"""Reporters for ``vtlgw validate``: validation reports as text or JSON.

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

from vtlgw.validate.result import ValidationReport


class Reporter(ABC):
    """Renders validation reports as text."""

    @abstractmethod
    def validation(self, reports: Sequence[ValidationReport]) -> str:
        """Render validation reports."""


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


REPORTERS: Mapping[str, type[Reporter]] = MappingProxyType(
    {"text": TextReporter, "json": JsonReporter}
)
