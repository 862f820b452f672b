"""Which files ``vtlgw lint`` reads, and how: folders, repeats, encodings, sizes, errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vtlgw.errors import InputError
from vtlgw.lint.files import (
    MAX_TEMPLATE_BYTES,
    decode_template,
    expand,
    read_template,
    template_files,
    unique,
)
from vtlgw.lint.tomlpos import decode_error


def test_expand_a_folder_sorted_skipping_what_is_not_a_template(tmp_path: Path) -> None:
    for name in ("b.vtl", "a/c.VM", "a/d.txt", ".git/e.vtl", "dist/f.vtl", "venv/g.vtl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    (tmp_path / "folder.vtl").mkdir()  # a folder named like a template is searched, not read
    (tmp_path / "folder.vtl" / "h.vtl").write_text("x", "utf-8")
    os.symlink(tmp_path / "b.vtl", tmp_path / "link.vtl")
    os.symlink(tmp_path / "a", tmp_path / "linked-folder")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand(str(tmp_path))]
    assert found == ["a/c.VM", "b.vtl", "folder.vtl/h.vtl"]


def test_expand_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        expand(str(tmp_path / "missing.vtl"))
    assert caught.value.message == "no such file or folder"
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as caught:
        expand(str(tmp_path / "empty"))
    assert caught.value.message.startswith("no .vtl or .vm templates in this folder")


def test_repeats_are_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.vtl").write_text("x", "utf-8")
    assert unique(["t.vtl", "./t.vtl", str(tmp_path / "t.vtl"), "u.vtl"]) == ["t.vtl", "u.vtl"]
    assert template_files(("t.vtl", ".")) == ["t.vtl"]


def test_decode_drops_a_bom_and_names_a_bad_byte() -> None:
    assert decode_template("\ufeffé\r\n".encode(), "t.vtl") == "é\r\n"
    with pytest.raises(InputError) as caught:
        decode_template(b"ok\r\nab\x80c\n", "t.vtl")
    error = caught.value
    assert (error.line, error.column, error.excerpt) == (2, 3, "ab\ufffdc\n  ^")


def test_too_large_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.vtl"
    with big.open("wb") as handle:
        handle.truncate(MAX_TEMPLATE_BYTES * 4)  # sparse: cheap to make
    with pytest.raises(InputError) as caught:
        read_template(str(big))
    assert caught.value.message.startswith("the template is larger than 8,388,608 bytes")
    big.write_bytes(b" " * MAX_TEMPLATE_BYTES)
    assert len(read_template(str(big))) == MAX_TEMPLATE_BYTES


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_template(str(tmp_path))  # a folder cannot be opened as a file
    assert str(caught.value) == f"{tmp_path}: cannot read the template: Is a directory"


def test_toml_errors_at_the_end_of_the_document() -> None:
    error = decode_error("Invalid value (at end of document)", "a = 1\nb = ", "p.toml")
    assert str(error) == "p.toml:2:5: not valid TOML: Invalid value\nb = \n    ^"
    error = decode_error("Something odd", "a", "p.toml")
    assert str(error) == "p.toml: not valid TOML: Something odd"
