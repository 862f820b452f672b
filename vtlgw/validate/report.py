"""Reporters for ``vtlgw validate``: validation reports as text or JSON.

Text follows the project convention ``path:line:col: CODE message``, and the first
``path:line:col`` on a line is always a *template* position, the one an editor or a CI
annotation should jump to: a finding traced to the template prints that position, then the
template line with a caret, and labels the output position ``(output 4:12)``. A finding that
cannot be traced prints the template's name alone and ``(output line 4, column 12)``, never
an output position where a template position belongs. JSON output is versioned
(``"version": 1``), carries both positions under distinct names, and its shape is tested.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from vtlgw.errors import excerpt
from vtlgw.validate.result import Finding, ValidationReport


class Reporter(ABC):
    """Renders validation reports as text."""

    @abstractmethod
    def validation(self, reports: Sequence[ValidationReport]) -> str:
        """Render validation reports."""


class TextReporter(Reporter):
    """Human-readable reports."""

    def validation(self, reports: Sequence[ValidationReport]) -> str:
        """One block per output; ``valid`` or the findings and an ``invalid (N findings)``."""
        lines = []
        for report in reports:
            if report.ok:
                lines.append(f"{report.name}: valid")
                continue
            for finding in report.findings:
                lines.extend(_finding_lines(report.name, finding))
            count = len(report.findings)
            lines.append(f"{report.name}: invalid ({count} finding{'s' if count != 1 else ''})")
        return "\n".join(lines) + "\n"


def _finding_lines(name: str, finding: Finding) -> list[str]:
    pointer = f" at {finding.pointer}" if finding.pointer else ""
    what = f"{finding.code}{pointer}: {finding.message}"
    spot = finding.template
    if spot is None:
        output = (
            f" (output line {finding.line}, column {finding.column})" if finding.line > 0 else ""
        )
        return [f"{name}: {what}{output}"]
    output = f" (output {finding.position()})" if finding.line > 0 else ""
    lines = [f"{name}:{spot.line}:{spot.column}: {what}{output}"]
    if spot.source_line is not None:
        lines.append(excerpt(spot.source_line, spot.column))
    elif spot.snippet:
        lines.append(f"  {spot.snippet}")
    if spot.reason:
        lines.append(f"  {spot.reason}")
    return lines


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
