"""``vtlgw rules``: the lint rule catalogue, as a table, JSON, or the ``docs/rules.md`` text."""

from __future__ import annotations

import json

import click


@click.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: one line per rule; json: the metadata; markdown: docs/rules.md.",
)
def command(output_format: str) -> None:
    """List the lint rules: code, name, default or opt-in, summary.

    \b
    Examples:
      vtlgw rules
      vtlgw rules --format markdown > docs/rules.md
    """
    from vtlgw.lint.docs import rules_markdown
    from vtlgw.lint.registry import ALL_RULES

    if output_format == "markdown":
        click.echo(rules_markdown(ALL_RULES), nl=False)
        return
    if output_format == "json":
        rows = [
            {
                "code": rule.code,
                "name": rule.name,
                "summary": rule.summary,
                "severity": rule.severity,
                "default": rule.default,
            }
            for rule in ALL_RULES
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for rule in ALL_RULES:
        flag = "" if rule.default else " (opt-in)"
        click.echo(f"{rule.code}  {rule.name:<34} {rule.summary}{flag}")
