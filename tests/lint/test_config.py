"""``[tool.vtlgw]``: loading, strictness with positions, finding the file, and path globs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vtlgw.errors import InputError
from vtlgw.lint.config import LintConfig, find_config, load_config
from vtlgw.lint.globs import compile_glob
from vtlgw.lint.selection import Selection

KNOWN = ("VTL101", "VTL104", "VTL201", "VTL214", "VTL501", "VTL502")

FULL = """\
[project]
name = "api"

[tool.vtlgw]
select = ["VTL1", "vtl2"]
extend-select = ["VTL214"]
ignore = ["VTL201"]

[tool.vtlgw.per-file-ignores]
"legacy/*.vtl" = ["VTL1"]
"*.vm" = ["VTL214"]

[tool.vtlgw.per-file-api]
"ws/**" = { api = "websocket" }
"ws/connect*.vtl" = { api = "websocket", route = "$connect" }
"ws/on-message.vtl" = { route = "sendMessage" }
'rest\\' = { api = "rest" }
"""


def write(folder: Path, text: str, name: str = "pyproject.toml") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def load(tmp_path: Path, text: str) -> LintConfig:
    return load_config(write(tmp_path, text), KNOWN)


def error(tmp_path: Path, text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        load(tmp_path, text)
    return caught.value


def test_a_full_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load(tmp_path, FULL)
    assert config.root == tmp_path
    assert config.selection == Selection(
        select=("VTL1", "VTL2"), extend_select=("VTL214",), ignore=("VTL201",)
    )
    on = [c for c in KNOWN if config.selection.enabled(c, default=c != "VTL214")]
    assert on == ["VTL101", "VTL104", "VTL214"]
    legacy = config.selection_for("legacy/old.vtl")
    assert [c for c in KNOWN if legacy.enabled(c, default=True)] == ["VTL214"]
    assert config.selection_for("legacy/deeper/old.vtl") is config.selection  # * stops at /
    assert config.api_for("ws/connect.vtl") == ("websocket", "$connect")  # the last glob wins
    assert config.api_for("ws/x/disconnect.vtl") == ("websocket", None)
    assert config.api_for("ws/on-message.vtl") == ("websocket", "sendMessage")  # route alone
    assert config.api_for("rest/a/b.vtl") == ("rest", None)  # a Windows-style folder glob
    assert config.api_for("other.vtl") == (None, None)


def test_a_file_without_the_table_named_explicitly_is_an_error(tmp_path: Path) -> None:
    failure = error(tmp_path, "[project]\nname = 'x'\n")
    assert str(failure) == (
        f"{tmp_path / 'pyproject.toml'}: this file has no [tool.vtlgw] table; expected the "
        "linter's settings there (docs/lint.md)"
    )


def test_bad_toml_points_at_the_line_and_column(tmp_path: Path) -> None:
    failure = error(tmp_path, '[tool.vtlgw]\nselect = ["VTL1"\nignore = []\n')
    assert (failure.line, failure.column) == (3, 1)
    assert failure.message.startswith("not valid TOML: ")
    assert "(at line" not in failure.message
    assert failure.excerpt == "ignore = []\n^"


def test_an_unknown_key_is_named_with_a_hint_and_its_line(tmp_path: Path) -> None:
    failure = error(tmp_path, '[tool.vtlgw]\nselect = ["VTL1"]\n  extnd-select = ["VTL214"]\n')
    assert str(failure) == (
        f"{tmp_path / 'pyproject.toml'}:3:3: [tool.vtlgw] unknown key 'extnd-select' (did you "
        "mean 'extend-select'?); expected one of select, extend-select, ignore, "
        "per-file-ignores, per-file-api\n"
        '  extnd-select = ["VTL214"]\n'
        "  ^"
    )


def test_an_unknown_code_in_a_multi_line_list_points_at_the_code(tmp_path: Path) -> None:
    text = '[tool.vtlgw]\nignore = [\n  "VTL201",\n  "VTL2O1",\n]\n'
    failure = error(tmp_path, text)
    assert (failure.line, failure.column) == (4, 3)
    assert failure.message == (
        "[tool.vtlgw] ignore: unknown rule code or prefix 'VTL2O1' (did you mean 'VTL201'?); "
        "expected VTL followed by up to three digits of an existing rule (`vtlgw rules` lists "
        "them)"
    )


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        (
            '[tool.vtlgw]\nselect = "VTL1"\n',
            (2, 1),
            "[tool.vtlgw] select: expected a list of rule codes, found a string ('VTL1'); write "
            'select = ["VTL1"]',
        ),
        (
            '[tool.vtlgw]\nignore = ["VTL1", 501]\n',
            (2, 1),
            "[tool.vtlgw] ignore: expected rule codes (strings), found a number (501) at index 1",
        ),
        (
            "[tool]\nvtlgw = 1\n",
            (2, 1),
            "[tool.vtlgw] must be a table, found a number (1)",
        ),
        (
            '[tool.vtlgw]\nper-file-ignores = ["x"]\n',
            (2, 1),
            "[tool.vtlgw] per-file-ignores: expected a table of globs, found a list",
        ),
        (
            '[tool.vtlgw.per-file-ignores]\n"" = ["VTL1"]\n',
            (1, 1),
            "[tool.vtlgw] per-file-ignores: an empty glob matches no file",
        ),
        (
            '[tool.vtlgw.per-file-ignores]\n"a/*.vtl" = ["VTL7"]\n',
            (2, 14),
            "[tool.vtlgw] per-file-ignores.a/*.vtl: unknown rule code or prefix 'VTL7'; "
            "expected VTL followed by up to three digits of an existing rule (`vtlgw rules` "
            "lists them)",
        ),
        (
            '[tool.vtlgw.per-file-api]\n"ws/*" = { api = "grpc" }\n',
            (2, 1),
            '[tool.vtlgw] per-file-api.\'ws/*\': api must be "websocket" or "rest", found a '
            "string ('grpc')",
        ),
        (
            '[tool.vtlgw.per-file-api]\n"ws/*" = { api = "websocket", rout = "$connect" }\n',
            (2, 1),
            "[tool.vtlgw] per-file-api.'ws/*': unknown key 'rout' (did you mean 'route'?); "
            "expected api and route",
        ),
        (
            '[tool.vtlgw.per-file-api]\n"r/*" = { api = "rest", route = "$connect" }\n',
            (2, 1),
            "[tool.vtlgw] per-file-api.'r/*': a route belongs to a WebSocket API, not api = "
            '"rest"; drop route or write api = "websocket"',
        ),
        (
            '[tool.vtlgw.per-file-api]\n"ws/*" = { route = "" }\n',
            (2, 1),
            "[tool.vtlgw] per-file-api.'ws/*': route must be a WebSocket route key such as "
            "\"$connect\", found a string ('')",
        ),
        (
            '[tool.vtlgw.per-file-api]\n"ws/*" = "websocket"\n',
            (2, 1),
            "[tool.vtlgw] per-file-api.'ws/*': expected { api = \"websocket\", route = "
            "\"$connect\" }, found a string ('websocket')",
        ),
        (
            '[tool.vtlgw.per-file-api]\n"ws/*" = {}\n',
            (2, 1),
            "[tool.vtlgw] per-file-api.'ws/*': give api, route or both",
        ),
    ],
)
def test_every_mistake_says_what_was_found_and_where(
    tmp_path: Path, text: str, position: tuple[int, int], message: str
) -> None:
    failure = error(tmp_path, text)
    assert ((failure.line, failure.column), failure.message) == (position, message)
    assert failure.name == str(tmp_path / "pyproject.toml")


def test_a_dotted_key_is_found_too(tmp_path: Path) -> None:
    failure = error(tmp_path, '[tool]\nvtlgw.select = ["VTL9"]\n')
    assert (failure.line, failure.column) == (2, 17)


def test_a_file_that_is_not_utf8_or_too_large(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_bytes(b"[tool.vtlgw]\nselect = ['\xff']\n")
    with pytest.raises(InputError) as caught:
        load_config(path, KNOWN)
    assert str(caught.value) == (
        f"{path}: the configuration file is not UTF-8 text (bad byte at offset 24)"
    )
    path.write_bytes(b"#" * (1024 * 1024 + 1))
    with pytest.raises(InputError) as caught:
        load_config(path, KNOWN)
    assert caught.value.message == "the configuration file is larger than 1,048,576 bytes"


# --- finding the file ------------------------------------------------------------------------


def test_the_closest_pyproject_with_the_table_is_found(tmp_path: Path) -> None:
    outer = write(tmp_path, "[tool.vtlgw]\n")
    write(tmp_path / "a", "[project]\nname = 'no table here'\n")
    (tmp_path / "a" / "b").mkdir()
    assert find_config(tmp_path / "a" / "b") == outer
    inner = write(tmp_path / "a", "[tool.vtlgw]\nselect = ['VTL1']\n")
    assert find_config(tmp_path / "a" / "b") == inner


def test_a_broken_pyproject_is_found_only_when_it_is_meant_for_vtlgw(tmp_path: Path) -> None:
    outer = write(tmp_path, "[tool.vtlgw]\n")
    broken = write(tmp_path / "a", "[project\nname = \n")
    assert find_config(tmp_path / "a") == outer  # someone else's broken file
    broken.write_text("[tool.vtlgw\nselect = []\n", "utf-8")
    assert find_config(tmp_path / "a") == broken  # ours: loading it reports the problem
    broken.write_bytes(b"[tool.vtlgw]\nx = '\xff'\n")
    assert find_config(tmp_path / "a") == broken


def test_no_configuration_anywhere(tmp_path: Path) -> None:
    write(tmp_path, "[project]\nname = 'x'\n")
    assert find_config(tmp_path) is None


# --- globs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glob", "matching", "not_matching"),
    [
        ("*.vtl", ["a.vtl", "x/y/a.vtl"], ["a.vm", "a.vtl.bak"]),
        ("connect?.vtl", ["ws/connect1.vtl"], ["connect.vtl", "connect12.vtl"]),
        ("[cd]*.vtl", ["connect.vtl", "x/default.vtl"], ["message.vtl"]),
        ("[!c]*.vtl", ["default.vtl"], ["connect.vtl"]),
        ("ws/*.vtl", ["ws/a.vtl"], ["ws/x/a.vtl", "other/ws/a.vtl", "a.vtl"]),
        ("ws/**/*.vtl", ["ws/a.vtl", "ws/x/y/a.vtl"], ["a.vtl", "wsx/a.vtl"]),
        ("ws/**", ["ws/a.vtl", "ws/x/a.vm"], ["ws"]),
        ("ws/", ["ws/a.vtl", "ws/x/a.vtl"], ["a.vtl"]),
        ("./ws/*.vtl", ["ws/a.vtl"], []),
        ("ws\\*.vtl", ["ws/a.vtl"], ["ws/x/a.vtl"]),
        ("**/legacy/*.vm", ["legacy/a.vm", "x/legacy/a.vm"], ["legacy/x/a.vm"]),
        ("WS/*.vtl", [], ["ws/a.vtl"]),  # case-sensitive
        ("a+b(1).vtl", ["a+b(1).vtl"], ["aab1.vtl"]),  # regex characters are literal
    ],
)
def test_globs(glob: str, matching: list[str], not_matching: list[str]) -> None:
    compiled = compile_glob(glob)
    for path in matching:
        assert compiled.matches(path, Path(path).name), path
    for path in not_matching:
        assert not compiled.matches(path, Path(path).name), path


def test_a_template_outside_the_root_matches_file_name_globs_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    config = load_config(
        write(
            project,
            '[tool.vtlgw.per-file-api]\n"*.vtl" = { api = "rest" }\n'
            '"ws/*.vtl" = { api = "websocket" }\n',
        ),
        KNOWN,
    )
    outside = tmp_path / "ws" / "a.vtl"
    monkeypatch.chdir(project)
    assert config.place(str(outside)) == (None, "a.vtl")
    assert config.place("../ws/a.vtl") == (None, "a.vtl")
    assert config.api_for(str(outside)) == ("rest", None)  # "ws/*.vtl" is project/ws only
    assert config.place("ws/a.vtl") == ("ws/a.vtl", "a.vtl")
    assert config.api_for("ws/a.vtl") == ("websocket", None)
    monkeypatch.chdir(project / "..")
    assert config.place("project/ws/a.vtl") == ("ws/a.vtl", "a.vtl")  # relative to the root


def test_a_root_reached_through_a_symbolic_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real"
    config_path = write(real, '[tool.vtlgw.per-file-api]\n"ws/*" = { api = "rest" }\n')
    link = tmp_path / "link"
    os.symlink(real, link)
    config = load_config(link / "pyproject.toml", KNOWN)
    monkeypatch.chdir(real)  # the working directory is the real path
    assert config_path.exists()
    assert config.place("ws/a.vtl") == ("ws/a.vtl", "a.vtl")
    assert config.api_for("ws/a.vtl") == ("rest", None)
