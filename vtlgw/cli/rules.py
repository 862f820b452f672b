"""``vtlgw rules``: the lint rule catalogue, as a table, JSON, or the ``docs/rules.md`` text.

``vtlgw rules VTL2`` lists the rules whose code starts with ``VTL2`` (codes or prefixes, as for
``vtlgw lint --select``; an unknown one exits 2). ``--format markdown`` prints the whole
``docs/rules.md``, which a test keeps equal to the file.
"""

from __future__ import annotations

import json

import click

from vtlgw.cli.common import examples, exit_on_errors


@click.command(
    "rules",
    epilog=examples(
        "vtlgw rules",
        "vtlgw rules VTL2 VTL501",
        "vtlgw rules --format json",
        "vtlgw rules --format markdown > docs/rules.md",
    ),
)
@click.argument("codes", nargs=-1, metavar="[CODES]...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: one line per rule; json: the metadata; markdown: docs/rules.md.",
)
def command(codes: tuple[str, ...], output_format: str) -> None:
    """List the lint rules: code, name, summary, and whether the rule is opt-in."""
    from vtlgw.lint.docs import rules_markdown
    from vtlgw.lint.registry import ALL_RULES
    from vtlgw.lint.selection import check_codes

    rules = ALL_RULES
    if codes:
        with exit_on_errors("rules"):
            wanted = check_codes(codes, (rule.code for rule in ALL_RULES), where="vtlgw rules")
        rules = tuple(r for r in ALL_RULES if any(r.code.startswith(c) for c in wanted))
    if output_format == "markdown":
        if codes:
            raise click.UsageError("--format markdown prints the whole catalogue; drop the codes")
        click.echo(rules_markdown(rules), nl=False)
        return
    if output_format == "json":
        rows = [
            {
                "code": rule.code,
                "name": rule.name,
                "summary": rule.summary,
                "severity": rule.severity,
                "default": rule.default,
                "explanation": rule.explanation,
                "bad": rule.bad,
                "good": rule.good,
            }
            for rule in rules
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max(len(rule.name) for rule in rules)
    for rule in rules:
        flag = "" if rule.default else " (opt-in)"
        click.echo(f"{rule.code}  {rule.name:<{width}}  {rule.summary}{flag}")
