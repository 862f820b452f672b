"""``docs/rules.md`` from the rule classes: one section per rule, with its bad and good example.

``vtlgw rules --format markdown > docs/rules.md`` writes it; a test fails when the file is
stale, so the catalogue and the docs cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from vtlgw.lint.rule import Rule

_HEADER = """\
# Lint rules

Generated from the rule classes by `vtlgw rules --format markdown > docs/rules.md`; do not edit
by hand. Codes: VTL1xx syntax and directives API Gateway does not run, VTL2xx `$input`,
`$context` and JSON output, VTL3xx `$util` and Java methods, VTL4xx limits, VTL5xx style.
Rules marked *opt-in* run only when selected (`--select VTL214` or a prefix). How to select,
ignore and suppress rules: `docs/lint.md`.

| code | name | summary | default |
| --- | --- | --- | --- |
"""


def _fence(text: str) -> str:
    return "```velocity\n" + text.rstrip("\n") + "\n```\n"


def rules_markdown(rules: Sequence[type[Rule]]) -> str:
    """The whole ``docs/rules.md`` text for ``rules``."""
    parts = [_HEADER]
    for rule in rules:
        default = "yes" if rule.default else "opt-in"
        parts.append(
            f"| [{rule.code}](#{rule.code.lower()}) | `{rule.name}` | {rule.summary} "
            f"| {default} |\n"
        )
    for rule in rules:
        kind = "" if rule.default else " (opt-in)"
        parts.append(
            f"\n## {rule.code}\n\n**{rule.name}**{kind}, {rule.severity}: {rule.summary}.\n\n"
            f"{rule.explanation}\n\nBad:\n\n{_fence(rule.bad)}\nGood:\n\n{_fence(rule.good)}"
        )
    return "".join(parts)
