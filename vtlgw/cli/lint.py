"""``vtlgw lint``: check templates for bugs before they deploy, in ruff's conventions.

Paths are ``.vtl``/``.vm`` files, folders (searched for them) or ``-`` for stdin; without a path
the current folder is linted. Output: ``path:line:col: CODE message`` (``--format json``,
``github`` or ``sarif`` for machines). Exit codes: 0 clean, 1 findings (0 with
``--exit-zero``), 2 usage, configuration or input errors. Configuration comes from
``[tool.vtlgw]`` in the closest ``pyproject.toml`` (see ``docs/lint.md``).
"""

from __future__ import annotations

from pathlib import Path

import click

from vtlgw.cli.common import STDIN, binary_stream, display_name, exit_on_errors, read_text


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


@click.command("lint")
@click.argument("paths", nargs=-1, metavar="[PATHS]...")
@click.option(
    "--select",
    "select",
    multiple=True,
    metavar="CODES",
    help="Run only these rules (codes or prefixes, comma-separated; repeatable).",
)
@click.option(
    "--extend-select",
    "extend_select",
    multiple=True,
    metavar="CODES",
    help="Run these rules too, on top of the selection (e.g. opt-in rules).",
)
@click.option(
    "--ignore",
    "ignore",
    multiple=True,
    metavar="CODES",
    help="Do not run these rules (codes or prefixes).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--config",
    "config_path",
    default=None,
    metavar="PYPROJECT",
    help="Read [tool.vtlgw] from this file instead of the closest pyproject.toml.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--api",
    type=click.Choice(["websocket", "rest"]),
    default=None,
    help="API kind of the templates (default: from configuration or comments).",
)
@click.option(
    "--route",
    default=None,
    metavar="ROUTE_KEY",
    help="WebSocket route key of the templates ($connect, $default, ...).",
)
@click.option(
    "--stdin-filename",
    default=None,
    metavar="NAME",
    help="Name to report (and match configuration against) for '-'.",
)
def command(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    exit_zero: bool,
    output_format: str,
    config_path: str | None,
    isolated: bool,
    api: str | None,
    route: str | None,
    stdin_filename: str | None,
) -> None:
    """Lint mapping templates: PATHS are .vtl/.vm files, folders, or '-' for stdin.

    \b
    Examples:
      vtlgw lint templates/
      vtlgw lint --select VTL2 --ignore VTL206 templates/connect.vtl
      vtlgw lint --format github templates/      (annotations in GitHub Actions)
      cat t.vtl | vtlgw lint --api websocket --route '$connect' -
    """
    from vtlgw.lint.config import LintConfig, find_config, load_config
    from vtlgw.lint.files import template_files
    from vtlgw.lint.linter import Linter
    from vtlgw.lint.registry import ALL_RULES
    from vtlgw.lint.report import REPORTERS
    from vtlgw.lint.selection import Selection, check_codes
    from vtlgw.lint.source import LintSource

    if route is not None and api == "rest":
        raise click.UsageError("--route is for WebSocket templates; drop it or use --api websocket")
    known = tuple(rule.code for rule in ALL_RULES)
    findings = []
    with exit_on_errors("lint"):
        config = LintConfig()
        if not isolated:
            found = Path(config_path) if config_path else find_config(Path.cwd())
            if found is not None:
                config = load_config(found, known)
        base = config.selection
        if select or extend_select or ignore:
            base = Selection(
                select=check_codes(_codes(select), known, where="--select")
                if select
                else base.select,
                extend_select=(
                    *base.extend_select,
                    *check_codes(_codes(extend_select), known, where="--extend-select"),
                ),
                ignore=(*base.ignore, *check_codes(_codes(ignore), known, where="--ignore")),
            )
        linter = Linter(base)
        targets = list(paths) or ["."]
        stdin = STDIN in targets
        files = template_files(tuple(p for p in targets if p != STDIN))
        if stdin:
            files.insert(targets.index(STDIN), STDIN)
        for path in files:
            name = (stdin_filename or display_name(path)) if path == STDIN else path
            text = read_text(path, "template")
            configured_api, configured_route = config.api_for(name)
            source = LintSource(
                text,
                name,
                api=api or configured_api,  # type: ignore[arg-type]
                route=route or configured_route,
            )
            findings.extend(linter.lint(source, selection=config.selection_for(name, base)))
    output = REPORTERS[output_format](findings, ALL_RULES)
    stream = binary_stream("stdout")
    stream.write(output.encode("utf-8"))
    stream.flush()
    raise click.exceptions.Exit(0 if exit_zero or not findings else 1)
