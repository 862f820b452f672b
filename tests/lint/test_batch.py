"""Linting many files: per-file outcomes, in order, the same in worker processes as here."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from vtlgw.lint.batch import FILES_PER_WORKER, Job, Outcome, lint_paths, workers_for
from vtlgw.lint.config import LintConfig
from vtlgw.lint.linter import Linter
from vtlgw.lint.rules.syntax import LoaderDirective
from vtlgw.lint.selection import Selection

PARSE = "#parse cannot load another template on API Gateway (ref §5.1)"
needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork here"
)


def files(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for index in range(count):
        path = tmp_path / f"t{index:03d}.vtl"
        if index % 7 == 3:
            path.write_bytes(b"\xff")  # not UTF-8
        else:
            path.write_text("#parse('x')\n" if index % 2 else "{}\n", "utf-8")
        paths.append(str(path))
    return paths


def summary(outcomes: list[Outcome]) -> list[tuple[str, list[str], bool]]:
    return [
        (Path(o.name).name, [f"{f.location}: {f.code}" for f in o.findings], o.error is not None)
        for o in outcomes
    ]


JOB = Job(Linter(Selection(select=("VTL104",))), LintConfig())


@needs_fork
def test_workers_give_the_same_outcomes_in_the_same_order(tmp_path: Path) -> None:
    paths = files(tmp_path, 40)
    serial = list(lint_paths(JOB, paths, workers=1))
    parallel = list(lint_paths(JOB, paths, workers=2))
    assert parallel == serial
    assert summary(serial)[:4] == [
        ("t000.vtl", [], False),
        ("t001.vtl", [f"{paths[1]}:1:1: VTL104"], False),
        ("t002.vtl", [], False),
        ("t003.vtl", [], True),
    ]
    assert serial[3].error == (
        f"{paths[3]}:1:1: the template is not UTF-8 text: byte 0xff here is not UTF-8; API "
        "Gateway stores mapping templates as UTF-8, so save the file as UTF-8\n\ufffd\n^"
    )
    assert serial[1].findings[0].message == PARSE


@needs_fork
def test_a_bug_in_a_worker_is_an_outcome(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: LoaderDirective, node: object) -> None:
        raise ValueError(f"boom in {os.getpid()}")

    monkeypatch.setattr(LoaderDirective, "visit_Parse", broken)
    outcomes = list(lint_paths(JOB, files(tmp_path, 40), workers=2))
    assert outcomes[0] == Outcome(outcomes[0].name)
    bugs = {outcome.bug for outcome in outcomes if outcome.bug}
    assert len(bugs) >= 1
    assert f"ValueError: boom in {os.getpid()}" not in bugs  # linted by worker processes


def test_with_a_traceback_wanted_a_bug_propagates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: LoaderDirective, node: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(LoaderDirective, "visit_Parse", broken)
    with pytest.raises(ValueError, match="boom"):
        list(lint_paths(JOB, files(tmp_path, 40), workers=2, show_traceback=True))


def test_how_many_workers() -> None:
    assert workers_for(1000, 1) == 1
    assert workers_for(FILES_PER_WORKER - 1, 0) == 1  # few files are linted here
    assert workers_for(FILES_PER_WORKER * 3, 8) <= 3
    assert workers_for(1000, 0) == (
        len(os.sched_getaffinity(0)) if "fork" in multiprocessing.get_all_start_methods() else 1
    )


def test_the_command_line_api_replaces_the_configured_one() -> None:
    assert Job(JOB.linter, LintConfig(), api="rest").where("x.vtl") == ("rest", None)
    assert Job(JOB.linter, LintConfig(), route="$connect").where("x.vtl") == (
        "websocket",
        "$connect",
    )
    assert JOB.where("x.vtl") == (None, None)
