"""``vtlgw check``: run case files and report each failure with a diff.

Arguments are case files or directories (searched for ``*.vtlcase.yaml``). Every file is loaded
and validated before any case runs. Exit codes: 0 every case passed, 1 a case failed, 2 usage
or input errors: an invalid case file (named with the line and column, and what was expected
there), a missing file, or a directory with no case files.
"""

from __future__ import annotations

from pathlib import Path

import click

from vtlgw.cli.common import examples, exit_on_errors, format_option

CASE_GLOB = "*.vtlcase.yaml"


def collect(paths: tuple[str, ...]) -> list[Path]:
    """Case files named directly, and ``*.vtlcase.yaml`` files under named directories.

    A directory without any case file raises :class:`~vtlgw.errors.InputError`: checking it
    would check nothing.
    """
    from vtlgw.errors import InputError

    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.rglob(CASE_GLOB))
            if not found:
                message = f"no case files found under {raw}; expected files named {CASE_GLOB}"
                raise InputError(message, name=raw)
            files.extend(found)
        else:
            files.append(path)
    return files


@click.command(
    "check",
    epilog=examples(
        "vtlgw check fixtures/cases",
        "vtlgw check cases/connect.vtlcase.yaml --format json",
    ),
)
@click.argument("cases", nargs=-1, required=True, metavar="CASES...")
@format_option
@click.option("--traceback", "show_traceback", is_flag=True, help="Show Python tracebacks of bugs.")
def command(cases: tuple[str, ...], output_format: str, show_traceback: bool) -> None:
    """Run the cases in CASES (files, or directories of *.vtlcase.yaml)."""
    from vtlgw.cases.model import load_cases
    from vtlgw.cases.report import CASE_REPORTERS
    from vtlgw.cases.runner import CaseRunner

    runner = CaseRunner()
    with exit_on_errors("check", internal_errors=not show_traceback):
        files = collect(cases)
        loaded = [case for path in files for case in load_cases(path)]
        results = [runner.run(case) for case in loaded]
    click.echo(CASE_REPORTERS[output_format]().cases(results), nl=False)
    raise click.exceptions.Exit(0 if all(r.passed for r in results) else 1)
