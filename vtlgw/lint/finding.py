"""A lint finding: which rule, what it says, and where, as data the reporters print.

Every finding carries one :class:`~vtlgw.location.SourceLocation` (1-based, end exclusive). A
template embedded in a host file (CloudFormation, OpenAPI, Terraform) reports the host file's
position, and ``host_path`` names the key that holds the template there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from vtlgw.location import SourceLocation

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One problem a rule found in one template."""

    code: str
    rule: str
    message: str
    location: SourceLocation
    severity: Severity
    host_path: str | None = None
    #: where the finding starts in the template's own text (noqa comments are matched there)
    offset: int = field(default=0, compare=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Findings print by file, then position, then code."""
        loc = self.location
        return (loc.name, loc.line, loc.column, self.code)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``vtlgw lint --format json`` (stable; see docs/lint.md)."""
        loc = self.location
        return {
            "code": self.code,
            "rule": self.rule,
            "message": self.message,
            "severity": self.severity,
            "path": loc.name,
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
            "host_path": self.host_path,
        }
