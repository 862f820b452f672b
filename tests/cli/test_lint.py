"""``vtlgw lint``: every option and format through the command group, exact outputs and codes.

Each test runs in its own empty folder (no configuration above it) and selects rules whose
messages are the linter core's (VTL1xx, VTL5xx), so what other rules say does not move these
tests; rules that depend on the API kind are checked by code and position only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from vtlgw.cli import cli

ROOT = Path(__file__).resolve().parents[2]
PARSE = "#parse cannot load another template on API Gateway (ref §5.1)"
INCLUDE = "#include cannot load another template on API Gateway (ref §5.1)"
UNCLOSED = (
    "expected '#end' closing #if, found the end of the template (the #if opened at 1:1 is still "
    "open)"
)
CLEAN = '{"stage": "$context.stage"}\n'
WRONG_API = '{"m": "$context.httpMethod"}\n'  # a REST-only variable (VTL202 on WebSocket)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["lint", *args], input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(name: str, text: str | bytes) -> str:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return name


# --- files, folders, exit codes --------------------------------------------------------------


def test_a_clean_template_passes() -> None:
    write("t.vtl", CLEAN)
    assert run("--select", "VTL1", "t.vtl") == (0, "All checks passed!\n", "")


def test_findings_print_in_ruffs_shape_and_exit_1() -> None:
    write("t.vtl", "#parse('a.vtl')\n#include('b.vtl')\n")
    assert run("--select", "VTL1", "t.vtl") == (
        1,
        f"t.vtl:1:1: VTL104 {PARSE}\nt.vtl:2:1: VTL104 {INCLUDE}\nFound 2 findings.\n",
        "",
    )


def test_exit_zero_keeps_the_report() -> None:
    write("t.vtl", "#parse('a.vtl')\n")
    assert run("--select", "VTL1", "--exit-zero", "t.vtl") == (
        0,
        f"t.vtl:1:1: VTL104 {PARSE}\nFound 1 finding.\n",
        "",
    )


def test_folders_are_searched_for_templates_in_order() -> None:
    write("tpl/b.vtl", "#parse('x')\n")
    write("tpl/a/UPPER.VTL", "#parse('x')\n")
    write("tpl/c.vm", "#parse('x')\n")
    write("tpl/notes.md", "#parse('x')\n")
    write("tpl/.hidden/h.vtl", "#parse('x')\n")
    write("tpl/node_modules/n.vtl", "#parse('x')\n")
    os.symlink(Path("tpl/b.vtl").resolve(), "tpl/link.vtl")
    code, out, err = run("--select", "VTL104", "tpl")
    assert (code, err) == (1, "")
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == [
        "tpl/a/UPPER.VTL",
        "tpl/b.vtl",
        "tpl/c.vm",
    ]


def test_without_paths_the_current_folder_is_linted() -> None:
    write("sub/t.vtl", "#parse('x')\n")
    assert run("--select", "VTL104") == (
        1,
        f"sub/t.vtl:1:1: VTL104 {PARSE}\nFound 1 finding.\n",
        "",
    )


def test_a_file_named_directly_is_linted_whatever_its_name_and_only_once() -> None:
    write("t.txt", "#parse('x')\n")
    code, out, _ = run("--select", "VTL104", "t.txt", "./t.txt", "t.txt")
    assert (code, out) == (1, f"t.txt:1:1: VTL104 {PARSE}\nFound 1 finding.\n")


def test_output_is_sorted_by_file_whatever_the_argument_order() -> None:
    write("b.vtl", "#parse('x')\n")
    write("a.vtl", "#parse('x')\n")
    _, out, _ = run("--select", "VTL104", "b.vtl", "a.vtl")
    assert out.splitlines()[:2] == [f"a.vtl:1:1: VTL104 {PARSE}", f"b.vtl:1:1: VTL104 {PARSE}"]


def test_many_files_give_the_same_report_as_one_at_a_time() -> None:
    for index in range(48):  # enough for two worker processes
        write(f"many/t{index:02d}.vtl", "#parse('x')\n" if index % 5 == 0 else CLEAN)
    write("many/bad.vtl", b"\xff")
    code, out, err = run("--select", "VTL1", "many")
    expected = [f"many/t{i:02d}.vtl:1:1: VTL104 {PARSE}" for i in range(0, 48, 5)]
    assert (code, out.splitlines()) == (
        2,
        [*expected, "Found 10 findings; 1 input could not be linted (reported on stderr)."],
    )
    assert err.startswith("many/bad.vtl:1:1: the template is not UTF-8 text")
    single = [run("--select", "VTL1", f"many/t{i:02d}.vtl")[1].splitlines()[0] for i in (0, 5)]
    assert single == expected[:2]
    # in worker processes (where fork exists and the machine has the cores): the same report
    assert run("--select", "VTL1", "--jobs", "2", "many") == (code, out, err)
    assert run("--select", "VTL1", "-j", "0", "many") == (code, out, err)
    code, _, err = run("--jobs", "-1", "many")
    assert (code, err.splitlines()[-1]) == (
        2,
        "Error: Invalid value for '-j' / '--jobs': -1 is not in the range x>=0.",
    )


def test_a_folder_without_templates_is_an_input_error() -> None:
    write("docs/readme.md", "x\n")
    assert run("docs") == (
        2,
        "Found 0 findings; 1 input could not be linted (reported on stderr).\n",
        "docs: no .vtl or .vm templates in this folder (hidden folders, symbolic links and "
        "__pycache__, build, cdk.out, dist, node_modules, venv are skipped); expected a folder "
        "holding templates, or template files\n",
    )


def test_a_missing_file_is_reported_and_the_others_still_linted() -> None:
    write("t.vtl", "#parse('x')\n")
    assert run("--select", "VTL1", "missing.vtl", "t.vtl") == (
        2,
        f"t.vtl:1:1: VTL104 {PARSE}\n"
        "Found 1 finding; 1 input could not be linted (reported on stderr).\n",
        "missing.vtl: no such file or folder\n",
    )


def test_input_errors_exit_2_even_with_exit_zero() -> None:
    assert run("--exit-zero", "missing.vtl")[0] == 2


def test_a_file_that_is_not_utf8_names_the_line_and_column() -> None:
    write("t.vtl", b'{"a": 1,\n "b": "caf\xe9"}\n')
    assert run("t.vtl") == (
        2,
        "Found 0 findings; 1 input could not be linted (reported on stderr).\n",
        "t.vtl:2:11: the template is not UTF-8 text: byte 0xe9 here is not UTF-8; API Gateway "
        'stores mapping templates as UTF-8, so save the file as UTF-8\n "b": "caf\ufffd"}\n'
        "          ^\n",
    )


def test_a_byte_order_mark_is_dropped() -> None:
    write("t.vtl", b"\xef\xbb\xbf#parse('x')\n")
    assert run("--select", "VTL104", "t.vtl")[1].startswith("t.vtl:1:1: VTL104 ")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_file_that_never_ends_is_refused_after_a_bounded_read() -> None:
    code, _, err = run("/dev/zero")
    assert (code, err) == (
        2,
        "/dev/zero: the template is larger than 8,388,608 bytes, far over API Gateway's 300 KB "
        "limit for a mapping template; not linted\n",
    )


def test_a_malformed_vtlgw_comment_is_an_input_error_for_that_file_only() -> None:
    write("a.vtl", "{} #* vtlgw: api=grpc *#\n")
    write("b.vtl", "#parse('x')\n")
    assert run("--select", "VTL1", "a.vtl", "b.vtl") == (
        2,
        f"b.vtl:1:1: VTL104 {PARSE}\n"
        "Found 1 finding; 1 input could not be linted (reported on stderr).\n",
        "a.vtl:1:14: the template declares api='grpc'; expected api=websocket or api=rest\n"
        "{} #* vtlgw: api=grpc *#\n"
        "             ^\n",
    )


def test_a_bug_in_a_rule_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    from vtlgw.lint.rules.syntax import LoaderDirective

    def broken(self: LoaderDirective, node: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(LoaderDirective, "visit_Parse", broken)
    write("a.vtl", "#parse('x')\n")
    write("b.vtl", "#include('x')\n")
    assert run("--select", "VTL104", "a.vtl", "b.vtl") == (
        2,
        f"b.vtl:1:1: VTL104 {INCLUDE}\n"
        "Found 1 finding; 1 input could not be linted (reported on stderr).\n",
        "a.vtl: internal error while linting: RuntimeError: boom (this is a vtlgw bug; "
        "--traceback shows where)\n",
    )
    with pytest.raises(RuntimeError, match="boom"):
        run("--select", "VTL104", "--traceback", "a.vtl")


# --- stdin -----------------------------------------------------------------------------------


def test_stdin() -> None:
    assert run("--select", "VTL1", "-", stdin="#if(true)\n") == (
        1,
        f"<stdin>:1:1: VTL101 {UNCLOSED}\nFound 1 finding.\n",
        "",
    )
    code, out, _ = run("--select", "VTL1", "--stdin-filename", "ws/x.vtl", "-", stdin="#if(\n")
    assert (code, out.split(": ")[0]) == (1, "ws/x.vtl:1:1")


def test_stdin_is_strict_too() -> None:
    assert run("-", stdin=b"\xff")[0] == 2
    err = run("-", stdin=b"\xff")[2]
    assert err.startswith("<stdin>:1:1: the template is not UTF-8 text: byte 0xff here")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-", "-"], "'-' (stdin) can be given once"),
        (
            ["--stdin-filename", "x.vtl", "t.vtl"],
            "--stdin-filename names the template read from '-'; add '-'",
        ),
    ],
)
def test_stdin_usage_errors(args: list[str], message: str) -> None:
    write("t.vtl", CLEAN)
    code, out, err = run(*args, stdin="")
    assert (code, out) == (2, "")
    assert err.endswith(f"\nError: {message}\n")


# --- selection -------------------------------------------------------------------------------


def test_select_ignore_and_extend_select_take_lists_and_prefixes() -> None:
    write("t.vtl", "#parse('x')\n#macro(m)x#end\n")
    codes = ["VTL102", "VTL104"]
    _, out, _ = run("--select", "VTL102,VTL104", "--ignore", "vtl102", "t.vtl")
    assert out == f"t.vtl:1:1: VTL104 {PARSE}\nFound 1 finding.\n"
    _, out, _ = run("--select", "VTL104", "--extend-select", "VTL102", "t.vtl")
    assert sorted(line.split(" ")[1] for line in out.splitlines()[:-1]) == codes
    _, out, _ = run("--select", "VTL1", "--ignore", "VTL102", "--ignore", "VTL104", "t.vtl")
    assert out == "All checks passed!\n"
    _, out, _ = run("--select", "VTL10", "t.vtl")  # a prefix
    assert sorted(line.split(" ")[1] for line in out.splitlines()[:-1]) == codes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--select", "VTL9"],
            "--select: unknown rule code or prefix 'VTL9' (did you mean 'VTL209'?); expected VTL "
            "followed by up to three digits of an existing rule (`vtlgw rules` lists them)\n",
        ),
        (
            ["--ignore", "E501"],
            "--ignore: unknown rule code or prefix 'E501'; expected VTL followed by up to three "
            "digits of an existing rule (`vtlgw rules` lists them)\n",
        ),
    ],
)
def test_unknown_codes_exit_2(args: list[str], message: str) -> None:
    write("t.vtl", CLEAN)
    assert run(*args, "t.vtl") == (2, "", message)


def test_a_selection_that_runs_nothing_is_a_usage_error() -> None:
    write("t.vtl", CLEAN)
    code, out, err = run("--ignore", "VTL", "t.vtl")
    assert (code, out) == (2, "")
    assert err.endswith(
        "Error: no rule is selected: the selection and the --select/--ignore options leave "
        "nothing to run\n"
    )
    code, _, err = run("--select", "", "t.vtl")
    assert (code, err.splitlines()[-1]) == (
        2,
        "Error: Invalid value for '--select': no rule code given",
    )


# --- API kind and route ----------------------------------------------------------------------


def test_the_api_kind_comes_from_the_options() -> None:
    write("m.vtl", WRONG_API)
    assert run("--select", "VTL202", "m.vtl")[0] == 0  # unknown API: the rule stays quiet
    assert run("--select", "VTL202", "--api", "rest", "m.vtl")[0] == 0
    code, out, _ = run("--select", "VTL202", "--api", "websocket", "m.vtl")
    assert (code, out.split(" ")[:2]) == (1, ["m.vtl:1:8:", "VTL202"])
    code, out, _ = run("--select", "VTL202", "--route", "$connect", "m.vtl")  # implies websocket
    assert (code, out.split(" ")[:2]) == (1, ["m.vtl:1:8:", "VTL202"])


def test_the_declaration_in_the_template_wins_over_the_options() -> None:
    write("m.vtl", "#* vtlgw: api=rest *#\n" + WRONG_API)
    assert run("--select", "VTL202", "--api", "websocket", "m.vtl")[0] == 0
    write("w.vtl", "#* vtlgw: route=$default *#\n" + WRONG_API)
    assert run("--select", "VTL202", "w.vtl")[1].startswith("w.vtl:2:8: VTL202 ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--api", "rest", "--route", "$connect"],
            "Error: --route is for WebSocket templates; drop it or use --api websocket",
        ),
        (
            ["--route", " "],
            "Error: Invalid value for '--route': expected a route key such as $connect",
        ),
        (
            ["--api", "grpc"],
            "Error: Invalid value for '--api': 'grpc' is not one of 'websocket', 'rest'.",
        ),
    ],
)
def test_api_usage_errors(args: list[str], message: str) -> None:
    write("t.vtl", CLEAN)
    code, out, err = run(*args, "t.vtl")
    assert (code, out, err.splitlines()[-1]) == (2, "", message)


# --- configuration ---------------------------------------------------------------------------

CONFIG = """\
[tool.vtlgw]
select = ["VTL1", "VTL202"]
ignore = ["VTL101"]

