"""Reporters for case runs: a line per case, failures with their diffs, and a summary.

Text: ``file:line: PASS name`` or ``FAIL name`` followed by each failed expectation and its
diff, then ``N passed, M failed``. JSON: ``{"version": 1, "passed": n, "failed": m, "cases"}``.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from vtlgw.cases.runner import CaseResult


class CaseReporter(ABC):
    """Renders case results as text."""

    @abstractmethod
    def cases(self, results: Sequence[CaseResult]) -> str:
        """Render the results of a run."""


class TextCaseReporter(CaseReporter):
    """Human-readable case results."""

    def cases(self, results: Sequence[CaseResult]) -> str:
        """Each case, failures indented with their diffs, then the totals."""
        lines = []
        for result in results:
            status = "PASS" if result.passed else "FAIL"
            lines.append(f"{result.file}:{result.line}: {status} {result.name}")
            for failure in result.failures:
                lines.append(f"  {failure.expectation}: {failure.message}")
                lines.extend(f"    {line}" for line in failure.diff.splitlines())
        failed = sum(not r.passed for r in results)
        lines.append(f"{len(results) - failed} passed, {failed} failed")
        return "\n".join(lines) + "\n"


class JsonCaseReporter(CaseReporter):
    """Machine-readable case results (version 1)."""

    def cases(self, results: Sequence[CaseResult]) -> str:
        """Totals and every case's :meth:`~vtlgw.cases.runner.CaseResult.to_dict`."""
        failed = sum(not r.passed for r in results)
        document = {
            "version": 1,
            "passed": len(results) - failed,
            "failed": failed,
            "cases": [r.to_dict() for r in results],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


CASE_REPORTERS: Mapping[str, type[CaseReporter]] = MappingProxyType(
    {"text": TextCaseReporter, "json": JsonCaseReporter}
)
