"""What the subcommands share: option value types, stdin handling and error exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vtlgw.cli import cli
from vtlgw.cli.common import ContextPath, KeyValue, exit_on_errors, nested
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