[tool.vtlgw.per-file-ignores]
'legacy\\*.vtl' = ["VTL104"]

[tool.vtlgw.per-file-api]
"ws/**" = { route = "$default" }
"""


def test_the_closest_configuration_is_used() -> None:
    write("pyproject.toml", CONFIG)
    write("legacy/old.vtl", "#parse('x')\n#if(true)\n")
    write("legacy/deeper/old.vtl", "#parse('x')\n")
    write("ws/m.vtl", WRONG_API)
    write("rest/m.vtl", WRONG_API + "#parse('x')\n")
    code, out, err = run()
    assert (code, err) == (1, "")
    assert [line.split(" ")[:2] for line in out.splitlines()] == [
        ["legacy/deeper/old.vtl:1:1:", "VTL104"],  # the glob's * does not cross folders
        ["rest/m.vtl:2:1:", "VTL104"],
        ["ws/m.vtl:1:8:", "VTL202"],  # per-file-api: a WebSocket message route
        ["Found", "3"],
    ]
    os.chdir("ws")  # configuration above the working directory; globs stay relative to it
    assert run()[1].startswith("m.vtl:1:8: VTL202 ")


def test_the_command_line_select_replaces_the_configured_selection() -> None:
    write("pyproject.toml", CONFIG)
    write("t.vtl", "#if(true)\n")
    assert run("t.vtl") == (0, "All checks passed!\n", "")  # VTL101 is ignored there
    assert run("--select", "VTL101", "t.vtl") == (
        1,
        f"t.vtl:1:1: VTL101 {UNCLOSED}\nFound 1 finding.\n",
        "",
    )
    assert run("--extend-select", "VTL101", "t.vtl")[0] == 1


def test_per_file_configuration_applies_to_stdin_with_a_filename() -> None:
    write("pyproject.toml", CONFIG)
    assert run("--stdin-filename", "legacy/x.vtl", "-", stdin="#parse('x')\n")[0] == 0
    assert run("-", stdin="#parse('x')\n")[0] == 1
    code, out, _ = run("--stdin-filename", "ws/x.vtl", "-", stdin=WRONG_API)
    assert (code, out.split(" ")[0]) == (1, "ws/x.vtl:1:8:")


def test_config_and_isolated() -> None:
    write("conf/pyproject.toml", '[tool.vtlgw]\nselect = ["VTL102"]\n')
    write("pyproject.toml", '[tool.vtlgw]\nselect = ["VTL104"]\n')
    write("t.vtl", "#parse('x')\n#macro(m)x#end\n")
    assert run("t.vtl")[1].split(" ")[1] == "VTL104"
    assert run("--config", "conf/pyproject.toml", "t.vtl")[1].split(" ")[1] == "VTL102"
    _, out, _ = run("--isolated", "--select", "VTL1", "t.vtl")
    assert [line.split(" ")[1] for line in out.splitlines()[:-1]] == ["VTL104", "VTL102"]
    code, out, err = run("--config", "conf/pyproject.toml", "--isolated", "t.vtl")
    assert (code, err.splitlines()[-1]) == (2, "Error: give --config or --isolated, not both")
    assert run("--config", "nope.toml", "t.vtl") == (
        2,
        "",
        "nope.toml: no such configuration file\n",
    )


def test_a_broken_configuration_exits_2_with_its_position() -> None:
    write("pyproject.toml", '[tool.vtlgw]\nselect = ["VTL1",\n  "VTL9"]\n')
    write("t.vtl", CLEAN)
    assert run("t.vtl") == (
        2,
        "",
        f"{Path.cwd() / 'pyproject.toml'}:3:3: [tool.vtlgw] select: unknown rule code or prefix "
        "'VTL9' (did you mean 'VTL209'?); expected VTL followed by up to three digits of an "
        'existing rule (`vtlgw rules` lists them)\n  "VTL9"]\n  ^\n',
    )
    write("pyproject.toml", "[tool.vtlgw]\nselect = [\n")
    code, out, err = run("t.vtl")
    assert (code, out) == (2, "")
    assert err.startswith(f"{Path.cwd() / 'pyproject.toml'}:3:1: not valid TOML: ")


def test_a_configuration_that_selects_nothing_is_named() -> None:
    write("pyproject.toml", "[tool.vtlgw]\nselect = []\n")
    write("t.vtl", CLEAN)
    code, _, err = run("t.vtl")
    assert (code, err.splitlines()[-1]) == (
        2,
        f"Error: no rule is selected: the selection in {Path.cwd() / 'pyproject.toml'} and the "
        "--select/--ignore options leave nothing to run",
    )


# --- formats ---------------------------------------------------------------------------------


def test_json_format() -> None:
    write("t.vtl", "#parse('x')\n")
    code, out, _ = run("--select", "VTL104", "--format", "json", "t.vtl")
    assert code == 1
    assert json.loads(out) == [
        {
            "code": "VTL104",
            "rule": "include-not-supported",
            "message": PARSE,
            "severity": "error",
            "path": "t.vtl",
            "line": 1,
            "column": 1,
            "end_line": 1,
            "end_column": 7,
            "host_path": None,
        }
    ]
    write("c.vtl", CLEAN)
    assert run("--select", "VTL1", "--format", "json", "c.vtl") == (0, "[]\n", "")


def test_github_format() -> None:
    write("a,b:c.vtl", "#parse('x')\n")
    assert run("--select", "VTL104", "--format", "github", "a,b:c.vtl") == (
        1,
        "::error file=a%2Cb%3Ac.vtl,line=1,col=1,endLine=1,endColumn=7,title=VTL104 "
        f"include-not-supported::{PARSE}\n",
        "",
    )


def test_sarif_format() -> None:
    write("t.vtl", "#parse('x')\n")
    code, out, _ = run("--select", "VTL104", "--format", "sarif", "t.vtl", "missing.vtl")
    assert code == 2
    document = json.loads(out)
    run_ = document["runs"][0]
    assert document["version"] == "2.1.0"
    assert [r["ruleId"] for r in run_["results"]] == ["VTL104"]
    assert run_["invocations"] == [{"executionSuccessful": False}]


def test_the_repository_templates_are_clean() -> None:
    os.chdir(ROOT)
    code, out, err = run("--isolated", "templates", "fixtures/integrations/templates")
    assert (code, out, err) == (0, "All checks passed!\n", "")
