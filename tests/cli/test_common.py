"""What the subcommands share: option value types, stdin, exit codes, help, failed writes."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vtlgw.cli import SUBCOMMANDS, cli, main
from vtlgw.cli.common import (
    BROKEN_PIPE_EXIT,
    ContextPath,
    KeyValue,
    exit_on_errors,
    is_output_failure,
    nested,
)
from vtlgw.errors import InputError, TemplateRuntimeError

ROOT = Path(__file__).resolve().parents[2]
CONNECT_EVENT = str(ROOT / "fixtures/events/connect.json")


def invoke(*args: str, stdin: str | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


@pytest.mark.parametrize("command", ["render", "validate"])
@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--stage-var", "novalue", "Invalid value for '--stage-var': expected NAME=VALUE"),
        ("--stage-var", "=x", "Invalid value for '--stage-var': expected NAME=VALUE"),
        ("--context", "a..b=1", "Invalid value for '--context': empty name in 'a..b'"),
        ("--context", "x", "Invalid value for '--context': expected PATH=VALUE"),
    ],
)
def test_bad_assignments_are_usage_errors_naming_the_option(
    tmp_path: Path, command: str, option: str, value: str, message: str
) -> None:
    template = tmp_path / "t.vtl"
    template.write_text("x", "utf-8")
    result = invoke(command, str(template), "-e", CONNECT_EVENT, option, value)
    assert result.exit_code == 2
    assert message in result.stderr


def test_simulate_and_event_report_bad_assignments_the_same_way() -> None:
    result = invoke("simulate", "-i", "x.yaml", "-e", CONNECT_EVENT, "--stage-var", "nope")
    assert result.exit_code == 2
    assert "Invalid value for '--stage-var': expected NAME=VALUE, got 'nope'" in result.stderr
    result = invoke("event", "rest", "--path-param", "id")
    assert result.exit_code == 2
    assert "Invalid value for '--path-param': expected NAME=VALUE, got 'id'" in result.stderr
    result = invoke("event", "rest", "-H", " : v")
    assert result.exit_code == 2
    assert "expected 'Name: value', got ' : v'" in result.stderr


def test_key_value_types_split_at_the_first_separator() -> None:
    assert KeyValue().convert("a=b=c", None, None) == ("a", "b=c")
    assert KeyValue(":", strip=True).convert(" X-Id :  7 ", None, None) == ("X-Id", "7")
    assert ContextPath().convert("identity.sourceIp=1.2.3.4", None, None) == (
        ("identity", "sourceIp"),
        "1.2.3.4",
    )


def test_nested_builds_one_mapping_and_reads_json_scalars() -> None:
    pairs = (
        (("identity", "sourceIp"), "1.2.3.4"),
        (("identity", "caller"), "u"),
        (("requestTimeEpoch",), "5"),
        (("flag",), "true"),
        (("name",), '"quoted"'),
    )
    assert nested(pairs) == {
        "identity": {"sourceIp": "1.2.3.4", "caller": "u"},
        "requestTimeEpoch": 5,
        "flag": True,
        "name": '"quoted"',
    }


def test_validate_reads_the_event_from_stdin_and_the_body_from_a_file(tmp_path: Path) -> None:
    template = tmp_path / "t.vtl"
    template.write_text("$input.body|$context.eventType", "utf-8")
    body = tmp_path / "body.txt"
    body.write_text("frame", "utf-8")
    event = Path(CONNECT_EVENT).read_text("utf-8")
    result = invoke(
        "validate",
        str(template),
        "-e",
        "-",
        "--body-file",
        str(body),
        "--content-type",
        "text/plain",
        "--format",
        "json",
        stdin=event,
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["outputs"][0]["output"] == "frame|CONNECT"


def test_validate_refuses_two_stdin_inputs_and_two_bodies(tmp_path: Path) -> None:
    assert invoke("validate", "-", "-e", "-", stdin="{}").exit_code == 2
    template = tmp_path / "t.vtl"
    template.write_text("x", "utf-8")
    result = invoke(
        "validate", str(template), "-e", CONNECT_EVENT, "--body", "a", "--body-file", "b"
    )
    assert result.exit_code == 2
    assert "give --body or --body-file, not both" in result.stderr


def _exit_code(error: Exception, **options: bool) -> tuple[int, str]:
    @click.command()
    def probe() -> None:
        with exit_on_errors("t.vtl", **options):
            raise error

    result = CliRunner().invoke(probe, [], catch_exceptions=False)
    return result.exit_code, result.stderr


def test_exit_on_errors_maps_input_2_template_1_and_reports_bugs_on_request() -> None:
    assert _exit_code(InputError("bad event", name="e.json")) == (2, "e.json: bad event\n")
    code, err = _exit_code(TemplateRuntimeError("boom", name="t.vtl", line=1, column=2))
    assert code == 1 and err.startswith("t.vtl:1:2: boom")
    assert _exit_code(KeyError("k"), internal_errors=True) == (
        2,
        "t.vtl: internal error: KeyError: 'k' (this is a vtlgw bug; --traceback shows where)\n",
    )
    with pytest.raises(KeyError):
        _exit_code(KeyError("k"))


def test_shared_options_read_the_same_in_every_command() -> None:
    from vtlgw.cli import render, simulate, validate

    def options(command: click.Command) -> dict[str, tuple[object, ...]]:
        return {
            param.name or "": (tuple(param.opts), param.metavar, getattr(param, "help", None))
            for param in command.params
            if isinstance(param, click.Option)
        }

    rendered, validated, simulated = (options(m.command) for m in (render, validate, simulate))
    for name in ("event_path", "stage_vars", "context_sets", "body", "body_file", "api"):
        assert rendered[name] == validated[name]
    for name in ("event_path", "stage_vars", "context_sets"):
        assert simulated[name] == rendered[name]
    assert simulated["output_format"] == validated["output_format"]


# --- every command: help, bad option values, and failed writes to stdout --------------------

TEMPLATE = str(ROOT / "templates/connect.vtl")
# one successful run of each command, printing something on stdout
RUNS = {
    "render": ["render", TEMPLATE, "-e", CONNECT_EVENT],
    "event": ["event", "rest", "--seed", "1"],
    "validate": ["validate", TEMPLATE, "-e", CONNECT_EVENT, "--content-type", "text/plain"],
    "simulate": [
        "simulate",
        "-i",
        str(ROOT / "fixtures/integrations/ws-connect-proxy.yaml"),
        "-e",
        CONNECT_EVENT,
    ],
    "check": ["check", str(ROOT / "fixtures/cases/connect-template.vtlcase.yaml")],
    "lint": ["lint", "--isolated", TEMPLATE],
    "rules": ["rules"],
    "templates": ["templates", str(ROOT / "fixtures/iac/openapi/api.yaml")],
}
# a bad value for one option of each command, and the option click must name
BAD_VALUES = {
    "render": (["render", TEMPLATE, "-e", CONNECT_EVENT, "--flavor", "jinja"], "--flavor"),
    "event": (["event", "rest", "--seed", "abc"], "--seed"),
    "validate": (["validate", TEMPLATE, "-e", CONNECT_EVENT, "--format", "xml"], "--format"),
    "simulate": (["simulate", "-i", "x.yaml", "-e", CONNECT_EVENT, "--format", "xml"], "--format"),
    "check": (["check", "x.vtlcase.yaml", "--format", "xml"], "--format"),
    "lint": (["lint", TEMPLATE, "--format", "xml"], "--format"),
    "rules": (["rules", "--format", "xml"], "--format"),
    "templates": (["templates", "--format", "xml"], "--format"),
}


def test_the_tables_cover_every_subcommand() -> None:
    assert set(RUNS) == set(BAD_VALUES) == set(SUBCOMMANDS)


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_every_command_answers_help_with_an_example(name: str) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: cli {name} [OPTIONS]")
    command = cli.get_command(click.Context(cli), name)
    assert command is not None and command.help
    summary = command.help.split("\n\n", 1)[0]
    assert " ".join(summary.split()) in " ".join(result.stdout.split())
    block = result.stdout.split("\n  Examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert block and all(line.startswith("    ") and "vtlgw " in line for line in block)
    assert any(line.startswith(f"    vtlgw {name}") for line in block)


def test_the_group_help_lists_every_command_and_examples() -> None:
    result = invoke("-h")
    assert result.exit_code == 0
    for name in SUBCOMMANDS:
        assert f"\n  {name} " in result.stdout
    assert "\n  Examples:\n    vtlgw event connect --seed 1 > event.json\n" in result.stdout


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
def test_a_bad_option_value_exits_2_naming_the_option(name: str) -> None:
    args, option = BAD_VALUES[name]
    result = invoke(*args)
    assert result.exit_code == 2
    assert f"Error: Invalid value for '{option}': " in result.stderr
    assert "Traceback" not in result.stderr


def _main_writing_to(descriptor: int, args: list[str]) -> tuple[int, str]:
    """Run ``vtlgw.cli.main`` with stdout on ``descriptor``; its exit code and stderr."""
    errors = io.StringIO()
    stdout = io.TextIOWrapper(io.FileIO(descriptor, "w"), encoding="utf-8")
    with stdout, contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(errors):
        code = main(args)
    return code, errors.getvalue()


needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")


@needs_dev_full
@pytest.mark.parametrize("name", [*sorted(RUNS), "--help", "--version"])
def test_a_full_disk_is_one_line_and_exit_2_in_every_command(name: str) -> None:
    args = RUNS.get(name, [name])
    code, errors = _main_writing_to(os.open("/dev/full", os.O_WRONLY), args)
    assert (code, errors) == (2, "vtlgw: cannot write the output: No space left on device\n")


@pytest.mark.parametrize("name", sorted(RUNS))
def test_a_closed_pipe_ends_quietly_with_141(name: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    assert _main_writing_to(write_end, RUNS[name]) == (BROKEN_PIPE_EXIT, "")


def test_only_stream_errors_count_as_output_failures() -> None:
    assert is_output_failure(OSError(errno.ENOSPC, "No space left on device"))
    assert not is_output_failure(OSError(errno.ENOENT, "No such file", "t.vtl"))
    assert not is_output_failure(OSError("no errno"))


@needs_dev_full
def test_real_processes_on_a_full_disk_and_a_closed_pipe() -> None:
    # the interpreter's own last flush must not fail again after the command reported it
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "vtlgw", "event", "rest", "--seed", "1"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=60,
        )
    assert (done.returncode, done.stderr) == (
        2,
        "vtlgw: cannot write the output: No space left on device\n",
    )
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "wb") as closed:
        done = subprocess.run(
            [sys.executable, "-m", "vtlgw", "render", TEMPLATE, "-e", CONNECT_EVENT],
            stdout=closed,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=60,
        )
    assert (done.returncode, done.stderr) == (BROKEN_PIPE_EXIT, "")
