"""Results of validation as data: findings with positions, and per-output reports.

Checks return these frozen dataclasses and never print; the reporters in ``report`` turn them
into text or JSON. A finding knows where it points in the rendered output (offset, line,
column, JSON pointer) and, when it can be traced, the template position that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Finding codes. They are part of the JSON output shape, so they never change meaning.
INVALID_JSON = "invalid-json"
DUPLICATE_KEY = "duplicate-key"
SCHEMA_VIOLATION = "schema-violation"
RENDER_ERROR = "render-error"


@dataclass(frozen=True)
class TemplateSpot:
    """A 1-based position in the template text, with the text found there.

    ``snippet`` is the template text the finding blames (a reference, a line), ``reason`` why
    it is blamed ('' when the finding's message says it all), and ``source_line`` the whole
    template line, shown with a caret under ``column``.
    """

    line: int
    column: int
    snippet: str
    reason: str
    source_line: str | None = None


@dataclass(frozen=True)
class Finding:
    """One problem found in a rendered output, or the render error that left no output.

    ``offset``, ``line`` and ``column`` are positions in the rendered *output* (0 or ``None``
    when the finding has none); ``template`` is the position in the *template* text, when the
    finding could be traced there (a render error always knows it, when the engine does).
    """

    code: str
    message: str
    pointer: str | None = None
    offset: int | None = None
    line: int = 0
    column: int = 0
    rule: str | None = None
    schema_path: str | None = None
    template: TemplateSpot | None = None

    def position(self) -> str:
        """``line:column`` in the output, or '' when the finding has no position."""
        return f"{self.line}:{self.column}" if self.line > 0 else ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with a stable shape (absent fields are ``None``).

        ``templateLine``/``templateColumn`` are where to point an editor; ``outputOffset``,
        ``outputLine`` and ``outputColumn`` are positions in the rendered output. The
        version 1 fields ``offset``, ``line`` and ``column`` keep their first meaning: the
        output position, except for a render error, which has no output and gave its
        template position there.
        """
        spot = self.template
        legacy = spot if self.code == RENDER_ERROR and spot is not None and not self.line else None
        return {
            "code": self.code,
            "message": self.message,
            "pointer": self.pointer,
            "offset": self.offset,
            "line": legacy.line if legacy else self.line or None,
            "column": legacy.column if legacy else self.column or None,
            "templateLine": None if spot is None else spot.line,
            "templateColumn": None if spot is None else spot.column,
            "outputOffset": self.offset,
            "outputLine": self.line or None,
            "outputColumn": self.column or None,
            "rule": self.rule,
            "schemaPath": self.schema_path,
            "template": None
            if spot is None
            else {
                "line": spot.line,
                "column": spot.column,
                "snippet": spot.snippet,
                "reason": spot.reason,
            },
        }


@dataclass(frozen=True)
class ValidationReport:
    """Everything learnt about one rendered output."""

    name: str
    output: str | None
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """True when there is nothing to report."""
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``{name, valid, output, findings}``."""
        return {
            "name": self.name,
            "valid": self.ok,
            "output": self.output,
            "findings": [f.to_dict() for f in self.findings],
        }


def line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text`` (lines split on ``\\n``)."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1
