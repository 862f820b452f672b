"""The ``vtlgw`` command line: a click group whose subcommands load only when used.

Each subcommand lives in its own module (``vtlgw/cli/<name>.py``) exposing a click command
called ``command``; importing the group stays cheap, so ``vtlgw render`` does not pay for
what ``vtlgw validate`` needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import click

# name -> module under vtlgw.cli holding a click command named ``command``
SUBCOMMANDS: dict[str, str] = {}
SUBCOMMANDS["render"] = "render"
SUBCOMMANDS["event"] = "event"
SUBCOMMANDS["validate"] = "validate"
SUBCOMMANDS["simulate"] = "simulate"
SUBCOMMANDS["check"] = "check"


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


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vtlgw")
def cli() -> None:
    """Render, validate and check AWS API Gateway VTL mapping templates offline."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 1 findings or render errors, 2 usage)."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None, prog_name="vtlgw", standalone_mode=True
        )
    except SystemExit as exc:
        code = exc.code
        if isinstance(code, int):
            return code
        return 0 if code is None else 1
    return 0
