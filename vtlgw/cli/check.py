"""``vtlgw check``: run case files and report each failure with a diff.

Arguments are case files or directories (searched for ``*.vtlcase.yaml``). Exit codes: 0 every
case passed, 1 a case failed, 2 usage or input errors (an invalid case file names the file,
the line and column, and what was expected there).
"""

from __future__ import annotations

from pathlib import Path

import click

from vtlgw.cli.common import exit_on_errors, format_option


def collect(paths: tuple[str, ...]) -> list[Path]:
    """Case files named directly, and ``*.vtlcase.yaml`` files under named directories."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(path.rglob("*.vtlcase.yaml")))
        else:
            files.append(path)
    return files


@click.command("check")
@click.argument("cases", nargs=-1, required=True, metavar="CASES...")
@format_option
def command(cases: tuple[str, ...], output_format: str) -> None:
    """Run the cases in CASES (files, or directories of *.vtlcase.yaml)."""
    from vtlgw.cases.model import load_cases
    from vtlgw.cases.report import CASE_REPORTERS
    from vtlgw.cases.runner import CaseRunner

    files = collect(cases)
    if not files:
        raise click.UsageError("no case files found")
    runner = CaseRunner()
    with exit_on_errors("check"):
        loaded = [case for path in files for case in load_cases(path)]
        results = [runner.run(case) for case in loaded]
    click.echo(CASE_REPORTERS[output_format]().cases(results), nl=False)
    raise click.exceptions.Exit(0 if all(r.passed for r in results) else 1)
