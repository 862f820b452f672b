"""Lint reporters: text (ruff's ``path:line:col: CODE message``), JSON, GitHub annotations, SARIF.

Each reporter turns the findings of one run into the text the CLI prints. JSON is an array of
findings (shape documented in ``docs/lint.md`` and tested); ``github`` prints workflow commands
(``::error file=...::...``) that GitHub Actions shows as annotations on the pull request;
``sarif`` is SARIF 2.1.0 with the rule catalogue, for code-scanning uploads.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol
from urllib.parse import quote

from vtlgw.lint.finding import LintFinding
from vtlgw.lint.rule import Rule


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def text_report(
    findings: Sequence[LintFinding], rules: Sequence[type[Rule]], *, problems: int = 0
) -> str:
    """One line per finding, then a count (``All checks passed!`` when there is none).

    ``problems`` is the number of inputs that could not be linted (reported on stderr): a run
    with any never says that all checks passed.
    """
    lines = []
    for finding in findings:
        where = str(finding.location)
        host = f" [{finding.host_path}]" if finding.host_path else ""
        lines.append(f"{where}: {finding.code} {finding.message}{host}")
    count = len(findings)
    if problems:
        lines.append(
            f"Found {_plural(count, 'finding')}; {_plural(problems, 'input')} could not be "
            "linted (reported on stderr)."
        )
    elif count:
        lines.append(f"Found {_plural(count, 'finding')}.")
    else:
        lines.append("All checks passed!")
    return "\n".join(lines) + "\n"


def json_report(
    findings: Sequence[LintFinding], rules: Sequence[type[Rule]], *, problems: int = 0
) -> str:
    """A JSON array of findings (``[]`` when clean; input problems go to stderr only)."""
    return json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_report(
    findings: Sequence[LintFinding], rules: Sequence[type[Rule]], *, problems: int = 0
) -> str:
    """GitHub Actions workflow commands, one annotation per finding.

    Messages and properties are escaped as the Actions toolkit does: ``%``, CR and LF in the
    message; those and ``:`` and ``,`` in a property (the file name, the title).
    """
    lines = []
    for finding in findings:
        loc = finding.location
        level = "error" if finding.severity == "error" else "warning"
        props = [f"file={_escape_property(loc.name)}"]
        if loc.line > 0:
            props += [
                f"line={loc.line}",
                f"col={loc.column}",
                f"endLine={loc.end_line}",
                f"endColumn={loc.end_column}",
            ]
        props.append(f"title={_escape_property(f'{finding.code} {finding.rule}')}")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(finding.message)}")
    return "".join(line + "\n" for line in lines)


def _uri(name: str) -> str:
    """A SARIF ``artifactLocation.uri``: a relative URI reference, or a ``file:`` URI."""
    path = name.replace("\\", "/")
    if os.path.isabs(name):
        return Path(os.path.abspath(name)).as_uri()
    return quote(path, safe="/")


def sarif_report(
    findings: Sequence[LintFinding], rules: Sequence[type[Rule]], *, problems: int = 0
) -> str:
    """SARIF 2.1.0: the rule catalogue as the driver's rules, one result per finding.

    Columns count Unicode code points (``columnKind``); the invocation says whether every
    input could be linted (``executionSuccessful``).
    """
    index = {rule.code: i for i, rule in enumerate(rules)}
    driver_rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.explanation},
            "help": {
                "text": f"{rule.explanation} (docs/rules.md#{rule.code.lower()})",
                "markdown": f"{rule.explanation}\n\nBad:\n```\n{rule.bad}```\n"
                f"Good:\n```\n{rule.good}```",
            },
            "defaultConfiguration": {
                "enabled": rule.default,
                "level": "error" if rule.severity == "error" else "warning",
            },
        }
        for rule in rules
    ]
    results: list[dict[str, Any]] = []
    for finding in findings:
        loc = finding.location
        region: dict[str, int] = {}
        if loc.line > 0:
            region = {
                "startLine": loc.line,
                "startColumn": loc.column,
                "endLine": loc.end_line,
                "endColumn": max(loc.end_column, loc.column + 1 if loc.end_line == loc.line else 1),
            }
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": "error" if finding.severity == "error" else "warning",
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(loc.name)},
                        **({"region": region} if region else {}),
                    }
                }
            ],
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        if finding.host_path:
            result["properties"] = {"hostPath": finding.host_path}
        results.append(result)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "vtlgw",
                        "version": _version(),
                        "rules": driver_rules,
                    }
                },
                "invocations": [{"executionSuccessful": problems == 0}],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _version() -> str:
    from vtlgw import __version__

    return __version__


class Reporter(Protocol):
    """A report format: the findings and the rule catalogue in, the text to print out."""

    def __call__(
        self, findings: Sequence[LintFinding], rules: Sequence[type[Rule]], *, problems: int = 0
    ) -> str:
        """The report of one run (``problems``: inputs that could not be linted)."""
        ...


REPORTERS: Mapping[str, Reporter] = MappingProxyType(
    {"text": text_report, "json": json_report, "github": github_report, "sarif": sarif_report}
)
