"""Positioned YAML/JSON input files: strict, bounded reading and positions that survive `sub`."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw import document
from vtlgw.document import MAX_DEPTH, confined, load_document, parse_document, read_text_file
from vtlgw.errors import InputError
from vtlgw.jsondata import deeper_than


def _alias_bomb() -> str:
    """Nine levels of nine aliases: 9**9 (387 million) values once expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def _error(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse_document(text, name="in.yaml")
    return info.value


def test_an_alias_bomb_is_refused_at_the_alias_that_crosses_the_limit() -> None:
    error = _error(_alias_bomb())
    assert error.message == "YAML aliases expand to more than 100,000 values"
    assert (error.name, error.line, error.column) == ("in.yaml", 6, 10)
    assert error.source_line is not None and error.source_line.startswith("a5: &a5 [*a4")


def test_an_alias_bomb_file_names_the_file(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.vtlcase.yaml"
    bomb.write_text(_alias_bomb(), "utf-8")
    with pytest.raises(InputError) as info:
        load_document(bomb)
    assert str(info.value).startswith(
        f"{bomb}:6:10: YAML aliases expand to more than 100,000 values"
    )


def test_ordinary_anchors_aliases_and_merge_keys_still_work() -> None:
    text = (
        "defaults: &defaults\n"
        "  stage: prod\n"
        "  retries: 2\n"
        "first:\n"
        "  <<: *defaults\n"
        "  retries: 3\n"
        "second: *defaults\n"
    )
    doc = parse_document(text, name="in.yaml")
    assert doc.data == {
        "defaults": {"stage": "prod", "retries": 2},
        "first": {"stage": "prod", "retries": 3},
        "second": {"stage": "prod", "retries": 2},
    }
    # an aliased value is where its alias is written, the values in it where the anchor has them
    assert doc.marks[("second",)] == (7, 9)
    assert doc.marks[("second", "retries")] == (3, 12)
    assert doc.marks[("first", "retries")] == (6, 12)
    assert doc.marks[("first", "stage")] == (2, 10)
    assert doc.key_marks[("first", "retries")] == (6, 3)


def test_aliased_sequence_items_are_positioned_at_the_alias() -> None:
    doc = parse_document("a: &a {k: 1}\nlist:\n  - *a\n  - {k: 2}\n", name="in.yaml")
    assert doc.data["list"] == [{"k": 1}, {"k": 2}]
    assert doc.marks[("list", 0)] == (3, 5)
    assert doc.marks[("list", 0, "k")] == (1, 11)
    assert doc.marks[("list", 1)] == (4, 5)


def test_an_alias_inside_the_value_it_names_is_refused() -> None:
    error = _error("loop: &loop [1, *loop]\n")
    assert (error.message, error.line, error.column) == (
        "a YAML alias refers to a value that contains it",
        1,
        17,
    )


def test_too_many_values_are_refused_without_aliases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document, "MAX_VALUES", 5)
    assert parse_document("[a, b, c, d]", name="in.yaml").data == ["a", "b", "c", "d"]
    error = _error("[a, b, c, d, e]")
    assert (error.message, error.line, error.column) == (
        "the file holds more than 5 values",
        1,
        14,
    )


def test_a_hundred_thousand_levels_of_nesting_are_refused_at_the_level_too_deep() -> None:
    error = _error("[" * 100_000 + "]" * 100_000)
    assert (error.message, error.line, error.column) == (
        f"nested more than {MAX_DEPTH} levels deep",
        1,
        MAX_DEPTH + 1,
    )


def test_nesting_up_to_the_limit_loads() -> None:
    data = parse_document("[" * MAX_DEPTH + "]" * MAX_DEPTH, name="in.yaml").data
    assert deeper_than(data, MAX_DEPTH - 1) == (0,) * (MAX_DEPTH - 1)
    assert deeper_than(data, MAX_DEPTH) is None


def test_block_nesting_is_bounded_too() -> None:
    text = "".join(f"{'  ' * level}k{level}:\n" for level in range(MAX_DEPTH + 1)) + "  x\n"
    error = _error(text)
    assert error.message == f"nested more than {MAX_DEPTH} levels deep"
    assert error.line == MAX_DEPTH + 1


def test_a_ten_megabyte_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("body: " + "x" * 10_000_000 + "\n", "utf-8")
    with pytest.raises(InputError) as info:
        load_document(big)
    assert str(info.value) == f"{big}: the file is longer than 2,000,000 characters"


def test_duplicate_keys_are_refused_at_the_second_one() -> None:
    error = _error("expect:\n  status: 200\nexpect:\n  status: 500\n")
    assert (error.message, error.line, error.column) == (
        "duplicate key 'expect' (first at line 1)",
        3,
        1,
    )


def test_syntax_errors_and_multiple_documents_are_positioned() -> None:
    error = _error("a: [1, 2\nb: 3\n")
    assert error.message.startswith("not valid YAML/JSON: expected ',' or ']'")
    assert (error.line, error.column) == (2, 2)
    error = _error("a: 1\n---\nb: 2\n")
    assert error.message == "not valid YAML/JSON: but found another document"
    assert (error.line, error.column) == (2, 1)


def test_an_empty_file_is_null() -> None:
    doc = parse_document("# nothing\n", name="in.yaml")
    assert (doc.data, dict(doc.marks)) == (None, {})


def test_sub_documents_keep_key_positions_for_at_key_errors() -> None:
    doc = parse_document("cases:\n  - name: a\n    templte: x.vtl\n", name="in.yaml")
    sub = doc.sub(("cases", 0))
    assert sub.data == {"name": "a", "templte": "x.vtl"}
    with pytest.raises(InputError) as info:
        sub.check_keys((), sub.data, ("name", "template"))
    error = info.value
    assert error.message == (
        "cases[0].templte: unknown key (did you mean 'template'?); expected one of name, template"
    )
    assert (error.line, error.column) == (3, 5)
    value_error = sub.error(("templte",), "expected a path")
    assert (value_error.line, value_error.column) == (3, 14)


def test_a_latin1_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "case.yaml"
    bad.write_bytes(b"name: caf\xe9\n")
    with pytest.raises(InputError) as info:
        load_document(bad)
    assert str(info.value) == f"{bad}: file is not UTF-8 text (bad byte at offset 9)"


def test_a_file_with_a_utf8_bom_loads(tmp_path: Path) -> None:
    good = tmp_path / "case.yaml"
    good.write_bytes(b"\xef\xbb\xbfname: caf\xc3\xa9\n")
    doc = load_document(good)
    assert doc.data == {"name": "café"}
    assert doc.marks[("name",)] == (1, 7)


def test_read_text_file_reads_no_more_than_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text("x" * 11, "utf-8")
    assert read_text_file(path, "event file", limit=11) == "x" * 11
    with pytest.raises(InputError) as info:
        read_text_file(path, "event file", limit=10)
    assert str(info.value) == f"{path}: event file is larger than 10 bytes"


def test_read_text_file_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_text_file(tmp_path / "gone.yaml", "file")
    message = "cannot read file: No such file or directory"
    assert str(info.value) == f"{tmp_path / 'gone.yaml'}: {message}"


def test_bad_byte_offset_counts_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfok \xff")
    with pytest.raises(InputError, match=r"is not UTF-8 text \(bad byte at offset 6\)"):
        read_text_file(path, "file")


def test_a_file_named_in_a_file_must_stay_inside_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a file from a pull request must not make vtlgw read (and quote) any file on the machine
    project = tmp_path / "project"
    (project / "cases").mkdir(parents=True)
    outside = tmp_path / "secret.json"
    outside.write_text('{"token": "s3cret"}')
    (project / "cases" / "e.json").write_text("{}")
    monkeypatch.chdir(project)
    doc = parse_document("event: x\n", name="cases/c.yaml", base_dir=project / "cases")
    assert doc.resolve("e.json") == project / "cases" / "e.json"
    assert doc.resolve(str(project / "cases" / "e.json")) == project / "cases" / "e.json"
    for escape in ("../../secret.json", str(outside)):
        with pytest.raises(InputError) as info:
            doc.resolve(escape, at=("event",))
        assert (info.value.name, info.value.line, info.value.column) == ("cases/c.yaml", 1, 8)
        assert "is outside the folder of the file that names it and the working directory" in (
            info.value.message
        )


def test_a_symbolic_link_cannot_lead_out_of_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "secret.txt").write_text("s3cret")
    (project / "link.txt").symlink_to(tmp_path / "secret.txt")
    monkeypatch.chdir(project)
    with pytest.raises(InputError, match="outside the folder"):
        confined(project / "link.txt", named_in=project)
