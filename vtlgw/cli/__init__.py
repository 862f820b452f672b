"""The ``vtlgw`` command line: a click group whose subcommands load only when used.

Each subcommand lives in its own module (``vtlgw/cli/<name>.py``) exposing a click command
called ``command``; importing the group stays cheap, so ``vtlgw render`` does not pay for
what ``vtlgw validate`` needs.

The group also owns what every command shares at the edge: a failed write to stdout (a full
disk, a closed pipe), in any command or in ``--help``, ends as one line on stderr and exit
code 2, or silently with 141 when the reader closed the pipe (see
:func:`vtlgw.cli.common.output_failure`), never as a traceback.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

import click

from vtlgw.cli.common import examples, is_output_failure, output_failure

# name -> module under vtlgw.cli holding a click command named ``command``
SUBCOMMANDS = MappingProxyType(
    {
        "render": "render",
        "event": "event",
        "validate": "validate",
        "simulate": "simulate",
        "check": "check",
        "lint": "lint",
        "rules": "rules",
        "templates": "templates",
    }
)


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = SUBCOMMANDS.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"vtlgw.cli.{module_name}")
        command = module.command
        assert isinstance(command, click.Command)
        return command

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Parse the group's own options; ``--help`` and ``--version`` print from here."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except OSError as exc:
            if not is_output_failure(exc):
                raise
            raise click.exceptions.Exit(output_failure(exc)) from None

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand (its ``--help`` too); a failed write to stdout exits cleanly."""
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if not is_output_failure(exc):
                raise
            raise click.exceptions.Exit(output_failure(exc)) from None


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=examples(
        "vtlgw event connect --seed 1 > event.json",
        "vtlgw render templates/connect.vtl --event event.json",
        "vtlgw validate templates/connect.vtl --event event.json",
        "vtlgw templates template.yaml",
    ),
)
@click.version_option(package_name="vtlgw")
def cli() -> None:
    """Render, validate and check AWS API Gateway VTL mapping templates offline."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 1 findings or render errors, 2 usage).

    Output still buffered when the command ends is flushed here, so a write that fails only
    then is reported like any other failed write (see :func:`~vtlgw.cli.common.output_failure`).
    """
    try:
        try:
            cli.main(
                args=list(argv) if argv is not None else None,
                prog_name="vtlgw",
                standalone_mode=True,
            )
        except SystemExit as exc:
            code = exc.code
            result = code if isinstance(code, int) else 0 if code is None else 1
        else:
            result = 0
        sys.stdout.flush()
    except OSError as exc:
        if not is_output_failure(exc):
            raise
        return output_failure(exc)
    return result
